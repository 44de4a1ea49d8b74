"""The save queue on its own (no app): order, batches, failures kept, forms handed back."""

from __future__ import annotations

import threading

from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.assessment_change import RatingChange
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.saving import AssessmentEdit, SaveQueue, SaveState

PAIR = ("team-ecommerce-content", "aws-aif-c01")


def score(value: int, key: str = "business_impact") -> AssessmentEdit:
    return AssessmentEdit(*PAIR, RatingChange("zoe", key, Rating(score=value), now_utc()))


def test_a_failure_stops_the_queue_keeps_everything_and_retry_writes_it(
    sample_repo: Repository,
) -> None:
    woken = threading.Event()
    queue = SaveQueue(sample_repo, woken.set)
    failing = threading.Event()
    failing.set()
    real = sample_repo.edit_assessments

    def flaky(edits: object) -> list[Assessment]:
        if failing.is_set():
            raise OSError(28, "No space left on device")
        return real(edits)  # type: ignore[arg-type]

    sample_repo.edit_assessments = flaky  # type: ignore[method-assign]
    first = queue.submit_edit(score(1))
    assert woken.wait(30)
    assert queue.state is SaveState.FAILED
    queue.submit_edit(score(5, "total_cost"))
    assert queue.unsaved == 2
    preview = queue.preview(*PAIR, sample_repo.assessment_for(*PAIR))
    assert preview is not None
    assert preview.scores_of("zoe")["business_impact"] == 1
    assert preview.scores_of("zoe")["total_cost"] == 5
    failing.clear()
    queue.retry()
    assert queue.close(timeout=30)
    assert first.finished
    stored = Repository(sample_repo.path).assessment_for(*PAIR)
    assert stored is not None
    assert stored.scores_of("zoe")["business_impact"] == 1
    assert stored.scores_of("zoe")["total_cost"] == 5


def test_a_waited_save_comes_after_the_edits_and_its_failure_is_handed_back(
    sample_repo: Repository,
) -> None:
    queue = SaveQueue(sample_repo, lambda: None)
    queue.submit_edit(score(3))
    seen: list[int | None] = []

    def form(repo: Repository) -> Team:
        assessment = repo.assessment_for(*PAIR)
        seen.append(assessment.scores_of("zoe")["business_impact"] if assessment else None)
        raise ValueError("refused by the form's own check")

    save = queue.submit(form, waited=True)
    assert queue.wait(save, timeout=30)
    assert seen == [3]
    assert isinstance(save.error, ValueError)
    assert queue.failure is None  # a form's failure goes back to the form
    assert queue.close(timeout=30)


def test_discard_forgets_what_failed(sample_repo: Repository) -> None:
    woken = threading.Event()
    queue = SaveQueue(sample_repo, woken.set)

    def broken(edits: object) -> list[Assessment]:
        raise OSError(5, "Input/output error")

    sample_repo.edit_assessments = broken  # type: ignore[method-assign]
    queue.submit_edit(score(2))
    assert woken.wait(30)
    assert queue.discard() == 1
    assert queue.state is SaveState.IDLE
    assert queue.close(timeout=30)
    assert Repository(sample_repo.path).assessment_for(*PAIR) is None
