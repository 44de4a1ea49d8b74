"""Every tab one keystroke away without function keys; a click on the gauge scores."""

from __future__ import annotations

import pytest
from textual.geometry import Offset
from textual.widgets import Static

from tests.conftest import AppFactory
from tests.ui.test_scoring import NEW_PAIR, open_on, stored
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.help_screen import HelpScreen, binding_groups
from workbench.ui.main_screen import OPTION_DIGITS, MainScreen
from workbench.ui.scoring.score_grid import ROW_META, SCORE_META, ScoreGrid

TABS = ("catalogue", "teams", "scoring", "compare", "pilots")


@pytest.mark.parametrize("sent_as", ["alt", "terminal"])
async def test_alt_digits_switch_tabs_even_from_a_search_field(
    sample_repo: Repository, make_app: AppFactory, sent_as: str
) -> None:
    """alt+1 comes as ``alt+1`` (kitty protocol) or, from xterm and tmux, as ``¡``."""
    keys = {
        "alt": [f"alt+{n}" for n in range(1, 6)],
        "terminal": list(OPTION_DIGITS),
    }[sent_as]
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        for tab, key in [*zip(TABS[1:], keys[1:], strict=True), (TABS[0], keys[0])]:
            await pilot.press(key)
            await wait_until(pilot, lambda tab=tab: main.active_tab == tab, what=tab)
        await pilot.press("slash")  # into the search field: the keys still switch tabs
        await wait_until(
            pilot, lambda: app.focused is not None and app.focused.id == "catalogue-search"
        )
        await pilot.press(keys[1])
        await wait_until(pilot, lambda: main.active_tab == "teams")
        assert main.query_one("#catalogue-search").value == ""  # type: ignore[attr-defined]


async def test_ctrl_page_keys_cycle_through_the_tabs(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        for tab in (*TABS[1:], TABS[0]):
            await pilot.press("ctrl+pagedown")
            await wait_until(pilot, lambda tab=tab: main.active_tab == tab, what=tab)
        await pilot.press("ctrl+pageup")
        await wait_until(pilot, lambda: main.active_tab == "pilots")


async def test_the_footer_and_the_help_show_the_keys(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        footer = {b.id for _, b, _, _ in app.screen.active_bindings.values() if b.show}
        assert "tab-next" in footer
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        data_file = app.screen.query_one("#help-data-file", Static)
        assert str(sample_repo.path) in str(data_file.render())

        groups = binding_groups(app.screen_stack[0].active_bindings, app.i18n)
        rows = {description: keys for _, bindings in groups for keys, description in bindings}
        assert rows["Catalogue"] == ["f2", "alt+1"]
        assert rows["Pilots"] == ["f6", "alt+5"]
        assert rows["Next tab"] == ["ctrl+pagedown"]


def gauge_square(app: object, grid: ScoreGrid, row: int, step: int) -> Offset:
    """Where on the screen the ``step``-th square of ``row``'s gauge is drawn."""
    region = grid.region
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            meta = grid.screen.get_style_at(x, y).meta
            if meta.get(ROW_META) == row and meta.get(SCORE_META) == step:
                return Offset(x - region.x, y - region.y)
    raise AssertionError(f"no square {step} on row {row}")


async def test_clicking_a_gauge_square_sets_that_score(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test() as pilot:
        grid = app.screen.query_one(ScoreGrid)
        await wait_until(pilot, lambda: grid.report is not None)
        await pilot.click(ScoreGrid, offset=gauge_square(app, grid, 2, 3))
        await wait_until(
            pilot,
            lambda: stored(sample_repo, *NEW_PAIR).rating("claire", "team_leverage").score == 3,
        )
        await wait_until(pilot, lambda: grid.cursor == 3)  # as after the key 3: the next row
        await pilot.click(ScoreGrid, offset=gauge_square(app, grid, 0, 5))
        await wait_until(
            pilot,
            lambda: stored(sample_repo, *NEW_PAIR).rating("claire", "business_impact").score == 5,
        )
