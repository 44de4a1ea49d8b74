"""Snapshots of the Teams tab (plain def: snap_compare runs its own loop).

At 80x24 the cursor is on the industrial managers (the "clarify the objective first" flag
and what is missing); at 120x40 on the e-commerce team (measurable, its verdicts).
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
        await pilot.press("f3")
        await wait_until(
            pilot, lambda: pilot.app.screen.query_one("TabbedContent").active == "teams"
        )
        await pilot.press(*keys)
        await steady(pilot)

    return run_before


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_teams_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository, lang: str
) -> None:
    app = make_app(sample_repo, lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=press("down", "down", "down"))


def test_teams_120x40(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository
) -> None:
    app = make_app(sample_repo)
    assert snap_compare(app, terminal_size=(120, 40), run_before=press("down"))
