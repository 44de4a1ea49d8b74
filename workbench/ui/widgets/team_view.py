"""How the Teams tab shows a team: its assessments' verdicts as words or marks, its detail.

Everything a user typed (team names, departments, objectives, programme names) goes into
``Text`` through ``safe_text``, never into markup.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import App

from workbench.core.assessment import Assessment
from workbench.core.scoring import Evaluation, Verdict
from workbench.core.team import Team
from workbench.i18n import Translator
from workbench.ui.text import FIELD_LIMIT, safe_text
from workbench.ui.widgets.objective_badge import (
    missing_text,
    needs_clarifying,
    theme_style,
    warning_style,
)
from workbench.ui.widgets.verdict_style import verdict_key

MARKS_MAX = 6
"""Up to this many assessments, one mark each; beyond, a count per verdict ("5✓ 2?")."""
MARKS_WIDTH = 12
VERDICT_COLOUR = {
    Verdict.PILOT: "text-success",
    Verdict.INVESTIGATE: "text-warning",
    Verdict.ALTERNATIVES: "text-error",
    Verdict.CLARIFY_OBJECTIVE: "text-warning",
}
VERDICT_ORDER = [*(v.value for v in Verdict), "open"]


@dataclass(frozen=True, slots=True)
class Scored:
    """One assessment of a team, evaluated with the team's objective rule."""

    assessment: Assessment
    programme: str | None
    evaluation: Evaluation
    verdict: str = field(init=False)
    """The verdict's value, or "open" while the scores leave it open (worked out once: the
    table's marks, counts and widths read it for every assessment of every team)."""

    def __post_init__(self) -> None:
        verdict = self.evaluation.verdict
        object.__setattr__(self, "verdict", verdict.value if verdict is not None else "open")


@dataclass(frozen=True, slots=True)
class TeamView:
    team: Team
    scored: tuple[Scored, ...]
    pilots: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.team.id

    def matches(self, needle: str) -> bool:
        haystack = f"{self.team.name}\n{self.team.department or ''}".casefold()
        return needle in haystack


def sort_value(view: TeamView, column: str) -> str | int | tuple[bool, str] | None:
    """The value a column sorts on; None when unknown (unknown values always sort last)."""
    team = view.team
    if column == "name":
        return team.name.casefold()
    if column == "department":
        return team.department.casefold() if team.department else None
    if column == "headcount":
        return team.headcount
    if column == "objective":
        return (not team.objective.is_measurable, (team.objective.statement or "").casefold())
    return len(view.scored)


class TeamWords:
    """The words and marks of the Teams tab, in one language and the app's theme."""

    def __init__(self, i18n: Translator, app: App[object]) -> None:
        self.i18n = i18n
        self.t = i18n
        self.app = app

    def verdicts_summary(self, view: TeamView) -> Text:
        counts = Counter(scored.verdict for scored in view.scored)
        i18n = self.i18n
        parts = [
            i18n.plural(f"teams.verdict_count.{key}", counts[key])
            for key in VERDICT_ORDER
            if counts[key]
        ]
        return Text(self.t("teams.verdict_short.separator").join(parts))

    def marks(self, view: TeamView, *, coloured: bool = False) -> Text:
        """One mark per assessed programme, in the detail panel's order ("✓✓✗"); a count
        per verdict when there are many ("5✓ 2?")."""
        text = Text(no_wrap=True)
        if len(view.scored) <= MARKS_MAX:
            for scored in view.scored:
                text.append(self.mark(scored.verdict), self.mark_style(scored, coloured))
            return text
        counts = Counter(scored.verdict for scored in view.scored)
        separator = ""
        for key in VERDICT_ORDER:
            if counts[key]:
                text.append(separator)
                text.append(self.t("teams.verdict_mark.count", count=counts[key], mark=""))
                text.append(self.mark(key), self.mark_style(key, coloured))
                separator = self.t("teams.verdict_mark.separator")
        return text

    def mark(self, verdict: str) -> str:
        return self.t(f"teams.verdict_mark.{verdict}")

    def mark_style(self, scored: Scored | str, coloured: bool) -> Style:
        verdict = scored if isinstance(scored, str) else scored.verdict
        if not coloured or verdict == "open":
            return Style(bold=True)
        return self.verdict_style(Verdict(verdict))

    # the highlighted team

    def detail(self, view: TeamView) -> RenderableType:
        t = self.t
        i18n = self.i18n
        team = view.team
        objective = team.objective
        flag_style = warning_style(self.app)
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
                verdict, percent = self.verdict_cells(scored.evaluation)
                name = scored.programme or t("teams.detail.unknown_programme")
                mark = Text(self.mark(scored.verdict), self.mark_style(scored, True))
                grid.add_row(mark, safe_text(name), verdict, percent)
            parts.append(grid)
        else:
            parts.append(Text(t("teams.detail.no_assessments"), style="italic"))
        if view.pilots:
            parts.append(Text())
            parts.append(
                Text(t("teams.detail.pilots", count=len(view.pilots)), style="bold underline")
            )
            parts += [
                safe_text(t("teams.detail.bullet", what=name), wrap=True) for name in view.pilots
            ]
        return Group(*parts)

    def verdict_cells(self, evaluation: Evaluation) -> tuple[Text, Text]:
        i18n = self.i18n
        verdict = evaluation.verdict
        if verdict is not None and evaluation.percent is not None:
            return (
                Text(self.t(verdict_key(verdict)).upper(), style=self.verdict_style(verdict)),
                Text(i18n.percent(evaluation.percent)),
            )
        possible = self.t("teams.detail.or").join(
            self.t(f"teams.verdict_short.{v.value}") for v in evaluation.possible
        )
        span = self.t(
            "teams.detail.percent_range",
            low=i18n.number(evaluation.low_percent, 1),
            high=i18n.percent(evaluation.high_percent),
        )
        return Text(self.t("teams.detail.open", possible=possible), style="italic"), Text(span)

    def verdict_style(self, verdict: Verdict) -> Style:
        return theme_style(self.app, VERDICT_COLOUR[verdict])
