"""The key footer keeps its key widgets while its keys stay the same: a picker opening and
closing over the Scoring tab (whose 1-5 keys are a group) rebuilds nothing."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tests.conftest import AppFactory
from tests.ui.waiting import steady, wait_until
from workbench.storage.repository import Repository
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.main_screen import MainScreen
from workbench.ui.widgets.key_footer import KeyFooter


async def test_a_picker_over_scoring_leaves_the_footer_keys_alone(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        await pilot.press("f4")
        await wait_until(pilot, lambda: main.active_tab == "scoring")
        await steady(pilot)
        footer = main.query_one(KeyFooter)
        keys = list(footer.query(FooterKey))
        assert any(key.has_class("-grouped") for key in keys)
        for _ in range(2):
            await pilot.press("t")
            await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
            await steady(pilot)
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is main)
            await steady(pilot)
            assert list(footer.query(FooterKey)) == keys
        await pilot.press("f3")
        await wait_until(pilot, lambda: main.active_tab == "teams")
        await wait_until(
            pilot, lambda: not any(k.has_class("-grouped") for k in footer.query(FooterKey))
        )
