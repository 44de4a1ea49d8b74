"""Reasons: several lines kept, one limit said on screen, nothing ever cut silently."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.assessment import Assessment
from workbench.core.rules import MAX_TEXT_LENGTH
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.widgets.reason_editor import ReasonEditor

PAIR = ("team-ecommerce-content", "ibm-ai-engineering")


def stored(repo: Repository) -> Assessment | None:
    return Repository(repo.path).assessment_for(*PAIR)


def reason_of(repo: Repository) -> str:
    assessment = stored(repo)
    return assessment.rating("claire", "business_impact").reason if assessment else ""


async def open_reason(app: WorkbenchApp, pilot: Pilot[None]) -> ReasonEditor:
    app.state.team_id, app.state.programme_id = PAIR
    app.state.tab = "scoring"
    await pilot.press("f4")
    await wait_for_text(pilot, "Business impact")
    await pilot.press("3", "up", "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
    return app.screen.query_one(ReasonEditor)


async def test_a_pasted_multi_line_reason_is_kept(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_reason(app, pilot)
        editor.post_message(events.Paste("line1\r\nline2\x1b[2J"))
        await wait_for_text(pilot, "nothing was pasted")  # refused whole, and said
        assert "line1" not in editor.text
        editor.post_message(events.Paste("line1\r\nline2"))
        await wait_until(pilot, lambda: "line2" in editor.text)
        await pilot.press("ctrl+j", *"line3", "enter")
        await wait_until(pilot, lambda: reason_of(sample_repo) != "")
        # the grid keeps one row per criterion: the new lines show as marks
        shown = await wait_for_text(pilot, "line1↵line2")
        assert "\x1b" not in shown
    assert reason_of(sample_repo) == "line1\nline2\nline3"


async def test_a_pasted_joiner_and_tab_are_kept_exactly(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    family = "\U0001f469\u200d\U0001f467"  # a woman and a girl, joined: one emoji
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_reason(app, pilot)
        editor.post_message(events.Paste(f"{family} team\tcost"))
        await wait_until(pilot, lambda: "cost" in editor.text)
        await pilot.press("enter")
        await wait_until(pilot, lambda: reason_of(sample_repo) != "")
    assert reason_of(sample_repo) == f"{family} team\tcost"


async def test_a_reason_over_the_limit_is_refused_with_a_message(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_reason(app, pilot)
        editor.post_message(events.Paste("r" * (MAX_TEXT_LENGTH + 1)))
        await wait_for_text(pilot, f"{MAX_TEXT_LENGTH + 1} / {MAX_TEXT_LENGTH} characters")
        assert len(editor.text) == MAX_TEXT_LENGTH + 1  # nothing cut
        await pilot.press("enter")
        await wait_for_text(pilot, f"At most {MAX_TEXT_LENGTH} characters")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("backspace", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ReasonDialog))
    assert reason_of(sample_repo) == "r" * MAX_TEXT_LENGTH


async def test_typing_into_a_long_existing_reason_is_not_ignored(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    long_reason = "x" * 1500
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_reason(app, pilot)
        editor.post_message(events.Paste(long_reason))
        await wait_until(pilot, lambda: len(editor.text) == 1500)
        await pilot.press("enter")
        await wait_until(pilot, lambda: reason_of(sample_repo) == long_reason)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
        await type_text(pilot, " and more")
        await wait_until(pilot, lambda: "1509 / 2000" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: reason_of(sample_repo) == long_reason + " and more")
