"""Tabs are built when first shown: the first screen does not wait for the other four."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import TabbedContent

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.consensus import evaluate_consensus
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.main_screen import MainScreen
from workbench.ui.panes.pane import Pane


def built(app: WorkbenchApp) -> list[str]:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    return [pane.tab_id for pane in main.panes()]


async def test_only_the_shown_tab_is_built_at_start(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.tab = "teams"
    async with app.run_test() as pilot:
        await wait_for_text(pilot, "Data and ML engineering")
        assert built(app) == ["teams"]
        assert app.screen.query_one(TabbedContent).active == "teams"
        teams = app.screen.query_one("#teams-pane")
        await wait_until(pilot, lambda: app.focused is not None and teams in app.focused.ancestors)


async def test_a_tab_is_built_and_focused_when_first_shown(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await wait_for_text(pilot, "AI Foundations")
        assert built(app) == ["catalogue"]
        await pilot.press("f3")
        await wait_for_text(pilot, "Data and ML engineering")
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        teams = main.pane("teams")
        await wait_until(pilot, lambda: app.focused is not None and teams in app.focused.ancestors)
        assert built(app) == ["catalogue", "teams"]
        await pilot.press("f2", "f3")  # shown again: the same pane, not a second one
        await wait_until(pilot, lambda: app.state.tab == "teams")
        assert main.pane("teams") is teams
        assert len(main.query(Pane)) == 2


async def test_a_tab_built_late_shows_changes_made_before(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await wait_for_text(pilot, "AI Foundations")
        other = Repository(sample_repo.path)
        team = other.teams()[0]
        other.save_team(team.model_copy(update={"name": "Renamed by a colleague"}))
        await pilot.press("f3")
        await wait_for_text(pilot, "Renamed by a colleague")


async def test_the_palette_lists_the_commands_of_tabs_never_shown(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, "AI Foundations")
        assert built(app) == ["catalogue"]
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "new team")
        await wait_for_text(pilot, "Add a team and its business objective")
        assert built(app) == ["catalogue", "teams", "scoring", "compare", "pilots"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert app.screen.query_one(TabbedContent).active == "catalogue"
        assert "AI Foundations" in screen_text(app)


async def test_the_pilot_warnings_summary_needs_no_pilots_tab(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, pilot_summary=True)
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "f6 Pilots ⚠ 3")
        assert "pilots" not in built(app)


async def test_evaluations_are_worked_out_before_a_tab_needs_them(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.warm_up.done)
        assert "teams" not in built(app)
        snapshot = sample_repo.snapshot()
        assert app.evaluations.remembered == set(snapshot.assessments)
        for assessment in snapshot.assessments.values():
            measurable = snapshot.teams[assessment.team_id].objective.is_measurable
            expected = evaluate_consensus(assessment, objective_measurable=measurable)
            assert app.evaluations.of(assessment, objective_measurable=measurable) == expected


async def test_a_new_version_read_by_a_tab_being_built_reaches_the_other_tabs(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, watch_interval=3600)  # the test polls by hand
    async with app.run_test() as pilot:
        await wait_for_text(pilot, "AI Foundations")
        colleague = Repository(sample_repo.path, author="marc")
        [programme] = [p for p in colleague.programmes() if p.name == "AI Foundations"]
        colleague.save_programme(programme.model_copy(update={"name": "AI Basics by OpenAI"}))
        await pilot.press("f3")  # the Teams tab reads the file's new version as it is built
        await wait_until(pilot, lambda: "teams" in built(app))
        app.check_for_changes()  # the poll: nothing new on disk since that read
        await pilot.press("f2")
        await wait_for_text(pilot, "AI Basics by OpenAI")
