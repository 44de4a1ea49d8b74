"""A multi-line editor for a reason: Enter saves, ctrl+j starts a new line.

Pasted text keeps its new lines; control characters in it show as their visible symbols
(a pasted escape sequence must not reach the terminal, and shows as what it is).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

from workbench.core.text import visible


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

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
            return
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        text = visible(event.text.replace("\r\n", "\n"), one_line=False)
        result = self.replace(text, *self.selection)
        self.move_cursor(result.end_location)
        self.focus()

    def action_new_line(self) -> None:
        self.replace("\n", *self.selection)
