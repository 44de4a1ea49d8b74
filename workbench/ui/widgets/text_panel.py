"""A fixed-size panel of Rich text that repaints without a new layout.

``Static.update`` asks for a layout of the whole screen (its size may change); a panel whose
size the CSS fixes (``height: 1fr``) only needs a repaint, which is what a cursor move wants.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual.app import RenderResult
from textual.widget import Widget


class TextPanel(Widget):
    DEFAULT_CSS = """
    TextPanel { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content: RenderableType = ""

    def show(self, content: RenderableType) -> None:
        self.content = content
        self.refresh()

    def render(self) -> RenderResult:
        return self.content
