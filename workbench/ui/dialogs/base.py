"""The frame and the behaviour every dialog of the workbench shares.

A centred box; Esc cancels, and asks "Discard the changes?" first when a field was changed;
ctrl+s saves; Tab moves to the next field at once, so keys typed ahead land in the field
they were typed for; focusing a field never selects its text (typing would replace it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, TypeVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Select

from workbench.ui.bindings import TranslatedModalScreen
from workbench.ui.context import WorkbenchNode

ResultType = TypeVar("ResultType")

DIALOG_CSS = """
    align: center middle;
    & > Vertical {
        width: 90%;
        max-width: 72;
        height: auto;
        max-height: 90%;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    & .-danger {
        border: round $error;
    }
    & .dialog-message {
        margin: 1 0 0 0;
    }
    & .dialog-details {
        color: $text-muted;
        padding: 0 0 0 2;
    }
    & .dialog-buttons {
        height: auto;
        align: right middle;
        margin: 1 0 0 0;
    }
    & .dialog-buttons > Button {
        margin: 0 0 0 2;
        min-width: 10;
    }
"""


class Dialog(WorkbenchNode, TranslatedModalScreen[ResultType]):
    DEFAULT_CSS = (
        "Dialog {"
        + DIALOG_CSS
        + """}
    Dialog > .dialog { max-width: 84; }
    Dialog .dialog-hint { color: $text-muted; }
    Dialog .field-error { color: $text-error; height: auto; }
    /* The focused field's label in reverse video: seen in every theme, 16 colours and
       NO_COLOR, at the contrast of the label's own text. */
    Dialog Label.-focused-field { text-style: reverse bold; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "dialog.cancel", id="dialog-cancel"),
        Binding("ctrl+s", "save", "dialog.save", id="dialog-save"),
        # Priority: the focus moves when the key arrives, not after the field handled it,
        # so the keys typed after a Tab go to the next field even in one fast burst.
        Binding("tab", "app.focus_next", show=False, priority=True, id="dialog-next-field"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            show=False,
            priority=True,
            id="dialog-previous-field",
        ),
    ]
    ASK_BEFORE_DISCARDING: ClassVar[bool] = True
    """Esc asks before closing when a field changed (pickers and questions do not ask)."""

    _initial_fields: dict[str, object] | None = None
    _shown_once = False
    _marked_label: Widget | None = None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the label of the field that has the focus (``label-KEY`` beside ``field-KEY``):
        a text cursor alone is easy to lose in a form of twenty fields."""
        label: Widget | None = None
        for node in (event.widget, *event.widget.ancestors):
            node_id = getattr(node, "id", None) or ""
            if node_id.startswith("field-"):
                found = self.query(f"#label-{node_id.removeprefix('field-')}")
                label = found.first() if found else None
                break
            if node is self:
                break
        if label is self._marked_label:
            return
        if self._marked_label is not None:
            self._marked_label.remove_class("-focused-field")
        if label is not None:
            label.add_class("-focused-field")
        self._marked_label = label

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler. When the dialog first shows, every widget was
        # styled as it was mounted: restyling the whole dialog again costs a fifth of its
        # opening. Later (back from a question on top of it) Textual restyles as usual.
        if not self._shown_once:
            self._shown_once = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        # Runs after the subclass's own on_mount (Textual calls each class's handler).
        self._initial_fields = self.field_values()
        self.call_after_refresh(self._see_fields)

    def _see_fields(self) -> dict[str, object]:
        """The current values, remembering as initial those of fields not seen before
        (the fields inside rows and grids are mounted after the dialog itself)."""
        current = self.field_values()
        if self._initial_fields is None:
            self._initial_fields = {}
        for key, value in current.items():
            self._initial_fields.setdefault(key, value)
        return current

    def field_values(self) -> dict[str, object]:
        """The value of every field with an id: what "something changed" compares."""
        from textual.widgets import Checkbox, Switch, TextArea  # see ui/preload.py

        values: dict[str, object] = {}
        for widget in self.query("*"):
            if widget.id is None:
                continue
            if isinstance(widget, Input):
                values[widget.id] = widget.value
            elif isinstance(widget, TextArea):
                values[widget.id] = widget.text
            elif isinstance(widget, Select | Checkbox | Switch):
                values[widget.id] = widget.value
        return values

    @property
    def changed(self) -> bool:
        """Whether a field differs from what the dialog opened with."""
        current = self._see_fields()
        assert self._initial_fields is not None
        return any(current.get(key) != value for key, value in self._initial_fields.items())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return type(self).action_save is not Dialog.action_save
        return True

    def action_save(self) -> None:
        """Check the fields and save (dialogs that save something override it)."""

    def action_cancel(self) -> None:
        if not (self.ASK_BEFORE_DISCARDING and self.changed):
            self.dismiss(None)
            return
        from workbench.ui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog(
                self.t("dialog.discard.title"),
                self.t("dialog.discard.message"),
                confirm_label=self.t("dialog.discard.confirm"),
                cancel_label=self.t("dialog.discard.keep"),
                danger=True,
            ),
            self._discard,
        )

    def _discard(self, yes: bool | None) -> None:
        if yes:
            self.dismiss(None)

    def focus_first(self, wrong: Iterable[Widget]) -> bool:
        """Put the focus on the first wrong field (in the dialog's order); False if none."""
        wrong = set(wrong)
        for widget in self.query("*"):
            if widget in wrong and widget.focusable:
                widget.focus()
                widget.scroll_visible()
                return True
        return False
