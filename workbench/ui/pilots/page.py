"""One pilot's page: a heading, the warnings, and six sections a key apart.

Each section is a table (one row per phase, KPI, participant, cost or benefit, note or
warning) with a cursor, and a detail panel for the highlighted row. Everything a user
typed is drawn through ``safe_text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Static

from workbench.core.percent import PERCENT_DECIMALS
from workbench.core.pilot import CostKind, Pilot
from workbench.core.pilot_metrics import (
    PilotSummary,
    latest,
    next_due,
    pilot_status,
    progress,
    ratio_so_far,
    roi_so_far,
    summarise,
)
from workbench.core.pilot_report import ratio_text, roi_text, warning_text
from workbench.ui.context import WorkbenchNode
from workbench.ui.pilots.pilot_cells import progress_bar, sparkline, timeline
from workbench.ui.pilots.started_against import started_against
from workbench.ui.text import safe_text
from workbench.ui.widgets.drawn_once import DrawnOnce
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable

SECTIONS = ("phases", "kpis", "people", "money", "journal", "warnings")
ROOMY = 110
TALL = 30
"""From this height (of the page) every warning has its own line, up to ``TALL_WARNINGS``."""
TALL_WARNINGS = 5


@dataclass(frozen=True, slots=True)
class PilotContext:
    pilot: Pilot
    team: str
    programme: str
    today: date


class SectionTable(VirtualTable, inherit_bindings=False):
    """A section's rows; Enter acts on the highlighted row (measure, decide, edit).

    The arrows only, not the table's j and k: on a pilot's page those write a journal
    note and add a KPI."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "table.up", show=False, id="pilot-section-up"),
        Binding("down", "cursor(1)", "table.down", show=False, id="pilot-section-down"),
        Binding("pageup", "page(-1)", "table.page_up", show=False, id="pilot-section-page-up"),
        Binding("pagedown", "page(1)", "table.page_down", show=False, id="pilot-section-page-down"),
        Binding("home", "edge(0)", "table.first", show=False, id="pilot-section-first"),
        Binding("end", "edge(1)", "table.last", show=False, id="pilot-section-last"),
        Binding("enter", "select", "table.open", id="pilot-section-open"),
    ]
    help_title = "pilots.help.section"


def percent_of(value: Fraction | None) -> Fraction | None:
    """A KPI's progress as an exact percentage (rounded only when shown)."""
    return None if value is None else value * 100


