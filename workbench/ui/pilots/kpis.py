"""The KPI section (2): one row per KPI with its range, latest value, progress bar and trend,
and the highlighted KPI's measurements. m (or Enter) records a measurement, v corrects one,
V removes one, k adds a KPI; e edits the highlighted one."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding

from workbench.core.percent import PERCENT_DECIMALS
from workbench.core.pilot import Kpi, Measurement, Pilot
from workbench.core.pilot_changes import correct_measurement, edit_kpi, record_measurement, save_kpi
from workbench.core.pilot_metrics import latest, progress
from workbench.ui.dialogs.kpi_dialog import KpiDialog
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.pilots.editing import PilotEditing
from workbench.ui.pilots.measurement_dialog import MeasurementDialog
from workbench.ui.pilots.pilot_cells import progress_bar, sparkline
from workbench.ui.pilots.pilot_removal import measurement_removal
from workbench.ui.pilots.section import PilotSection, fields
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Column, Row

ROOMY = 110
"""From this width of the page the KPIs show their unit, and longer bars and trends."""

MEASURE = Binding("m", "measure", "pilots.keys.measure", id="pilots-measure")
NEW_KPI = Binding("k", "new_kpi", "pilots.keys.new_kpi", show=False, id="pilots-new-kpi")
CORRECT_MEASUREMENT = Binding(
    "v",
    "correct_measurement",
    "pilots.keys.correct_measurement",
    id="pilots-correct-measurement",
)
REMOVE_MEASUREMENT = Binding(
    "V,shift+v",
    "remove_measurement",
    "pilots.keys.remove_measurement",
    id="pilots-remove-measurement",
)


def percent_of(value: Fraction | None) -> Fraction | None:
    """A KPI's progress as an exact percentage (rounded only when shown)."""
    return None if value is None else value * 100


class KpisSection(PilotSection):
    SECTION = "kpis"

    @property
    def roomy(self) -> bool:
        return self.width >= ROOMY

    @property
    def widths(self) -> tuple[int, int]:
        """The trend's and the progress bar's."""
        return (12, 10) if self.roomy else (8, 6)

    def columns(self) -> list[Column]:
        t = self.t
        spark, bar = self.widths
        columns = [
            Column("level", t("pilots.columns.level"), 9),
            Column("name", t("pilots.columns.kpi"), min_width=12),
        ]
        if self.roomy:
            columns.append(Column("unit", t("pilots.columns.unit"), 14))
        columns += [
            Column("range", t("pilots.columns.range"), 11),
            Column("latest", t("pilots.columns.latest"), 7, align="right"),
            Column("progress", t("pilots.columns.progress"), bar + 7),
            Column("trend", t("pilots.columns.trend"), spark),
        ]
        return columns

    def rows(self) -> list[Row]:
        t = self.t
        i18n = self.workbench.i18n
        roomy = self.roomy
        spark, bar = self.widths
        rows = []
        for kpi in self.pilot.kpis:
            last = latest(kpi)
            value = progress(kpi)
            shown = percent_of(value)
            progress_cell = (
                progress_bar(value, bar)
                + " "
                + (i18n.percent(shown, PERCENT_DECIMALS) if shown is not None else "—")
            )
            cells: list[str | Text] = [
                t(f"pilots.level_short.{kpi.level.value}"),
                safe_text(kpi.name),
            ]
            if roomy:
                cells.append(safe_text(kpi.unit or ""))
            cells += [
                f"{i18n.smart(kpi.baseline)}→{i18n.smart(kpi.target)}",
                i18n.smart(last.value) if last else "—",
                progress_cell,
                sparkline([m.value for m in kpi.measurements], spark),
            ]
            rows.append(Row(kpi.id, tuple(cells)))
        return rows

    def empty_text(self) -> str:
        return self.t("pilots.page.no_kpi")

    def detail(self, key: str | None) -> RenderableType:
        t = self.t
        i18n = self.workbench.i18n
        kpi = next((k for k in self.pilot.kpis if k.id == key), None)
        if kpi is None:
            return Text(t("pilots.page.kpi_hint"), style="italic")
        value = progress(kpi)
        shown = percent_of(value)
        pairs: list[tuple[str, Text | str]] = [
            (t("pilots.report.level"), t(f"pilots.level.{kpi.level.value}")),
            (t("pilots.report.unit"), safe_text(kpi.unit or "—")),
            (t("pilots.report.direction"), t(f"pilots.direction.{kpi.direction.value}")),
            (
                t("pilots.report.progress"),
                f"{i18n.smart(kpi.baseline)} → {i18n.smart(kpi.target)} · "
                + (
                    i18n.percent(shown, PERCENT_DECIMALS)
                    if shown is not None
                    else t("pilots.page.unmeasured")
                ),
            ),
        ]
        history = Text()
        for m in reversed(kpi.measurements):
            history.append(f"{m.on.isoformat()}  {i18n.smart(m.value)}")
            if m.note:
                history.append("  ")
                history.append_text(safe_text(m.note, "dim"))
            history.append("\n")
        pairs.append((t("pilots.page.measurements"), history if kpi.measurements else "—"))
        title = safe_text(kpi.name, "bold underline")
        title.end = "\n"
        return Group(title, fields(pairs))


