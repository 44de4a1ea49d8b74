"""Several assessors: the median score per criterion, and where they disagree.

One rule for ranges, wherever a verdict is shown: an assessor's range (2-4) is a score not
given yet that will fall in the range. A criterion where some assessor gave a range has
no median yet; its median will be one of the values that resolving the ranges can give.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from workbench.core.assessment import Assessment, Rating
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
    """The median of whole scores, exactly: an int, or a half as a Fraction (3.5)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    twice = ordered[middle - 1] + ordered[middle]
    return twice // 2 if twice % 2 == 0 else Fraction(twice, 2)


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


def _given(assessment: Assessment, names: list[str], key: str) -> list[tuple[str, Rating]]:
    """Each assessor's rating of ``key`` that holds a score or a range, in name order."""
    found = []
    for name in names:
        rating = assessment.ratings[name].get(key)
        if rating is not None and (rating.score is not None or rating.low is not None):
            found.append((name, rating))
    return found


def _all_given(assessment: Assessment, names: list[str]) -> dict[str, list[tuple[str, Rating]]]:
    return {key: _given(assessment, names, key) for key in CRITERION_KEYS}


def _open_values(given: dict[str, list[tuple[str, Rating]]]) -> dict[str, list[Number]]:
    result: dict[str, list[Number]] = {}
    for key in CRITERION_KEYS:
        ratings = [rating for _, rating in given[key]]
        if any(r.score is None for r in ratings):
            result[key] = median_values([r.bounds for r in ratings])
    return result


def _spreads(
    given: dict[str, list[tuple[str, Rating]]], pending: dict[str, list[Number]]
) -> list[CriterionSpread]:
    result = []
    for key in CRITERION_KEYS:
        scores = {name: r.score for name, r in given[key] if r.score is not None}
        median = None if key in pending else _median(list(scores.values()))
        result.append(CriterionSpread(key, scores, median))
    return result


def open_values(assessment: Assessment) -> dict[str, list[Number]]:
    """For each criterion some assessor gave as a range: the medians still possible."""
    return _open_values(_all_given(assessment, assessment.assessors))


def median_bounds(assessment: Assessment, key: str) -> tuple[Number, Number] | None:
    """The lowest and highest median a criterion left open by a range can still get
    (Ana 4, Bob 1-2: 2.5 to 3); None when it is not open."""
    ratings = [rating for _, rating in _given(assessment, assessment.assessors, key)]
    if not any(r.score is None for r in ratings):
        return None
    values = median_values([r.bounds for r in ratings])
    return (values[0], values[-1]) if values else None


def spreads(assessment: Assessment) -> list[CriterionSpread]:
    """Each criterion's scores; no median while someone gave a range (see ``open_values``)."""
    given = _all_given(assessment, assessment.assessors)
    return _spreads(given, _open_values(given))


def median_scores(assessment: Assessment) -> dict[str, Number | None]:
    """The median per criterion; None while nobody scored it or someone gave a range."""
    names = assessment.assessors
    if len(names) == 1:  # most assessments: the one assessor's scores (a range is none)
        mine = assessment.ratings[names[0]]
        return {key: getattr(mine.get(key), "score", None) for key in CRITERION_KEYS}
    given = _all_given(assessment, names)
    return _medians(given, _open_values(given))


def _medians(
    given: dict[str, list[tuple[str, Rating]]], pending: dict[str, list[Number]]
) -> dict[str, Number | None]:
    """The medians of ``_spreads``, without the spreads (20k assessments in an export)."""
    return {
        key: None
        if key in pending
        else _median([rating.score for _, rating in given[key] if rating.score is not None])
        for key in CRITERION_KEYS
    }


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
    given = _all_given(assessment, assessment.assessors)
    pending = _open_values(given)
    return evaluate(
        assessment.grid,
        _medians(given, pending),
        objective_measurable=objective_measurable,
        values=pending,
    )