class PilotPage(WorkbenchNode, Vertical):
    DEFAULT_CSS = """
    PilotPage { height: 1fr; }
    PilotPage #pilot-heading { height: auto; padding: 0 1; background: $panel; }
    PilotPage #pilot-started { height: auto; max-height: 3; padding: 0 1; color: $text-warning; }
    PilotPage #pilot-sections { height: 1; padding: 0 1; background: $boost; }
    PilotPage #pilot-warning-line {
        height: auto; max-height: 2; padding: 0 1; color: $text-warning;
    }
    PilotPage.-tall #pilot-warning-line { max-height: 6; }
    PilotPage ContentSwitcher { height: 1fr; }
    PilotPage .section { height: 1fr; }
    PilotPage #phases-timeline { height: 1; padding: 0 1; color: $text-accent; }
    PilotPage SectionTable { height: auto; min-height: 2; max-height: 60%; }
    PilotPage .section-detail { height: 1fr; padding: 0 1; border-top: solid $primary-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section = "phases"
        self.context: PilotContext | None = None
        self.summary: PilotSummary | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="pilot-heading")
        yield Static(id="pilot-started")
        yield Static(id="pilot-sections")
        yield Static(id="pilot-warning-line")
        with ContentSwitcher(initial="section-phases"):
            for name in SECTIONS:
                with Vertical(id=f"section-{name}", classes="section"):
                    if name == "phases":
                        yield Static(id="phases-timeline")
                    yield SectionTable(id=f"{name}-table")
                    with VerticalScroll(classes="section-detail"):
                        yield Static(id=f"{name}-detail")

    def table(self, name: str | None = None) -> SectionTable:
        return self.query_one(f"#{name or self.section}-table", SectionTable)

    @property
    def roomy(self) -> bool:
        return self.size.width >= ROOMY

    # showing

    def show(self, context: PilotContext) -> None:
        self.context = context
        self.summary = summarise(context.pilot, context.today)
        self._heading()
        self._started()
        self._section_bar()
        self._warning_line()
        for name in SECTIONS:
            getattr(self, f"_show_{name}")()
        self.show_detail()

    def choose(self, name: str) -> None:
        self.section = name
        self.query_one(ContentSwitcher).current = f"section-{name}"
        self._section_bar()
        self.show_detail()

    def _heading(self) -> None:
        """Names on the left, cut first; status, ROI and next due date whole on the right."""
        assert self.context is not None
        assert self.summary is not None
        t = self.t
        pilot = self.context.pilot
        status = Text(t(f"pilots.status.{pilot_status(pilot)}"), "bold")
        roi = roi_text(roi_so_far(pilot), self.workbench.i18n)
        status.append(" · " + t("pilots.page.roi", roi=roi))
        names = safe_text(self.context.team)
        names.append(" × ")
        names.append_text(safe_text(self.context.programme))
        due = next_due(pilot)
        layout = Table.grid(expand=True, padding=(0, 0, 0, 2))
        layout.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        layout.add_column(justify="right", no_wrap=True)
        layout.add_row(safe_text(pilot.name, "bold"), status)
        layout.add_row(names, t("pilots.page.next_due", date=due.isoformat() if due else "—"))
        self.query_one("#pilot-heading", Static).update(layout)

    def _started(self) -> None:
        """What the pilot was started against, when its verdict was not PILOT."""
        assert self.context is not None
        said = started_against(self.context.pilot, self.t)
        widget = self.query_one("#pilot-started", Static)
        widget.display = said is not None
        if said is not None:
            widget.update(said)

    def _section_bar(self) -> None:
        bar = Text(no_wrap=True, overflow="ellipsis")
        count = len(self.summary.warnings) if self.summary else 0
        for index, name in enumerate(SECTIONS, start=1):
            label = self.t(f"pilots.section.{name}")
            if name == "warnings":
                label = self.t("pilots.section.warnings_count", count=count)
            style = "bold reverse" if name == self.section else ""
            bar.append(f" {index} {label} ", style)
        self.query_one("#pilot-sections", Static).update(bar)

    def _warning_line(self) -> None:
        assert self.summary is not None
        warnings = self.summary.warnings
        widget = self.query_one("#pilot-warning-line", Static)
        widget.display = bool(warnings)
        if not warnings:
            return
        i18n = self.workbench.i18n
        if self.has_class("-tall"):
            lines = [
                Text.assemble("⚠ ", safe_text(warning_text(w, i18n)))
                for w in warnings[:TALL_WARNINGS]
            ]
            widget.update(Text("\n").join(lines))
            return
        first = warning_text(warnings[0], i18n)
        key = "pilots.page.warning_one" if len(warnings) == 1 else "pilots.page.warning_more"
        text = Text("⚠ ", no_wrap=True, overflow="ellipsis")
        text.append_text(safe_text(self.t(key, count=len(warnings), first=first)))
        widget.update(text)

    def on_resize(self, event: events.Resize) -> None:
        tall = event.size.height >= TALL
        if tall != self.has_class("-tall"):
            self.set_class(tall, "-tall")
            if self.summary is not None:
                self._warning_line()
        if self.context is not None:
            self._show_timeline()

    # sections

    def _set(self, name: str, columns: list[Column], rows: list[Row], empty: str) -> None:
        table = self.table(name)
        table.empty_text = empty
        table.set_columns(columns)
        table.set_rows(rows)

    def _show_phases(self) -> None:
        assert self.context is not None
        t = self.t
        i18n = self.workbench.i18n
        pilot = self.context.pilot
        rows = []
        for phase in pilot.phases:
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
        columns = [
            Column("phase", t("pilots.columns.phase"), 11),
            Column("status", t("pilots.columns.status"), 11),
            Column("planned_end", t("pilots.columns.planned_end"), 10),
            Column("actual_end", t("pilots.columns.actual_end"), 10),
            Column("budget", t("pilots.columns.budget", currency=pilot.currency), min_width=12),
            Column("gate", t("pilots.columns.gate"), 12),
        ]
        self._set("phases", columns, rows, "")
        self._show_timeline()

    def _show_timeline(self) -> None:
        assert self.context is not None
        pilot = self.context.pilot
        spans = [(p.planned_start, p.planned_end, p.status.value) for p in pilot.phases]
        width = max(self.size.width - 2, 0)
        first, last = pilot.phases[0].planned_start, pilot.phases[-1].planned_end
        edges = 22 if first and last else 0
        bar = timeline(spans, self.context.today, width - edges)
        text = Text(no_wrap=True, overflow="ellipsis")
        if bar and first and last:
            text.append(f"{first.isoformat()} ")
            text.append(bar)
            text.append(f" {last.isoformat()}")
        self.query_one("#phases-timeline", Static).update(text)

    def _show_kpis(self) -> None:
        assert self.context is not None
        t = self.t
        i18n = self.workbench.i18n
        pilot = self.context.pilot
        roomy = self.roomy
        spark = 12 if roomy else 8
        bar = 10 if roomy else 6
        rows = []
        for kpi in pilot.kpis:
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
        columns = [
            Column("level", t("pilots.columns.level"), 9),
            Column("name", t("pilots.columns.kpi"), min_width=12),
        ]
        if roomy:
            columns.append(Column("unit", t("pilots.columns.unit"), 14))
        columns += [
            Column("range", t("pilots.columns.range"), 11),
            Column("latest", t("pilots.columns.latest"), 7, align="right"),
            Column("progress", t("pilots.columns.progress"), bar + 7),
            Column("trend", t("pilots.columns.trend"), spark),
        ]
        self._set("kpis", columns, rows, t("pilots.page.no_kpi"))

    def _show_people(self) -> None:
        assert self.context is not None
        t = self.t
        warned = {
            w.participant_id
            for w in (self.summary.warnings if self.summary else ())
            if w.participant_id
        }
        rows = [
            Row(
                p.id,
                (
                    safe_text(p.name),
                    t(f"pilots.participant_status.{p.status.value}"),
                    p.certified_on.isoformat() if p.certified_on else "—",
                    p.expires_on.isoformat() if p.expires_on else "—",
                    "⚠" if p.id in warned else "",
                ),
            )
            for p in self.context.pilot.participants
        ]
        columns = [
            Column("name", t("pilots.report.name"), min_width=14),
            Column("status", t("pilots.columns.status"), 12),
            Column("certified_on", t("pilots.columns.certified_on"), 10),
            Column("expires_on", t("pilots.columns.expires_on"), 10),
            Column("flag", "", 1),
        ]
        self._set("people", columns, rows, t("pilots.report.no_participant"))

    def _show_money(self) -> None:
        assert self.context is not None
        t = self.t
        i18n = self.workbench.i18n
        pilot = self.context.pilot
        rows = []
        for cost in pilot.costs:
            detail: str | Text = ""
            if (
                cost.kind is CostKind.HOURS
                and cost.hours is not None
                and cost.hourly_cost is not None
            ):
                detail = t(
                    "pilots.money.hours_detail",
                    hours=i18n.smart(cost.hours),
                    rate=i18n.money(cost.hourly_cost, pilot.currency),
                )
            rows.append(
                Row(
                    f"cost:{cost.id}",
                    (
                        t(f"pilots.cost_kind.{cost.kind.value}"),
                        safe_text(cost.label),
                        detail,
                        "−" + i18n.money(cost.total, pilot.currency),
                    ),
                )
            )
        for benefit in pilot.benefits:
            rows.append(
                Row(
                    f"benefit:{benefit.id}",
                    (
                        t("pilots.money.benefit"),
                        safe_text(benefit.label),
                        safe_text(benefit.basis or ""),
                        "+" + i18n.money(benefit.amount, pilot.currency),
                    ),
                )
            )
        columns = [
            Column("kind", t("pilots.report.kind"), 8),
            Column("label", t("pilots.report.label"), min_width=14),
            Column("detail", t("pilots.report.basis"), min_width=10),
            Column("amount", t("pilots.report.amount"), 13, align="right"),
        ]
        self._set("money", columns, rows, t("pilots.page.no_money"))

    def _show_journal(self) -> None:
        assert self.context is not None
        t = self.t
        rows = [
            Row(
                note.id,
                (note.on.isoformat(), safe_text(note.by or ""), safe_text(note.text)),
            )
            for note in reversed(self.context.pilot.journal)
        ]
        columns = [
            Column("on", t("pilots.columns.date"), 10),
            Column("by", t("pilots.columns.by"), 12),
            Column("text", t("pilots.form.note"), min_width=20),
        ]
        self._set("journal", columns, rows, t("pilots.report.no_note"))

    def _show_warnings(self) -> None:
        assert self.summary is not None
        i18n = self.workbench.i18n
        rows = [
            Row(str(index), ("⚠", safe_text(warning_text(w, i18n))))
            for index, w in enumerate(self.summary.warnings)
        ]
        columns = [
            Column("flag", "", 1),
            Column("text", self.t("pilots.section.warnings"), min_width=20),
        ]
        self._set("warnings", columns, rows, self.t("pilots.report.no_warning"))

    # the detail of the highlighted row

    def show_detail(self) -> None:
        if self.context is None:
            return
        detail = self.query_one(f"#{self.section}-detail", Static)
        detail.update(DrawnOnce(getattr(self, f"_detail_{self.section}")(self.table().cursor_key)))

    def _fields(self, pairs: list[tuple[str, Text | str]]) -> Table:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        for label, value in pairs:
            grid.add_row(Text(label + " "), value if isinstance(value, Text) else safe_text(value))
        return grid

    def _detail_phases(self, key: str | None) -> RenderableType:
        assert self.context is not None
        t = self.t
        i18n = self.workbench.i18n
        pilot = self.context.pilot
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
        return Group(title, self._fields(pairs))

    def _detail_kpis(self, key: str | None) -> RenderableType:
        assert self.context is not None
        t = self.t
        i18n = self.workbench.i18n
        kpi = next((k for k in self.context.pilot.kpis if k.id == key), None)
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
        return Group(title, self._fields(pairs))

    def _detail_people(self, key: str | None) -> RenderableType:
        assert self.summary is not None
        t = self.t
        counts = self.summary.participants
        parts = [
            t(
                "pilots.page.count_status",
                count=count,
                status=t(f"pilots.participant_status.{status.value}"),
            )
            for status, count in counts.items()
            if count
        ]
        return Text(" · ".join(parts) if parts else t("pilots.report.no_participant"))

    def _detail_money(self, key: str | None) -> RenderableType:
        assert self.context is not None
        assert self.summary is not None
        t = self.t
        i18n = self.workbench.i18n
        pilot = self.context.pilot
        s = self.summary
        cur = pilot.currency
        b = s.cost_breakdown
        unknown = t("pilots.unknown")
        budget = (
            f"{i18n.money(s.budget.spent, cur) if s.budget.spent is not None else unknown} / "
            f"{i18n.money(s.budget.planned, cur) if s.budget.planned is not None else unknown}"
        )
        months_key = self.workbench.bound_key("pilots-months")
        pairs: list[tuple[str, Text | str]] = [
            (t("pilots.money.fees"), i18n.money(b[CostKind.FEES], cur)),
            (t("pilots.money.hours"), i18n.money(b[CostKind.HOURS], cur)),
            (t("pilots.money.other"), i18n.money(b[CostKind.OTHER], cur)),
            (t("pilots.money.total_costs"), i18n.money(s.total_costs, cur)),
            (
                t("pilots.money.total_benefits"),
                i18n.money(s.total_benefits, cur)
                if pilot.benefits
                else t("pilots.page.not_valued"),
            ),
            (t("pilots.money.roi"), Text(roi_text(roi_so_far(pilot), i18n), style="bold")),
            (t("pilots.money.ratio"), Text(ratio_text(ratio_so_far(pilot), i18n), style="bold")),
            (t("pilots.money.budget"), budget),
            (
                t("pilots.money.months"),
                t("pilots.money.months_count", months=pilot.months, shortcut=months_key)
                if pilot.months is not None
                else t("pilots.money.months_programme", shortcut=months_key),
            ),
        ]
        return self._fields(pairs)

    def _detail_journal(self, key: str | None) -> RenderableType:
        assert self.context is not None
        note = next((n for n in self.context.pilot.journal if n.id == key), None)
        if note is None:
            return Text(self.t("pilots.page.journal_hint"), style="italic")
        return safe_text(note.text, one_line=False)

    def _detail_warnings(self, key: str | None) -> RenderableType:
        return Text(self.t("pilots.page.warnings_hint"), style="italic")
