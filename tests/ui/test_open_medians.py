"""The Compare cell of a criterion left open by a range: the medians every completion gives."""

from __future__ import annotations

import itertools
import statistics
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.assessment import Assessment, Rating
from workbench.core.comparison import Compared
from workbench.core.consensus import evaluate_consensus
from workbench.core.grid import CRITERION_KEYS
from workbench.core.scoring import Number
from workbench.core.team import Objective, Team
from workbench.i18n import Translator
from workbench.ui.compare.cells import ROWS, SideBySide
from workbench.ui.compare.words import CompareWords

KEY = CRITERION_KEYS[0]
TEAM = Team(
    id="t", name="T", objective=Objective(metric="m", target=2, baseline=1, horizon_months=6)
)


def compared(ratings: dict[str, Rating]) -> Compared:
    assessment = Assessment(
        team_id="t", programme_id="p", ratings={name: {KEY: r} for name, r in ratings.items()}
    )
    return Compared(assessment, TEAM, evaluate_consensus(assessment, objective_measurable=True))


def brute_force(ratings: list[Rating]) -> set[Number]:
    """The median of every way of resolving the ranges into whole scores."""
    choices = [
        [r.score] if r.score is not None else range(r.bounds[0], r.bounds[1] + 1) for r in ratings
    ]
    return {
        Fraction(statistics.median(Fraction(v) for v in combo))
        for combo in itertools.product(*choices)
    }


def test_ana_4_bob_1_to_2_can_only_give_2_5_or_3() -> None:
    item = compared({"Ana": Rating(score=4), "Bob": Rating(low=1, high=2)})
    assert item.score_range(KEY) == (Fraction(5, 2), 3)


@st.composite
def ratings(draw: st.DrawFn) -> Rating:
    if draw(st.booleans()):
        return Rating(score=draw(st.integers(1, 5)))
    low, high = sorted(draw(st.lists(st.integers(1, 5), min_size=2, max_size=2)))
    return Rating(low=low, high=high)


@settings(max_examples=500, deadline=None)
@given(st.lists(ratings(), min_size=1, max_size=6))
def test_the_bounds_are_those_of_every_completion(given_: list[Rating]) -> None:
    item = compared({f"a{i}": r for i, r in enumerate(given_)})
    bounds = item.score_range(KEY)
    if all(r.score is not None for r in given_):
        assert bounds is None
        return
    medians = brute_force(given_)
    assert bounds == (min(medians), max(medians))


def test_the_cell_shows_the_possible_medians() -> None:
    item = compared({"Ana": Rating(score=4), "Bob": Rating(low=1, high=2)})
    for lang, shown in (("en", "2.5-3"), ("fr", "2,5-3")):
        grid = SideBySide([item], CompareWords(None, Translator(lang)))
        assert grid.cell(ROWS.index(KEY), 0).plain == shown
