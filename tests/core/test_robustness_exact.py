"""The minimal flip, possible verdicts, ranges and percentages against brute force."""

from __future__ import annotations

import itertools
import random
from collections import deque
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.consensus import evaluate_assessor, evaluate_consensus, median_values
from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.robustness import (
    Direction,
    Level,
    Move,
    headline,
    minimal_flip,
    minimal_flips,
    score_flips,
    weight_interval,
)
from workbench.core.scoring import (
    VERDICT_ORDER,
    Verdict,
    evaluate,
    grid_verdict,
    maximum,
    percent_shown,
    weighted_total,
)

ALL_GRIDS = list(itertools.product(range(1, 6), repeat=6))
INDEX = {scores: i for i, scores in enumerate(ALL_GRIDS)}

WEIGHT_SETS = [
    (5, 4, 3, 4, 4, 3),
    (1, 1, 1, 1, 1, 1),
    (10, 0, 3, 7, 1, 2),
    (2, 9, 0, 0, 5, 8),
    (3, 3, 10, 1, 6, 4),
]
THRESHOLDS = [(60, 40), (48, 47), (33, 20), (75, 25), (50, 50)]


def as_scores(values: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(CRITERION_KEYS, values, strict=True))


def make_grid(weights: tuple[int, ...], pilot: int, alternatives: int) -> Grid:
    return Grid(
        weights=dict(zip(CRITERION_KEYS, weights, strict=True)),
        pilot_above=pilot,
        alternatives_below=alternatives,
    )


def neighbours(scores: tuple[int, ...]) -> list[tuple[int, ...]]:
    found = []
    for i, value in enumerate(scores):
        for new in (value - 1, value + 1):
            if 1 <= new <= 5:
                found.append((*scores[:i], new, *scores[i + 1 :]))
    return found


def distances_to(targets: list[int]) -> list[int | None]:
    """Breadth-first search on the lattice of grids: one step is one score point."""
    distance: list[int | None] = [None] * len(ALL_GRIDS)
    queue = deque(targets)
    for i in targets:
        distance[i] = 0
    while queue:
        i = queue.popleft()
        for other in neighbours(ALL_GRIDS[i]):
            j = INDEX[other]
            if distance[j] is None:
                distance[j] = (distance[i] or 0) + 1
                queue.append(j)
    return distance


def verdict_of(grid: Grid, values: tuple[int, ...]) -> Verdict:
    return grid_verdict(weighted_total(grid.weights, as_scores(values)), grid.maximum, grid)


@pytest.mark.parametrize(("weights", "thresholds"), list(zip(WEIGHT_SETS, THRESHOLDS, strict=True)))
def test_minimal_flip_matches_a_search_over_every_grid(
    weights: tuple[int, ...], thresholds: tuple[int, int]
) -> None:
    grid = make_grid(weights, *thresholds)
    verdicts = [VERDICT_ORDER.index(verdict_of(grid, values)) for values in ALL_GRIDS]
    to_class = {
        rank: distances_to([i for i, v in enumerate(verdicts) if v == rank]) for rank in range(3)
    }
    rng = random.Random(hash((weights, thresholds)) & 0xFFFF)
    sample = [*rng.sample(range(len(ALL_GRIDS)), 250), INDEX[1, 1, 4, 2, 2, 5]]
    for i in sample:
        values = ALL_GRIDS[i]
        scores = as_scores(values)
        for direction in Direction:
            ranks = range(verdicts[i] + 1, 3) if direction is Direction.UP else range(verdicts[i])
            expected = [d for r in ranks if (d := to_class[r][i]) is not None]
            flip = minimal_flip(grid, scores, direction)
            if not expected:
                assert flip is None
                continue
            assert flip is not None
            assert flip.points == min(expected)
            changed = {**scores, **{m.key: m.new for m in flip.moves}}
            assert sum(m.points for m in flip.moves) == flip.points
            assert all(m.current == scores[m.key] and m.new != m.current for m in flip.moves)
            reached = verdict_of(grid, tuple(changed[k] for k in CRITERION_KEYS))
            assert reached is flip.verdict
            step = VERDICT_ORDER.index(reached) - verdicts[i]
            assert step > 0 if direction is Direction.UP else step < 0


def test_the_issue_example_needs_two_points_over_two_criteria() -> None:
    scores = as_scores((1, 1, 4, 2, 2, 5))
    down = minimal_flip(Grid(), scores, Direction.DOWN)
    assert down is not None
    assert down.points == 2
    assert len(down.moves) == 2
    assert down.verdict is Verdict.ALTERNATIVES
    single = [f for f in score_flips(Grid(), scores) if f.verdict is Verdict.ALTERNATIVES]
    assert min(f.change for f in single) == 3


