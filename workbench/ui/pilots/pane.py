"""Pilots tab: every pilot in a table, and one pilot's page with its six sections.

The list (team, programme, current phase, status, next due date, ROI so far, warnings) is
filtered with ``/`` and sorted with ``s`` / ``S``; Enter opens the pilot's page, Esc goes
back. On the page, 1-6 (or ← →) switch sections and single keys record what happened: a
measurement (m, the value, Enter; v corrects one, V removes one), a gate (g), dates (d), a
KPI (k), a participant (a), a cost (c), a benefit (b), a note (j); e edits and Del deletes
the highlighted KPI, participant, cost or benefit, after a question that defaults to
Cancel. Every change goes through the repository's merge path and ctrl+z undoes the last
one. Read-only, the keys that write stay in the footer, greyed, and say why when pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar, TypeVar

from pydantic import ValidationError
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Input, Static

from workbench.core.assessment import now_utc
from workbench.core.memo_money import Exchange, reader_currency
from workbench.core.percent import PERCENT_DECIMALS
from workbench.core.pilot import (
    PHASE_ORDER,
    Benefit,
    Cost,
    Gate,
    GateDecision,
    JournalNote,
    Kpi,
    Measurement,
    Participant,
    Phase,
    PhaseKind,
    Pilot,
)
from workbench.core.pilot_changes import (
    add_benefit,
    add_cost,
    add_note,
    cancel_pilot,
    correct_measurement,
    decide_gate,
    edit_benefit,
    edit_cost,
    edit_kpi,
    gate_needs_reason,
    record_measurement,
    reopen_pilot,
    revalidated,
    save_kpi,
    save_participant,
    save_phase,
)
from workbench.core.pilot_input import InputError
from workbench.core.pilot_metrics import current_phase, next_due, pilot_status, roi_so_far, warnings
from workbench.core.pilot_overview import totals
from workbench.core.pilot_report import pilot_report, report_filename
from workbench.exchange.files import write_atomically
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.kpi_dialog import KpiDialog
from workbench.ui.dialogs.months_dialog import MonthsChoice, MonthsDialog
from workbench.ui.dialogs.phase_dialog import PhaseDialog
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.focus import focus_now
from workbench.ui.panes.pane import PaletteCommand
from workbench.ui.panes.table_pane import TablePane
from workbench.ui.pilots.benefit_dialog import BenefitDialog
from workbench.ui.pilots.cancel_pilot_dialog import CancelPilotDialog
from workbench.ui.pilots.cost_dialog import CostDialog
from workbench.ui.pilots.gate_dialog import GateDialog
from workbench.ui.pilots.journal_dialog import JournalDialog
from workbench.ui.pilots.measurement_dialog import MeasurementDialog
from workbench.ui.pilots.page import SECTIONS, PilotContext, PilotPage, SectionTable
from workbench.ui.pilots.participant_dialog import ParticipantDialog
from workbench.ui.pilots.pilot_glance import PilotGlance, totals_text
from workbench.ui.pilots.pilot_removal import Removal, measurement_removal, row_removal
from workbench.ui.pilots.started_against import MARK
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable

T = TypeVar("T")

ROW_ACTIONS = {"edit", "delete"}
"""Act on the highlighted row of the KPI, people or money section."""
ROW_SECTIONS = ("kpis", "people", "money")
MEASUREMENT_ACTIONS = {"correct_measurement", "remove_measurement"}
WRITES = frozenset(
    {
        "measure",
        "gate",
        "phase_dates",
        "new_kpi",
        "new_participant",
        "new_cost",
        "new_benefit",
        "note",
        "months",
        "undo",
        "cancel_pilot",
        *ROW_ACTIONS,
        *MEASUREMENT_ACTIONS,
    }
)
PAGE_ACTIONS = {*WRITES - {"undo", "cancel_pilot"}, "section", "next_section"}
LIST_ACTIONS = {"filter", "sort", "reverse", "cancel_pilot", "show_cancelled"}
SECTION_GROUP = Binding.Group("pilots.keys.section")


@dataclass(frozen=True, slots=True)
class PilotView:
    """One row of the list, computed once per change."""

    pilot: Pilot
    team: str
    programme: str
    phase: PhaseKind | None
    status: str
    due: date | None
    roi: Decimal | None
    warnings: int

    @property
    def key(self) -> str:
        return self.pilot.id

    def sort_value(self, key: str) -> object:
        """None when unknown: unknown values sort last whatever the direction."""
        return {
            "team": self.team.casefold(),
            "programme": self.programme.casefold(),
            "phase": PHASE_ORDER.index(self.phase) if self.phase else None,
            "status": self.status,
            "due": self.due,
            "roi": self.roi,
            "warnings": self.warnings,
        }[key]


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One change to take back: ``before`` None for a pilot started (undo deletes it),
    ``after`` None for a pilot deleted (undo saves it again)."""

    label: str
    before: Pilot | None
    after: Pilot | None


