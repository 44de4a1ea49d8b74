"""Focus you can see: a focused list looks focused in every theme, an open list is boxed,
and a chosen filter value sends the focus on to the rows."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from tests.conftest import AppFactory
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.catalogue.pane import CataloguePane


@pytest.mark.parametrize(
    "theme", ["workbench-dark", "workbench-light", "workbench-high-contrast", "workbench-ansi"]
)
async def test_a_focused_list_looks_focused_and_its_open_list_is_boxed(
    sample_repo: Repository, make_app: AppFactory, theme: str
) -> None:
    app = make_app(sample_repo, theme=theme)
    async with app.run_test() as pilot:
        pane = app.screen.query_one(CataloguePane)
        level = pane.query_one("#filter-level", Select)
        current = level.query_one("SelectCurrent")
        unfocused = current.rich_style
        level.focus()
        await wait_until(pilot, lambda: level.has_focus)
        await wait_until(pilot, lambda: current.rich_style != unfocused)
        assert current.rich_style.reverse
        await pilot.press("enter")
        overlay = level.query_one("SelectOverlay")
        await wait_until(pilot, lambda: overlay.display)
        assert overlay.styles.border_top[0] == "round"


async def test_choosing_a_filter_value_moves_the_focus_to_the_table(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        pane = app.screen.query_one(CataloguePane)
        level = pane.query_one("#filter-level", Select)
        level.focus()
        await wait_until(pilot, lambda: level.has_focus)
        await pilot.press("enter", "down", "down", "enter")
        await wait_until(pilot, lambda: pane.view.level is not None)
        await wait_until(pilot, lambda: app.focused is pane.table)