class KpiActions(PilotEditing):
    def _kpi(self) -> Kpi | None:
        """The highlighted KPI in the KPI section."""
        pilot = self.pilot
        key = self.page.table("kpis").cursor_key
        if pilot is None or key is None:
            return None
        return next((k for k in pilot.kpis if k.id == key), None)

    def action_measure(self) -> None:
        pilot = self._ready("measure")
        if pilot is None or not pilot.kpis:
            return
        key = self.page.table("kpis").cursor_key if self.page.section == "kpis" else None
        kpi = next((k for k in pilot.kpis if k.id == key), pilot.kpis[0])
        kpi_id = kpi.id

        def measured(pilot: Pilot, measurement: Measurement) -> Pilot:
            return record_measurement(pilot, kpi_id, measurement)

        self._ask(
            lambda check: MeasurementDialog(kpi, self.today, check),
            measured,
            lambda measurement: self.t("pilots.undo.measure", kpi=kpi.name),
        )

    def action_new_kpi(self) -> None:
        if self._ready("new_kpi") is not None:
            self._ask(KpiDialog, save_kpi, lambda kpi: self.t("pilots.undo.kpi"), "kpis")

    def _edit_kpi(self, kpi: Kpi) -> None:
        self._ask(
            lambda check: KpiDialog(check, kpi),
            edit_kpi,
            lambda edited: self.t("pilots.undo.edit_kpi", name=edited.name),
        )

    def _pick_measurement(self, title_key: str, then: Callable[[Kpi, Measurement], None]) -> None:
        """Choose one measurement of the highlighted KPI, latest first, then ``then``."""
        kpi = self._kpi()
        if kpi is None or not kpi.measurements:
            return
        i18n = self.workbench.i18n
        choices = [
            Choice(m.id, f"{m.on.isoformat()}  {i18n.smart(m.value)}", m.note or "")
            for m in reversed(kpi.measurements)
        ]

        def chosen(measurement_id: str | None) -> None:
            found = next((m for m in kpi.measurements if m.id == measurement_id), None)
            if found is not None:
                then(kpi, found)

        self.app.push_screen(
            PickerDialog(
                self.t(title_key, kpi=kpi.name),
                choices,
                current=choices[0].id,
                placeholder=self.t("pilots.measure.pick_placeholder"),
            ),
            chosen,
        )

    def action_correct_measurement(self) -> None:
        if self._refused("correct_measurement"):
            return

        def correct(kpi: Kpi, measurement: Measurement) -> None:
            kpi_id = kpi.id

            def corrected(pilot: Pilot, fixed: Measurement) -> Pilot:
                return correct_measurement(pilot, kpi_id, fixed)

            self._ask(
                lambda check: MeasurementDialog(kpi, self.today, check, measurement),
                corrected,
                lambda fixed: self.t("pilots.undo.correct_measurement", kpi=kpi.name),
            )

        self._pick_measurement("pilots.measure.pick_title", correct)

    def action_remove_measurement(self) -> None:
        if self._refused("remove_measurement"):
            return

        def remove(kpi: Kpi, measurement: Measurement) -> None:
            self._confirm_removal(measurement_removal(kpi, measurement, self.workbench.i18n))

        self._pick_measurement("pilots.measure.pick_remove_title", remove)
