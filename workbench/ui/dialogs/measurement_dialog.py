"""Record a KPI measurement: the value, then Enter (the date is today unless changed)."""

from __future__ import annotations

from datetime import date

from workbench.core.pilot import Kpi, Measurement
from workbench.core.pilot_metrics import latest
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class MeasurementDialog(PilotForm[Measurement]):
    def __init__(self, kpi: Kpi, today: date, check: Check[Measurement] | None = None) -> None:
        super().__init__(check)
        self.kpi = kpi
        self.today = today

    def heading(self) -> str:
        return self.t("pilots.measure.title", kpi=self.kpi.name)

    def introduction(self) -> str:
        i18n = self.workbench.i18n
        kpi = self.kpi
        last = latest(kpi)
        return self.t(
            "pilots.measure.intro",
            level=self.t(f"pilots.level.{kpi.level.value}"),
            unit=kpi.unit or "—",
            baseline=i18n.smart(kpi.baseline),
            target=i18n.smart(kpi.target),
            latest=f"{i18n.smart(last.value)} ({last.on.isoformat()})" if last else "—",
        )

    def fields(self) -> list[FormField]:
        return [
            FormField("value", self.t("pilots.measure.value"), placeholder=self.kpi.unit or ""),
            FormField(
                "on",
                self.t("pilots.form.date"),
                self.today.isoformat(),
                self.t("pilots.form.date_placeholder"),
            ),
            FormField(
                "note", self.t("pilots.form.note"), placeholder=self.t("pilots.form.optional")
            ),
        ]

    def build(self) -> Measurement | None:
        value = self.number("value", required=True)
        on = self.day("on", required=True)
        note = self.text("note")
        if value is None or on is None:
            return None
        return Measurement(on=on, value=value, note=note)
