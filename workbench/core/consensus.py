"""Several assessors: the median score per criterion, and where they disagree.

One rule for ranges, wherever a verdict is shown: an assessor's range (2-4) is a score not
given yet that will fall in the range. A criterion where some assessor gave a range has
no median yet; its median will be one of the values that resolving the ranges can give.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from fractions import Fraction

from workbench.core.assessment import Assessment
from workbench.core.grid import CRITERION_KEYS
from workbench.core.scoring import Evaluation, Number, evaluate

DISAGREEMENT_GAP = 2


@dataclass(frozen=True, slots=True)
class CriterionSpread:
    key: str
    scores: dict[str, int]
    median: Number | None

    @property
    def gap(self) -> int:
        values = self.scores.values()
        return max(values) - min(values) if values else 0

    @property
    def disputed(self) -> bool:
        """Scores differ by 2 or more: the group should discuss this criterion."""
        return self.gap >= DISAGREEMENT_GAP


def _median(values: list[int]) -> Number | None:
    if not values:
        return None
    middle = statistics.median(Fraction(v) for v in values)
    return int(middle) if middle.denominator == 1 else middle


def median_values(bounds: list[tuple[int, int]]) -> list[Number]:
    """Every median that whole scores inside these bounds (one pair per assessor) can give.

    Raising one assessor's score by 1 raises exactly one order statistic by 1, so the
    median moves by 0 or one step (1 for an odd count, 1/2 for an even one): every step
    between the median of the lows and the median of the highs is reached.
    """
    low = _median([lo for lo, _ in bounds])
    high = _median([hi for _, hi in bounds])
    if low is None or high is None:
        return []
    step = Fraction(1) if len(bounds) % 2 else Fraction(1, 2)
    values: list[Number] = []
    value = Fraction(low)
    while value <= high:
        values.append(int(value) if value.denominator == 1 else value)
        value += step
    return values


def open_values(assessment: Assessment) -> dict[str, list[Number]]:
    """For each criterion some assessor gave as a range: the medians still possible."""
    result: dict[str, list[Number]] = {}
    for key in CRITERION_KEYS:
        ratings = [assessment.rating(name, key) for name in assessment.assessors]
        given = [r for r in ratings if r.score is not None or r.low is not None]
        if any(r.score is None for r in given):
            result[key] = median_values([r.bounds for r in given])
    return result


def spreads(assessment: Assessment) -> list[CriterionSpread]:
    """Each criterion's scores; no median while someone gave a range (see ``open_values``)."""
    pending = open_values(assessment)
    result = []
    for key in CRITERION_KEYS:
        scores = {
            assessor: score
            for assessor in assessment.assessors
            if (score := assessment.rating(assessor, key).score) is not None
        }
        median = None if key in pending else _median(list(scores.values()))
        result.append(CriterionSpread(key, scores, median))
    return result


def median_scores(assessment: Assessment) -> dict[str, Number | None]:
    """The median per criterion; None while nobody scored it or someone gave a range."""
    return {spread.key: spread.median for spread in spreads(assessment)}


def disputed(assessment: Assessment) -> list[str]:
    return [spread.key for spread in spreads(assessment) if spread.disputed]


def evaluate_assessor(
    assessment: Assessment, assessor: str, *, objective_measurable: bool
) -> Evaluation:
    """One assessor's grid; a missing score spans its range when the assessor gave one."""
    ranges = {}
    for key in CRITERION_KEYS:
        rating = assessment.rating(assessor, key)
        if rating.score is None and rating.low is not None and rating.high is not None:
            ranges[key] = (rating.low, rating.high)
    return evaluate(
        assessment.grid,
        assessment.scores_of(assessor),
        objective_measurable=objective_measurable,
        ranges=ranges,
    )


def evaluate_consensus(assessment: Assessment, *, objective_measurable: bool) -> Evaluation:
    """The grid of medians: what the group as a whole says."""
    return evaluate(
        assessment.grid,
        median_scores(assessment),
        objective_measurable=objective_measurable,
        values=open_values(assessment),
    )
