"""The one way user text reaches the screen: ``safe_text``.

Text from the data file or typed by people (names, reasons, notes, ids) is never markup and
never raw: ``safe_text`` returns a ``rich.text.Text`` built from ``core.text.visible``, so
escape sequences show as symbols and a newline cannot push a record onto another row.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from workbench.core.text import visible

# Beyond this many characters a one-line place shows an ellipsis: a 10k-character name
# would only cost time to measure, and no cell is that wide.
ONE_LINE_LIMIT = 300


def safe_text(
    value: object,
    style: str | Style = "",
    *,
    one_line: bool = True,
    limit: int | None = None,
) -> Text:
    """``value`` as inert, plain ``Text`` (one line unless ``one_line`` is False)."""
    if one_line:
        limit = ONE_LINE_LIMIT if limit is None else limit
        return Text(visible(value, one_line=True, limit=limit), style=style, no_wrap=True, end="")
    return Text(visible(value, one_line=False, limit=limit), style=style, end="")


def safe_str(value: object, *, one_line: bool = True, limit: int | None = None) -> str:
    """The same, as a plain ``str``, for places that take strings (titles, options)."""
    if one_line and limit is None:
        limit = ONE_LINE_LIMIT
    return visible(value, one_line=one_line, limit=limit)
