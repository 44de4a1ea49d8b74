"""A pilot can be cancelled from the list: asked (starting on "No", with an optional
reason), kept, hidden by default, shown marked with h, undone with ctrl+z, reopened with x."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, Static

from tests.conftest import TODAY, AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.test_pilots import ECOMMERCE, MANAGERS, open_tab, pane
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.pilot_metrics import warnings
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.pilots.cancel_pilot_dialog import CancelPilotDialog


def listed(app: object) -> set[str]:
    return set(pane(app).by_key)  # type: ignore[arg-type]


async def test_cancel_asks_hides_shows_marked_undoes_and_reopens(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_tab(pilot, app)
        pane(app).table.move_to(ECOMMERCE)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, CancelPilotDialog))
        focused = app.focused
        assert isinstance(focused, Button)
        assert focused.id == "cancel-no"
        await pilot.press("enter")  # Enter alone cancels nothing
        await wait_until(pilot, lambda: not isinstance(app.screen, CancelPilotDialog))
        assert sample_repo.pilot(ECOMMERCE).cancelled_on is None

        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, CancelPilotDialog))
        app.screen.query_one("#field-reason").focus()
        await type_text(pilot, "No budget left")
        await pilot.press("enter")
        await wait_until(pilot, lambda: sample_repo.pilot(ECOMMERCE).cancelled_on == TODAY)
        assert sample_repo.pilot(ECOMMERCE).cancel_reason == "No budget left"
        await wait_until(pilot, lambda: listed(app) == {MANAGERS})
        await wait_for_text(pilot, "1 cancelled pilot hidden · h shows it")

        await pilot.press("h")
        await wait_until(pilot, lambda: listed(app) == {MANAGERS, ECOMMERCE})
        await wait_for_text(pilot, f"✗ cancelled {TODAY.isoformat()}")
        pane(app).table.move_to(ECOMMERCE)
        await wait_for_text(pilot, f"✗ cancelled {TODAY.isoformat()}: No budget left")

        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: sample_repo.pilot(ECOMMERCE).cancelled_on is None)
        assert sample_repo.pilot(ECOMMERCE).cancel_reason is None
        await wait_until(pilot, lambda: "✗ cancelled" not in screen_text(app))

        await pilot.press("h")  # hidden again: nothing is cancelled, nothing hidden
        pane(app).table.move_to(ECOMMERCE)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, CancelPilotDialog))
        await pilot.press("tab", "tab", "enter")  # the reason is optional
        await wait_until(pilot, lambda: sample_repo.pilot(ECOMMERCE).cancelled_on == TODAY)
        assert sample_repo.pilot(ECOMMERCE).cancel_reason is None

        await pilot.press("h")
        await wait_until(pilot, lambda: ECOMMERCE in listed(app))
        pane(app).table.move_to(ECOMMERCE)
        await pilot.press("x")  # on a cancelled pilot: reopen, asked
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: sample_repo.pilot(ECOMMERCE).cancelled_on is None)


async def test_a_bad_reason_is_refused_next_to_the_field(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_tab(pilot, app)
        pane(app).table.move_to(ECOMMERCE)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, CancelPilotDialog))
        app.screen.query_one("#field-reason").focus()
        await type_text(pilot, "y" * 201)
        await pilot.press("enter")
        error = app.screen.query_one("#reason-error", Static)
        await wait_until(pilot, lambda: "200" in str(error.render()))
        assert isinstance(app.screen, CancelPilotDialog)
        assert sample_repo.pilot(ECOMMERCE).cancelled_on is None


def test_a_cancelled_pilot_raises_no_warnings(sample_repo: Repository) -> None:
    pilot = sample_repo.pilot(ECOMMERCE)
    assert warnings(pilot, TODAY)
    cancelled = pilot.model_copy(update={"cancelled_on": date(2026, 11, 1)})
    assert warnings(cancelled, TODAY) == []


async def test_a_cancelled_pilot_no_longer_counts_in_the_tab_badge(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    ecommerce = sample_repo.pilot(ECOMMERCE)
    managers = len(warnings(sample_repo.pilot(MANAGERS), TODAY))
    assert warnings(ecommerce, TODAY)
    sample_repo.save_pilot(ecommerce.model_copy(update={"cancelled_on": TODAY}))
    app = make_app(sample_repo, pilot_summary=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_text(pilot, f"f6 Pilots ⚠ {managers}" if managers else "f6 Pilots")
        await open_tab(pilot, app)
        await wait_until(pilot, lambda: listed(app) == {MANAGERS})
