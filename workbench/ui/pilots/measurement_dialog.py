"""Record a KPI measurement: the value, then Enter (the date is today unless changed);
or correct one already recorded."""

from __future__ import annotations

from datetime import date

from workbench.core.pilot import Kpi, Measurement
from workbench.core.pilot_metrics import latest
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class MeasurementDialog(PilotForm[Measurement]):
    def __init__(
        self,
        kpi: Kpi,
        today: date,
        check: Check[Measurement] | None = None,
        measurement: Measurement | None = None,
    ) -> None:
        super().__init__(check)
        self.kpi = kpi
        self.today = today
        self.measurement = measurement

    def heading(self) -> str:
        key = "pilots.measure.title" if self.measurement is None else "pilots.measure.edit_title"
        return self.t(key, kpi=self.kpi.name)

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
        m = self.measurement
        return [
            FormField(
                "value",
                self.t("pilots.measure.value"),
                self.typed(m.value if m else None),
                placeholder=self.kpi.unit or "",
            ),
            FormField(
                "on",
                self.t("pilots.form.date"),
                (m.on if m else self.today).isoformat(),
                self.t("pilots.form.date_placeholder"),
            ),
            FormField(
                "note",
                self.t("pilots.form.note"),
                (m.note or "") if m else "",
                placeholder=self.t("pilots.form.optional"),
            ),
        ]

    def build(self) -> Measurement | None:
        value = self.number("value", required=True)
        on = self.day("on", required=True)
        note = self.text("note")
        if value is None or on is None:
            return None
        if self.measurement is not None:
            return Measurement(id=self.measurement.id, on=on, value=value, note=note)
        return Measurement(on=on, value=value, note=note)
