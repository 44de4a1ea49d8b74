"""Nothing irreversible from one key: starting a pilot asks first and ctrl+z takes it back;
a pilot can be deleted from the list (asked, starting on Cancel, saying what goes with it),
and then its assessment can be deleted."""

from __future__ import annotations

from textual.widgets import Button

from tests.conftest import AppFactory
from tests.ui.test_pilot_edits import question
from tests.ui.test_pilots import ECOMMERCE, new_pilot_of, open_tab, pane, start_from_scoring
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog


async def test_p_asks_before_starting_and_undo_takes_the_pilot_back(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_from_scoring(pilot, app, "team-data-ml", "aws-mla-c01")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await wait_until(pilot, lambda: "3 phases" in question(app))
        assert "ctrl+z" in question(app)
        await pilot.press("n")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert new_pilot_of(sample_repo, "assess-dataml-mla") is None
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: new_pilot_of(sample_repo, "assess-dataml-mla"))
        await wait_until(pilot, lambda: pane(app).mode == "page")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: new_pilot_of(sample_repo, "assess-dataml-mla") is None)
        await wait_until(pilot, lambda: pane(app).mode == "list")


async def test_delete_a_pilot_from_the_list_then_its_assessment(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        pane(app).table.move_to(ECOMMERCE)
        assessment_id = sample_repo.pilot(ECOMMERCE).assessment_id
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await wait_until(pilot, lambda: "The assessment stays" in question(app))
        assert "KPIs" in question(app)
        assert "measurements" in question(app)
        focused = app.focused
        assert isinstance(focused, Button)
        assert focused.id == "confirm-no"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert ECOMMERCE in {p.id for p in sample_repo.pilots()}
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: ECOMMERCE not in {p.id for p in sample_repo.pilots()})
        await pilot.press("ctrl+z")  # deleting is undone too
        await wait_until(pilot, lambda: ECOMMERCE in {p.id for p in sample_repo.pilots()})
        pane(app).table.move_to(ECOMMERCE)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: ECOMMERCE not in {p.id for p in sample_repo.pilots()})
        assert assessment_id is not None
        sample_repo.delete_assessment(assessment_id)  # no pilot follows it any more
