"""English and French catalogues are complete and use the same placeholders."""

from __future__ import annotations

import string

import pytest

from workbench.i18n import Translator, catalogue


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def ours(lang: str) -> dict[str, str]:
    return {k: v for k, v in catalogue(lang).items() if not k.startswith("textual.")}


def test_both_languages_have_the_same_keys() -> None:
    english, french = ours("en"), ours("fr")
    assert sorted(set(english) - set(french)) == []
    assert sorted(set(french) - set(english)) == []


@pytest.mark.parametrize("key", sorted(ours("en")))
def test_placeholders_match(key: str) -> None:
    assert fields(ours("en")[key]) == fields(ours("fr")[key]), key


def test_french_is_really_french() -> None:
    english, french = ours("en"), ours("fr")
    same = [k for k in english if english[k] == french[k] and len(english[k]) > 12]
    assert len(same) < len(english) // 20, same


def test_numbers_follow_the_language() -> None:
    assert Translator("en").percent(64.3) == "64.3\u00a0%"
    assert Translator("fr").percent(64.3) == "64,3\u00a0%"
    assert Translator("fr").number(1234.5, 1) == "1\u202f234,5"


def test_missing_key_falls_back_to_the_key() -> None:
    assert Translator("fr")("nowhere.at_all") == "nowhere.at_all"


def test_user_text_in_parameters_is_not_formatted() -> None:
    assert Translator("en")("app.data_file", path="{evil} [b]x[/b]") == "Data file: {evil} [b]x[/b]"
