"""Pilots tab: l sets the months of subscription the pilot counts (issue 18, item 1):
validated beside the field, saved on the pilot, shown in its money section, undone."""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import AppFactory
from tests.ui.test_pilot_edits import ECOMMERCE, open_page, pane
from tests.ui.test_scoring_months import refused_then_saved
from tests.ui.waiting import wait_for_text, wait_until
from workbench.storage.repository import Repository
from workbench.ui.dialogs.months_dialog import MonthsDialog


def months_of(repo: Repository) -> int | None:
    return Repository(repo.path).pilot(ECOMMERCE).months


async def test_l_sets_the_pilot_s_months_and_undo_puts_them_back(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_page(pilot, app, ECOMMERCE, "money")
        await wait_for_text(pilot, "the programme’s typical number (l sets the pilot’s)")
        await refused_then_saved(pilot, app, "l", "0", "4", sample_repo.path)
        await wait_until(pilot, lambda: months_of(sample_repo) == 4)
        await wait_for_text(pilot, "4 (l changes them)")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: months_of(sample_repo) is None)
        assert pane(app).mode == "page"


async def test_the_pilot_s_months_in_french(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_page(pilot, app, ECOMMERCE, "money")
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, MonthsDialog))
        await wait_for_text(pilot, "Mois d’abonnement du pilote : Prompting for product")
        app.screen.query_one("#months", Input).value = "6"
        await pilot.press("enter")
        await wait_until(pilot, lambda: months_of(sample_repo) == 6)
        await wait_for_text(pilot, "6 (l pour changer)")


async def test_the_dialog_says_the_programme_s_typical_months(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_page(pilot, app, ECOMMERCE, "money")
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, MonthsDialog))
        await wait_for_text(pilot, "Empty: the programme's typical 3")
