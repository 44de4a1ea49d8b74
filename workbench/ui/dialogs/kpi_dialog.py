"""Add a KPI: its name, Kirkpatrick level, unit, direction, baseline and target."""

from __future__ import annotations

from workbench.core.pilot import Direction, Kpi, KpiLevel
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class KpiDialog(PilotForm[Kpi]):
    def __init__(self, check: Check[Kpi] | None = None) -> None:
        super().__init__(check)

    def heading(self) -> str:
        return self.t("pilots.kpi.title")

    def introduction(self) -> str:
        return self.t("pilots.kpi.intro")

    def fields(self) -> list[FormField]:
        levels = [(self.t(f"pilots.level.{level.value}"), level.value) for level in KpiLevel]
        directions = [(self.t(f"pilots.direction.{d.value}"), d.value) for d in Direction]
        return [
            FormField("name", self.t("pilots.report.kpi")),
            FormField(
                "level", self.t("pilots.report.level"), KpiLevel.BEHAVIOUR.value, options=levels
            ),
            FormField(
                "unit", self.t("pilots.report.unit"), placeholder=self.t("pilots.form.optional")
            ),
            FormField(
                "direction",
                self.t("pilots.report.direction"),
                Direction.HIGHER.value,
                options=directions,
            ),
            FormField("baseline", self.t("pilots.report.baseline")),
            FormField("target", self.t("pilots.report.target")),
        ]

    def build(self) -> Kpi | None:
        name = self.text("name", required=True)
        level = self.choice("level")
        unit = self.text("unit")
        direction = self.choice("direction")
        baseline = self.number("baseline", required=True)
        target = self.number("target", required=True)
        if (
            name is None
            or level is None
            or direction is None
            or baseline is None
            or target is None
            or self._errors
        ):
            return None
        return Kpi(
            name=name,
            level=KpiLevel(level),
            unit=unit,
            direction=Direction(direction),
            baseline=baseline,
            target=target,
        )