class PilotsTable(VirtualTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "pilots.keys.open", id="pilots-open"),
    ]
    help_title = "pilots.help.list"


class PilotsPane(TablePane[PilotView]):
    tab_id = "pilots"
    TABLE = PilotsTable
    TABLE_ID = "pilots-table"
    FILTER_ID = "pilots-filter"
    FILTER_LABEL = "pilots.filter_label"
    FILTER_PLACEHOLDER = "pilots.filter_placeholder"
    BODY_ID = "pilots-body"
    EMPTY = "pilots.empty"
    NO_MATCH = "pilots.no_match"
    DEFAULT_SORT = "due"
    WRITE_ACTIONS = WRITES

    DEFAULT_CSS = """
    PilotsPane #pilots-list-view { height: 1fr; }
    PilotsPane #pilots-totals { height: auto; max-height: 4; padding: 0 1; color: $text-muted; }
    PilotsPane #pilots-body { height: 1fr; layout: vertical; }
    PilotsPane #pilots-table { height: auto; min-height: 3; max-height: 50%; }
    PilotsPane #pilots-glance {
        height: 1fr;
        min-height: 4;
        border-top: solid $primary-muted;
        border-title-style: bold;
        border-title-align: left;
    }
    PilotsPane ContentSwitcher { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "pilots.keys.filter", show=False, id="pilots-filter"),
        Binding("s", "sort", "pilots.keys.sort", show=False, id="pilots-sort"),
        Binding("S,shift+s", "reverse", "pilots.keys.reverse", show=False, id="pilots-reverse"),
        *(
            Binding(
                str(n),
                f"section('{name}')",
                "pilots.keys.section",
                group=SECTION_GROUP,
                show=False,
                id=f"pilots-section-{n}",
            )
            for n, name in enumerate(SECTIONS, start=1)
        ),
        Binding(
            "right",
            "next_section(1)",
            "pilots.keys.next_section",
            show=False,
            id="pilots-next-section",
        ),
        Binding(
            "left",
            "next_section(-1)",
            "pilots.keys.previous_section",
            show=False,
            id="pilots-previous-section",
        ),
        Binding("m", "measure", "pilots.keys.measure", id="pilots-measure"),
        Binding("g", "gate", "pilots.keys.gate", id="pilots-gate"),
        Binding("o", "phase_dates", "pilots.keys.phase_dates", show=False, id="pilots-phase-dates"),
        Binding("k", "new_kpi", "pilots.keys.new_kpi", show=False, id="pilots-new-kpi"),
        Binding(
            "a",
            "new_participant",
            "pilots.keys.new_participant",
            show=False,
            id="pilots-new-participant",
        ),
        Binding("c", "new_cost", "pilots.keys.new_cost", show=False, id="pilots-new-cost"),
        Binding("b", "new_benefit", "pilots.keys.new_benefit", show=False, id="pilots-new-benefit"),
        Binding("j", "note", "pilots.keys.note", show=False, id="pilots-note"),
        Binding("l", "months", "pilots.keys.months", show=False, id="pilots-months"),
        Binding("r", "report", "pilots.keys.report", id="pilots-report"),
        Binding("ctrl+z", "undo", "pilots.keys.undo", id="pilots-undo"),
        Binding("escape", "back", "pilots.keys.back", id="pilots-back"),
        Binding("e", "edit", "pilots.keys.edit", id="pilots-edit"),
        Binding("d,delete", "delete", "pilots.keys.delete", id="pilots-delete"),
        Binding("x", "cancel_pilot", "pilots.keys.cancel_pilot", id="pilots-cancel"),
        Binding(
            "h", "show_cancelled", "pilots.keys.show_cancelled", show=False, id="pilots-cancelled"
        ),
        Binding(
            "v",
            "correct_measurement",
            "pilots.keys.correct_measurement",
            id="pilots-correct-measurement",
        ),
        Binding(
            "V,shift+v",
            "remove_measurement",
            "pilots.keys.remove_measurement",
            id="pilots-remove-measurement",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = "list"
        self.open_id: str | None = None
        self.undo_steps: list[UndoStep] = []
        self.show_cancelled = False
        self.hidden = 0
        """How many cancelled pilots the list leaves out."""

    # layout

    def compose_filters(self) -> ComposeResult:
        yield from super().compose_filters()
        yield Static(id="pilots-totals", markup=False)

    def compose_detail(self) -> ComposeResult:
        yield PilotGlance(self.workbench.i18n, id="pilots-glance")

    def show_detail(self, record: PilotView | None) -> None:
        for glance in self.query("#pilots-glance").results(PilotGlance):
            glance.show(record.pilot if record is not None else None, self.today)

    def shown(self, count: int) -> None:
        """The totals across every pilot, in the list's header."""
        pilots = [view.pilot for view in self.records if not view.pilot.cancelled]
        currency = reader_currency(
            None, self.workbench.settings.currency, (p.currency for p in pilots)
        )
        found = totals(pilots, Exchange(currency, self.workbench.repository.exchange(), self.today))
        for header in self.query("#pilots-totals").results(Static):
            text = totals_text(found, self.workbench.i18n)
            if self.hidden:
                key = (
                    "pilots.cancelled.hidden_one" if self.hidden == 1 else "pilots.cancelled.hidden"
                )
                hidden = Text(self.t(key, count=self.hidden, shortcut="h"), style="dim")
                text = Text("\n").join([text, hidden]) if text else hidden
            header.update(text)

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="pilots-list-view"):
            with Vertical(id="pilots-list-view"):
                yield from self.compose_listing()
            yield PilotPage(id="pilots-page-view")

    @property
    def page(self) -> PilotPage:
        return self.query_one(PilotPage)

    @property
    def help_title(self) -> str:
        return self.t("pilots.help_title")

    def focus_default(self) -> None:
        focus_now(self.page.table() if self.mode == "page" else self.table)

    @property
    def today(self) -> date:
        return self.workbench.today

    # data

    def key(self, record: PilotView) -> str:
        return record.key

    def load(self) -> list[PilotView]:
        snapshot = self.workbench.repository.snapshot()
        unknown = self.t("pilots.unknown")
        views = []
        self.hidden = 0
        for pilot in snapshot.pilots.values():
            if pilot.cancelled and not self.show_cancelled:
                self.hidden += 1
                continue
            team = snapshot.teams.get(pilot.team_id)
            programme = snapshot.programmes.get(pilot.programme_id)
            phase = current_phase(pilot)
            views.append(
                PilotView(
                    pilot=pilot,
                    team=team.name if team else unknown,
                    programme=programme.name if programme else unknown,
                    phase=phase.kind if phase else None,
                    status=pilot_status(pilot),
                    due=next_due(pilot),
                    roi=roi_so_far(pilot),
                    warnings=len(warnings(pilot, self.today)),
                )
            )
        return sorted(views, key=lambda v: v.team.casefold())

    def refresh_data(self) -> None:
        super().refresh_data()
        if self.mode == "page":
            if self.open_id in self.by_key:
                self._show_page()
            else:
                self.action_back()
        self.refresh_bindings_if_changed()

    def columns(self) -> list[Column]:
        t = self.t
        return [
            Column("team", t("pilots.columns.team"), min_width=12),
            Column("programme", t("pilots.columns.programme"), min_width=12),
            Column("phase", t("pilots.columns.phase"), 10),
            Column("status", t("pilots.columns.status"), 22 if self._cancelled_shown() else 11),
            Column("due", t("pilots.columns.due"), 10),
            Column("roi", t("pilots.columns.roi"), 10, align="right"),
            Column("warnings", "⚠", 2, align="right"),
        ]

    def _cancelled_shown(self) -> bool:
        """A cancelled pilot is listed: its status column holds "✗ cancelled <date>"."""
        return any(view.pilot.cancelled for view in self.records)

    def matches(self, record: PilotView, needle: str) -> bool:
        view = record
        phase = self.t(f"pilots.phase_short.{view.phase.value}") if view.phase else ""
        haystack = "\n".join(
            [
                view.team,
                view.programme,
                view.pilot.name,
                phase,
                self.t(f"pilots.status.{view.status}"),
            ]
        )
        return needle in haystack.casefold()

    def sort_value(self, record: PilotView, column: str) -> object:
        return record.sort_value(column)

    def row(self, record: PilotView) -> Row:
        view = record
        t = self.t
        i18n = self.workbench.i18n
        if view.roi is None:
            roi = t("pilots.roi_unknown")
        else:
            roi = i18n.percent(view.roi, PERCENT_DECIMALS)
        programme = safe_text(view.programme)
        status: str | Text = t(f"pilots.status.{view.status}")
        if view.pilot.cancelled_on is not None:
            on = view.pilot.cancelled_on.isoformat()
            status = Text(t("pilots.cancelled.mark", on=on), style="dim")
        if view.pilot.start_reason:  # first, so that a long name cut short keeps it
            programme = Text.assemble((f"{MARK} ", "bold"), programme)
        return Row(
            view.key,
            (
                safe_text(view.team),
                programme,
                t(f"pilots.phase_short.{view.phase.value}") if view.phase else "—",
                status,
                view.due.isoformat() if view.due else "—",
                roi,
                Text(str(view.warnings), style="bold") if view.warnings else "",
            ),
        )

    # list: open

    def open_record(self, key: str) -> None:
        self.open_pilot(key)

    def open_pilot(self, pilot_id: str, section: str = "phases") -> None:
        if pilot_id not in self.by_key:
            self.refresh_data()
        if pilot_id not in self.by_key:
            return
        self.open_id = pilot_id
        self.mode = "page"
        self.query_one(ContentSwitcher).current = "pilots-page-view"
        self._show_page()
        pilot = self.by_key[pilot_id].pilot
        phase = current_phase(pilot)
        if phase is not None:
            self.page.table("phases").move_to(phase.kind.value)
        self.page.choose(section)
        self.workbench.state.pilot_page = (pilot_id, section)
        self.page.table().focus()
        self.refresh_bindings()

    def _show_page(self) -> None:
        view = self.by_key.get(self.open_id) if self.open_id else None
        if view is None:
            return
        self.page.show(PilotContext(view.pilot, view.team, view.programme, self.today))

    def action_back(self) -> None:
        if self.mode == "page":
            self.mode = "list"
            self.workbench.state.pilot_page = None
            self.query_one(ContentSwitcher).current = "pilots-list-view"
            if self.open_id:
                self.table.move_to(self.open_id)
            self.table.focus()
        else:
            self.action_clear_filter()
        self.refresh_bindings()

    # page: sections

    def action_section(self, name: str) -> None:
        self.page.choose(name)
        if self.open_id is not None:
            self.workbench.state.pilot_page = (self.open_id, name)
        self.page.table().focus()
        self.refresh_bindings()

    def action_next_section(self, step: int) -> None:
        index = SECTIONS.index(self.page.section)
        self.action_section(SECTIONS[(index + step) % len(SECTIONS)])

    @on(VirtualTable.Highlighted)
    def _section_moved(self, event: VirtualTable.Highlighted) -> None:
        if isinstance(event.control, SectionTable) and self.mode == "page":
            self.page.show_detail()
            self.refresh_bindings_if_changed()

    @on(VirtualTable.Selected)
    def _section_selected(self, event: VirtualTable.Selected) -> None:
        """Enter on a row: measure a KPI, open a phase, edit a participant, a cost or a
        benefit."""
        if not isinstance(event.control, SectionTable):
            return
        event.stop()
        section = self.page.section
        if section == "kpis":
            self.action_measure()
        elif section == "phases":
            self.action_phase_dates()
        elif section in ("people", "money"):
            self.action_edit()

    # bindings: which keys apply here, and why one does nothing

    def applies(self, action: str) -> bool:
        """Whether ``action`` belongs in the footer here at all (mode and section)."""
        if action in ("delete", "cancel_pilot") and self.mode == "list":
            return self.table.cursor_key is not None  # the highlighted pilot
        if action in PAGE_ACTIONS and self.mode != "page":
            return False
        if action in LIST_ACTIONS and self.mode != "list":
            return False
        if action in ROW_ACTIONS:
            return self.page.section in ROW_SECTIONS
        if action in MEASUREMENT_ACTIONS:
            return self.page.section == "kpis"
        if action == "report":
            return self.mode == "page" or self.table.cursor_key is not None
        if action == "back" and self.mode == "list":
            return self.filter_clearable()
        return True

    def unavailable(self, action: str) -> str | None:
        """Why ``action`` does nothing here (an i18n key), or None when it works."""
        if self.read_only_blocks(action):
            return "sharing.why.read_only"
        pilot = self.pilot
        if action == "measure" and pilot is not None and not pilot.kpis:
            return "pilots.why.no_kpi"
        if action in ROW_ACTIONS and pilot is not None and self._row_key() is None:
            return "pilots.why.no_row"
        if action in MEASUREMENT_ACTIONS and pilot is not None:
            kpi = self._kpi()
            if kpi is None:
                return "pilots.why.no_kpi"
            if not kpi.measurements:
                return "pilots.why.no_measurement"
        if action == "undo" and not self.undo_steps:
            return "pilots.why.nothing_to_undo"
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.applies(action):
            return False
        return None if self.unavailable(action) else True

    def _refused(self, action: str) -> bool:
        """True, having said why, when ``action`` cannot run (from the palette too)."""
        reason = self.unavailable(action)
        if reason is not None:
            self.notify(self.t(reason), severity="warning", timeout=4, markup=False)
        return reason is not None

    def on_key(self, event: events.Key) -> None:
        """A key whose action cannot run here says why instead of doing nothing."""
        if isinstance(self.screen.focused, Input):
            return  # typing in the filter: its keys are the field's
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            action = binding.action.split("(")[0]
            if not self.applies(action):
                continue
            reason = self.unavailable(action)
            if reason is not None:
                event.stop()
                self.notify(self.t(reason), severity="warning", timeout=4, markup=False)
                return

    # the pilot on the page

    @property
    def pilot(self) -> Pilot | None:
        if self.mode != "page" or self.open_id is None:
            return None
        return self.workbench.repository.snapshot().pilots.get(self.open_id)

    def _phase(self) -> PhaseKind:
        """The highlighted phase in the phases section, else the current one."""
        pilot = self.pilot
        key = self.page.table("phases").cursor_key
        if self.page.section == "phases" and key:
            return PhaseKind(key)
        phase = current_phase(pilot) if pilot else None
        return phase.kind if phase else PhaseKind.SCALE

    def _kpi(self) -> Kpi | None:
        """The highlighted KPI in the KPI section."""
        pilot = self.pilot
        key = self.page.table("kpis").cursor_key
        if pilot is None or key is None:
            return None
        return next((k for k in pilot.kpis if k.id == key), None)

    def _row_key(self) -> str | None:
        """The key of the highlighted row of the section on show, if it still exists."""
        pilot = self.pilot
        if pilot is None or self.page.section not in ROW_SECTIONS:
            return None
        key = self.page.table().cursor_key
        rows = {
            "kpis": [k.id for k in pilot.kpis],
            "people": [p.id for p in pilot.participants],
            "money": [f"cost:{c.id}" for c in pilot.costs]
            + [f"benefit:{b.id}" for b in pilot.benefits],
        }[self.page.section]
        return key if key in rows else None

    def _change(
        self, label: str, change: Callable[[Pilot], Pilot], pilot_id: str | None = None
    ) -> None:
        """Apply ``change`` to the latest stored pilot under the lock (the open one unless
        ``pilot_id`` says which); remember how to undo."""
        pilot_id = pilot_id or self.open_id
        if pilot_id is None:
            return
        seen: list[Pilot] = []

        def apply(current: Pilot) -> Pilot:
            seen.append(current)
            return revalidated(change(current), updated_at=now_utc())

        try:
            after = self.workbench.store(lambda repo: repo.update(Pilot, pilot_id, apply))
        except (InputError, ValidationError) as problem:
            self.notify(self._problem(problem), severity="error", timeout=8, markup=False)
            return
        if after is None or not seen:
            return
        self.undo_steps.append(UndoStep(label, seen[-1], after))
        self.notify(self.t("pilots.saved", change=label), timeout=3, markup=False)
        self.refresh_bindings_if_changed()

    def _problem(self, problem: InputError | ValidationError) -> str:
        if isinstance(problem, InputError):
            return self.t(f"pilots.input.{problem.key}", **problem.params)
        return str(problem)

    def _checked(self, change: Callable[[Pilot, T], Pilot]) -> Callable[[T], None]:
        """A form's check: the change must apply to the pilot as it is now."""

        def check(value: T) -> None:
            pilot = self.pilot
            if pilot is not None:
                change(pilot, value)

        return check

    # page actions

    def action_measure(self) -> None:
        if self._refused("measure"):
            return
        pilot = self.pilot
        if pilot is None or not pilot.kpis:
            return
        key = self.page.table("kpis").cursor_key if self.page.section == "kpis" else None
        kpi = next((k for k in pilot.kpis if k.id == key), pilot.kpis[0])
        kpi_id = kpi.id

        def done(measurement: Measurement | None) -> None:
            if measurement is None:
                return
            self._change(
                self.t("pilots.undo.measure", kpi=kpi.name),
                lambda p: record_measurement(p, kpi_id, measurement),
            )

        def measured(pilot: Pilot, measurement: Measurement) -> Pilot:
            return record_measurement(pilot, kpi_id, measurement)

        check = self._checked(measured)
        self.app.push_screen(MeasurementDialog(kpi, self.today, check), done)

    def action_gate(self) -> None:
        if self._refused("gate"):
            return
        pilot = self.pilot
        if pilot is None:
            return
        kind = self._phase()
        phase = pilot.phase(kind)

        def needs_reason(decision: GateDecision, on: date) -> bool:
            latest = self.pilot or pilot
            return gate_needs_reason(latest, kind, decision, on)

        def done(gate: Gate | None) -> None:
            if gate is None:
                return
            phase_name = self.t(f"pilots.phase.{kind.value}")
            self._change(
                self.t("pilots.undo.gate", phase=phase_name),
                lambda p: decide_gate(p, kind, gate),
            )

        self.app.push_screen(
            GateDialog(
                phase,
                today=self.today,
                author=self.workbench.assessor,
                needs_reason=needs_reason,
                check=self._checked(lambda p, g: decide_gate(p, kind, g)),
            ),
            done,
        )

    def action_phase_dates(self) -> None:
        if self._refused("phase_dates"):
            return
        pilot = self.pilot
        if pilot is None:
            return
        kind = self._phase()

        def done(phase: Phase | None) -> None:
            if phase is not None:
                phase_name = self.t(f"pilots.phase.{kind.value}")
                self._change(
                    self.t("pilots.undo.phase", phase=phase_name),
                    lambda p: save_phase(p, phase),
                )

        self.app.push_screen(
            PhaseDialog(pilot.phase(kind), pilot.currency, self._checked(save_phase)), done
        )

    def action_new_kpi(self) -> None:
        if self._refused("new_kpi"):
            return
        if self.pilot is None:
            return

        def done(kpi: Kpi | None) -> None:
            if kpi is not None:
                self._change(
                    self.t("pilots.undo.kpi"),
                    lambda p: save_kpi(p, kpi),
                )
                self.action_section("kpis")

        self.app.push_screen(KpiDialog(self._checked(save_kpi)), done)

    def _participant_form(self, participant: Participant | None) -> None:
        def done(saved: Participant | None) -> None:
            if saved is not None:
                self._change(
                    self.t("pilots.undo.participant"),
                    lambda p: save_participant(p, saved),
                )
                self.action_section("people")

        self.app.push_screen(ParticipantDialog(participant, self._checked(save_participant)), done)

    def action_new_participant(self) -> None:
        if self._refused("new_participant"):
            return
        if self.pilot is not None:
            self._participant_form(None)

    def action_edit(self) -> None:
        """Edit the highlighted KPI, participant, cost or benefit."""
        if self._refused("edit"):
            return
        pilot = self.pilot
        key = self._row_key()
        if pilot is None or key is None:
            return
        section = self.page.section
        if section == "kpis":
            self._edit_kpi(next(k for k in pilot.kpis if k.id == key))
        elif section == "people":
            self._participant_form(next(p for p in pilot.participants if p.id == key))
        elif key.startswith("cost:"):
            self._edit_cost(next(c for c in pilot.costs if f"cost:{c.id}" == key))
        else:
            self._edit_benefit(next(b for b in pilot.benefits if f"benefit:{b.id}" == key))

    def _edit_kpi(self, kpi: Kpi) -> None:
        def done(edited: Kpi | None) -> None:
            if edited is not None:
                self._change(
                    self.t("pilots.undo.edit_kpi", name=edited.name),
                    lambda p: edit_kpi(p, edited),
                )

        self.app.push_screen(KpiDialog(self._checked(edit_kpi), kpi), done)

    def _edit_cost(self, cost: Cost) -> None:
        pilot = self.pilot
        if pilot is None:
            return

        def done(edited: Cost | None) -> None:
            if edited is not None:
                self._change(
                    self.t("pilots.undo.edit_cost", label=edited.label),
                    lambda p: edit_cost(p, edited),
                )

        self.app.push_screen(
            CostDialog(pilot.currency, self.today, self._checked(edit_cost), cost), done
        )

    def _edit_benefit(self, benefit: Benefit) -> None:
        pilot = self.pilot
        if pilot is None:
            return

        def done(edited: Benefit | None) -> None:
            if edited is not None:
                self._change(
                    self.t("pilots.undo.edit_benefit", label=edited.label),
                    lambda p: edit_benefit(p, edited),
                )

        self.app.push_screen(
            BenefitDialog(pilot.currency, self.today, self._checked(edit_benefit), benefit),
            done,
        )

    def action_delete(self) -> None:
        """Delete the highlighted KPI, participant, cost or benefit, once confirmed; in the
        list, the highlighted pilot."""
        if self._refused("delete"):
            return
        if self.mode == "list":
            self._delete_pilot()
            return
        pilot = self.pilot
        if pilot is None:
            return
        removal = row_removal(pilot, self.page.section, self._row_key(), self.workbench.i18n)
        if removal is not None:
            self._confirm_removal(removal)

    def _delete_pilot(self) -> None:
        key = self.table.cursor_key
        view = self.by_key.get(key) if key else None
        if view is None:
            return
        pilot = view.pilot
        t = self.t
        goes = t(
            "pilots.delete.pilot_goes",
            kpis=len(pilot.kpis),
            measurements=sum(len(k.measurements) for k in pilot.kpis),
            costs=len(pilot.costs) + len(pilot.benefits),
            people=len(pilot.participants),
            notes=len(pilot.journal),
        )
        question = t("pilots.delete.pilot_question", name=pilot.name, goes=goes)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            pilot_id = pilot.id

            def delete(repository: Repository) -> Pilot:
                gone = repository.pilot(pilot_id)
                repository.delete_pilot(pilot_id)
                return gone

            gone = self.workbench.store(delete)
            if gone is not None:
                label = t("pilots.undo.delete_pilot", name=gone.name)
                self.undo_steps.append(UndoStep(label, gone, None))
                self.refresh_bindings_if_changed()

        self.app.push_screen(
            ConfirmDialog(
                t("pilots.delete.pilot_title"),
                f"{question} {t('pilots.delete.undo_hint')}",
                confirm_label=t("pilots.delete.confirm"),
                cancel_label=t("pilots.delete.cancel"),
                danger=True,
            ),
            answered,
        )

    def action_cancel_pilot(self) -> None:
        """Cancel the highlighted pilot (asked, with an optional reason); reopen a
        cancelled one (asked)."""
        if self._refused("cancel_pilot"):
            return
        key = self.table.cursor_key
        view = self.by_key.get(key) if key else None
        if view is None:
            return
        pilot = view.pilot
        t = self.t
        if pilot.cancelled:

            def reopen(yes: bool | None) -> None:
                if yes:
                    label = t("pilots.undo.reopen", name=pilot.name)
                    self._change(label, reopen_pilot, pilot.id)

            self.app.push_screen(
                ConfirmDialog(
                    t("pilots.reopen.title"),
                    f"{t('pilots.reopen.question', name=pilot.name)} "
                    f"{t('pilots.delete.undo_hint')}",
                    confirm_label=t("pilots.reopen.yes"),
                    cancel_label=t("pilots.cancel.no"),
                    danger=True,
                ),
                reopen,
            )
            return
        today = self.today

        def check(reason: str) -> None:
            cancel_pilot(pilot, today, reason)

        def answered(reason: str | None) -> None:
            if reason is not None:
                label = t("pilots.undo.cancel", name=pilot.name)
                self._change(label, lambda p: cancel_pilot(p, today, reason), pilot.id)

        self.app.push_screen(CancelPilotDialog(pilot.name, check), answered)

    def action_show_cancelled(self) -> None:
        """Show the cancelled pilots too, marked; again hides them."""
        self.show_cancelled = not self.show_cancelled
        self.refresh_data()
        key = "pilots.cancelled.shown" if self.show_cancelled else "pilots.cancelled.hidden_now"
        self.notify(self.t(key), timeout=3, markup=False)

    def remember_start(self, pilot_id: str) -> None:
        """A pilot just started (Scoring, Compare): ctrl+z here takes it back."""
        pilot = self.workbench.repository.snapshot().pilots.get(pilot_id)
        if pilot is not None:
            label = self.t("pilots.undo.start", name=pilot.name)
            self.undo_steps.append(UndoStep(label, None, pilot))
            self.refresh_bindings_if_changed()

    def _confirm_removal(self, removal: Removal) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._change(removal.undo_label, removal.change)

        self.app.push_screen(removal.dialog(self.workbench.i18n), answered)

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

            def done(fixed: Measurement | None) -> None:
                if fixed is not None:
                    self._change(
                        self.t("pilots.undo.correct_measurement", kpi=kpi.name),
                        lambda p: correct_measurement(p, kpi_id, fixed),
                    )

            def corrected(pilot: Pilot, fixed: Measurement) -> Pilot:
                return correct_measurement(pilot, kpi_id, fixed)

            check = self._checked(corrected)
            self.app.push_screen(MeasurementDialog(kpi, self.today, check, measurement), done)

        self._pick_measurement("pilots.measure.pick_title", correct)

    def action_remove_measurement(self) -> None:
        if self._refused("remove_measurement"):
            return

        def remove(kpi: Kpi, measurement: Measurement) -> None:
            self._confirm_removal(measurement_removal(kpi, measurement, self.workbench.i18n))

        self._pick_measurement("pilots.measure.pick_remove_title", remove)

    def action_new_cost(self) -> None:
        if self._refused("new_cost"):
            return
        pilot = self.pilot
        if pilot is None:
            return

        def done(cost: Cost | None) -> None:
            if cost is not None:
                self._change(self.t("pilots.undo.cost"), lambda p: add_cost(p, cost))
                self.action_section("money")

        self.app.push_screen(CostDialog(pilot.currency, self.today, self._checked(add_cost)), done)

    def action_new_benefit(self) -> None:
        if self._refused("new_benefit"):
            return
        pilot = self.pilot
        if pilot is None:
            return

        def done(benefit: Benefit | None) -> None:
            if benefit is not None:
                self._change(self.t("pilots.undo.benefit"), lambda p: add_benefit(p, benefit))
                self.action_section("money")

        self.app.push_screen(
            BenefitDialog(pilot.currency, self.today, self._checked(add_benefit)), done
        )

    def action_note(self) -> None:
        if self._refused("note"):
            return
        if self.pilot is None:
            return

        def done(note: JournalNote | None) -> None:
            if note is not None:
                self._change(self.t("pilots.undo.note"), lambda p: add_note(p, note))
                self.action_section("journal")

        self.app.push_screen(
            JournalDialog(self.today, self.workbench.assessor, self._checked(add_note)), done
        )

    def action_months(self) -> None:
        """The months of subscription the pilot counts (its programme's cost over it)."""
        if self._refused("months"):
            return
        pilot = self.pilot
        if pilot is None:
            return
        programme = self.workbench.repository.snapshot().programmes.get(pilot.programme_id)
        typical = programme.price.months if programme is not None else None
        current = pilot.months

        def done(choice: MonthsChoice | None) -> None:
            if choice is None or choice.months == current:
                return
            months = choice.months
            label = self.t("money.months.undo")
            self._change(label, lambda p: p.model_copy(update={"months": months}))
            self.action_section("money")

        self.app.push_screen(MonthsDialog(pilot.name, current, typical, pilot=True), done)

    def action_undo(self) -> None:
        if self._refused("undo"):
            return
        if not self.undo_steps:
            return
        step = self.undo_steps.pop()
        if step.before is None or step.after is None:
            self._undo_start_or_delete(step)
            return
        # Put back the fields this change touched, merged with what others changed since.
        after = step.after
        edited = revalidated(step.before, updated_at=after.updated_at)
        # Someone else changed the same part meanwhile: the conflict dialog lets the user
        # keep theirs or the undone version, field by field.
        undone = self.workbench.store(
            lambda repo: repo.save_edit(after, edited), resolved=lambda saved: None
        )
        if undone is not None:
            self.notify(self.t("pilots.undone", change=step.label), timeout=3, markup=False)
        self.refresh_bindings_if_changed()

    def _undo_start_or_delete(self, step: UndoStep) -> None:
        """A pilot started is deleted again; a pilot deleted is saved again."""
        before, after = step.before, step.after

        def undo(repository: Repository) -> bool:
            if before is None and after is not None:
                repository.delete_pilot(after.id)
            elif before is not None:
                repository.save_pilot(before)
            return True

        if self.workbench.store(undo):
            self.notify(self.t("pilots.undone", change=step.label), timeout=3, markup=False)
        self.refresh_bindings_if_changed()

    # the status report

    def action_report(self) -> None:
        pilot_id = self.open_id if self.mode == "page" else self.table.cursor_key
        view = self.by_key.get(pilot_id) if pilot_id else None
        if view is None:
            return
        i18n = self.workbench.i18n
        text = pilot_report(
            view.pilot, team=view.team, programme=view.programme, today=self.today, i18n=i18n
        )
        folder = self.workbench.repository.path.parent
        path = folder / report_filename(view.pilot, self.today, i18n.lang)
        try:
            write_atomically(path, text.encode("utf-8"), like=self.workbench.repository.path)
        except OSError as error:
            self.notify(
                self.t("pilots.report_failed", path=str(path), error=error.strerror or str(error)),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.notify(self.t("pilots.report_written", path=str(path)), timeout=10, markup=False)

    # palette

    def palette_commands(self) -> list[PaletteCommand]:
        """The actions that work here now (read-only: none that write)."""
        t = self.t
        offered: list[tuple[str, Callable[[], None]]] = [
            ("measure", self.action_measure),
            ("correct_measurement", self.action_correct_measurement),
            ("remove_measurement", self.action_remove_measurement),
            ("gate", self.action_gate),
            ("phase_dates", self.action_phase_dates),
            ("new_kpi", self.action_new_kpi),
            ("new_participant", self.action_new_participant),
            ("edit", self.action_edit),
            ("delete", self.action_delete),
            ("cancel_pilot", self.action_cancel_pilot),
            ("show_cancelled", self.action_show_cancelled),
            ("new_cost", self.action_new_cost),
            ("new_benefit", self.action_new_benefit),
            ("note", self.action_note),
            ("months", self.action_months),
            ("back", self.action_back),
            ("report", self.action_report),
            ("undo", self.action_undo),
        ]
        commands = [
            (key, action)
            for key, action in offered
            if self.applies(key)
            and not self.unavailable(key)
            and (key != "back" or self.mode == "page")
        ]
        return [
            PaletteCommand(
                t(f"pilots.commands.{key}"), t(f"pilots.commands.{key}_help"), self.here(action)
            )
            for key, action in commands
        ]
