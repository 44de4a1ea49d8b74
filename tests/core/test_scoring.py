from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.scoring import Verdict, evaluate, grid_verdict, percent_tenths

SEED_EXAMPLE = dict(zip(CRITERION_KEYS, (4, 3, 3, 2, 4, 3), strict=True))

scores_st = st.fixed_dictionaries({k: st.integers(1, 5) for k in CRITERION_KEYS})
weights_st = st.fixed_dictionaries({k: st.integers(0, 10) for k in CRITERION_KEYS}).filter(
    lambda w: sum(w.values()) > 0
)


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    low = draw(st.integers(1, 99))
    high = draw(st.integers(low, 99))
    return Grid(weights=draw(weights_st), pilot_above=high, alternatives_below=low)


def test_default_maximum_is_115() -> None:
    assert Grid().maximum == 115


def test_seed_example_is_pilot_at_64_3() -> None:
    result = evaluate(Grid(), SEED_EXAMPLE)
    assert result.total == 74
    assert result.maximum == 115
    assert result.percent == Decimal("64.3")
    assert result.verdict is Verdict.PILOT


def test_all_threes_is_exactly_60_and_investigate() -> None:
    result = evaluate(Grid(), dict.fromkeys(CRITERION_KEYS, 3))
    assert result.total == 69
    assert Fraction(result.total, result.maximum) == Fraction(3, 5)
    assert result.percent == Decimal("60.0")
    assert result.verdict is Verdict.INVESTIGATE


def test_both_boundaries_belong_to_investigate() -> None:
    grid = Grid()
    assert grid_verdict(46, 115, grid) is Verdict.INVESTIGATE  # exactly 40 %
    assert grid_verdict(69, 115, grid) is Verdict.INVESTIGATE  # exactly 60 %
    assert grid_verdict(70, 115, grid) is Verdict.PILOT
    assert grid_verdict(45, 115, grid) is Verdict.ALTERNATIVES


def test_all_ones_and_all_fives() -> None:
    assert evaluate(Grid(), dict.fromkeys(CRITERION_KEYS, 1)).verdict is Verdict.ALTERNATIVES
    assert evaluate(Grid(), dict.fromkeys(CRITERION_KEYS, 5)).verdict is Verdict.PILOT


def test_missing_score_gives_no_total_but_the_possible_range() -> None:
    scores: dict[str, int | None] = {**SEED_EXAMPLE, "business_impact": None}
    result = evaluate(Grid(), scores)
    assert result.total is None
    assert result.percent is None
    assert result.verdict is None
    assert result.missing == ("business_impact",)
    assert result.low_total == 74 - 15
    assert result.high_total == 74 + 5
    assert result.possible == (Verdict.INVESTIGATE, Verdict.PILOT)


def test_nothing_scored_spans_every_verdict() -> None:
    result = evaluate(Grid(), {})
    assert result.possible == (Verdict.ALTERNATIVES, Verdict.INVESTIGATE, Verdict.PILOT)
    assert (result.low_total, result.high_total) == (23, 115)


def test_a_range_narrows_what_a_missing_score_allows() -> None:
    scores: dict[str, int | None] = {**SEED_EXAMPLE, "business_impact": None}
    result = evaluate(Grid(), scores, ranges={"business_impact": (4, 5)})
    assert result.possible == (Verdict.PILOT,)
    assert result.verdict is None


def test_unclear_objective_never_gets_pilot() -> None:
    result = evaluate(Grid(), SEED_EXAMPLE, objective_measurable=False)
    assert result.grid_verdict is Verdict.PILOT
    assert result.verdict is Verdict.CLARIFY_OBJECTIVE
    assert result.needs_objective
    assert Verdict.PILOT not in evaluate(Grid(), {}, objective_measurable=False).possible


def test_unclear_objective_keeps_other_verdicts_but_flags() -> None:
    result = evaluate(Grid(), dict.fromkeys(CRITERION_KEYS, 1), objective_measurable=False)
    assert result.verdict is Verdict.ALTERNATIVES
    assert result.needs_objective


def test_score_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        evaluate(Grid(), {**SEED_EXAMPLE, "total_cost": 6})


def test_percent_rounds_half_up_exactly() -> None:
    assert percent_tenths(1, 8) == Decimal("12.5")
    assert percent_tenths(1, 16) == Decimal("6.3")
    assert percent_tenths(2, 3) == Decimal("66.7")


@given(grids(), scores_st, st.sampled_from(CRITERION_KEYS))
def test_raising_a_score_never_lowers_the_percentage(
    grid: Grid, scores: dict[str, int], key: str
) -> None:
    before = evaluate(grid, scores)
    if scores[key] == 5:
        return
    after = evaluate(grid, {**scores, key: scores[key] + 1})
    assert after.total is not None
    assert before.total is not None
    assert after.total >= before.total
    order = [Verdict.ALTERNATIVES, Verdict.INVESTIGATE, Verdict.PILOT]
    assert order.index(after.verdict) >= order.index(before.verdict)


@given(grids(), scores_st)
def test_verdict_matches_the_exact_percentage(grid: Grid, scores: dict[str, int]) -> None:
    result = evaluate(grid, scores)
    assert result.total is not None
    share = Fraction(result.total, result.maximum)
    if share > Fraction(grid.pilot_above, 100):
        assert result.verdict is Verdict.PILOT
    elif share < Fraction(grid.alternatives_below, 100):
        assert result.verdict is Verdict.ALTERNATIVES
    else:
        assert result.verdict is Verdict.INVESTIGATE


@given(grids(), st.dictionaries(st.sampled_from(CRITERION_KEYS), st.integers(1, 5)), scores_st)
def test_the_final_verdict_lies_in_the_possible_range(
    grid: Grid, partial: dict[str, int], completion: dict[str, int]
) -> None:
    possible = evaluate(grid, partial).possible
    final = evaluate(grid, {**completion, **partial}).verdict
    assert final in possible
