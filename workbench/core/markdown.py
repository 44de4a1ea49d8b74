"""User text made inert inside a Markdown document.

A name or a reason written by someone else must not open a link, start a heading, close a
table cell or end a paragraph: every Markdown punctuation character is escaped with a
backslash (CommonMark renders it as itself; characters that matter only at the start of
a line are left alone: a value never starts a line), newlines become ``↵`` and control characters
their visible symbols (``workbench.core.text.visible``), so each value stays on its line.
"""

from __future__ import annotations

from workbench.core.text import visible

_SPECIAL = set("\\`*_[]<>#!|~&")


def inline(value: object) -> str:
    """``value`` as literal Markdown text on one line, safe in a paragraph or a table cell."""
    text = visible(value, one_line=True)
    return "".join(f"\\{char}" if char in _SPECIAL else char for char in text)
