"""Where a data file stops being readable: the line and column of a bad byte."""

from __future__ import annotations


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
