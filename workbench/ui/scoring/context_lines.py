"""The lines over the verdict: the team x programme, whose view, custom thresholds, what to
clarify, old facts and a subscription's cost over the pilot."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from workbench.core.assessment import Assessment
from workbench.core.catalogue import PriceBasis, Programme, Status
from workbench.core.grid import Grid
from workbench.core.memo_money import PilotCost, arithmetic, pilot_cost
from workbench.core.team import Team
from workbench.ui.scoring.base import ASSESSOR_LIMIT
from workbench.ui.scoring.retired import RetiredProgrammes
from workbench.ui.scoring.robustness_panel import thresholds_text
from workbench.ui.text import safe_text
from workbench.ui.widgets.catalogue_view import OLD_FACTS_MARK, old_facts_text

SUBSCRIPTION = (PriceBasis.SEAT_MONTH, PriceBasis.SEAT_YEAR)
"""Prices whose cost over the pilot counts months: the context shows it, c changes them."""
DEFAULT_THRESHOLDS = (Grid().pilot_above, Grid().alternatives_below)


def context_text(
    pane: RetiredProgrammes,
    team: Team | None,
    programme: Programme | None,
    assessment: Assessment | None,
) -> Group:
    t = pane.workbench.i18n
    report = pane.report
    title = Text(no_wrap=True, overflow="ellipsis")
    if team:
        title.append_text(safe_text(team.name, "bold"))
    else:
        title.append(t("scoring.no_team"), "italic")
    title.append("  ×  ")
    if programme:
        title.append_text(safe_text(programme.name, "bold"))
        if programme.status in (Status.RETIRED, Status.RETIRING):
            title.append(f"  ({pane.status_words(programme)})", "bold")
    else:
        title.append(t("scoring.no_programme"), "italic")
    mode = Text(style="dim", no_wrap=True)
    if report is not None and assessment is not None and assessment.assessors:
        count = len(assessment.assessors)
        key = "scoring.view_mine"
        if report.consensus:
            key = "scoring.view_median_one" if count == 1 else "scoring.view_median"
        mode.append(t(key, count=count))
        mode.append(" · ")
    mode.append("✎ ")
    mode.append_text(safe_text(pane.assessor, limit=ASSESSOR_LIMIT))
    layout = Table.grid(expand=True, padding=(0, 0, 0, 2))  # the cut name never touches
    layout.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    layout.add_column(justify="right", no_wrap=True)
    layout.add_row(title, mode)
    lines: list[Table | Text] = [layout]
    if report is not None:
        grid = report.grid
        if (grid.pilot_above, grid.alternatives_below) != DEFAULT_THRESHOLDS:
            custom = Text("⚙ ", style="bold")
            custom.append(t("scoring.thresholds.custom"), "bold")
            custom.append(" ")
            custom.append_text(thresholds_text(grid, t))
            lines.append(custom)
    if team is not None and not team.objective.is_measurable:
        gaps = ", ".join(t(f"scoring.gap.{gap}") for gap in team.objective.missing())
        flag = Text(f"⚠ {t('scoring.clarify')}", style="bold")
        flag.append(f" ({gaps})", "dim")
        lines.append(flag)
    if programme is not None:
        app = pane.workbench
        old = old_facts_text(t, programme, app.today, app.settings.facts_max_age_days)
        if old:
            lines.append(Text(OLD_FACTS_MARK + old, style="bold"))
    if team is not None and programme is not None and programme.price.basis in SUBSCRIPTION:
        lines.append(cost_text(pane, team, programme, assessment))
    if team is None or programme is None:
        lines.append(Text(t("scoring.choose_hint"), style="italic"))
    return Group(*lines)


def context_inputs(
    pane: RetiredProgrammes,
    team: Team | None,
    programme: Programme | None,
    assessment: Assessment | None,
) -> tuple[object, ...]:
    """What ``context_text`` reads that a change can alter (a score key alters none of it:
    the lines are not drawn again)."""
    report = pane.report
    grid = report.grid if report is not None else None
    inactive = programme is not None and programme.status in (Status.RETIRED, Status.RETIRING)
    return (
        team,
        programme,
        assessment.months if assessment else None,
        len(assessment.assessors) if assessment else 0,
        report.consensus if report is not None else None,
        (grid.pilot_above, grid.alternatives_below) if grid is not None else None,
        pane.assessor,
        pane.workbench.today,
        pane.workbench.settings.facts_max_age_days,
        pane.status_words(programme) if programme is not None and inactive else None,
    )


def cost_text(
    pane: RetiredProgrammes, team: Team, programme: Programme, assessment: Assessment | None
) -> Text:
    """A subscription's cost over the pilot, with the months it counts (c changes them)."""
    t = pane.workbench.i18n
    months = assessment.months if assessment else None
    found = pilot_cost(programme, team.headcount, months)
    text = Text(t("scoring.cost") + " ", style="dim", no_wrap=True, overflow="ellipsis")
    if isinstance(found, PilotCost):
        cost = t.money(found.money.amount, found.money.currency)
        text.append_text(safe_text(arithmetic(found, cost, t)))
    else:
        text.append(t("reports.memo.months_unknown"))
    key = pane.workbench.bound_key("scoring-months")
    text.append(f"  ({t('scoring.cost_key', shortcut=key)})", "dim")
    return text
