"""Reading the data file: stored text is read as written, without a call to the text rules.

A 20k-assessment file holds 150,000 ratings: each skipped call is start-up time. What
people type still goes through every rule.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from workbench.core import assessment
from workbench.core.assessment import Assessment, Rating
from workbench.core.rules import STORED

STORED_DOC: dict[str, Any] = {
    "id": "a1",
    "team_id": "t1",
    "programme_id": "p1",
    "notes": "Line one\x07",
    "created_by": "ana\tb",
    "updated_by": "ana",
    "ratings": {"ana": {"business_impact": {"score": 3, "reason": "Kept\x1b[31m as written"}}},
}


def refuse(*_: object, **__: object) -> str:
    raise AssertionError("a text rule ran on stored text")


def test_stored_text_is_read_without_the_text_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    for rule in ("long_text", "one_line"):
        monkeypatch.setattr(assessment, rule, refuse)
    read = Assessment.model_validate(STORED_DOC, context=STORED)
    assert read.notes == "Line one\x07"
    assert read.created_by == "ana\tb"
    assert read.rating("ana", "business_impact").reason == "Kept\x1b[31m as written"


def test_typed_text_still_meets_the_rules() -> None:
    with pytest.raises(ValidationError, match="Control characters"):
        Rating.model_validate({"score": 3, "reason": "bell\x07"})
    with pytest.raises(ValidationError, match="Control characters"):
        Assessment.model_validate({**STORED_DOC, "ratings": {}})


def test_a_stored_range_is_still_checked() -> None:
    with pytest.raises(ValidationError, match="range needs both"):
        Rating.model_validate({"low": 2}, context=STORED)
    with pytest.raises(ValidationError, match="outside its range"):
        Rating.model_validate({"score": 5, "low": 1, "high": 3}, context=STORED)
    assert Rating.model_validate({"score": 2, "low": 1, "high": 3}, context=STORED).bounds == (2, 2)
