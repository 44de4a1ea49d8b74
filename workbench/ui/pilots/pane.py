"""Pilots tab: every pilot in a table, and one pilot's page with its six sections.

Enter opens the highlighted pilot's page, Esc goes back to the list. On the page, 1-6 (or
← →) switch sections and single keys record what happened (each section's module holds its
keys and actions); e edits and Del deletes the highlighted KPI, participant, cost or
benefit, after a question that defaults to Cancel. Every change goes through the
repository's merge path and ctrl+z undoes the last one. Read-only, the keys that write stay
in the footer, greyed, and say why when pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Input

from workbench.core.pilot_metrics import current_phase
from workbench.ui.focus import focus_now
from workbench.ui.panes.pane import PaletteCommand
from workbench.ui.pilots.editing import ROW_SECTIONS, UNDO
from workbench.ui.pilots.journal import NOTE, JournalActions
from workbench.ui.pilots.kpis import (
    CORRECT_MEASUREMENT,
    MEASURE,
    NEW_KPI,
    REMOVE_MEASUREMENT,
    KpiActions,
)
from workbench.ui.pilots.lifecycle import CANCEL, REPORT, PilotLifecycle
from workbench.ui.pilots.list_view import FILTER, REVERSE, SHOW_CANCELLED, SORT
from workbench.ui.pilots.money import MONTHS, NEW_BENEFIT, NEW_COST, MoneyActions
from workbench.ui.pilots.page import SECTIONS, PilotPage
from workbench.ui.pilots.people import NEW_PARTICIPANT, ParticipantActions
from workbench.ui.pilots.phases import GATE, PHASE_DATES, PhaseActions
from workbench.ui.pilots.pilot_removal import row_removal
from workbench.ui.pilots.section import PilotContext, SectionTable
from workbench.ui.widgets.virtual_table import VirtualTable

ROW_ACTIONS = {"edit", "delete"}
"""Act on the highlighted row of the KPI, people or money section."""
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


class PilotsPane(
    PhaseActions,
    KpiActions,
    ParticipantActions,
    MoneyActions,
    JournalActions,
    PilotLifecycle,
):
    tab_id = "pilots"
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
        FILTER,
        SORT,
        REVERSE,
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
        MEASURE,
        GATE,
        PHASE_DATES,
        NEW_KPI,
        NEW_PARTICIPANT,
        NEW_COST,
        NEW_BENEFIT,
        NOTE,
        MONTHS,
        REPORT,
        UNDO,
        Binding("escape", "back", "pilots.keys.back", id="pilots-back"),
        Binding("e", "edit", "pilots.keys.edit", id="pilots-edit"),
        Binding("d,delete", "delete", "pilots.keys.delete", id="pilots-delete"),
        CANCEL,
        SHOW_CANCELLED,
        CORRECT_MEASUREMENT,
        REMOVE_MEASUREMENT,
    ]

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

    def refresh_data(self) -> None:
        super().refresh_data()
        if self.mode == "page":
            if self.open_id in self.by_key:
                self._show_page()
            else:
                self.action_back()
        self.refresh_bindings_if_changed()

    # from the list to a pilot's page and back

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

    # the page's sections

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
        else:
            self._edit_money(key)

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

    # which keys apply here, and why one does nothing

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
