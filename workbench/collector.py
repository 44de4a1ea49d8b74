"""The cyclic garbage collector at start-up: off until the first screen is painted.

Start-up builds hundreds of thousands of objects that live as long as the process: modules,
widgets, the data file's models. Each full pass of the collector walks every one of them
(20k assessments: three passes during start-up, over a second of it). Paused until the
first screen is painted, then what exists is frozen (``gc.freeze``): later passes walk only
what is created afterwards. Reference counting frees objects all along, as always.

At the end (``leave``), once the app has closed its save queue and its recovery journal,
the collector is frozen again: the interpreter's last collections then skip the data file's
models and the widgets, which only the end of the process frees (a third of a quit).
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the collector off until ``resume()`` (a no-op if it is off already)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what exists and turn the collector back on, if ``pause()`` turned it off."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def leave() -> None:
    """The process is ending: no more collections over what exists (call it only once the
    app's saves and recovery journal are written and closed: nothing runs after it)."""
    gc.disable()
    gc.freeze()
