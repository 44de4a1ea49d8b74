"""Notifications never hide the work: brief, two at most, never over a dialog; errors stay."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.toasts import UNTIL_DISMISSED, toast_seconds


def test_an_action_s_toast_lasts_a_few_seconds_and_an_error_until_dismissed() -> None:
    assert toast_seconds("information", None) == 4
    assert toast_seconds("information", 30) == 4
    assert toast_seconds("information", 2) == 2
    assert toast_seconds("warning", 20) == 8
    assert toast_seconds("error", 3) == UNTIL_DISMISSED


def toasts_on_screen(app: object) -> list[str]:
    from textual.app import App

    assert isinstance(app, App)
    return [
        str(toast.render())
        for toast in app.screen.query("Toast").results(Static)
        if toast.parent is not None and toast.parent.display
    ]


async def test_fourteen_undos_leave_the_two_newest_toasts(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(notifications=True) as pilot:
        for number in range(14):
            app.notify(f"Undone: change {number:02}")
        await wait_for_text(pilot, "Undone: change 13")
        await wait_until(pilot, lambda: len(toasts_on_screen(app)) == 2)
        shown = screen_text(app)
        assert "change 12" in shown
        assert all(f"change {number:02}" not in shown for number in range(12))


async def test_an_error_stays_until_dismissed_by_its_key(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(notifications=True) as pilot:
        assert "^n" not in screen_text(app)  # the key shows only while a message does
        app.notify("Not saved: the disk is full", severity="error")
        await wait_for_text(pilot, "the disk is full")
        await wait_for_text(pilot, "^n Dismiss messages")
        for number in range(3):
            app.notify(f"note {number}")
        await wait_for_text(pilot, "note 2")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: not toasts_on_screen(app))
        assert "the disk is full" not in screen_text(app)
        await wait_until(pilot, lambda: "^n" not in screen_text(app))


async def test_no_toast_is_drawn_over_a_dialog(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(notifications=True) as pilot:
        app.notify("Not saved: the disk is full", severity="error")
        await wait_for_text(pilot, "the disk is full")
        app.push_screen(ConfirmDialog("Delete it?", "It goes for good."))
        await wait_for_text(pilot, "Delete it?")
        app.notify("Updated by marc")
        await wait_until(pilot, lambda: app.toasts and len(app.toasts) == 2)
        await wait_until(pilot, lambda: not toasts_on_screen(app))
        text = screen_text(app)
        assert "the disk is full" not in text
        assert "Updated by marc" not in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1)
        await wait_for_text(pilot, "the disk is full")  # the error is still there
