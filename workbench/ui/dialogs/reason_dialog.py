"""Write why a criterion got its score (one line, shown in the grid)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from workbench.ui.dialogs.base import Dialog

MAX_REASON = 500


class ReasonDialog(Dialog[str]):
    def __init__(self, criterion: str, question: str, reason: str) -> None:
        super().__init__()
        self.criterion = criterion
        self.question = question
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.t("scoring.reason.title", criterion=self.criterion)
            box.border_subtitle = self.t("scoring.reason.keys")
            yield Static(Text(self.question), classes="dialog-hint")
            yield Input(
                self.reason,
                placeholder=self.t("scoring.reason.placeholder"),
                max_length=MAX_REASON,
                id="reason",
                select_on_focus=False,
            )

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())
