"""Snapshots of the Compare tab on the sample data (plain def: snap_compare runs its own loop).

Teams side by side at 80x24 and 120x40 in English and French; the bars, one team across
programmes and the portfolio at 80x24 in English.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import AppFactory
from tests.ui.waiting import steady, wait_until
from workbench.storage.repository import Repository

SnapCompare = Any


def press(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await pilot.press("f5")
        await wait_until(
            pilot, lambda: pilot.app.screen.query_one("TabbedContent").active == "compare"
        )
        await pilot.press(*keys)
        await steady(pilot)

    return run_before


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_side_by_side(
    snap_compare: SnapCompare,
    make_app: AppFactory,
    sample_repo: Repository,
    lang: str,
    size: tuple[int, int],
) -> None:
    app = make_app(sample_repo, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=press())


@pytest.mark.parametrize("key", ["b", "2", "4"], ids=["bars", "team", "portfolio"])
def test_other_views_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository, key: str
) -> None:
    app = make_app(sample_repo)
    assert snap_compare(app, terminal_size=(80, 24), run_before=press(key))
