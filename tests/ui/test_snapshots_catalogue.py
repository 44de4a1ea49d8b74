"""Snapshots of the Catalogue tab (plain def: snap_compare runs its own event loop).

The app runs on the sample data with a fixed date, so the screens are stable.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import AppFactory
from workbench.storage.repository import Repository

SnapCompare = Any


async def settle(pilot: Pilot[None]) -> None:
    """Let the table fit its columns to the terminal before the picture is taken."""
    await pilot.pause()
    await pilot.pause()


async def filtered(pilot: Pilot[None]) -> None:
    await pilot.press("slash", *"google", "enter")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_catalogue_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository, lang: str
) -> None:
    app = make_app(sample_repo, lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_catalogue_120x40(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository
) -> None:
    app = make_app(sample_repo)
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle)


def test_catalogue_search_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository
) -> None:
    app = make_app(sample_repo)
    assert snap_compare(app, terminal_size=(80, 24), run_before=filtered)


def test_programme_form_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository
) -> None:
    async def open_form(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)

    app = make_app(sample_repo)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_form)
