"""Add a cost: fees or other costs as an amount, time as hours x hourly cost."""

from __future__ import annotations

from datetime import date

from workbench.core.pilot import Cost, CostKind
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class CostDialog(PilotForm[Cost]):
    def __init__(self, currency: str, today: date, check: Check[Cost] | None = None) -> None:
        super().__init__(check)
        self.currency = currency
        self.today = today

    def heading(self) -> str:
        return self.t("pilots.cost.title")

    def introduction(self) -> str:
        return self.t("pilots.cost.intro", currency=self.currency)

    def fields(self) -> list[FormField]:
        kinds = [(self.t(f"pilots.cost_kind.{k.value}"), k.value) for k in CostKind]
        money = self.t("pilots.form.amount_placeholder", currency=self.currency)
        return [
            FormField("kind", self.t("pilots.cost.kind"), CostKind.FEES.value, options=kinds),
            FormField("label", self.t("pilots.report.label")),
            FormField("amount", self.t("pilots.cost.amount"), placeholder=money),
            FormField("hours", self.t("pilots.cost.hours"), placeholder="12,5"),
            FormField("hourly_cost", self.t("pilots.cost.hourly_cost"), placeholder=money),
            FormField(
                "on",
                self.t("pilots.form.date"),
                self.today.isoformat(),
                self.t("pilots.form.date_placeholder"),
            ),
        ]

    def build(self) -> Cost | None:
        kind_value = self.choice("kind")
        label = self.text("label", required=True)
        on = self.day("on")
        kind = CostKind(kind_value) if kind_value else None
        amount = hours = hourly = None
        if kind is CostKind.HOURS:
            hours = self.amount("hours", "", required=True)
            hourly = self.amount("hourly_cost", self.currency, required=True)
            if self.raw("amount").strip():
                self.error("amount", self.t("errors.hours_amount"))
        elif kind is not None:
            amount = self.amount("amount", self.currency, required=True)
        if kind is None or label is None or self._errors:
            return None
        return Cost(kind=kind, label=label, amount=amount, hours=hours, hourly_cost=hourly, on=on)
