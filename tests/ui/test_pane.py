"""What the tabs share: the remembered evaluations."""

from __future__ import annotations

from datetime import UTC, datetime

from workbench.core.assessment import Assessment, Rating
from workbench.core.consensus import evaluate_consensus
from workbench.ui.panes.pane import Evaluations

AT = datetime(2026, 11, 23, tzinfo=UTC)


def scored(assessment: Assessment, score: int) -> Assessment:
    return assessment.with_rating("claire", "business_impact", Rating(score=score), at=AT)


def test_evaluations_are_computed_again_only_for_what_changed() -> None:
    evaluations = Evaluations()
    first = scored(Assessment(team_id="t", programme_id="p"), 2)
    result = evaluations.of(first, objective_measurable=True)
    assert result == evaluate_consensus(first, objective_measurable=True)
    assert evaluations.of(first, objective_measurable=True) is result  # remembered

    unclear = evaluations.of(first, objective_measurable=False)  # the team's rule changed
    assert unclear == evaluate_consensus(first, objective_measurable=False)
    assert unclear != result

    changed = scored(first, 5)  # a save replaces the model: same id, new object
    assert changed.id == first.id
    assert evaluations.of(changed, objective_measurable=True) == evaluate_consensus(
        changed, objective_measurable=True
    )
    assert evaluations.of(changed, objective_measurable=True) != result


def test_evaluations_forget_deleted_assessments() -> None:
    evaluations = Evaluations()
    kept = Assessment(team_id="t", programme_id="p")
    gone = Assessment(team_id="t", programme_id="q")
    for assessment in (kept, gone):
        evaluations.of(assessment, objective_measurable=True)
    evaluations.forget_missing({kept.id: kept})
    assert evaluations.remembered == {kept.id}
