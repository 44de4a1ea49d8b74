"""When a score is not known yet: the range it will fall in ("2-4"), or empty to clear it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from workbench.ui.dialogs.base import Dialog
from workbench.ui.widgets.safe_input import SafeInput

RANGE = re.compile(r"^\s*([1-5])\s*[-–à]\s*([1-5])\s*$")


def parse_range(text: str) -> tuple[int, int] | None:
    """'2-4' -> (2, 4), and '4-2' too; ValueError when it is not a range of scores 1-5."""
    if not text.strip():
        return None
    match = RANGE.match(text)
    if match is None:
        raise ValueError("format")
    low, high = sorted((int(match.group(1)), int(match.group(2))))
    return low, high  # 4-2 is taken as 2-4


@dataclass(frozen=True, slots=True)
class RangeChoice:
    """The range entered; ``bounds`` None clears it. Esc dismisses with no choice at all."""

    bounds: tuple[int, int] | None


class RangeDialog(Dialog[RangeChoice]):
    def __init__(self, criterion: str, current: tuple[int, int] | None) -> None:
        super().__init__()
        self.criterion = criterion
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.t("scoring.range.title", criterion=self.criterion)
            box.border_subtitle = self.t("scoring.reason.keys")
            yield Static(Text(self.t("scoring.range.hint")), classes="dialog-hint")
            value = f"{self.current[0]}-{self.current[1]}" if self.current else ""
            yield SafeInput(value, placeholder="2-4", id="range", select_on_focus=False)
            yield Static("", classes="field-error", id="range-error")

    @on(Input.Submitted, "#range")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            bounds = parse_range(self.query_one("#range", Input).value)
        except ValueError as error:
            message = self.t(f"scoring.range.error_{error}")
            self.query_one("#range-error", Static).update(Text(message))
            return
        self.dismiss(RangeChoice(bounds))
