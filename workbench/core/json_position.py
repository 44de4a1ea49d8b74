"""Where a data file stops being readable: the line and column of a bad byte."""

from __future__ import annotations


def utf8_problem(content: bytes) -> tuple[int, int, str] | None:
    """(line, column, message) of the first byte that is not UTF-8, or None.

    Lines and columns count from 1; the column counts characters, as an editor does.
    """
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        start = content.rfind(b"\n", 0, error.start) + 1
        line = content.count(b"\n", 0, error.start) + 1
        column = len(content[start : error.start].decode("utf-8", errors="replace")) + 1
        bad = content[error.start : error.end].hex(" ")
        return line, column, f"not valid UTF-8 (byte {bad})"
    return None
