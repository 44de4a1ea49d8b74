"""Wording: plurals in both languages, limits without useless decimals, ranges in any order."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError

from workbench.i18n import Translator
from workbench.ui.dialogs.range_dialog import parse_range
from workbench.ui.validation import errors_by_field


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 0, "Nothing saved: 0 fields to fix."),
        ("en", 1, "Nothing saved: 1 field to fix."),
        ("en", 2, "Nothing saved: 2 fields to fix."),
        ("fr", 0, "Rien n'a été enregistré : 0 champ à corriger."),
        ("fr", 1, "Rien n'a été enregistré : 1 champ à corriger."),
        ("fr", 3, "Rien n'a été enregistré : 3 champs à corriger."),
    ],
)
def test_plurals(lang: str, count: int, expected: str) -> None:
    assert Translator(lang).plural("catalogue.form.invalid", count) == expected


def test_no_message_says_s_in_brackets_where_a_plural_helper_is_used() -> None:
    for lang in ("en", "fr"):
        t = Translator(lang)
        assert "(s)" not in t.plural("keys.warning", 2)
        assert "(s)" not in t.plural("app.check_problems", 2, path="x")


def test_limits_are_written_without_useless_decimals() -> None:
    class Model(BaseModel):
        hours: float = Field(ge=0)

    with pytest.raises(ValidationError) as caught:
        Model(hours=-1)
    assert errors_by_field(caught.value, Translator("en"))["hours"] == "Must be 0 or more"


def test_a_range_typed_high_to_low_is_taken_low_to_high() -> None:
    assert parse_range("4-2") == (2, 4)
    assert parse_range("2-4") == (2, 4)
    assert parse_range(" 3 – 3 ") == (3, 3)
    with pytest.raises(ValueError, match="format"):
        parse_range("2-6")
