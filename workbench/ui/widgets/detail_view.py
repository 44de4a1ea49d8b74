"""A detail panel: the fields of the highlighted row, drawn once per width, scrolled by line.

A ``VerticalScroll`` holding a ``Static`` lays the whole screen out twice when what it shows
changes height (once for the ``Static``, once for the scroll's virtual size), each in a frame
of its own. This panel keeps its drawn lines and sets its own virtual size: one layout, and
only when the height changes.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class DetailView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    DetailView {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    def __init__(
        self, renderable: RenderableType = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._renderable = renderable
        self._lines: list[list[Segment]] = []
        self._width = 0

    @property
    def renderable(self) -> RenderableType:
        return self._renderable

    def update(self, renderable: RenderableType) -> None:
        """Show ``renderable`` from its first line."""
        self._renderable = renderable
        self._width = 0
        self._draw()
        if self.scroll_y:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _draw(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._width or width <= 0 or not self.is_mounted:
            return
        console = self.app.console
        options = self.app.console_options.update_width(width).update(highlight=False)
        self._lines = console.render_lines(self._renderable, options, pad=False)
        self._width = width
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def render_line(self, y: int) -> Strip:
        self._draw()
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if 0 <= index < len(self._lines):
            return Strip(Segment.apply_style(self._lines[index], base)).crop_extend(0, width, base)
        return Strip.blank(width, base)
