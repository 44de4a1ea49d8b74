"""A Rich renderable drawn once per width, however often it is asked for.

Textual draws a ``Static``'s Rich content twice after each ``update``: once to measure its
height for the layout, once to paint it. A detail panel of wrapped fields in a ``Table``
changes on every cursor move, so the second drawing is a third of what a key costs.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from textual.widgets import Static


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


def show_drawn(body: Static, renderable: RenderableType) -> None:
    """Show ``renderable`` in ``body``, laying the screen out again only if its height changes.

    A layout of the whole screen is most of what a cursor move costs in a detail panel; the
    lines drawn here to measure are the ones painted next (``DrawnOnce``).
    """
    drawn = DrawnOnce(renderable)
    width = body.content_size.width
    if not width or not body.is_mounted:
        body.update(drawn)
        return
    app = body.app
    options = app.console_options.update_width(width).update(highlight=False)
    height = sum(text.count("\n") for text, _, _ in app.console.render(drawn, options))
    body.update(drawn, layout=height != body.content_size.height)
