"""Wait for what a test asserts, never for a fixed time: these machines are often loaded.

``wait_until`` polls a condition between rounds of the app's message processing, with a
generous time-out: on a quiet machine it returns after one round, under load it keeps
polling instead of failing for nothing.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable

from textual.app import App
from textual.command import Command, CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.ui.screen import screen_text

TIMEOUT_SECONDS = 30.0
POLL_SECONDS = 0.02
STEADY_ROUNDS = 3


def _holds(condition: Callable[[], object]) -> bool:
    try:
        return bool(condition())
    except (NoMatches, LookupError, AssertionError, OSError, ValueError):
        return False  # the widget, record or file is not there yet


def _describe(condition: Callable[[], object]) -> str:
    try:
        return inspect.getsource(condition).strip()
    except (OSError, TypeError):
        return repr(condition)


async def wait_until(
    pilot: Pilot[object],
    condition: Callable[[], object],
    *,
    what: str = "",
    timeout: float = TIMEOUT_SECONDS,
) -> None:
    """Return as soon as ``condition()`` is true; fail with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        if _holds(condition):
            return
        if time.monotonic() > deadline:
            label = what or _describe(condition)
            raise AssertionError(f"still waiting after {timeout:.0f} s for: {label}")
        await pilot.pause(POLL_SECONDS)


async def wait_for_text(
    pilot: Pilot[object], needle: str, *, timeout: float = TIMEOUT_SECONDS
) -> str:
    """Wait until ``needle`` is on the screen; return the screen's text."""
    app = pilot.app
    await wait_until(pilot, lambda: needle in screen_text(app), what=repr(needle), timeout=timeout)
    return screen_text(app)


def stop_blinking(app: App[object]) -> None:
    """Cursors blink on a timer: a screenshot would catch either phase."""
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False


async def steady(pilot: Pilot[object], *, timeout: float = TIMEOUT_SECONDS) -> None:
    """Wait until workers are done and the screen stops changing (for snapshots)."""
    app = pilot.app
    stop_blinking(app)
    await app.workers.wait_for_complete()
    previous: list[str] = []

    def unchanged() -> bool:
        shot = app.export_screenshot(title=" ")
        previous.append(shot)
        recent = previous[-STEADY_ROUNDS:]
        return len(recent) == STEADY_ROUNDS and len(set(recent)) == 1

    await wait_until(pilot, unchanged, what="a steady screen", timeout=timeout)


async def saved(pilot: Pilot[object], *, timeout: float = TIMEOUT_SECONDS) -> None:
    """Wait until the app's save queue has written every change (score keys do not wait)."""
    saves = getattr(pilot.app, "saves", None)
    if saves is not None:
        await wait_until(pilot, saves.idle, what="every change saved", timeout=timeout)


def palette_offers(app: App[object], text: str) -> bool:
    """Whether the open command palette highlights a command whose title holds ``text``
    (its search field echoes ``text`` at once; the commands arrive later)."""
    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return False
    commands = screen.query_one(CommandList)
    index = commands.highlighted
    if index is None:
        return False
    option = commands.get_option_at_index(index)
    return isinstance(option, Command) and text in (option.hit.text or "")
