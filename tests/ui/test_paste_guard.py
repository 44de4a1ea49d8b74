"""The paste guard: an ESC inside a bracketed paste is passed on as text, whatever the
reads it comes in; everything outside a paste passes at once, unchanged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.ui.paste_guard import END, STAND_IN, START, PasteGuard

STAND = STAND_IN.encode()


def through(*reads: bytes) -> bytes:
    guard = PasteGuard()
    return b"".join(guard.feed(read) for read in reads) + guard.flush()


def test_an_escape_inside_a_paste_becomes_the_stand_in() -> None:
    pasted = START + b"X\x1b]2;PWN\x07Y" + END
    assert through(pasted) == START + b"X" + STAND + b"]2;PWN\x07Y" + END


def test_outside_a_paste_nothing_changes_and_nothing_waits() -> None:
    guard = PasteGuard()
    assert guard.feed(b"\x1b") == b"\x1b"  # the Escape key, at once
    assert guard.feed(b"\x1b[A") == b"\x1b[A"
    assert guard.feed(b"\x1b[20") == b"\x1b[20"  # perhaps a paste's start: passed on anyway
    assert not guard.holding


@given(
    before=st.binary(max_size=20).filter(lambda b: START not in b and not b.endswith(b"\x1b")),
    text=st.binary(max_size=40).filter(lambda b: END not in b),
    after=st.binary(max_size=20).filter(lambda b: START not in b),
    cuts=st.lists(st.integers(0, 200), max_size=6),
)
def test_any_split_gives_the_same_bytes(
    before: bytes, text: bytes, after: bytes, cuts: list[int]
) -> None:
    stream = before + START + text + END + after
    whole = through(stream)
    points = sorted({min(cut, len(stream)) for cut in cuts})
    pieces = [stream[a:b] for a, b in zip([0, *points], [*points, len(stream)], strict=True)]
    assert through(*pieces) == whole
    assert whole.count(END) >= 1
    inside = whole[whole.index(START) + len(START) : whole.index(END, whole.index(START))]
    assert b"\x1b" not in inside
    assert inside.replace(STAND, b"\x1b") == text


def test_a_paste_that_never_ends_is_let_through() -> None:
    guard = PasteGuard()
    assert guard.feed(START + b"ab\x1b[20") == START + b"ab"
    assert guard.holding
    assert guard.flush() == b"\x1b[20"
