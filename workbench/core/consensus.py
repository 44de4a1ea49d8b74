"""Several assessors: the median score per criterion, and where they disagree."""

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


def spreads(assessment: Assessment) -> list[CriterionSpread]:
    result = []
    for key in CRITERION_KEYS:
        scores = {
            assessor: score
            for assessor in assessment.assessors
            if (score := assessment.rating(assessor, key).score) is not None
        }
        result.append(CriterionSpread(key, scores, _median(list(scores.values()))))
    return result


def median_scores(assessment: Assessment) -> dict[str, Number | None]:
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
    )
