"""Add or edit a KPI: its name, Kirkpatrick level, unit, direction, baseline and target."""

from __future__ import annotations

from workbench.core.pilot import Direction, Kpi, KpiLevel
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class KpiDialog(PilotForm[Kpi]):
    def __init__(self, check: Check[Kpi] | None = None, kpi: Kpi | None = None) -> None:
        super().__init__(check)
        self.kpi = kpi

    def heading(self) -> str:
        if self.kpi is None:
            return self.t("pilots.kpi.title")
        return self.t("pilots.kpi.edit_title", name=self.kpi.name)

    def introduction(self) -> str:
        return self.t("pilots.kpi.intro" if self.kpi is None else "pilots.kpi.edit_intro")

    def fields(self) -> list[FormField]:
        levels = [(self.t(f"pilots.level.{level.value}"), level.value) for level in KpiLevel]
        directions = [(self.t(f"pilots.direction.{d.value}"), d.value) for d in Direction]
        k = self.kpi
        return [
            FormField("name", self.t("pilots.report.kpi"), k.name if k else ""),
            FormField(
                "level",
                self.t("pilots.report.level"),
                (k.level if k else KpiLevel.BEHAVIOUR).value,
                options=levels,
            ),
            FormField(
                "unit",
                self.t("pilots.report.unit"),
                (k.unit or "") if k else "",
                placeholder=self.t("pilots.form.optional"),
            ),
            FormField(
                "direction",
                self.t("pilots.report.direction"),
                (k.direction if k else Direction.HIGHER).value,
                options=directions,
            ),
            FormField(
                "baseline", self.t("pilots.report.baseline"), self.typed(k.baseline if k else None)
            ),
            FormField(
                "target", self.t("pilots.report.target"), self.typed(k.target if k else None)
            ),
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
            **({"id": self.kpi.id, "measurements": self.kpi.measurements} if self.kpi else {}),
            name=name,
            level=KpiLevel(level),
            unit=unit,
            direction=Direction(direction),
            baseline=baseline,
            target=target,
        )
