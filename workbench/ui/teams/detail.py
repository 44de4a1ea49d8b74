"""The highlighted team in full: its objective (and what keeps it from being measurable),
its assessments' verdicts and its pilots.

Everything a user typed goes into ``Text`` through ``safe_text``, never into markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from workbench.ui.teams.records import TeamView
from workbench.ui.teams.words import TeamWords
from workbench.ui.text import FIELD_LIMIT, safe_text
from workbench.ui.widgets.objective_badge import missing_text, needs_clarifying, warning_style


def team_detail(words: TeamWords, view: TeamView) -> RenderableType:
    t = words.t
    i18n = words.i18n
    team = view.team
    objective = team.objective
    flag_style = warning_style(words.app)
    unset = Text(t("teams.detail.unset"), style="dim")

    def value(text: str | None) -> Text:
        return safe_text(text, limit=FIELD_LIMIT, wrap=True) if text else unset

    def number(amount: float | None) -> Text:
        return Text(i18n.smart(amount)) if amount is not None else unset

    separator = t("teams.detail.separator")
    heading = safe_text(team.name, "bold", limit=FIELD_LIMIT, wrap=True)
    if team.department:
        heading.append(separator)
        heading.append_text(safe_text(team.department, limit=FIELD_LIMIT, wrap=True))
    heading.append(separator)
    heading.append(
        i18n.plural("teams.detail.people", team.headcount, number=i18n.number(team.headcount))
    )

    fields = Table.grid(padding=(0, 1), expand=True)
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(ratio=1)
    fields.add_row(Text(t("teams.detail.statement")), value(objective.statement))
    fields.add_row(Text(t("teams.detail.metric")), value(objective.metric))
    fields.add_row(Text(t("teams.detail.unit")), value(objective.unit))
    fields.add_row(Text(t("teams.detail.baseline")), number(objective.baseline))
    fields.add_row(Text(t("teams.detail.target")), number(objective.target))
    horizon = objective.horizon_months
    fields.add_row(
        Text(t("teams.detail.horizon")),
        Text(i18n.plural("teams.detail.months", horizon)) if horizon is not None else unset,
    )

    objective_title = Text.assemble((t("teams.detail.objective"), "bold underline"), "  ")
    parts: list[RenderableType] = [heading, Text(), objective_title]
    if needs_clarifying(team):
        objective_title.append(t("teams.flag.clarify"), style=flag_style)
        parts.append(
            Text.assemble(
                (t("teams.detail.to_fix"), flag_style),
                t("teams.flag.missing_intro"),
                missing_text(team, i18n),
            )
        )
    else:
        objective_title.append(t("teams.flag.measurable"), style="bold")
    parts.append(fields)

    parts.append(Text())
    parts.append(
        Text(t("teams.detail.assessments", count=len(view.scored)), style="bold underline")
    )
    if view.scored:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, justify="right")
        for scored in view.scored:
            verdict, percent = words.verdict_cells(scored.evaluation)
            name = scored.programme or t("teams.detail.unknown_programme")
            mark = Text(words.mark(scored.verdict), words.mark_style(scored, True))
            grid.add_row(mark, safe_text(name), verdict, percent)
        parts.append(grid)
    else:
        parts.append(Text(t("teams.detail.no_assessments"), style="italic"))
    if view.pilots:
        parts.append(Text())
        parts.append(Text(t("teams.detail.pilots", count=len(view.pilots)), style="bold underline"))
        parts += [safe_text(t("teams.detail.bullet", what=name), wrap=True) for name in view.pilots]
    return Group(*parts)
