"""Waiting for a real process (a terminal, a server) to show what a test asserts.

The synchronous twin of ``tests.ui.waiting.wait_until``: poll ``condition`` often, return
its first true value, and fail with ``failure()`` after a generous time-out, so a loaded
machine makes a test slower, never red.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
POLL_SECONDS = 0.02


def poll_until(condition: Callable[[], T], *, timeout: float, failure: Callable[[], str]) -> T:
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(failure())
        time.sleep(POLL_SECONDS)