def test_an_example_prefers_the_heaviest_criterion() -> None:
    up = minimal_flip(Grid(), dict.fromkeys(CRITERION_KEYS, 3), Direction.UP)
    assert up is not None
    assert up.moves == (Move("business_impact", 3, 4),)
    assert up.verdict is Verdict.PILOT


def test_no_measurable_objective_can_only_reach_clarify() -> None:
    scores = dict.fromkeys(CRITERION_KEYS, 3)
    flips = minimal_flips(Grid(), scores, objective_measurable=False)
    assert {f.verdict for f in flips} == {Verdict.CLARIFY_OBJECTIVE, Verdict.ALTERNATIVES}
    assert all(
        f.verdict is not Verdict.PILOT
        for f in score_flips(Grid(), scores, objective_measurable=False)
    )
    summary = headline(evaluate(Grid(), scores, objective_measurable=False))
    assert summary.nearest is not None
    assert summary.nearest.verdict is Verdict.CLARIFY_OBJECTIVE
    assert summary.level is Level.FRAGILE


def test_a_pilot_without_objective_only_goes_down() -> None:
    scores = dict.fromkeys(CRITERION_KEYS, 5)
    summary = headline(evaluate(Grid(), scores, objective_measurable=False))
    assert summary.verdict is Verdict.CLARIFY_OBJECTIVE
    assert [f.direction for f in summary.flips] == [Direction.DOWN]
    assert summary.flips[0].verdict is Verdict.INVESTIGATE


def test_headline_levels() -> None:
    assert headline(evaluate(Grid(), dict.fromkeys(CRITERION_KEYS, 5))).level is Level.ROBUST
    partial = headline(evaluate(Grid(), {"business_impact": 5}))
    assert partial.level is Level.INCOMPLETE
    assert partial.missing == CRITERION_KEYS[1:]
    always_pilot = Grid(pilot_above=19, alternatives_below=10)
    fixed = headline(evaluate(always_pilot, dict.fromkeys(CRITERION_KEYS, 1)))
    assert (fixed.level, fixed.verdict, fixed.flips) == (Level.FIXED, Verdict.PILOT, ())


def test_minimal_flip_of_a_median_grid() -> None:
    """A median (3.5) either stays or moves to a whole score; brute force over both."""
    rng = random.Random(8)
    configs = list(zip(WEIGHT_SETS, THRESHOLDS, strict=True))
    for _ in range(12):
        weights, thresholds = rng.choice(configs)
        grid = make_grid(weights, *thresholds)
        scores = {k: Fraction(rng.randint(1, 5)) for k in CRITERION_KEYS}
        for key in rng.sample(CRITERION_KEYS, 2):
            scores[key] = Fraction(rng.randint(2, 9), 2)
        here = VERDICT_ORDER.index(
            grid_verdict(weighted_total(grid.weights, scores), grid.maximum, grid)
        )
        options = [sorted({scores[k], *range(1, 6)}) for k in CRITERION_KEYS]
        best: dict[Direction, Fraction] = {}
        for values in itertools.product(*options):
            target = dict(zip(CRITERION_KEYS, values, strict=True))
            total = weighted_total(grid.weights, target)
            rank = VERDICT_ORDER.index(grid_verdict(total, grid.maximum, grid))
            if rank == here:
                continue
            direction = Direction.UP if rank > here else Direction.DOWN
            cost = sum((abs(target[k] - scores[k]) for k in CRITERION_KEYS), start=Fraction(0))
            best[direction] = min(best.get(direction, cost), cost)
        for direction in Direction:
            flip = minimal_flip(grid, scores, direction)
            assert (flip.points if flip else None) == best.get(direction), (scores, grid)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(list(zip(WEIGHT_SETS, THRESHOLDS, strict=True))),
    st.dictionaries(st.sampled_from(CRITERION_KEYS), st.integers(1, 5), max_size=5),
    st.dictionaries(
        st.sampled_from(CRITERION_KEYS),
        st.tuples(st.integers(1, 5), st.integers(1, 5)).map(sorted).map(tuple),
    ),
    st.booleans(),
)
def test_possible_verdicts_are_exactly_those_some_completion_reaches(
    config: tuple[tuple[int, ...], tuple[int, int]],
    partial: dict[str, int],
    ranges: dict[str, tuple[int, int]],
    measurable: bool,
) -> None:
    grid = make_grid(config[0], *config[1])
    ranges = {k: r for k, r in ranges.items() if k not in partial}
    missing = [k for k in CRITERION_KEYS if k not in partial]
    reached = set()
    choices = [range(ranges.get(k, (1, 5))[0], ranges.get(k, (1, 5))[1] + 1) for k in missing]
    for values in itertools.product(*choices):
        full = {**partial, **dict(zip(missing, values, strict=True))}
        final = evaluate(grid, full, objective_measurable=measurable).verdict
        reached.add(final)
    result = evaluate(grid, partial, ranges=ranges, objective_measurable=measurable)
    assert set(result.possible) == reached


