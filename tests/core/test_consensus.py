from datetime import UTC, datetime
from fractions import Fraction

from workbench.core.assessment import Assessment, Rating
from workbench.core.consensus import (
    disputed,
    evaluate_assessor,
    evaluate_consensus,
    median_scores,
    spreads,
)
from workbench.core.grid import CRITERION_KEYS
from workbench.core.scoring import Verdict

AT = datetime(2026, 11, 23, tzinfo=UTC)


def scored(assessment: Assessment, assessor: str, scores: tuple[int, ...]) -> Assessment:
    for key, score in zip(CRITERION_KEYS, scores, strict=True):
        assessment = assessment.with_rating(assessor, key, Rating(score=score), at=AT)
    return assessment


def test_median_and_disagreement() -> None:
    a = Assessment(team_id="t", programme_id="p")
    a = scored(a, "ana", (4, 3, 3, 2, 4, 3))
    a = scored(a, "bob", (4, 5, 3, 2, 3, 3))
    medians = median_scores(a)
    assert medians["business_impact"] == 4
    assert medians["technical_fit"] == 4
    assert medians["total_cost"] == Fraction(7, 2)
    assert disputed(a) == ["technical_fit"]
    spread = {s.key: s for s in spreads(a)}["technical_fit"]
    assert spread.gap == 2
    assert spread.scores == {"ana": 3, "bob": 5}


def test_consensus_and_single_assessor_verdicts() -> None:
    a = scored(Assessment(team_id="t", programme_id="p"), "ana", (4, 3, 3, 2, 4, 3))
    assert evaluate_assessor(a, "ana", objective_measurable=True).verdict is Verdict.PILOT
    assert evaluate_consensus(a, objective_measurable=True).total == 74
    assert evaluate_assessor(a, "nobody", objective_measurable=True).complete is False


def test_a_range_for_a_missing_score() -> None:
    a = scored(Assessment(team_id="t", programme_id="p"), "ana", (4, 3, 3, 2, 4, 3))
    a = a.with_rating("ana", "business_impact", Rating(low=4, high=5), at=AT)
    result = evaluate_assessor(a, "ana", objective_measurable=True)
    assert result.missing == ("business_impact",)
    assert result.possible == (Verdict.PILOT,)


def test_clearing_every_rating_removes_the_assessor() -> None:
    a = scored(Assessment(team_id="t", programme_id="p"), "ana", (4, 3, 3, 2, 4, 3))
    for key in CRITERION_KEYS:
        a = a.with_rating("ana", key, Rating(), at=AT)
    assert a.assessors == []
    assert median_scores(a) == dict.fromkeys(CRITERION_KEYS)
