"""What the Teams tab lists: each team with its assessments evaluated and its pilots' names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workbench.core.assessment import Assessment
from workbench.core.scoring import Evaluation
from workbench.core.team import Team
from workbench.storage.schema import Snapshot
from workbench.ui.panes.pane import Evaluations


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


def team_views(
    teams: Iterable[Team],
    snapshot: Snapshot,
    evaluations: Evaluations,
    previous: Mapping[str, TeamView],
) -> list[TeamView]:
    """Every team's view, by name; a view equal to the one shown before is that same object,
    so its remembered row stays valid."""
    programmes = snapshot.programmes
    by_team: dict[str, list[Assessment]] = {}
    for assessment in snapshot.assessments.values():
        by_team.setdefault(assessment.team_id, []).append(assessment)
    pilots: dict[str, list[str]] = {}
    for pilot in snapshot.pilots.values():
        pilots.setdefault(pilot.team_id, []).append(pilot.name)
    evaluations.forget_missing(snapshot.assessments)
    views = []
    for team in teams:
        measurable = team.objective.is_measurable
        scored = []
        for assessment in by_team.get(team.id, []):
            programme = programmes.get(assessment.programme_id)
            scored.append(
                Scored(
                    assessment,
                    programme.name if programme is not None else None,
                    evaluations.of(assessment, objective_measurable=measurable),
                )
            )
        scored.sort(key=lambda s: (s.programme or "").casefold())
        view = TeamView(team, tuple(scored), tuple(sorted(pilots.get(team.id, []))))
        before = previous.get(team.id)
        if before is not None and before.team is team and before == view:
            view = before
        views.append(view)
    return sorted(views, key=lambda view: view.team.name.casefold())
