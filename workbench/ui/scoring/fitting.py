"""The Scoring tab's panels lay the screen out again only when their height changes.

A layout re-renders every widget of the screen and sends the whole screen to the terminal,
then Textual paints the changed widgets once more in the next frame; a score key changes a
few lines of the panels and rarely their height: repainting them is one small frame.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual.widget import Widget
from textual.widgets import Static


def shown(widget: Widget) -> bool:
    """Whether ``widget`` and its containers are displayed (a hidden panel is measured by
    the layout that shows it)."""
    return all(
        node.styles.display != "none"
        for node in widget.ancestors_with_self
        if isinstance(node, Widget)
    )


def fit(widget: Widget) -> None:
    """``widget``'s content changed and it is repainted: lay the screen out again too when
    its height changes (measured as the layout does, for a ``height: auto`` widget)."""
    if not widget.is_mounted or not shown(widget):
        return
    size = widget.content_size
    if not size.width:  # not laid out yet
        widget.refresh(layout=True)
        return
    if widget.get_content_height(size, widget.app.size, size.width) != size.height:
        widget.refresh(layout=True)


def update_fitted(static: Static, content: RenderableType) -> None:
    """``static.update(content)``, with a layout only when its height changes."""
    static.update(content, layout=False)
    fit(static)
