"""The frame every dialog of the workbench shares: a centred box, Esc to cancel."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType

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
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "dialog.cancel", id="dialog-cancel"),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)
