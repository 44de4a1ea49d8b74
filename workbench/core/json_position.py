"""Where a JSON text stops being readable: the line and column of a bad byte, of a key
repeated in one object."""

from __future__ import annotations

import json
import re
from typing import Any


def bad_utf8(content: bytes) -> tuple[int, int, str] | None:
    """(line, column, the bad bytes in hex) of the first byte that is not UTF-8, or None.

    Lines and columns count from 1; the column counts characters, as an editor does.
    """
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        start = content.rfind(b"\n", 0, error.start) + 1
        line = content.count(b"\n", 0, error.start) + 1
        column = len(content[start : error.start].decode("utf-8", errors="replace")) + 1
        return line, column, content[error.start : error.end].hex(" ")
    return None


class DuplicateKeyError(ValueError):
    """An object of the JSON text names one key twice (the parsers keep the last silently)."""

    def __init__(self, key: str, line: int | None, column: int | None) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.line = line
        self.column = column


def loads_without_duplicates(text: str) -> Any:
    """``json.loads`` that raises ``DuplicateKeyError`` (with the line and column of the
    second occurrence) instead of keeping the last of two equal keys."""
    try:
        return json.loads(text, object_pairs_hook=_unique)
    except _Duplicate as duplicate:
        where = _find_duplicate(text)
        if where is None:  # too deep to walk again: the key alone
            raise DuplicateKeyError(duplicate.key, None, None) from None
        line, column, key = where
        raise DuplicateKeyError(key, line, column) from None


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return result


_SPACE = re.compile(r"[ \t\n\r]*")


def _find_duplicate(text: str) -> tuple[int, int, str] | None:
    """(line, column, key) of the first key repeated in its object; only called on a text
    ``json`` has read, so the walk needs no error handling of its own."""
    decoder = json.JSONDecoder()

    def skip(pos: int) -> int:
        match = _SPACE.match(text, pos)
        return match.end() if match else pos

    def value(pos: int) -> int:
        pos = skip(pos)
        if text[pos] == "{":
            return members(pos + 1)
        if text[pos] == "[":
            return items(pos + 1)
        return int(decoder.raw_decode(text, pos)[1])

    def members(pos: int) -> int:
        seen: set[str] = set()
        pos = skip(pos)
        if text[pos] == "}":
            return pos + 1
        while True:
            pos = skip(pos)
            key, end = decoder.raw_decode(text, pos)
            if key in seen:
                raise _Found(pos, key)
            seen.add(key)
            pos = skip(value(skip(end) + 1))
            if text[pos] == "}":
                return pos + 1
            pos += 1  # the comma

    def items(pos: int) -> int:
        pos = skip(pos)
        if text[pos] == "]":
            return pos + 1
        while True:
            pos = skip(value(pos))
            if text[pos] == "]":
                return pos + 1
            pos += 1

    try:
        value(0)
    except _Found as found:
        line = text.count("\n", 0, found.pos) + 1
        column = found.pos - (text.rfind("\n", 0, found.pos) + 1) + 1
        return line, column, found.key
    except RecursionError:
        return None
    return None


class _Found(Exception):
    def __init__(self, pos: int, key: str) -> None:
        self.pos = pos
        self.key = key
