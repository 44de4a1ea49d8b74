"""Keys typed ahead of a focus change reach the widget they were typed for.

Textual hands each key to the widget focused when the key arrives, and a key that moves the
focus (``/`` to the search field, F3 to another tab) is acted on only once it has travelled
up from that widget to the app. Keys typed in the same burst (``/hr``, or F3 then Enter
over SSH) are by then on their way to the widget focused before, and are lost.

Two remedies, both at the app, where every unhandled key ends up:

- a printable key that reaches the app while a text field has the focus never went through
  that field (a field keeps every printable key it receives): it is sent to the field;
- while a tab is being built for the first time nothing has the focus: keys are held and
  sent again, in order, once the tab's widget has it;
- a key bound by a text field itself (ctrl+u, ctrl+w, Home, the arrows...) is run by the
  field, in the order of its keys (``run_own_binding``): left to Textual, the binding would
  run only once the key came back up to the app, after the characters typed behind it had
  reached the field ("ctrl+u EUR" would type EUR, then clear it).
"""

from __future__ import annotations

from collections import deque
from typing import Any
from weakref import WeakSet

from textual import events
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input


class TypeAhead:
    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._holds = 0
        self._held: deque[events.Key] = deque()
        self._sent: WeakSet[events.Key] = WeakSet()
        """The held keys, sent again: never held a second time."""

    def hold(self) -> None:
        """Hold the keys that arrive from now until ``release``."""
        self._holds += 1

    def release(self) -> None:
        """Send the held keys again, in the order they were typed."""
        self._holds = max(self._holds - 1, 0)
        if not self._holds:
            self._send_next()

    def takes(self, event: events.Event) -> bool:
        """Whether ``event`` is taken here (held or redirected) instead of handled now."""
        if not isinstance(event, events.Key):
            return False
        if (self._holds or self._held) and event not in self._sent:
            self._held.append(event)
            return True
        focused = self._app.focused
        if event.is_forwarded and event.is_printable and isinstance(focused, Input):
            # a field keeps every printable key it receives: this one went elsewhere
            focused.post_message(events.Key(event.key, event.character))
            return True
        return False

    def after(self, event: events.Event) -> None:
        """Called once the app passed on a key it received: the next held key follows."""
        if isinstance(event, events.Key) and event in self._sent:
            self._send_next()

    def _send_next(self) -> None:
        if self._held and not self._holds:
            self._app.post_message(self._again(self._held.popleft()))

    def _again(self, event: events.Key) -> events.Key:
        key = events.Key(event.key, event.character)
        self._sent.add(key)
        return key


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s own binding of ``event`` now (from its ``_on_key``); False if none.

    Priority bindings never reach here (the app runs them first), and the focused widget's
    bindings are the first Textual would try: the same binding runs, only in order."""
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False