def test_possible_leaves_out_an_unreachable_verdict() -> None:
    grid = Grid(pilot_above=48, alternatives_below=47)
    partial = {"business_impact": 3, "technical_fit": 4, "team_leverage": 4}
    assert evaluate(grid, partial).possible == (Verdict.ALTERNATIVES, Verdict.PILOT)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)).map(sorted), min_size=1, max_size=4)
)
def test_median_values_are_every_median_the_ranges_allow(bounds: list[list[int]]) -> None:
    pairs = [(lo, hi) for lo, hi in bounds]
    expected = set()
    for values in itertools.product(*(range(lo, hi + 1) for lo, hi in pairs)):
        ordered = sorted(values)
        n = len(ordered)
        middle = (
            Fraction(ordered[n // 2])
            if n % 2
            else Fraction(ordered[n // 2 - 1] + ordered[n // 2], 2)
        )
        expected.add(middle)
    assert set(median_values(pairs)) == expected


def test_a_lone_assessors_range_reads_the_same_in_the_median_grid() -> None:
    at = now_utc()
    assessment = Assessment(team_id="t", programme_id="p")
    for key, score in zip(CRITERION_KEYS, (4, 3, 3, 2, 4, 3), strict=True):
        assessment = assessment.with_rating("ana", key, Rating(score=score), at=at)
    assessment = assessment.with_rating("ana", "business_impact", Rating(low=4, high=5), at=at)
    mine = evaluate_assessor(assessment, "ana", objective_measurable=True)
    group = evaluate_consensus(assessment, objective_measurable=True)
    assert mine.possible == group.possible == (Verdict.PILOT,)
    assert group.missing == ("business_impact",)


@pytest.mark.parametrize(("weights", "thresholds"), list(zip(WEIGHT_SETS, THRESHOLDS, strict=True)))
def test_the_shown_percent_never_contradicts_a_threshold(
    weights: tuple[int, ...], thresholds: tuple[int, int]
) -> None:
    grid = make_grid(weights, *thresholds)
    for total in range(grid.maximum + 1):
        shown = Fraction(percent_shown(total, grid.maximum, grid))
        exact = Fraction(total * 100, grid.maximum)
        for threshold in thresholds:
            assert (shown > threshold) == (exact > threshold)
            assert (shown == threshold) == (exact == threshold)
        assert abs(shown - exact) <= Fraction(1, 20)


def test_a_custom_threshold_gets_a_second_decimal() -> None:
    grid = Grid(pilot_above=33, alternatives_below=20)
    weights = {**grid.weights, "business_impact": 0}
    grid = Grid(weights=weights, pilot_above=33, alternatives_below=20)
    shown = percent_shown(Fraction(3301, 100) * grid.maximum / 100, grid.maximum, grid)
    assert str(shown) == "33.01"
    assert str(percent_shown(74, 115, Grid())) == "64.3"


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(list(zip(WEIGHT_SETS, THRESHOLDS, strict=True))),
    st.sampled_from(ALL_GRIDS),
    st.sampled_from(CRITERION_KEYS),
)
def test_weight_bounds_are_open_exactly_where_the_verdict_flips(
    config: tuple[tuple[int, ...], tuple[int, int]], values: tuple[int, ...], key: str
) -> None:
    grid = make_grid(config[0], *config[1])
    scores = as_scores(values)
    interval = weight_interval(grid, scores, key)
    current = verdict_of(grid, values)

    def holds(w: Fraction) -> bool | None:
        weights: dict[str, int | Fraction] = {**grid.weights, key: w}
        if maximum(weights) == 0:
            return None
        return grid_verdict(weighted_total(weights, scores), maximum(weights), grid) is current

    probes = [Fraction(w) for w in range(11)] + [interval.low]
    if interval.high is not None:
        probes.append(interval.high)
    for point in list(probes):
        probes += [point - Fraction(1, 1000), point + Fraction(1, 1000)]
    for w in probes:
        if w < 0:
            continue
        verdict_holds = holds(w)
        if verdict_holds is None:
            continue
        assert interval.contains(w) == verdict_holds, (w, interval)
