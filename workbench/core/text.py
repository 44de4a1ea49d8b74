"""Text written by other people, made inert for a terminal: the one rule, used everywhere.

Names, reasons and notes come through the shared data file. Shown raw, an escape sequence
in them would drive the user's terminal (clipboard, title, cursor, colours) and a newline
would shift a table's rows. ``visible`` turns any such text into characters that only
draw themselves: control characters become their visible symbols, bidirectional controls
and invisible characters are shown by name. The UI wraps it (``workbench.ui.text``); the
command line prints through it.
"""

from __future__ import annotations

import re
import unicodedata

NEWLINE_MARK = "↵"
ELLIPSIS = "…"

# Characters that change the order or the visibility of the text around them.
_INVISIBLE = {
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u2028": "LSEP",
    "\u2029": "PSEP",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2060": "WJ",
    "\u2061": "FA",
    "\u2062": "IT",
    "\u2063": "IS",
    "\u2064": "IP",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\u206a": "ISS",
    "\u206b": "ASS",
    "\u206c": "IAFS",
    "\u206d": "AAFS",
    "\u206e": "NADS",
    "\u206f": "NODS",
    "\ufeff": "BOM",
    "\u180e": "MVS",
    "\u00ad": "SHY",
}


def _symbol(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: ESC shows as ␛
    if code == 0x7F:
        return "␡"
    if 0x80 <= code < 0xA0:
        return f"<U+{code:04X}>"
    name = _INVISIBLE.get(char)
    if name is not None:
        return f"<{name}>"
    return f"<U+{code:04X}>"


def _needs_symbol(char: str) -> bool:
    if char in _INVISIBLE:
        return True
    category = unicodedata.category(char)
    # Cc: C0, DEL, C1 controls; Cs: lone surrogates; Co/Cn: private or unassigned code points
    # can still be drawn by some fonts, so only controls and surrogates are replaced.
    return category in ("Cc", "Cs")


def visible(value: object, *, one_line: bool = True, limit: int | None = None) -> str:
    """``value`` as characters that only draw themselves.

    ``one_line``: a newline shows as ``↵`` and a tab as a space, so a record stays on its
    own row. Otherwise newlines are kept (tabs still become spaces). ``limit`` cuts the
    result to that many characters, ending with ``…``.
    """
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit * 8:
        text = text[: limit * 8]  # the symbols are longer than the characters they replace
    parts: list[str] = []
    for char in text:
        if char == "\n":
            parts.append(NEWLINE_MARK if one_line else "\n")
        elif char == "\t":
            parts.append(" ")
        elif char == "\r":
            parts.append(NEWLINE_MARK if one_line else "")
        elif char.isprintable() or char == " " or not _needs_symbol(char):
            parts.append(char)
        else:
            parts.append(_symbol(char))
    result = "".join(parts)
    if limit is not None and len(result) > limit:
        result = result[: max(limit - 1, 0)] + ELLIPSIS
    return result


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
"""Unicode's Cc and Cs categories exactly, and the line and paragraph separators."""
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
"""The same, new lines and tabs allowed (reasons and notes)."""


def has_control(value: str, *, allow_newlines: bool = False) -> bool:
    """True if ``value`` holds a control character no person means to type."""
    pattern = _CONTROL_BUT_LINES if allow_newlines else _CONTROL
    return pattern.search(value) is not None


BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
"""Letters and symbols that draw nothing: the Hangul fillers, the blank braille pattern,
the Khmer inherent vowels."""
_DRAW_NOTHING = ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me")
"""Controls, format characters, spaces and separators, combining marks (alone they sit on
nothing)."""


_DRAWN_ASCII = re.compile("[!-~]")
"""A printable ASCII character other than the space: it always draws itself."""


def is_blank(value: str) -> bool:
    """True if nothing in ``value`` would draw: spaces, zero-width and bidi controls,
    combining marks and blank-looking letters only."""
    if _DRAWN_ASCII.search(value):
        return False
    return all(
        char.isspace()
        or char in _INVISIBLE
        or char in BLANK_LETTERS
        or unicodedata.category(char) in _DRAW_NOTHING
        for char in value
    )


def visible_in_place(value: str) -> str:
    """``value`` with each character that would not draw itself replaced by ONE visible
    character (ESC by ␛, a newline by ↵, a bidi override by �): the same length, so a text
    field's cursor still counts characters."""
    return "".join(
        _one_symbol(char) if char != " " and _needs_symbol(char) else char for char in value
    )


def _one_symbol(char: str) -> str:
    code = ord(char)
    if char in "\n\r":
        return NEWLINE_MARK
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "␡"
    return "\ufffd"
