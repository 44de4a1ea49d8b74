"""The frame every dialog of the workbench shares: a centred box, Esc to cancel."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType

from workbench.ui.bindings import TranslatedModalScreen
from workbench.ui.context import WorkbenchNode

ResultType = TypeVar("ResultType")


class Dialog(WorkbenchNode, TranslatedModalScreen[ResultType]):
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > .dialog {
        width: 90%;
        max-width: 84;
        height: auto;
        max-height: 90%;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-hint {
        color: $text-muted;
    }
    Dialog .field-error {
        color: $text-error;
        height: auto;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "dialog.cancel", id="dialog-cancel"),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)
