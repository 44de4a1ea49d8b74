"""The consensus functions give exactly what their first, plain version gave.

The reference below is that version (``statistics.median`` over ``Fraction``s, every
rating looked up with ``Assessment.rating``): the faster code must agree with it on every
assessment, ranges, missing scores and odd or even numbers of assessors included.
"""

from __future__ import annotations

import statistics
from datetime import UTC, datetime
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core import consensus
from workbench.core.assessment import Assessment, Rating
from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.scoring import Number, evaluate

# the reference: the first version of workbench/core/consensus.py


def ref_median(values: list[int]) -> Number | None:
    if not values:
        return None
    middle = statistics.median(Fraction(v) for v in values)
    return int(middle) if middle.denominator == 1 else middle


def ref_median_values(bounds: list[tuple[int, int]]) -> list[Number]:
    low = ref_median([lo for lo, _ in bounds])
    high = ref_median([hi for _, hi in bounds])
    if low is None or high is None:
        return []
    step = Fraction(1) if len(bounds) % 2 else Fraction(1, 2)
    values: list[Number] = []
    value = Fraction(low)
    while value <= high:
        values.append(int(value) if value.denominator == 1 else value)
        value += step
    return values


def ref_open_values(assessment: Assessment) -> dict[str, list[Number]]:
    result: dict[str, list[Number]] = {}
    for key in CRITERION_KEYS:
        ratings = [assessment.rating(name, key) for name in assessment.assessors]
        given_ = [r for r in ratings if r.score is not None or r.low is not None]
        if any(r.score is None for r in given_):
            result[key] = ref_median_values([r.bounds for r in given_])
    return result


def ref_spreads(assessment: Assessment) -> list[tuple[str, dict[str, int], Number | None]]:
    pending = ref_open_values(assessment)
    result = []
    for key in CRITERION_KEYS:
        scores = {
            assessor: score
            for assessor in assessment.assessors
            if (score := assessment.rating(assessor, key).score) is not None
        }
        median = None if key in pending else ref_median(list(scores.values()))
        result.append((key, scores, median))
    return result


# random assessments

AT = datetime(2026, 12, 2, tzinfo=UTC)


@st.composite
def ratings(draw: st.DrawFn) -> Rating | None:
    kind = draw(st.sampled_from(["missing", "score", "range", "scored range", "reason"]))
    if kind == "missing":
        return None
    if kind == "reason":
        return Rating(reason="no score yet", updated_at=AT)
    score = draw(st.integers(1, 5))
    if kind == "score":
        return Rating(score=score, updated_at=AT)
    low, high = sorted(draw(st.lists(st.integers(1, 5), min_size=2, max_size=2)))
    if kind == "range":
        return Rating(low=low, high=high, updated_at=AT)
    return Rating(score=min(max(score, low), high), low=low, high=high, updated_at=AT)


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    names = draw(st.lists(st.sampled_from("abcdefg"), unique=True, max_size=6))
    ratings_by_name = {}
    for name in names:
        mine = {key: r for key in CRITERION_KEYS if (r := draw(ratings())) is not None}
        ratings_by_name[name] = mine
    weights = {key: draw(st.integers(0, 5)) for key in CRITERION_KEYS}
    if not any(weights.values()):
        weights[CRITERION_KEYS[0]] = 1
    grid = Grid(weights=weights)
    return Assessment(team_id="t", programme_id="p", grid=grid, ratings=ratings_by_name)


@settings(max_examples=600, deadline=None)
@given(assessments())
def test_consensus_matches_the_reference(assessment: Assessment) -> None:
    assert consensus.open_values(assessment) == ref_open_values(assessment)
    spreads = [(s.key, s.scores, s.median) for s in consensus.spreads(assessment)]
    assert spreads == ref_spreads(assessment)
    for (_, scores, _), (_, ref_scores, _) in zip(spreads, ref_spreads(assessment), strict=True):
        assert list(scores) == list(ref_scores)  # the same order of assessors
    medians = {key: median for key, _, median in ref_spreads(assessment)}
    assert consensus.median_scores(assessment) == medians
    for measurable in (True, False):
        expected = evaluate(
            assessment.grid,
            medians,
            objective_measurable=measurable,
            values=ref_open_values(assessment),
        )
        assert consensus.evaluate_consensus(assessment, objective_measurable=measurable) == expected


@given(st.lists(st.integers(1, 5), max_size=9))
def test_the_median_is_exact_and_keeps_its_type(values: list[int]) -> None:
    found, expected = consensus._median(values), ref_median(values)
    assert found == expected
    assert type(found) is type(expected)
