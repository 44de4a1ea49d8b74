"""Keys typed ahead in a dialog land in order, in the field they were typed for: Tab moves
the focus at once, and the keys after it (ctrl+u, then characters) reach the next field."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.conftest import AppFactory
from tests.ui.test_compare import open_compare, organisation
from tests.ui.test_teams import open_teams
from tests.ui.test_type_ahead import burst
from tests.ui.waiting import wait_for_text, wait_until
from workbench.storage.repository import Repository
from workbench.ui.compare.budget_dialog import BudgetDialog
from workbench.ui.teams.form import TeamForm


async def test_tab_ctrl_u_and_a_currency_in_one_burst(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        await open_compare(pilot)
        await pilot.press("4")
        await wait_for_text(pilot, "Portfolio under")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, BudgetDialog))
        dialog = pilot.app.screen
        currency = dialog.query_one("#budget-currency", Input)
        amount = dialog.query_one("#budget-amount", Input)
        await wait_until(pilot, lambda: pilot.app.focused is amount)
        before = amount.value
        burst(pilot.app, "tab", "ctrl+u", "U", "S", "D")
        await wait_until(pilot, lambda: currency.value == "USD")
        assert amount.value == before


async def test_a_form_field_cleared_and_retyped_in_one_burst(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        name = app.screen.query_one("#field-name", Input)
        department = app.screen.query_one("#field-department", Input)
        await wait_until(pilot, lambda: app.focused is name)
        burst(app, "x", "y", "ctrl+u", "O", "p", "s", "tab", "ctrl+u", "S", "home", "B", "i")
        await wait_until(pilot, lambda: department.value == "BiS")
        assert name.value == "Ops"
