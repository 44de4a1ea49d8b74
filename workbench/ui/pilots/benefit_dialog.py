"""Add or edit a monetised benefit, with how it was valued."""

from __future__ import annotations

from datetime import date

from workbench.core.pilot import Benefit
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class BenefitDialog(PilotForm[Benefit]):
    def __init__(
        self,
        currency: str,
        today: date,
        check: Check[Benefit] | None = None,
        benefit: Benefit | None = None,
    ) -> None:
        super().__init__(check)
        self.currency = currency
        self.today = today
        self.benefit = benefit

    def heading(self) -> str:
        if self.benefit is None:
            return self.t("pilots.benefit.title")
        return self.t("pilots.benefit.edit_title", label=self.benefit.label)

    def introduction(self) -> str:
        return self.t("pilots.benefit.intro")

    def fields(self) -> list[FormField]:
        money = self.t("pilots.form.amount_placeholder", currency=self.currency)
        b = self.benefit
        return [
            FormField("label", self.t("pilots.report.label"), b.label if b else ""),
            FormField(
                "amount", self.t("pilots.report.amount"), self.typed(b.amount if b else None), money
            ),
            FormField(
                "basis",
                self.t("pilots.benefit.basis"),
                (b.basis or "") if b else "",
                placeholder=self.t("pilots.benefit.basis_placeholder"),
            ),
            FormField(
                "on",
                self.t("pilots.form.date"),
                self.day_text(b.on) if b else self.today.isoformat(),
                self.t("pilots.form.date_placeholder"),
            ),
        ]

    def build(self) -> Benefit | None:
        label = self.text("label", required=True)
        amount = self.amount("amount", self.currency, required=True)
        basis = self.text("basis", required=True)
        on = self.day("on")
        if label is None or amount is None or self._errors:
            return None
        return Benefit(
            **({"id": self.benefit.id} if self.benefit else {}),
            label=label,
            amount=amount,
            basis=basis,
            on=on,
        )
