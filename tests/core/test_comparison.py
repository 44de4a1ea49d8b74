"""The Compare tab's pure parts: Scoring's headline, sorting, filters, best of a row, gaps."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core import robustness
from workbench.core.assessment import Assessment, Rating
from workbench.core.comparison import (
    SETTLED,
    Compared,
    Filters,
    SortBy,
    best_of_row,
    differences,
    margin,
    matches,
    most_assessed,
    sort_key,
)
from workbench.core.consensus import evaluate_consensus
from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.robustness import Level
from workbench.core.scoring import Verdict, evaluate
from workbench.core.team import Objective, Team

MEASURABLE = Objective(metric="m", target=2, baseline=1, horizon_months=6)


def assessment(team: str, programme: str, *scores: int, **extra: dict[str, Rating]) -> Assessment:
    ratings = {"claire": {k: Rating(score=s) for k, s in zip(CRITERION_KEYS, scores, strict=False)}}
    ratings.update(extra)
    return Assessment(team_id=team, programme_id=programme, ratings=ratings)


def compared(a: Assessment, name: str = "T", department: str | None = None) -> Compared:
    team = Team(id=a.team_id, name=name, department=department, objective=MEASURABLE)
    return Compared(a, team, evaluate_consensus(a, objective_measurable=True))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(2, 10), min_size=6, max_size=6),
    st.lists(st.integers(0, 10), min_size=6, max_size=6).filter(any),
    st.integers(1, 98),
    st.booleans(),
)
def test_headline_is_the_scoring_screens_headline(
    scores: list[int], weights: list[int], low: int, measurable: bool
) -> None:
    grid = Grid(
        weights=dict(zip(CRITERION_KEYS, weights, strict=True)),
        alternatives_below=low,
        pilot_above=max(low, 60),
    )
    halves = [half // 2 if half % 2 == 0 else Fraction(half, 2) for half in scores]
    evaluation = evaluate(
        grid, dict(zip(CRITERION_KEYS, halves, strict=True)), objective_measurable=measurable
    )
    a = assessment("t", "p", 3)
    item = Compared(a, Team(id="t", name="T", objective=MEASURABLE), evaluation)
    found = item.headline
    assert found == robustness.headline(evaluation)
    expected = None if found.points is None else Fraction(found.points)
    assert margin(found) == (SETTLED if expected is None else expected)


def test_headline_waits_for_every_score() -> None:
    evaluation = evaluate(Grid(), {"business_impact": 3})
    item = Compared(assessment("t", "p", 3), Team(id="t", name="T"), evaluation)
    assert item.headline.level is Level.INCOMPLETE
    assert margin(item.headline) is None


def test_sorting_filters_and_best_of_row() -> None:
    high = compared(assessment("t1", "p", 5, 5, 5, 5, 5, 4), "Bravo", "Sales")
    low = compared(assessment("t2", "p", 1, 1, 2, 1, 1, 1), "alpha", "Legal")
    open_ = compared(assessment("t3", "p", 3), "Charlie", "Sales")
    items = [low, open_, high]
    by_percent = sorted(items, key=lambda i: sort_key(i, SortBy.PERCENT))
    assert [i.team.name for i in by_percent] == ["Bravo", "alpha", "Charlie"]
    by_name = sorted(items, key=lambda i: sort_key(i, SortBy.NAME))
    assert [i.team.name for i in by_name] == ["alpha", "Bravo", "Charlie"]
    by_robustness = sorted(items, key=lambda i: sort_key(i, SortBy.ROBUSTNESS))
    assert by_robustness[-1] is open_
    assert [i.team.name for i in items if matches(i, Filters(department="Sales"))] == [
        "Charlie",
        "Bravo",
    ]
    assert [i for i in items if matches(i, Filters(verdict=Verdict.PILOT))] == [high]
    assert best_of_row([3, None, 5, 5]) == {2, 3}
    assert best_of_row([4, 4]) == set()
    assert best_of_row([None, 4]) == set()


def test_to_discuss_keeps_disputed_assessments() -> None:
    calm = compared(assessment("t1", "p", 3, 3, 3, 3, 3, 3))
    disputed = compared(
        assessment("t2", "p", 3, 3, 3, 3, 3, 3, marc={"business_impact": Rating(score=5)})
    )
    assert [i for i in (calm, disputed) if matches(i, Filters(to_discuss=True))] == [disputed]


def test_differences_largest_weighted_gap_first() -> None:
    left = compared(assessment("t1", "p", 3, 3, 3, 3, 3, 3))
    right = compared(assessment("t2", "p", 4, 3, 1, 3, 3))
    found = differences(left, right)
    assert [d.key for d in found][:2] == ["team_leverage", "business_impact"]
    assert found[0].points == -2
    assert found[-1].key == "alternatives"
    assert found[-1].points is None


def test_most_assessed_programme() -> None:
    assessments = [
        assessment("t1", "p1"),
        assessment("t2", "p2"),
        assessment("t3", "p2"),
        assessment("t1", "p3"),
    ]
    assert most_assessed(assessments) == "p2"
    assert most_assessed([]) is None
