"""Wording: plurals in both languages, limits without useless decimals, ranges in any order."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel, Field, ValidationError

from workbench.i18n import Translator, catalogue
from workbench.ui.scoring.range_dialog import parse_range
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


ROOT = Path(__file__).resolve().parent.parent
TOML_FILES = sorted((ROOT / "workbench" / "i18n").glob("*/*.toml"))
PYTHON_FILES = sorted((ROOT / "workbench").rglob("*.py"))


def literal_strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module (f-strings' text too), docstrings (and the bare
    strings that document an attribute) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_plural_in_brackets_in_any_message() -> None:
    """ "(s)" is what Translator.plural replaces: "1 assessment, 2 assessments"."""
    found = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in TOML_FILES
        for line in path.read_text(encoding="utf-8").splitlines()
        if "(s)" in line and not line.lstrip().startswith("#")
    ]
    found += [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in PYTHON_FILES
        for line, text in literal_strings(path)
        if "(s)" in text
    ]
    assert not found


def test_the_literal_walk_sees_fstrings_and_skips_docstrings(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""doc (s)"""\nx = f"{1} record(s)"\ndef f():\n    """also (s)"""\n')
    assert [text for _, text in literal_strings(module)] == [" record(s)"]


ONE_WORD: dict[str, tuple[str, ...]] = {
    # the word README.md and PRODUCT.md use: the synonyms no message may use instead
    "assessment": ("eval", "evals", "evaluation", "evaluations"),
}


@pytest.mark.parametrize("word", list(ONE_WORD))
def test_one_word_for_one_thing_in_english(word: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").casefold()
    assert word in readme
    synonyms = re.compile(rf"\b({'|'.join(ONE_WORD[word])})\b\.?", re.IGNORECASE)
    found = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in sorted((ROOT / "workbench" / "i18n" / "en").glob("*.toml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if synonyms.search(line.split("=", 1)[-1]) and not line.lstrip().startswith("#")
    ]
    found += [
        f"README.md: {line.strip()}"
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if synonyms.search(line)
    ]
    assert not found


def test_french_says_evaluation_for_an_assessment() -> None:
    """French has one word too: "évaluation" (abbreviated "Éval." in a narrow column)."""
    french = catalogue("fr")
    for key, text in catalogue("en").items():
        words = re.sub(r"\{\w*\}", "", text)
        if re.search(r"\bassessments?\b", words, re.IGNORECASE) and key in french:
            assert re.search(r"[ée]val", french[key], re.IGNORECASE), (key, french[key])


@pytest.mark.parametrize(
    ("lang", "limit", "expected"),
    [
        ("en", 0.0, "Must be 0 or more"),
        ("fr", 0.0, "Doit valoir 0 ou plus"),
        ("en", Decimal("0.00"), "Must be 0 or more"),
        ("fr", 0.5, "Doit valoir 0,5 ou plus"),
        ("en", 1000, "Must be 1000 or more"),
    ],
)
def test_limits_in_both_languages(lang: str, limit: float | Decimal, expected: str) -> None:
    class Model(BaseModel):
        value: Decimal = Field(ge=limit)

    with pytest.raises(ValidationError) as caught:
        Model(value=Decimal(-1))
    assert errors_by_field(caught.value, Translator(lang))["value"] == expected
