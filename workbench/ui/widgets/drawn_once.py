"""A Rich renderable drawn once per width, however often it is asked for.

Textual draws a ``Static``'s Rich content twice after each ``update``: once to measure its
height for the layout, once to paint it. A detail panel of wrapped fields in a ``Table``
changes on every cursor move, so the second drawing is a third of what a key costs.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment


class DrawnOnce:
    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._drawn: tuple[int, list[Segment]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self._drawn is None or self._drawn[0] != options.max_width:
            self._drawn = (options.max_width, list(console.render(self.renderable, options)))
        yield from self._drawn[1]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
