"""A multi-line editor for a reason: Enter saves, ctrl+j starts a new line.

Pasted text is kept exactly as it was copied (new lines, tabs, joiners), or refused whole,
with a message, when it holds a control character: a pasted escape sequence must neither
reach the terminal nor be saved as something else than what was copied.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

from workbench.core.text import has_control
from workbench.ui.typeahead import run_own_binding


class ReasonEditor(TextArea):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+j", "new_line", "scoring.reason.new_line", id="reason-new-line"),
    ]

    class Submitted(Message):
        """Enter was pressed: the dialog saves."""

        def __init__(self, editor: ReasonEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> ReasonEditor:
            return self.editor

    class PasteRefused(Message):
        """A paste held control characters: nothing was inserted; the dialog says why."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
            return
        if await run_own_binding(self, event):
            return
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")  # terminals paste \r
        if has_control(text, allow_newlines=True):
            self.app.bell()
            self.post_message(self.PasteRefused())
            return
        result = self.replace(text, *self.selection)
        self.move_cursor(result.end_location)
        self.focus()

    def action_new_line(self) -> None:
        self.replace("\n", *self.selection)
