"""A hand-edited rating that is not what the file allows is named as a model's would be, in
English and French (ratings are validated dataclasses, whose pydantic errors differ)."""

from __future__ import annotations

import pytest

from workbench.i18n import Translator
from workbench.i18n.messages import problem_text
from workbench.storage.schema import validate

ASSESSMENT = {"id": "a1", "team_id": "t1", "programme_id": "p1"}
TEAM = {"id": "t1", "name": "Team"}
PROGRAMME = {"id": "p1", "name": "Programme", "provider": "X"}


def problems_of(rating: object, lang: str) -> list[str]:
    data = {
        "teams": {"1": TEAM},
        "programmes": {"1": PROGRAMME},
        "assessments": {"1": {**ASSESSMENT, "ratings": {"ann": {"total_cost": rating}}}},
    }
    _, problems = validate(data)
    return [problem_text(problem, Translator(lang)) for problem in problems]


@pytest.mark.parametrize(
    ("rating", "lang", "expected"),
    [
        ({"score": 3, "comment": "x"}, "en", "Unknown field"),
        ({"score": 3, "comment": "x"}, "fr", "Champ inconnu"),
        ("three", "en", "Expected a JSON object"),
        ([3], "fr", "Un objet JSON est attendu"),
    ],
)
def test_a_bad_rating_is_named_in_the_users_language(
    rating: object, lang: str, expected: str
) -> None:
    [problem] = problems_of(rating, lang)
    assert "ratings.ann.total_cost" in problem
    assert problem.endswith(expected)


def test_a_valid_rating_has_no_problem() -> None:
    assert problems_of({"score": 3, "reason": "ok"}, "en") == []
