"""The list of pilots: team, programme, current phase, status, next due date, ROI so far and
warnings, the totals across pilots above it and the highlighted pilot at a glance below.

Filtered with ``/``, sorted with ``s`` / ``S`` (the table pane's keys); the cancelled pilots
are left out (counted above the list) until ``h`` shows them, marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from workbench.core.memo_money import Exchange, reader_currency
from workbench.core.percent import PERCENT_DECIMALS
from workbench.core.pilot import PHASE_ORDER, PhaseKind, Pilot
from workbench.core.pilot_metrics import current_phase, next_due, pilot_status, roi_so_far, warnings
from workbench.core.pilot_overview import totals
from workbench.ui.panes.table_pane import TablePane
from workbench.ui.pilots.pilot_glance import PilotGlance, totals_text
from workbench.ui.pilots.started_against import MARK
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable

FILTER = Binding("slash", "filter", "pilots.keys.filter", show=False, id="pilots-filter")
SORT = Binding("s", "sort", "pilots.keys.sort", show=False, id="pilots-sort")
REVERSE = Binding("S,shift+s", "reverse", "pilots.keys.reverse", show=False, id="pilots-reverse")
SHOW_CANCELLED = Binding(
    "h", "show_cancelled", "pilots.keys.show_cancelled", show=False, id="pilots-cancelled"
)


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


class PilotsTable(VirtualTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "pilots.keys.open", id="pilots-open"),
    ]
    help_title = "pilots.help.list"


class PilotsList(TablePane[PilotView]):
    TABLE = PilotsTable
    TABLE_ID = "pilots-table"
    FILTER_ID = "pilots-filter"
    FILTER_LABEL = "pilots.filter_label"
    FILTER_PLACEHOLDER = "pilots.filter_placeholder"
    BODY_ID = "pilots-body"
    EMPTY = "pilots.empty"
    NO_MATCH = "pilots.no_match"
    DEFAULT_SORT = "due"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_cancelled = False
        self.hidden = 0
        """How many cancelled pilots the list leaves out."""

    @property
    def today(self) -> date:
        return self.workbench.today

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

    def action_show_cancelled(self) -> None:
        """Show the cancelled pilots too, marked; again hides them."""
        self.show_cancelled = not self.show_cancelled
        self.refresh_data()
        key = "pilots.cancelled.shown" if self.show_cancelled else "pilots.cancelled.hidden_now"
        self.notify(self.t(key), timeout=3, markup=False)
