"""SIGHUP (the terminal closed: a dropped SSH link) and SIGTERM write the save queue before
the app exits, for a few seconds at most; what is still not written then stays in the
recovery journal for the next start.

Textual leaves both signals to their default, which kills the process at once. The handler
runs on the main thread between two Python steps, whatever the app is doing: it never
touches the terminal (after SIGHUP, writing to it fails or blocks), waits for the save
thread, and exits. After SIGTERM the terminal may still be there: the app exits as usual
(it leaves the alternate screen), with a watchdog in case that blocks.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp

SAVE_SECONDS = 3.0
"""How long the save queue may take to write what is queued (another writer may hold the
lock): past it, the journal keeps the rest."""
JOURNAL_SECONDS = 1.0
EXIT_SECONDS = 2.0
"""After SIGTERM, how long the app's own exit may take before the process ends anyway."""
SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def write_and_exit(app: WorkbenchApp, signum: int) -> None:
    app.saves.close(SAVE_SECONDS)
    journal = app.journal
    if journal is not None:
        journal.flush(JOURNAL_SECONDS)
        if app.saves.unsaved == 0:
            journal.close(JOURNAL_SECONDS)
    code = 128 + signum
    if signum == signal.SIGHUP:
        os._exit(code)
    watchdog = threading.Timer(EXIT_SECONDS, os._exit, (code,))
    watchdog.daemon = True
    watchdog.start()
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        os._exit(code)
    loop.call_soon_threadsafe(lambda: app.exit(return_code=code))


@contextlib.contextmanager
def saved_on_signals(app: WorkbenchApp) -> Iterator[None]:
    """While the app runs: SIGHUP and SIGTERM write its saves, then end it."""
    stopping = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            return
        stopping.set()
        write_and_exit(app, signum)

    previous = {number: signal.signal(number, handler) for number in SIGNALS}
    try:
        yield
    finally:
        for number, action in previous.items():
            signal.signal(number, action)
