"""The whole-number minimal flip gives exactly what the Fraction search it replaced gave:
the same points, the same moves (so the same words on screen) and the same verdict."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.grid import CRITERION_KEYS, MAX_SCORE, MIN_SCORE, Grid
from workbench.core.robustness import (
    Direction,
    MinimalFlip,
    Move,
    minimal_flip,
    minimal_flips,
)
from workbench.core.scoring import (
    VERDICT_ORDER,
    Number,
    apply_objective_rule,
    grid_verdict,
    maximum,
    weighted_total,
)


def reference_flip(
    grid: Grid,
    scores: Mapping[str, Number],
    direction: Direction,
    *,
    objective_measurable: bool = True,
) -> MinimalFlip | None:
    """The previous implementation, kept word for word as the reference."""
    weights = grid.weights
    current = grid_verdict(weighted_total(weights, scores), maximum(weights), grid)
    rank = VERDICT_ORDER.index(current)
    best: dict[Number, tuple[Number, int, tuple[Move, ...]]] = {
        weighted_total(weights, scores): (0, 0, ())
    }
    order = sorted(CRITERION_KEYS, key=lambda k: (-grid.weight(k), CRITERION_KEYS.index(k)))
    for key in order:
        weight, here = grid.weight(key), scores[key]
        if weight == 0:
            continue
        targets = sorted(
            (s for s in range(MIN_SCORE, MAX_SCORE + 1) if s != here),
            key=lambda s: (abs(s - here), s),
        )
        grown: dict[Number, tuple[Number, int, tuple[Move, ...]]] = dict(best)
        for total, (cost, count, moves) in best.items():
            for new in targets:
                move = Move(key, here, new)
                step = (cost + move.points, count + 1, (*moves, move))
                reached = total + weight * (new - here)
                known = grown.get(reached)
                if known is None or step[:2] < known[:2]:
                    grown[reached] = step
        best = grown
    candidates = []
    for total, (cost, count, moves) in best.items():
        verdict = grid_verdict(total, grid.maximum, grid)
        moved = VERDICT_ORDER.index(verdict) - rank
        if (moved > 0) if direction is Direction.UP else (moved < 0):
            moved_weight = sum(grid.weight(m.key) for m in moves)
            distance = abs(total - weighted_total(weights, scores))
            candidates.append(((cost, count, -moved_weight, distance), moves, verdict))
    if not candidates:
        return None
    (cost, *_), moves, verdict = min(candidates, key=lambda c: c[0])
    ordered = tuple(sorted(moves, key=lambda m: CRITERION_KEYS.index(m.key)))
    return MinimalFlip(
        direction, cost, ordered, apply_objective_rule(verdict, objective_measurable)
    )


halves = st.integers(2, 10).map(lambda n: Fraction(n, 2))
thirds = st.integers(3, 15).map(lambda n: Fraction(n, 3))
score = st.one_of(st.integers(MIN_SCORE, MAX_SCORE), halves, thirds)


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    weights = draw(st.lists(st.integers(0, 10), min_size=6, max_size=6).filter(any))
    low = draw(st.integers(1, 99))
    high = draw(st.integers(low, 99))
    return Grid(
        weights=dict(zip(CRITERION_KEYS, weights, strict=True)),
        pilot_above=high,
        alternatives_below=low,
    )


@settings(max_examples=300, deadline=None)
@given(
    grid=st.one_of(st.just(Grid()), grids()),
    values=st.lists(score, min_size=6, max_size=6),
    measurable=st.booleans(),
)
def test_the_fast_search_gives_what_the_reference_gives(
    grid: Grid, values: list[Number], measurable: bool
) -> None:
    scores = dict(zip(CRITERION_KEYS, values, strict=True))
    expected = []
    for direction in Direction:
        want = reference_flip(grid, scores, direction, objective_measurable=measurable)
        got = minimal_flip(grid, scores, direction, objective_measurable=measurable)
        assert got == want
        if got is not None and want is not None:
            assert type(got.points) is type(want.points)
            assert [type(m.current) for m in got.moves] == [type(m.current) for m in want.moves]
            expected.append(want)
    assert minimal_flips(grid, scores, objective_measurable=measurable) == tuple(expected)
