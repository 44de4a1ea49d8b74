"""A phase's dates, status and budget (its gate has its own dialog)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from workbench.core.pilot import Phase, PhaseStatus
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm

DATES = ("planned_start", "planned_end", "actual_start", "actual_end")
BUDGETS = ("budget_planned", "budget_spent")


class PhaseDialog(PilotForm[Phase]):
    def __init__(self, phase: Phase, currency: str, check: Check[Phase] | None = None) -> None:
        super().__init__(check)
        self.phase = phase
        self.currency = currency

    def heading(self) -> str:
        return self.t(
            "pilots.phase_form.title", phase=self.t(f"pilots.phase.{self.phase.kind.value}")
        )

    def fields(self) -> list[FormField]:
        phase = self.phase
        statuses = [(self.t(f"pilots.phase_status.{s.value}"), s.value) for s in PhaseStatus]
        money = self.t("pilots.form.amount_placeholder", currency=self.currency)

        def shown(value: date | Decimal | None) -> str:
            if value is None:
                return ""
            return value.isoformat() if isinstance(value, date) else format(value, "f")

        items = [
            FormField(
                "status", self.t("pilots.report.status"), phase.status.value, options=statuses
            )
        ]
        items += [
            FormField(
                key,
                self.t(f"pilots.phase_form.{key}"),
                shown(getattr(phase, key)),
                self.t("pilots.form.date_placeholder"),
            )
            for key in DATES
        ]
        items += [
            FormField(key, self.t(f"pilots.phase_form.{key}"), shown(getattr(phase, key)), money)
            for key in BUDGETS
        ]
        return items

    def build(self) -> Phase | None:
        status = self.choice("status")
        dates = {key: self.day(key) for key in DATES}
        budgets = {key: self.amount(key, self.currency) for key in BUDGETS}
        if status is None or self._errors:
            return None
        data = {name: getattr(self.phase, name) for name in Phase.model_fields}
        data.update(dates)
        data.update(budgets)
        data["status"] = PhaseStatus(status)
        return Phase.model_validate(data)
