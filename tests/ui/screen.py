"""Read what the terminal shows, as plain text, from Textual's SVG screenshot."""

from __future__ import annotations

import html
import re
from collections import defaultdict

from textual.app import App

_TEXT = re.compile(r'<text[^>]*\bx="([\d.]+)"[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_text(app: App[object]) -> str:
    """Every line of the current screen, top to bottom."""
    svg = app.export_screenshot(title=" ")  # the window title is not on the screen
    lines: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for x, y, content in _TEXT.findall(svg):
        lines[float(y)].append((float(x), html.unescape(content)))
    return "\n".join(
        "".join(text for _, text in sorted(parts)).replace("\xa0", " ")
        for _, parts in sorted(lines.items())
    )


def recorded(app: App[object]) -> list[str]:
    """Every notification of ``app``, kept (a toast can be gone before a loaded machine
    looks): the list fills as the app notifies."""
    seen: list[str] = []
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        real(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign, assignment]
    return seen
