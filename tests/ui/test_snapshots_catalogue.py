"""Snapshots of the Catalogue tab (plain def: snap_compare runs its own event loop).

The app runs on the sample data with a fixed date, so the screens are stable.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.waiting import steady, wait_until
from workbench.storage.repository import Repository
from workbench.ui.catalogue.pane import CataloguePane
from workbench.ui.catalogue.programme_form import ProgrammeForm
from workbench.ui.main_screen import MainScreen

SnapCompare = Any


def catalogue(pilot: Pilot[None]) -> CataloguePane:
    main = pilot.app.screen_stack[0]
    assert isinstance(main, MainScreen)
    pane = main.pane("catalogue")
    assert isinstance(pane, CataloguePane)
    return pane


async def filtered(pilot: Pilot[None]) -> None:
    await steady(pilot)
    await pilot.press("slash")
    await type_text(pilot, "google")
    await pilot.press("enter")
    await wait_until(pilot, lambda: catalogue(pilot).view.search == "google")
    await steady(pilot)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_catalogue_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository, lang: str
) -> None:
    app = make_app(sample_repo, lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)


def test_catalogue_120x40(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository
) -> None:
    app = make_app(sample_repo)
    assert snap_compare(app, terminal_size=(120, 40), run_before=steady)


def test_catalogue_search_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository
) -> None:
    app = make_app(sample_repo)
    assert snap_compare(app, terminal_size=(80, 24), run_before=filtered)


def test_programme_form_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository
) -> None:
    async def open_form(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProgrammeForm))
        await steady(pilot)

    app = make_app(sample_repo)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_form)
