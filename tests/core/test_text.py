"""core.text.visible: nothing in user text may drive the terminal or shift a row."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.text import has_control, is_blank, visible

HOSTILE = [
    "\x1b]52;c;aGVsbG8=\x07",  # OSC 52: write the clipboard
    "\x1b]2;pwned\x07",  # OSC 2: window title
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b[?25h\x1b[?1000l",  # cursor on, mouse off
    "\x9b31m",  # C1 CSI
    "HR\nrecruitment",
    "Ops\tplant",
    "a\rb",
    "\u202eevil\u202c",
    "\u200b\u2060",
]


def test_escape_becomes_a_symbol() -> None:
    assert visible("\x1b[2J") == "␛[2J"
    assert visible("\x07") == "␇"
    assert visible("\x7f") == "␡"
    assert visible("\x9b") == "<U+009B>"


def test_one_line_marks_newlines_and_tabs() -> None:
    assert visible("HR\nrecruitment") == "HR↵recruitment"
    assert visible("Ops\tplant") == "Ops plant"
    assert visible("a\nb", one_line=False) == "a\nb"


def test_bidi_and_invisible_are_named() -> None:
    assert visible("\u202eabc") == "<RLO>abc"
    assert visible("\u200b") == "<ZWSP>"


def test_limit_ends_with_an_ellipsis() -> None:
    assert visible("x" * 10_000, limit=20) == "x" * 19 + "…"
    assert visible("short", limit=20) == "short"


def test_ordinary_text_is_untouched() -> None:
    for text in ["Équipe contenu e-commerce", "数据团队", "Zoë – 50 % · ✓", "[b]x[/b]"]:
        assert visible(text) == text


@given(st.text())
def test_nothing_control_survives(text: str) -> None:
    shown = visible(text)
    assert "\n" not in shown
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in shown)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_hostile_strings_are_inert() -> None:
    for text in HOSTILE:
        shown = visible(text)
        assert not any(c in shown for c in "\x1b\n\x9b")


def test_has_control_and_blank() -> None:
    assert has_control("a\x1bb")
    assert not has_control("a\nb", allow_newlines=True)
    assert has_control("a\nb")
    assert is_blank("\u200b\u2060 \u202e")
    assert not is_blank(" x ")


@given(st.text(max_size=60))
def test_has_control_is_exactly_the_control_categories(value: str) -> None:
    def by_category(allowed: str) -> bool:
        return any(
            (unicodedata.category(c) in ("Cc", "Cs") or c in "\u2028\u2029") and c not in allowed
            for c in value
        )

    assert has_control(value) == by_category("")
    assert has_control(value, allow_newlines=True) == by_category("\n\t")
