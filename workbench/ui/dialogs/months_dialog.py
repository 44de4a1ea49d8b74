"""How many months of a subscription an assessment (or a pilot) counts: a whole number
from 1 to 120, or empty for the programme's typical number."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from workbench.core.rules import MAX_MONTHS
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_str
from workbench.ui.widgets.safe_input import SafeInput


def parse_months(text: str) -> int | None:
    """'3' -> 3, '' -> None; ValueError('format' | 'range') otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValueError("format")
    months = int(cleaned)
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError("range")
    return months


@dataclass(frozen=True, slots=True)
class MonthsChoice:
    """The months entered; None: the programme's typical number. Esc gives no choice."""

    months: int | None


class MonthsDialog(Dialog[MonthsChoice]):
    def __init__(
        self, name: str, current: int | None, typical: int | None, *, pilot: bool = False
    ) -> None:
        """``name``: the programme's (or the pilot's, when ``pilot``) as stored."""
        super().__init__()
        self.shown_name = name
        self.pilot = pilot
        self.current = current
        self.typical = typical

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog") as box:
            key = "money.months.pilot_title" if self.pilot else "money.months.title"
            box.border_title = t(key, name=safe_str(self.shown_name, limit=60))
            box.border_subtitle = t("money.months.keys")
            typical = (
                t("money.months.typical", months=self.typical)
                if self.typical is not None
                else t("money.months.no_typical")
            )
            yield Static(Text(t("money.months.hint", typical=typical)), classes="dialog-hint")
            value = str(self.current) if self.current is not None else ""
            yield SafeInput(value, placeholder="3", id="months", max_length=3)
            yield Static("", classes="field-error", id="months-error")

    @on(Input.Submitted, "#months")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            months = parse_months(self.query_one("#months", Input).value)
        except ValueError as error:
            message = self.t(f"money.months.error_{error}", most=MAX_MONTHS)
            self.query_one("#months-error", Static).update(Text(message))
            return
        self.dismiss(MonthsChoice(months))
