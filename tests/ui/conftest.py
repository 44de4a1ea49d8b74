"""Settings for the tests that run the app."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

COLLECT_AFTER = 20_000
"""New objects between two passes of the cyclic garbage collector (Python's default: 700)."""


@pytest.fixture(autouse=True)
def fewer_collector_passes() -> Iterator[None]:
    """A running app allocates fast: with the default threshold the collector ran thousands
    of times per test file, a fifth of the processor time. Garbage is still collected, in
    fewer passes; the app's own pauses and freezes (``workbench.collector``) are untouched."""
    thresholds = gc.get_threshold()
    gc.set_threshold(COLLECT_AFTER, 20, 20)
    yield
    gc.set_threshold(*thresholds)
