from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.robustness import (
    crossing_weight,
    score_flips,
    smallest_flips,
    weight_interval,
    weight_intervals,
)
from workbench.core.scoring import Verdict, grid_verdict, maximum, weighted_total

SEED_EXAMPLE = dict(zip(CRITERION_KEYS, (4, 3, 3, 2, 4, 3), strict=True))

scores_st = st.fixed_dictionaries({k: st.integers(1, 5) for k in CRITERION_KEYS})


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    weights = draw(
        st.fixed_dictionaries({k: st.integers(0, 10) for k in CRITERION_KEYS}).filter(
            lambda w: sum(w.values()) > 0
        )
    )
    low = draw(st.integers(1, 99))
    high = draw(st.integers(low, 99))
    return Grid(weights=weights, pilot_above=high, alternatives_below=low)


def verdict_with(grid: Grid, scores: dict[str, int], key: str, weight: Fraction) -> Verdict | None:
    weights = {**grid.weights, key: weight}
    if maximum(weights) == 0:
        return None
    return grid_verdict(weighted_total(weights, scores), maximum(weights), grid)


def test_seed_example_smallest_flip_is_business_impact_down_one() -> None:
    (flip,) = smallest_flips(Grid(), SEED_EXAMPLE)
    assert (flip.key, flip.current, flip.new, flip.verdict) == (
        "business_impact",
        4,
        3,
        Verdict.INVESTIGATE,
    )
    assert flip.change == 1


def test_risk_weight_holds_below_nine() -> None:
    interval = weight_interval(Grid(), SEED_EXAMPLE, "risk_compliance")
    assert (interval.low, interval.low_closed) == (0, True)
    assert (interval.high, interval.high_closed) == (9, False)
    assert (interval.lowest, interval.highest) == (0, 8)


def test_business_weight_open_at_zero() -> None:
    interval = weight_interval(Grid(), SEED_EXAMPLE, "business_impact")
    assert (interval.low, interval.low_closed) == (0, False)
    assert interval.high is None
    assert (interval.lowest, interval.highest) == (1, 10)


def test_crossing_formula_matches_the_brief() -> None:
    # A = 66, B = 19, s = 2, T = 60 %: w* = (5·0.6·19 − 66) / (2 − 3) = 9
    assert crossing_weight(2, 66, 19, Fraction(3, 5)) == 9
    assert crossing_weight(3, 66, 19, Fraction(3, 5)) is None


@given(grids(), scores_st)
def test_every_suggested_flip_really_flips(grid: Grid, scores: dict[str, int]) -> None:
    current = grid_verdict(weighted_total(grid.weights, scores), grid.maximum, grid)
    for flip in score_flips(grid, scores):
        changed = {**scores, flip.key: flip.new}
        after = grid_verdict(weighted_total(grid.weights, changed), grid.maximum, grid)
        assert after is flip.verdict
        assert after is not current
        # and it is the nearest: every score strictly between keeps the verdict
        step = 1 if flip.new > flip.current else -1
        for between in range(int(flip.current) + step, flip.new, step):
            kept = {**scores, flip.key: between}
            assert grid_verdict(weighted_total(grid.weights, kept), grid.maximum, grid) is current


@given(grids(), scores_st)
def test_interval_ends_really_change_the_verdict(grid: Grid, scores: dict[str, int]) -> None:
    current = grid_verdict(weighted_total(grid.weights, scores), grid.maximum, grid)
    epsilon = Fraction(1, 10**6)
    for interval in weight_intervals(grid, scores):
        key = interval.key
        assert interval.contains(interval.weight)
        assert interval.lowest <= interval.weight <= interval.highest
        # the low end: open means the end itself differs; closed means just below differs
        if interval.low_closed:
            assert verdict_with(grid, scores, key, interval.low) is current
            if interval.low > 0:
                assert verdict_with(grid, scores, key, interval.low - epsilon) is not current
        else:
            assert verdict_with(grid, scores, key, interval.low) is not current
            assert verdict_with(grid, scores, key, interval.low + epsilon) is current
        if interval.high is None:
            assert verdict_with(grid, scores, key, Fraction(10**6)) is current
        elif interval.high_closed:
            assert verdict_with(grid, scores, key, interval.high) is current
            assert verdict_with(grid, scores, key, interval.high + epsilon) is not current
        else:
            assert verdict_with(grid, scores, key, interval.high) is not current
            assert verdict_with(grid, scores, key, interval.high - epsilon) is current
