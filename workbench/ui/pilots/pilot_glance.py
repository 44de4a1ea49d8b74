"""Below the Pilots list: the highlighted pilot at a glance, as the Catalogue and the Teams
show theirs. Its phases against today, its budget spent as a bar, each KPI's progress and
its warnings; and, in the list's header, the totals across pilots."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.content import Content

from workbench.core.memo_money import figure
from workbench.core.money import Money
from workbench.core.percent import PERCENT_DECIMALS
from workbench.core.pilot import Pilot
from workbench.core.pilot_metrics import (
    budget,
    current_phase,
    kpi_progress,
    pilot_status,
    roi_so_far,
    warnings,
)
from workbench.core.pilot_overview import Totals, rates_lines, totals_line
from workbench.core.pilot_report import roi_text, warning_text
from workbench.i18n import Translator
from workbench.ui.pilots.pilot_cells import progress_bar, timeline
from workbench.ui.pilots.started_against import started_against
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.detail_view import DetailView

BAR = 20
"""Cells of the budget and KPI bars."""


def totals_text(found: Totals, i18n: Translator) -> Text:
    """The list's header: the totals in one currency, then which rates were used and the
    pilots left out for want of a rate."""
    if found.pilots == 0 and not found.missing:
        return Text("")
    lines = [safe_text(totals_line(found, i18n))]
    lines += [safe_text(line, "dim") for line in rates_lines(found, i18n)]
    return Text("\n").join(lines)


def glance(pilot: Pilot, today: date, i18n: Translator, width: int) -> RenderableType:
    """Everything the summary shows of one pilot, as label | value rows."""
    t = i18n
    grid = Table.grid(expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(width=1, min_width=1, no_wrap=True)  # the gap: no long value squeezes it
    grid.add_column(ratio=1)
    said = started_against(pilot, t)
    if said is not None:
        row(grid, "", Text.assemble(said, style="yellow"))
    status = t(f"pilots.status.{pilot_status(pilot)}")
    phase = current_phase(pilot)
    where = Text(status, style="bold")
    if phase is not None:
        where.append(" · " + t(f"pilots.phase.{phase.kind.value}"))
        if phase.planned_end is not None:
            days = (today - phase.planned_end).days
            key = "pilots.glance.late" if days > 0 else "pilots.glance.ends"
            where.append(" · " + t(key, date=phase.planned_end.isoformat(), days=abs(days)))
    where.append(" · " + t("pilots.page.roi", roi=roi_text(roi_so_far(pilot), t)))
    row(grid, t("pilots.glance.status"), where)
    if pilot.cancelled_on is not None:
        cancelled = Text(t("pilots.cancelled.mark", on=pilot.cancelled_on.isoformat()))
        if pilot.cancel_reason:
            cancelled.append(": ")
            cancelled.append_text(safe_text(pilot.cancel_reason))
        row(grid, "", cancelled)
    spans = [(p.planned_start, p.planned_end, p.status.value) for p in pilot.phases]
    first, last = pilot.phases[0].planned_start, pilot.phases[-1].planned_end
    bar = timeline(spans, today, max(width - 50, 12))
    if bar and first and last:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{first.isoformat()} ")
        line.append(bar)
        line.append(f" {last.isoformat()}")
        line.append("  " + t("pilots.glance.today", date=today.isoformat()), style="dim")
        row(grid, t("pilots.glance.phases"), line)
    row(grid, t("pilots.glance.budget"), _budget(pilot, t))
    for item in (kpi_progress(kpi) for kpi in pilot.kpis):
        cell = Text(progress_bar(item.progress, BAR) + " ")
        if item.progress is None:
            cell.append(t("pilots.page.unmeasured"), style="dim")
        else:
            cell.append(i18n.percent(item.progress * 100, PERCENT_DECIMALS))
        cell.append("  ")
        cell.append_text(safe_text(item.name))
        row(grid, t(f"pilots.level_short.{item.level.value}"), cell)
    if not pilot.kpis:
        row(grid, t("pilots.glance.kpis"), Text(t("pilots.report.no_kpi"), style="dim"))
    for warning in warnings(pilot, today):
        row(grid, "⚠", safe_text(warning_text(warning, i18n), "yellow", wrap=True))
    return grid


def row(grid: Table, label: str, value: RenderableType) -> None:
    grid.add_row(label, "", value)


def _budget(pilot: Pilot, t: Translator) -> Text:
    spent = budget(pilot)
    if spent.planned is None or spent.spent is None:
        return Text(t("pilots.unknown"), style="dim")
    share = Fraction(spent.spent) / Fraction(spent.planned) if spent.planned else None
    text = Text(progress_bar(share, BAR) + " ")
    said = t(
        "pilots.glance.spent",
        spent=figure(Money(spent.spent, pilot.currency), None, t),
        budget=figure(Money(spent.planned, pilot.currency), None, t),
        percent=t.percent(share * 100, PERCENT_DECIMALS) if share is not None else "—",
    )
    text.append_text(safe_text(said))  # the currency comes from the data file
    if share is not None and share > 1:
        text.stylize("bold red")
    return text


class PilotGlance(DetailView):
    """The highlighted pilot's summary, under the list (beside it when the pane is wide)."""

    DEFAULT_CSS = """
    PilotGlance { background: $surface; padding: 0 1; scrollbar-size-vertical: 1; }
    """

    def __init__(self, i18n: Translator, *, id: str | None = None) -> None:
        super().__init__(Text(i18n("pilots.glance.none")), id=id)
        self._i18n = i18n
        self._shown: tuple[Pilot | None, date] | None = None

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None:
            self.show(*self._shown)  # the timeline takes the width it now has

    def show(self, pilot: Pilot | None, today: date) -> None:
        t = self._i18n
        self._shown = (pilot, today)
        if pilot is None:
            self.border_title = Content(t("pilots.glance.title"))
            self.update(Text(t("pilots.glance.none")))
            return
        self.border_title = Content(safe_str(pilot.name, limit=120))
        width = self.scrollable_content_region.width or 80
        self.update(glance(pilot, today, t, width))
