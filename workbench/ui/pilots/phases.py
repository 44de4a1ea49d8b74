"""The phases section (1): one row per phase with its dates, budget and gate, the timeline
against today above them, and the highlighted phase's detail. g decides a gate, o (or
Enter) sets a phase's dates and budget."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from workbench.core.pilot import Gate, GateDecision, PhaseKind, Pilot
from workbench.core.pilot_changes import decide_gate, gate_needs_reason, save_phase
from workbench.core.pilot_metrics import PilotSummary, current_phase
from workbench.ui.dialogs.phase_dialog import PhaseDialog
from workbench.ui.pilots.editing import PilotEditing
from workbench.ui.pilots.gate_dialog import GateDialog
from workbench.ui.pilots.pilot_cells import timeline
from workbench.ui.pilots.section import PilotContext, PilotSection, fields
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Column, Row

GATE = Binding("g", "gate", "pilots.keys.gate", id="pilots-gate")
PHASE_DATES = Binding(
    "o", "phase_dates", "pilots.keys.phase_dates", show=False, id="pilots-phase-dates"
)


class PhasesSection(PilotSection):
    SECTION = "phases"

    def compose(self) -> ComposeResult:
        yield Static(id="phases-timeline")
        yield from super().compose()

    def columns(self) -> list[Column]:
        t = self.t
        return [
            Column("phase", t("pilots.columns.phase"), 11),
            Column("status", t("pilots.columns.status"), 11),
            Column("planned_end", t("pilots.columns.planned_end"), 10),
            Column("actual_end", t("pilots.columns.actual_end"), 10),
            Column(
                "budget", t("pilots.columns.budget", currency=self.pilot.currency), min_width=12
            ),
            Column("gate", t("pilots.columns.gate"), 12),
        ]

    def rows(self) -> list[Row]:
        t = self.t
        i18n = self.workbench.i18n
        rows = []
        for phase in self.pilot.phases:
            gate = phase.gate
            budget = "—"
            if phase.budget_planned is not None or phase.budget_spent is not None:
                spent = i18n.smart(phase.budget_spent) if phase.budget_spent is not None else "?"
                planned = (
                    i18n.smart(phase.budget_planned) if phase.budget_planned is not None else "?"
                )
                budget = f"{spent}/{planned}"
            rows.append(
                Row(
                    phase.kind.value,
                    (
                        t(f"pilots.phase_short.{phase.kind.value}"),
                        t(f"pilots.phase_status.{phase.status.value}"),
                        i18n.date(phase.planned_end) if phase.planned_end else "—",
                        i18n.date(phase.actual_end) if phase.actual_end else "—",
                        budget,
                        t(f"pilots.decision.{gate.decision.value}") if gate else "—",
                    ),
                )
            )
        return rows

    def show(self, context: PilotContext, summary: PilotSummary, width: int) -> None:
        super().show(context, summary, width)
        self.show_timeline()

    def resized(self, width: int) -> None:
        super().resized(width)
        if self.context is not None:
            self.show_timeline()

    def show_timeline(self) -> None:
        assert self.context is not None
        pilot = self.context.pilot
        spans = [(p.planned_start, p.planned_end, p.status.value) for p in pilot.phases]
        width = max(self.width - 2, 0)
        first, last = pilot.phases[0].planned_start, pilot.phases[-1].planned_end
        edges = 22 if first and last else 0
        bar = timeline(spans, self.context.today, width - edges)
        text = Text(no_wrap=True, overflow="ellipsis")
        if bar and first and last:
            text.append(f"{first.isoformat()} ")
            text.append(bar)
            text.append(f" {last.isoformat()}")
        self.query_one("#phases-timeline", Static).update(text)

    def detail(self, key: str | None) -> RenderableType:
        t = self.t
        i18n = self.workbench.i18n
        pilot = self.pilot
        phase = next((p for p in pilot.phases if p.kind.value == key), None)
        if phase is None:
            return Text()
        cur = pilot.currency

        def money(value: Decimal | None) -> str:
            return i18n.money(value, cur) if value is not None else t("pilots.unknown")

        pairs: list[tuple[str, Text | str]] = [
            (
                t("pilots.report.planned"),
                f"{i18n.date(phase.planned_start)} → {i18n.date(phase.planned_end)}",
            ),
            (
                t("pilots.report.actual"),
                f"{i18n.date(phase.actual_start)} → {i18n.date(phase.actual_end)}",
            ),
            (
                t("pilots.report.spent_of_budget"),
                f"{money(phase.budget_spent)} / {money(phase.budget_planned)}",
            ),
        ]
        gate = phase.gate
        if gate is None:
            pairs.append((t("pilots.report.gate"), Text(t("pilots.page.no_gate"), style="italic")))
        else:
            decided = Text(t(f"pilots.decision.{gate.decision.value}").upper(), style="bold")
            decided.append(f" · {gate.decided_on.isoformat()}")
            if gate.decided_by:
                decided.append(" · ")
                decided.append_text(safe_text(gate.decided_by))
            pairs.append((t("pilots.report.gate"), decided))
            pairs.append((t("pilots.gate.reason"), safe_text(gate.reason, one_line=False)))
            if gate.unmeasured_reason:
                pairs.append(
                    (t("pilots.gate.unmeasured"), safe_text(gate.unmeasured_reason, one_line=False))
                )
        title = Text(t(f"pilots.phase.{phase.kind.value}"), style="bold underline")
        return Group(title, fields(pairs))


class PhaseActions(PilotEditing):
    def _phase(self) -> PhaseKind:
        """The highlighted phase in the phases section, else the current one."""
        pilot = self.pilot
        key = self.page.table("phases").cursor_key
        if self.page.section == "phases" and key:
            return PhaseKind(key)
        phase = current_phase(pilot) if pilot else None
        return phase.kind if phase else PhaseKind.SCALE

    def action_gate(self) -> None:
        pilot = self._ready("gate")
        if pilot is None:
            return
        kind = self._phase()

        def needs_reason(decision: GateDecision, on: date) -> bool:
            latest = self.pilot or pilot
            return gate_needs_reason(latest, kind, decision, on)

        def decide(pilot: Pilot, gate: Gate) -> Pilot:
            return decide_gate(pilot, kind, gate)

        self._ask(
            lambda check: GateDialog(
                pilot.phase(kind),
                today=self.today,
                author=self.workbench.assessor,
                needs_reason=needs_reason,
                check=check,
            ),
            decide,
            lambda gate: self.t("pilots.undo.gate", phase=self.t(f"pilots.phase.{kind.value}")),
        )

    def action_phase_dates(self) -> None:
        pilot = self._ready("phase_dates")
        if pilot is None:
            return
        kind = self._phase()
        self._ask(
            lambda check: PhaseDialog(pilot.phase(kind), pilot.currency, check),
            save_phase,
            lambda phase: self.t("pilots.undo.phase", phase=self.t(f"pilots.phase.{kind.value}")),
        )
