"""The one-line text field of the workbench: control characters drawn, and said, never sent.

A pasted escape sequence ("\\x1b]52;c;…\\x07") or a value read from the data file would
otherwise reach the terminal as it is drawn. ``SafeInput`` draws each such character as
one visible symbol (␛, ␇, ↵: the cursor still counts characters), keeps a multi-line paste
whole instead of silently keeping its first line, and says in the field, after the text,
why it will be refused (the form refuses it again, beside the field, on saving).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.widgets import Input

from workbench.core.text import has_control, visible_in_place
from workbench.ui.typeahead import run_own_binding


class SafeInput(Input):
    """An ``Input`` whose value is drawn inert; every field of the workbench is one."""

    DEFAULT_CSS = """
    SafeInput.-controls { border: tall $error; }
    SafeInput.-controls:focus { border: tall $error; }
    """

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(visible_in_place(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        if self.has_class("-controls"):
            words = getattr(self.app, "i18n", None)
            if words is not None:
                text.append(f"  {words('errors.control_chars_field')}", style="bold reverse")
        return text

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)  # Input's own handler follows unless it ran

    def _on_paste(self, event: events.Paste) -> None:
        """All of a paste, new lines included: drawn as ␤ and refused with a reason, rather
        than only its first line kept without a word."""
        if event.text:
            text = event.text.replace("\r\n", "\n")
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.show_controls(value)

    def show_controls(self, value: str) -> None:
        """The field says, after its text, when it holds characters no form will accept."""
        controls = has_control(value)
        if controls != self.has_class("-controls"):
            self.set_class(controls, "-controls")
            self.virtual_size = Size(self.content_width, 1)
            self.refresh()

    def on_mount(self) -> None:
        self.show_controls(self.value)
