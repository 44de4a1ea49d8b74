"""The one way user text reaches the screen: ``safe_text``.

Text from the data file or typed by people (names, reasons, notes, ids) is never markup and
never raw: ``safe_text`` returns a ``rich.text.Text`` built from ``core.text.visible``, so
escape sequences show as symbols and a newline cannot push a record onto another row.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from workbench.core.rules import MAX_NAME_LENGTH, MAX_TEXT_LENGTH
from workbench.core.text import visible

# Beyond this many characters a one-line place shows an ellipsis: a 10k-character name
# would only cost time to measure, and no cell is that wide.
ONE_LINE_LIMIT = 300
# Options of pickers and dropdowns: one line each, whatever the name's length.
OPTION_LIMIT = 70
# Detail panels, where there is room to read: every valid value whole (the model's limits
# are MAX_NAME_LENGTH and MAX_TEXT_LENGTH), a longer hand-made one cut with an ellipsis.
FIELD_LIMIT = 2 * MAX_NAME_LENGTH
WHOLE_LIMIT = 2 * MAX_TEXT_LENGTH


def safe_text(
    value: object,
    style: str | Style = "",
    *,
    one_line: bool = True,
    limit: int | None = None,
    wrap: bool = False,
) -> Text:
    """``value`` as inert, plain ``Text``.

    ``one_line``: newlines show as ``↵`` and the text never wraps (an ellipsis ends it),
    unless ``wrap`` lets a long one-line value fold over several lines of a detail panel.
    ``one_line=False`` keeps the newlines of a multi-line text (reasons, notes).
    """
    if one_line:
        limit = ONE_LINE_LIMIT if limit is None else limit
        shown = visible(value, one_line=True, limit=limit)
        if wrap:  # a paragraph of a detail panel: ends its line like any Text
            return Text(shown, style=style)
        return Text(shown, style=style, no_wrap=True, overflow="ellipsis", end="")
    return Text(visible(value, one_line=False, limit=limit), style=style, end="")


def safe_str(value: object, *, one_line: bool = True, limit: int | None = None) -> str:
    """The same, as a plain ``str``, for places that take strings (titles, options)."""
    if one_line and limit is None:
        limit = ONE_LINE_LIMIT
    if isinstance(value, str) and value.isprintable() and (limit is None or len(value) <= limit):
        return value  # what ``visible`` returns for it, without looking at each character
    return visible(value, one_line=one_line, limit=limit)


def option_text(value: object, style: str | Style = "") -> Text:
    """A choice in a picker or a dropdown: one short line."""
    return safe_text(value, style, limit=OPTION_LIMIT)


def fit_cell(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells so that what tells two names apart stays: a trailing code
    in brackets or a trailing word with a digit keeps its place after the ellipsis
    ("AWS Certified Mac… (MLA-C01)", "Engineering…0147"); any other text ends with ``…``."""
    fitted = text.copy()
    fitted.no_wrap = True
    fitted.end = ""
    plain = fitted.plain
    if fitted.cell_len <= width:
        return fitted
    tail = _distinguishing_tail(plain)
    if tail and len(plain) == fitted.cell_len and len(tail) <= width // 2:
        head = fitted[: len(plain) - len(tail)]
        spaced = tail.startswith("(")
        head.truncate(width - len(tail) - (2 if spaced else 1), overflow="crop")
        head.rstrip()
        head.append("…")
        joined = Text.assemble(head, " " if spaced else "", fitted[len(plain) - len(tail) :])
        joined.no_wrap = True
        joined.end = ""
        return joined
    fitted.truncate(width, overflow="ellipsis")
    return fitted


def _distinguishing_tail(plain: str) -> str:
    if plain.endswith(")"):
        start = plain.rfind("(")
        return plain[start:] if start > 0 else ""
    last = plain.rsplit(" ", 1)
    if len(last) == 2 and any(character.isdigit() for character in last[1]):
        return last[1]
    return ""
