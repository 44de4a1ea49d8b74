from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from workbench.core.assessment import Assessment, Rating
from workbench.core.catalogue import Price, Programme
from workbench.core.grid import Grid
from workbench.core.pilot import Cost, Kpi, Participant, Phase, Pilot
from workbench.core.team import Objective, Team


def error_types(model: type[BaseModel], data: dict[str, Any]) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {error["type"] for error in caught.value.errors()}


@pytest.mark.parametrize(
    ("model", "data", "expected"),
    [
        (Rating, {"score": 6}, "less_than_equal"),
        (Rating, {"score": 0}, "greater_than_equal"),
        (Rating, {"low": 4, "high": 2}, "range_order"),
        (Rating, {"low": 2}, "range_incomplete"),
        (Rating, {"score": 5, "low": 2, "high": 3}, "score_outside_range"),
        (Price, {"kind": "amount", "amount": "-1", "currency": "EUR"}, "negative_price"),
        (Price, {"kind": "amount", "amount": "10"}, "price_incomplete"),
        (Price, {"kind": "free", "amount": "10", "currency": "EUR"}, "price_kind"),
        (Price, {"kind": "amount", "amount": "10", "currency": "euro"}, "currency"),
        (Programme, {"name": "  ", "provider": "X"}, "blank"),
        (Programme, {"name": "A", "provider": "X", "hours_min": 5, "hours_max": 2}, "hours_order"),
        (Programme, {"name": "A", "provider": "X", "status": "retired"}, "status_date"),
        (Programme, {"name": "A", "provider": "X", "url": "ftp://x"}, "url"),
        (Team, {"name": ""}, "blank"),
        (Team, {"name": "T", "headcount": 0}, "greater_than_equal"),
        (Grid, {"weights": dict.fromkeys(["business_impact"], 5)}, "missing_weight"),
        (Grid, {"pilot_above": 30, "alternatives_below": 50}, "thresholds_order"),
        (
            Phase,
            {"kind": "pilot", "planned_start": "2026-05-01", "planned_end": "2026-04-01"},
            "end_before_start",
        ),
        (
            Kpi,
            {"name": "k", "level": "results", "baseline": 10, "target": 5},
            "target_direction",
        ),
        (
            Kpi,
            {"name": "k", "level": "results", "baseline": 5, "target": 5},
            "target_equals_baseline",
        ),
        (Participant, {"name": "p", "status": "certified"}, "certified_date"),
        (Cost, {"kind": "hours", "label": "time", "hours": 3}, "hours_cost"),
        (Pilot, {"name": "p", "team_id": "t", "programme_id": "x", "phases": []}, "phases"),
    ],
)
def test_invalid_values_get_a_stable_error_key(
    model: type[BaseModel], data: dict[str, Any], expected: str
) -> None:
    assert expected in error_types(model, data)


def test_every_error_has_a_readable_message() -> None:
    with pytest.raises(ValidationError) as caught:
        Phase.model_validate(
            {"kind": "pilot", "planned_start": "2026-05-01", "planned_end": "2026-04-01"}
        )
    message = caught.value.errors()[0]["msg"]
    assert message == "planned dates: the end (2026-04-01) is before the start (2026-05-01)"


def test_objective_measurability() -> None:
    assert Objective(
        metric="descriptions/week", baseline=40, target=120, horizon_months=6
    ).is_measurable
    assert Objective(statement="it's modern").missing() == ["metric", "target", "horizon"]
    assert Objective(metric="m", target=2, horizon_months=18).missing() == ["horizon_too_long"]
    assert "target_equals_baseline" in Objective(metric="m", baseline=2, target=2).missing()


def test_programme_helpers() -> None:
    p = Programme(
        name="Gen AI", provider="DeepLearning.AI", topics=["GenAI", "genai", " Business "]
    )
    assert p.topics == ["GenAI", "Business"]
    assert p.matches("deeplearn")
    assert p.matches("busi")
    assert not p.matches("azure")
    assert Programme(name="x", provider="y", hours_min=5, hours_max=10).hours_label == "5-10"
    assert Programme(name="x", provider="y", hours_min=1.5).hours_label == "1.5"
    assert Programme(name="x", provider="y").hours_label == ""
    assert Programme(name="x", provider="y").price.kind == "unknown"


def test_retired_programme_keeps_its_date() -> None:
    p = Programme(
        name="AI-900", provider="Microsoft", status="retired", status_date=date(2026, 6, 30)
    )
    assert p.status_date == date(2026, 6, 30)


def test_assessment_rejects_unknown_criteria() -> None:
    with pytest.raises(ValidationError):
        Assessment(team_id="t", programme_id="p", ratings={"ana": {"vibes": Rating(score=3)}})
