"""Snapshots of the Pilots tab (plain def: snap_compare runs its own loop).

The list of the two seed pilots, and the success story's page on its KPIs (progress bars
and sparklines) at 80x24 and on its phases at 120x40, in English and in French.
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


def press(*keys: str, summary: bool = False) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open the Pilots tab and press ``keys``; the start-up summary stays only if asked."""

    async def run_before(pilot: Pilot[None]) -> None:
        await steady(pilot)
        if not summary:
            pilot.app.clear_notifications()
        await pilot.press("f6")
        await wait_until(
            pilot, lambda: pilot.app.screen.query_one("TabbedContent").active == "pilots"
        )
        await pilot.press(*keys)
        await steady(pilot)

    return run_before


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_pilot_list(
    snap_compare: SnapCompare,
    make_app: AppFactory,
    sample_repo: Repository,
    lang: str,
    size: tuple[int, int],
) -> None:
    # the start-up summary is a toast that times out: a Pilot test checks it, not a picture
    app = make_app(sample_repo, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=press())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pilot_page_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository, lang: str
) -> None:
    app = make_app(sample_repo, lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=press("down", "enter", "2"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pilot_page_120x40(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository, lang: str
) -> None:
    app = make_app(sample_repo, lang=lang)
    assert snap_compare(app, terminal_size=(120, 40), run_before=press("down", "enter"))
