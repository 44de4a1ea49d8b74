"""Step 4: the pilot plan of the best "pilot" programme, editable before it is created."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from workbench.core.assessment import Assessment
from workbench.core.diagnostic import Diagnostic, Step, best_pilot, planned_pilot
from workbench.core.pilot import Kpi, Phase, Pilot
from workbench.storage.schema import Snapshot
from workbench.ui.diagnostic.step import StepView
from workbench.ui.dialogs.kpi_dialog import KpiDialog
from workbench.ui.dialogs.phase_dialog import PhaseDialog
from workbench.ui.text import safe_text


class PilotPlanStep(StepView):
    DEFAULT_CSS = """
    PilotPlanStep #plan-title { height: auto; }
    PilotPlanStep #plan-gates { height: auto; color: $text-muted; }
    """
    STEP = Step.PILOT
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"edit", "add_kpi", "create_pilot"})

    def __init__(self) -> None:
        super().__init__()
        self.plan: Pilot | None = None
        self.assessment: Assessment | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="plan-title")
        table: DataTable[Text] = DataTable(id="plan-table", cursor_type="row")
        yield table
        yield Static(id="plan-gates")

    def focus_first(self) -> None:
        self.query_one(DataTable).focus()

    def _existing(self, snapshot: Snapshot) -> Pilot | None:
        pilot_id = self.session.pilot_id
        return snapshot.pilots.get(pilot_id) if pilot_id else None

    def show(self, snapshot: Snapshot) -> None:
        t = self.workbench.i18n
        existing = self._existing(snapshot)
        if existing is not None:
            self.plan = existing
        elif self.plan is None:
            stored = [
                a
                for p in self.session.programme_ids
                if (a := self.workbench.repository.assessment_for(self.team.id, p)) is not None
            ]
            self.assessment = best_pilot(stored, self.team)
            if self.assessment is not None:
                programme = snapshot.programmes[self.assessment.programme_id]
                self.plan = planned_pilot(
                    self.assessment,
                    self.team,
                    programme,
                    today=self.workbench.today,
                    behaviour_kpi=t("diagnostic.plan.behaviour_kpi"),
                )
        title = Text(end="")
        if self.plan is None:
            title.append(t("diagnostic.plan.none"), "italic")
        else:
            key = "diagnostic.plan.created" if existing else "diagnostic.plan.draft"
            title.append(t(key) + " ", "bold")
            title.append_text(safe_text(self.plan.name, limit=60))
        self.query_one("#plan-title", Static).update(title)
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for column in ("what", "when", "budget", "target"):
            table.add_column(t(f"diagnostic.plan.column.{column}"), key=column)
        if self.plan is not None:
            for phase in self.plan.phases:
                budget = phase.budget_planned
                table.add_row(
                    Text(t(f"pilots.phase.{phase.kind.value}"), "bold"),
                    safe_text(f"{phase.planned_start or '?'} → {phase.planned_end or '?'}"),
                    safe_text(t.money(budget, self.plan.currency) if budget is not None else "—"),
                    Text(""),
                    key=f"phase:{phase.kind.value}",
                )
            for kpi in self.plan.kpis:
                table.add_row(
                    safe_text("KPI " + kpi.name, limit=28),
                    Text(t(f"pilots.level.{kpi.level.value}")),
                    Text(""),
                    safe_text(f"{_n(kpi.baseline)} → {_n(kpi.target)} {kpi.unit or ''}"),
                    key=f"kpi:{kpi.id}",
                )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one("#plan-gates", Static).update(
            t("diagnostic.plan.gates") if self.plan is not None else ""
        )

    def _row_key(self) -> str | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _editable(self) -> Pilot | None:
        if self.plan is None or self.session.pilot_id is not None:
            if self.session.pilot_id is not None:
                self.workbench.notify(self.t("diagnostic.plan.already"), timeout=5, markup=False)
            return None
        return self.plan

    def do_edit(self) -> None:
        plan = self._editable()
        key = self._row_key()
        if plan is None or key is None:
            return
        kind, _, ident = key.partition(":")
        if kind == "phase":
            phase = next(p for p in plan.phases if p.kind.value == ident)

            def edited_phase(new: Phase | None) -> None:
                if new is not None and self.plan is not None:
                    phases = [new if p.kind is new.kind else p for p in self.plan.phases]
                    self.plan = self.plan.model_copy(update={"phases": phases})
                    self.show(self.flow.snapshot)

            self.app.push_screen(PhaseDialog(phase, plan.currency), edited_phase)
        else:
            kpi = next(k for k in plan.kpis if k.id == ident)
            self.app.push_screen(KpiDialog(kpi=kpi), self._kpi_edited)

    def _kpi_edited(self, new: Kpi | None) -> None:
        if new is None or self.plan is None:
            return
        kpis = [new if k.id == new.id else k for k in self.plan.kpis]
        if new.id not in {k.id for k in self.plan.kpis}:
            kpis.append(new)
        self.plan = self.plan.model_copy(update={"kpis": kpis})
        self.show(self.flow.snapshot)

    def do_add_kpi(self) -> None:
        if self._editable() is not None:
            self.app.push_screen(KpiDialog(), self._kpi_edited)

    def do_create_pilot(self) -> None:
        plan = self._editable()
        if plan is None:
            return
        saved: Pilot | None = self.workbench.store(lambda repo: repo.save_pilot(plan))
        if saved is None:
            return
        self.flow.save(lambda s: s.model_copy(update={"pilot_id": saved.id}))
        self.workbench.notify(
            self.t("pilots.start.started", name=saved.name), timeout=6, markup=False
        )
        self.show(self.flow.snapshot)

    def forward(self) -> Diagnostic | None:
        if self.plan is not None and self.session.pilot_id is None:
            self.workbench.notify(self.t("diagnostic.plan.not_created"), timeout=6, markup=False)
            return None
        return self.session


def _n(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
