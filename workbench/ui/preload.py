"""Modules the first screen does without, imported once it is painted.

The start imports only what the first screen needs; what a first save, the help, the
reports or a conflict needs is imported here, one module per step on the UI's loop, from
the warm-up (``workbench.ui.warm_up``): the first key that needs one does not wait for it,
and a key typed meanwhile waits at most one module (filelock, the largest: about 15 ms).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

LATER: tuple[str, ...] = (
    "filelock",  # the first save takes the file's lock
    "textual.widgets._text_area",  # the forms' fields (``Dialog.field_values``)
    "textual.widgets._checkbox",
    "textual.widgets._switch",
    "workbench.ui.dialogs.conflict_dialog",
    "workbench.ui.help_screen",
    "workbench.ui.reports",
)
"""Imported lazily by the start (``import`` inside the function that needs it)."""
PAUSE = 0.005
"""Seconds between two imports, for keys and drawing."""


def import_later(app: App[Any], then: Callable[[], object], names: tuple[str, ...] = LATER) -> None:
    """Import ``names`` one per step of ``app``'s loop, then call ``then``."""
    todo = iter(names)
    app.call_later(_step, app, todo, then)


def _step(app: App[Any], todo: Iterator[str], then: Callable[[], object]) -> None:
    if not app.is_running:
        return
    name = next(todo, None)
    if name is None:
        then()
        return
    importlib.import_module(name)
    app.set_timer(PAUSE, lambda: _step(app, todo, then))
