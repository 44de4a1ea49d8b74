"""Several score changes in one transaction: in order, one write, all or none."""

from __future__ import annotations

import pytest

from workbench.core.assessment import Rating, now_utc
from workbench.storage.errors import NotFoundError
from workbench.storage.repository import Repository


def test_edits_apply_in_order_in_one_write(sample_repo: Repository) -> None:
    pair = ("team-ecommerce-content", "aws-aif-c01")
    assert sample_repo.assessment_for(*pair) is None
    writes = sample_repo.snapshot().meta["writes"]
    at = now_utc()
    results = sample_repo.edit_assessments(
        [
            (*pair, lambda a: a.with_rating("zoe", "business_impact", Rating(score=1), at=at)),
            (*pair, lambda a: a.with_rating("zoe", "business_impact", Rating(score=4), at=at)),
            (*pair, lambda a: a.with_rating("zoe", "total_cost", Rating(score=2), at=at)),
        ]
    )
    assert len(results) == 3
    fresh = Repository(sample_repo.path)
    stored = fresh.assessment_for(*pair)
    assert stored is not None
    assert stored.rating("zoe", "business_impact").score == 4
    assert stored.rating("zoe", "total_cost").score == 2
    assert fresh.snapshot().meta["writes"] == writes + 1
    assert len([a for a in fresh.assessments() if (a.team_id, a.programme_id) == pair]) == 1


def test_a_missing_team_writes_none_of_them(sample_repo: Repository) -> None:
    before = sample_repo.path.read_bytes()
    at = now_utc()
    with pytest.raises(NotFoundError):
        sample_repo.edit_assessments(
            [
                (
                    "team-ecommerce-content",
                    "aws-aif-c01",
                    lambda a: a.with_rating("zoe", "business_impact", Rating(score=1), at=at),
                ),
                ("gone", "aws-aif-c01", lambda a: a),
            ]
        )
    assert sample_repo.path.read_bytes() == before
