"""Type text into the focused field as one burst of keys, as a terminal delivers fast typing.

``pilot.press`` waits for the app to go idle after every key (two idle checks of at least
20 ms each), and the field lays itself out again after each one: typing a sentence that way
costs seconds. Here every character goes to the app as the same key event a terminal sends,
in order, and the test waits once: the field handles the queued keys one by one as it would
a quick typist's.
"""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from tests.ui.waiting import wait_until


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Send each character of ``text`` to the focused field; return once they are handled."""
    app = pilot.app
    # a focus asked for just before (``widget.focus()``) lands on the app's next round
    await wait_until(pilot, lambda: app.focused is not None, what="a field with the focus")
    focused = app.focused
    for character in text:
        key = events.Key(_character_to_key(character), character)
        key.set_sender(app)
        app.post_message(key)
    await pilot.pause()  # the app has passed every key on to the focused field
    await pilot.pause()  # and the field has handled them
    assert app.focused is focused, f"typing {text!r} moved the focus away from {focused!r}"
