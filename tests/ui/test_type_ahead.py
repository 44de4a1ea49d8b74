"""Keys typed in one burst (a fast typist, a paste of keys, SSH delivering them together)
reach the widget they were typed for, even when an earlier key of the burst moves the focus."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.conftest import AppFactory
from tests.ui.waiting import wait_for_text, wait_until
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.pilots.page import PilotPage
from workbench.ui.widgets.virtual_table import VirtualTable

CHARACTERS = {"slash": "/", "space": " "}


def burst(app: WorkbenchApp, *keys: str) -> None:
    """Every key in the app's queue before the first is handled, as a terminal delivers them."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


def focused_value(app: WorkbenchApp) -> str | None:
    focused = app.focused
    return focused.value if isinstance(focused, Input) else None


async def test_slash_then_a_word_filters_a_tab_already_built(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await wait_for_text(pilot, "AI Foundations")
        burst(app, "slash", "g", "o", "o")
        await wait_until(pilot, lambda: focused_value(app) == "goo")
        assert app.focused is not None
        assert app.focused.id == "catalogue-search"
        table = app.screen.query_one("#catalogue-table", VirtualTable)
        await wait_until(pilot, lambda: 0 < len(table.rows) < len(sample_repo.programmes()))
        assert all(
            "goo" in (programme.name + (programme.provider or "")).casefold()
            for programme in sample_repo.programmes()
            if programme.id in {row.key for row in table.rows}
        )


async def test_a_tab_key_then_slash_and_a_word_while_the_tab_is_built(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await wait_for_text(pilot, "AI Foundations")
        burst(app, "f3", "slash", "h", "r")
        await wait_until(pilot, lambda: focused_value(app) == "hr")
        assert app.state.tab == "teams"
        assert app.focused is not None
        assert app.focused.id == "teams-filter"


async def test_a_tab_key_then_enter_opens_the_highlighted_record(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, "AI Foundations")
        burst(app, "f6", "enter")
        await wait_until(pilot, lambda: app.screen.query_one(PilotPage).display)
        assert app.state.tab == "pilots"


async def test_keys_other_than_characters_are_not_sent_to_the_field(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await wait_for_text(pilot, "AI Foundations")
        burst(app, "slash", "a", "w", "s", "down", "escape")
        await wait_until(
            pilot,
            lambda: app.focused is not None and app.focused.id == "catalogue-table",
        )
        assert app.state.tab == "catalogue"
