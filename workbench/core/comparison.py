"""What the Compare tab shows, computed apart from the screen: pure, no Textual.

- ``Compared``: one assessment with its team, its median grid's evaluation, its spreads
  (disagreement and ranges) and, on demand, the robustness headline the Scoring
  screen shows (``robustness.headline``);
- ``sort_key`` / ``matches``: the order and the filters of the side-by-side view;
- ``best_of_row``: which columns hold the best value of a row;
- ``differences``: two assessments' criteria, where they differ most first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from workbench.core.assessment import Assessment
from workbench.core.consensus import CriterionSpread, median_bounds, spreads
from workbench.core.grid import CRITERION_KEYS
from workbench.core.robustness import Headline, Level, headline
from workbench.core.scoring import Evaluation, Number, Verdict
from workbench.core.team import Team

SETTLED = Fraction(10**6)
"""The margin of a verdict no score change turns: more robust than any other."""


def margin(found: Headline) -> Fraction | None:
    """For sorting and for the best of the row: larger is more robust; None while
    scores are missing."""
    if found.level is Level.INCOMPLETE:
        return None
    return SETTLED if found.points is None else Fraction(found.points)


@dataclass(slots=True)
class Compared:
    """One assessment in the comparison (a column of the side-by-side view)."""

    assessment: Assessment
    team: Team
    evaluation: Evaluation
    _spreads: list[CriterionSpread] | None = None
    _headline: Headline | None = None
    _percents: tuple[Decimal | None, Decimal, Decimal] | None = None

    @property
    def spreads(self) -> list[CriterionSpread]:
        """Each criterion's scores per assessor (computed when first asked)."""
        if self._spreads is None:
            self._spreads = spreads(self.assessment)
        return self._spreads

    @property
    def key(self) -> str:
        return self.assessment.id

    @property
    def headline(self) -> Headline:
        """The Scoring screen's robustness headline (computed when first asked)."""
        if self._headline is None:
            self._headline = headline(self.evaluation)
        return self._headline

    def spread(self, key: str) -> CriterionSpread:
        return self.spreads[CRITERION_KEYS.index(key)]

    def score(self, key: str) -> Number | None:
        return self.evaluation.scores.get(key)

    def score_range(self, key: str) -> tuple[Number, Number] | None:
        """The medians still possible for a criterion the assessors left open by a range."""
        if self.score(key) is not None:
            return None
        return median_bounds(self.assessment, key)

    def reasons(self, key: str) -> list[tuple[str, str]]:
        """(assessor, reason) for every assessor who wrote one on this criterion."""
        found = []
        for assessor in self.assessment.assessors:
            reason = self.assessment.rating(assessor, key).reason
            if reason:
                found.append((assessor, reason))
        return found

    @property
    def disputed(self) -> bool:
        return any(spread.disputed for spread in self.spreads)

    @property
    def headline_known(self) -> bool:
        """True once the headline was computed (the tab computes it off screen first)."""
        return self._headline is not None

    def _percent_values(self) -> tuple[Decimal | None, Decimal, Decimal]:
        if self._percents is None:
            evaluation = self.evaluation
            self._percents = (
                evaluation.percent,
                evaluation.low_percent,
                evaluation.high_percent,
            )
        return self._percents

    @property
    def percent(self) -> Decimal | None:
        """The evaluation's percentage (remembered: sorting 500 columns asks often)."""
        return self._percent_values()[0]

    @property
    def low_percent(self) -> Decimal:
        return self._percent_values()[1]

    @property
    def high_percent(self) -> Decimal:
        return self._percent_values()[2]


class SortBy(StrEnum):
    PERCENT = "percent"
    NAME = "name"
    ROBUSTNESS = "robustness"


def sort_key(item: Compared, by: SortBy) -> tuple[object, ...]:
    """Best first for percent and robustness (missing last), alphabetical for names."""
    name = item.team.name.casefold()
    if by is SortBy.NAME:
        return (name, item.key)
    if by is SortBy.ROBUSTNESS:
        found = margin(item.headline)
        return (found is None, -(found or 0), name, item.key)
    percent = item.percent
    return (percent is None, -(percent or 0), name, item.key)


@dataclass(frozen=True, slots=True)
class Filters:
    department: str | None = None
    verdict: Verdict | None = None
    to_discuss: bool = False
    text: str = ""
    """Part of the team's name or department, any case (``/``)."""

    @property
    def active(self) -> bool:
        return (
            self.department is not None
            or self.verdict is not None
            or self.to_discuss
            or bool(self.text.strip())
        )


def matches(item: Compared, filters: Filters) -> bool:
    if filters.department is not None and item.team.department != filters.department:
        return False
    if filters.verdict is not None and item.evaluation.verdict is not filters.verdict:
        return False
    needle = filters.text.strip().casefold()
    if needle and needle not in f"{item.team.name}\n{item.team.department or ''}".casefold():
        return False
    return not (filters.to_discuss and not item.disputed)


VERDICT_RANK = {
    Verdict.PILOT: 3,
    Verdict.INVESTIGATE: 2,
    Verdict.CLARIFY_OBJECTIVE: 1,
    Verdict.ALTERNATIVES: 0,
}


def best_of_row(values: Sequence[object | None]) -> set[int]:
    """The indexes holding the highest value (none when fewer than two values to compare)."""
    present = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(present) < 2:
        return set()
    top = max(v for _, v in present)  # type: ignore[type-var]
    if all(v == top for _, v in present):
        return set()
    return {i for i, v in present if v == top}


def row_values(items: Sequence[Compared], row: str) -> list[object | None]:
    """The comparable value of each column for a row (criterion key or a summary row)."""
    if row in CRITERION_KEYS:
        return [item.score(row) for item in items]
    if row == "total":
        return [item.evaluation.total for item in items]
    if row == "percent":
        return [item.percent for item in items]
    if row == "verdict":
        return [
            VERDICT_RANK[v] if (v := item.evaluation.verdict) is not None else None
            for item in items
        ]
    if row == "robustness":
        return [margin(item.headline) for item in items]
    return [None for _ in items]


@dataclass(frozen=True, slots=True)
class Difference:
    key: str
    left: Number | None
    right: Number | None
    weight_left: int
    weight_right: int

    @property
    def gap(self) -> Fraction:
        """The weighted gap (weight x score difference); unscored on one side comes last."""
        if self.left is None or self.right is None:
            return Fraction(-1)
        return abs(
            Fraction(self.weight_left) * Fraction(self.left)
            - Fraction(self.weight_right) * Fraction(self.right)
        )

    @property
    def points(self) -> Number | None:
        if self.left is None or self.right is None:
            return None
        return self.right - self.left


def differences(left: Compared, right: Compared) -> list[Difference]:
    """The six criteria, the largest weighted gap first (ties in the grid's order)."""
    found = [
        Difference(
            key,
            left.score(key),
            right.score(key),
            left.assessment.grid.weight(key),
            right.assessment.grid.weight(key),
        )
        for key in CRITERION_KEYS
    ]
    return sorted(found, key=lambda d: (-d.gap, CRITERION_KEYS.index(d.key)))


def most_assessed(assessments: Sequence[Assessment]) -> str | None:
    """The programme with the most assessed teams (ties: the first in id order)."""
    teams: dict[str, set[str]] = {}
    for assessment in assessments:
        teams.setdefault(assessment.programme_id, set()).add(assessment.team_id)
    if not teams:
        return None
    return max(sorted(teams), key=lambda programme: len(teams[programme]))
