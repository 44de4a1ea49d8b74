"""Focus a widget before the next key is handled.

``Widget.focus`` only queues the change behind the messages already waiting: keys typed
ahead (F6 then Enter, or / then a word) would still reach the widget focused before. A
switch of tab or of field that the user's next keys depend on focuses at once instead.
"""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    try:
        screen = widget.screen
    except NoScreen:
        return  # not mounted (any more)
    screen.set_focus(widget)
