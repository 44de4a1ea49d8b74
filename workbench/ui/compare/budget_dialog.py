"""The budget of the portfolio: amount and currency, the goal, an optional seat or hours cap."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from workbench.core.portfolio import Cap, CapKind, Goal
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_text
from workbench.ui.widgets.safe_input import SafeInput

CURRENCY = re.compile(r"^[A-Za-z]{3}$")
MAX_AMOUNT = Decimal(10) ** 12


@dataclass(frozen=True, slots=True)
class BudgetChoice:
    amount: Decimal
    currency: str
    goal: Goal = Goal.SCORE
    cap: Cap | None = None
    step: Decimal | None = None


BudgetKey = tuple[Decimal, str, Goal, Cap | None, Decimal | None]
"""What a portfolio depends on besides the data: amount, currency, goal, cap, step."""


def budget_key(choice: BudgetChoice) -> BudgetKey:
    return (choice.amount, choice.currency.upper(), choice.goal, choice.cap, choice.step)


def parse_amount(text: str, *, required: bool = True) -> Decimal | None:
    """'12 000,50' -> 12000.50; ValueError('format' | 'negative' | 'required' | 'large')."""
    cleaned = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        if required:
            raise ValueError("required")
        return None
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("format") from None
    if not value.is_finite():
        raise ValueError("format")
    if value < 0:
        raise ValueError("negative")
    if value > MAX_AMOUNT:
        raise ValueError("large")
    return value


class BudgetDialog(Dialog[BudgetChoice]):
    DEFAULT_CSS = """
    BudgetDialog Label { margin: 1 0 0 0; color: $text-accent; }
    BudgetDialog Input, BudgetDialog Select { width: 100%; }
    BudgetDialog .field-error:empty { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "dialog.save", id="budget-save"),
    ]

    def __init__(self, current: BudgetChoice) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        t = self.t
        current = self.current
        with Vertical(classes="dialog") as box:
            box.border_title = t("compare.budget.title")
            box.border_subtitle = t("compare.budget.keys")
            yield Static(Text(t("compare.budget.hint")), classes="dialog-hint")
            yield Label(Text(t("compare.budget.amount")))
            yield SafeInput(
                self.workbench.i18n.smart(current.amount), id="budget-amount", compact=True
            )
            yield Static("", classes="field-error", id="budget-amount-error")
            yield Label(Text(t("compare.budget.currency")))
            yield SafeInput(current.currency, id="budget-currency", max_length=3, compact=True)
            yield Static("", classes="field-error", id="budget-currency-error")
            yield Label(Text(t("compare.budget.goal")))
            yield Select(
                [(t(f"compare.goal.{goal.value}"), goal.value) for goal in Goal],
                value=current.goal.value,
                allow_blank=False,
                compact=True,
                id="budget-goal",
            )
            yield Label(Text(t("compare.budget.cap")))
            yield Select(
                [(t("compare.cap.none"), "none")]
                + [(t(f"compare.cap.{kind.value}"), kind.value) for kind in CapKind],
                value=current.cap.kind.value if current.cap else "none",
                allow_blank=False,
                compact=True,
                id="budget-cap-kind",
            )
            limit = self.workbench.i18n.smart(current.cap.limit) if current.cap else ""
            yield SafeInput(
                limit,
                placeholder=t("compare.budget.cap_placeholder"),
                id="budget-cap",
                compact=True,
            )
            yield Static("", classes="field-error", id="budget-cap-error")
            yield Label(Text(t("compare.budget.step")))
            step = self.workbench.i18n.smart(current.step) if current.step else ""
            yield SafeInput(
                step,
                placeholder=t("compare.budget.step_placeholder"),
                id="budget-step",
                compact=True,
            )
            yield Static("", classes="field-error", id="budget-step-error")

    def _error(self, field: str, key: str | None) -> None:
        message = self.t(f"compare.budget.error_{key}") if key else ""
        self.query_one(f"#budget-{field}-error", Static).update(safe_text(message, one_line=False))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        values = {
            field: self.query_one(f"#budget-{field}", Input).value
            for field in ("amount", "currency", "cap", "step")
        }
        ok = True
        amount = step = limit = None
        for field in ("amount", "currency", "cap", "step"):
            self._error(field, None)
        try:
            amount = parse_amount(values["amount"])
        except ValueError as error:
            self._error("amount", str(error))
            ok = False
        currency = values["currency"].strip().upper()
        if not CURRENCY.match(currency):
            self._error("currency", "currency")
            ok = False
        kind = self.query_one("#budget-cap-kind", Select).value
        if kind != "none":
            try:
                limit = parse_amount(values["cap"])
            except ValueError as error:
                self._error("cap", str(error))
                ok = False
        try:
            step = parse_amount(values["step"], required=False)
        except ValueError as error:
            self._error("step", str(error))
            ok = False
        if step is not None and step == 0:
            step = None
        if not ok or amount is None:
            return
        goal = Goal(str(self.query_one("#budget-goal", Select).value))
        cap = Cap(CapKind(str(kind)), limit) if kind != "none" and limit is not None else None
        self.dismiss(BudgetChoice(amount, currency, goal, cap, step))
