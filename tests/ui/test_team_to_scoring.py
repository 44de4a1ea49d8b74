"""Enter on a team opens its assessments ("New assessment…" last); Esc from a picker leaves
Scoring as it was; undoing the key that created an assessment removes it."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.test_scoring import NEW_PAIR, open_on
from tests.ui.test_teams import open_teams, pane
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.dialogs.picker import PickerDialog

BEFORE = ("team-hr", "google-ai-essentials")
TEAM, PROGRAMME = NEW_PAIR


def options(app: object) -> list[str]:
    listed = app.screen.query_one("#picker-options", OptionList)  # type: ignore[attr-defined]
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


async def test_enter_on_a_team_lists_its_assessments_and_esc_changes_nothing(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *BEFORE)
    app.state.tab = "catalogue"
    async with app.run_test() as pilot:
        await open_teams(pilot)
        pane(app).table.move_to(TEAM)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        shown = options(app)
        assessed = [a for a in sample_repo.assessments() if a.team_id == TEAM]
        assert len(shown) == len(assessed) + 1
        assert shown[-1] == "New assessment…"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, PickerDialog))
        assert (app.state.team_id, app.state.programme_id) == BEFORE


async def test_undoing_the_first_score_of_a_new_assessment_removes_it(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        pane(app).table.move_to(TEAM)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        await type_text(pilot, "New assessment")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, PickerDialog)
                and app.screen.title_text == "Choose the programme"
            ),
        )
        programme = sample_repo.programme(PROGRAMME)
        await type_text(pilot, programme.name)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.state.programme_id == PROGRAMME)
        assert app.state.team_id == TEAM
        await pilot.press("4")
        await wait_until(
            pilot, lambda: Repository(sample_repo.path).assessment_for(TEAM, PROGRAMME)
        )
        await pilot.press("ctrl+z")
        await wait_until(
            pilot, lambda: Repository(sample_repo.path).assessment_for(TEAM, PROGRAMME) is None
        )
