"""The pilot page and the list say what a pilot was started against (issue 18, item 6)."""

from __future__ import annotations

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.test_pilots import open_tab, pane
from tests.ui.waiting import wait_for_text, wait_until
from workbench.storage.repository import Repository


async def test_the_page_and_the_list_say_it_in_english(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        lines = screen_text(app).splitlines()
        managers = next(line for line in lines if "Industrial mana" in line)
        ecommerce = next(line for line in lines if "E-commerce cont" in line)
        assert "⚑" in managers
        assert "⚑" not in ecommerce  # started on a PILOT verdict: nothing to say
        await pilot.press("enter")
        await wait_until(pilot, lambda: pane(app).mode == "page")
        await wait_for_text(pilot, "⚑ Started although the verdict was ALTERNATIVES: The plant")


async def test_the_page_says_it_in_french(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("enter")
        await wait_for_text(pilot, "⚑ Lancé alors que le verdict était ALTERNATIVES : The plant")
