"""Add or edit a cost: fees or other costs as an amount, time as hours x hourly cost."""

from __future__ import annotations

from datetime import date

from workbench.core.pilot import Cost, CostKind
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class CostDialog(PilotForm[Cost]):
    def __init__(
        self,
        currency: str,
        today: date,
        check: Check[Cost] | None = None,
        cost: Cost | None = None,
    ) -> None:
        super().__init__(check)
        self.currency = currency
        self.today = today
        self.cost = cost

    def heading(self) -> str:
        if self.cost is None:
            return self.t("pilots.cost.title")
        return self.t("pilots.cost.edit_title", label=self.cost.label)

    def introduction(self) -> str:
        return self.t("pilots.cost.intro", currency=self.currency)

    def fields(self) -> list[FormField]:
        kinds = [(self.t(f"pilots.cost_kind.{k.value}"), k.value) for k in CostKind]
        money = self.t("pilots.form.amount_placeholder", currency=self.currency)
        c = self.cost
        return [
            FormField(
                "kind",
                self.t("pilots.cost.kind"),
                (c.kind if c else CostKind.FEES).value,
                options=kinds,
            ),
            FormField("label", self.t("pilots.report.label"), c.label if c else ""),
            FormField(
                "amount", self.t("pilots.cost.amount"), self.typed(c.amount if c else None), money
            ),
            FormField(
                "hours", self.t("pilots.cost.hours"), self.typed(c.hours if c else None), "12,5"
            ),
            FormField(
                "hourly_cost",
                self.t("pilots.cost.hourly_cost"),
                self.typed(c.hourly_cost if c else None),
                money,
            ),
            FormField(
                "on",
                self.t("pilots.form.date"),
                self.day_text(c.on) if c else self.today.isoformat(),
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
        return Cost(
            **({"id": self.cost.id} if self.cost else {}),
            kind=kind,
            label=label,
            amount=amount,
            hours=hours,
            hourly_cost=hourly,
            on=on,
        )
