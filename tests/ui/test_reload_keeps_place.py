"""A colleague's save reloads the tables in place: the same record stays highlighted (by its
key, wherever new rows put it) on the same line of the screen, with the filter and the sort
the user chose; a form being typed stays as typed."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.waiting import wait_until
from workbench.core.catalogue import Programme
from workbench.core.pilot import Pilot as PilotRecord
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.main_screen import MainScreen
from workbench.ui.panes.table_pane import TablePane
from workbench.ui.teams.form import TeamForm

ECOMMERCE_PILOT = "pilot-ecommerce-ai-essentials"
DATAML = "team-data-ml"


def pane(app: WorkbenchApp, tab: str) -> TablePane[object]:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane(tab)
    assert isinstance(found, TablePane)
    return found


async def show_tab(pilot: Pilot[None], app: WorkbenchApp, key: str, tab: str) -> None:
    await pilot.press(key)
    await wait_until(pilot, lambda: app.screen.query_one(TabbedContent).active == tab)
    await wait_until(pilot, lambda: pane(app, tab).table.has_focus)


async def reload(pilot: Pilot[None], app: WorkbenchApp, tab: str, new_key: str) -> None:
    """The app's watch sees the colleague's save; wait until the new row is shown."""
    app.check_for_changes()
    await wait_until(pilot, lambda: not app.reloading)
    await wait_until(pilot, lambda: new_key in {row.key for row in pane(app, tab).table.rows})


def screen_line(table: object) -> int:
    """Where the cursor row is, counted from the first row on screen."""
    return table.cursor - round(table.scroll_y)  # type: ignore[attr-defined, no-any-return]


async def test_the_catalogue_keeps_the_highlighted_programme_on_its_line(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        catalogue = pane(app, "catalogue")
        table = catalogue.table
        await wait_until(pilot, lambda: table.has_focus and len(table.rows) == 19)
        await pilot.press("end", "up", "up")  # low enough that the table has scrolled
        await wait_until(pilot, lambda: catalogue.view.cursor == table.rows[16].key)
        chosen = table.cursor_key
        assert table.scroll_y > 0
        line = screen_line(table)

        added = Programme(id="aaa-first", name="AAA Agents, first in the list", provider="Acme")
        Repository(sample_repo.path).save_programme(added)
        await reload(pilot, app, "catalogue", added.id)

        assert table.rows[0].key == added.id  # inserted before the highlighted one
        assert table.cursor_key == chosen
        assert catalogue.view.cursor == chosen
        assert screen_line(table) == line


async def test_teams_keep_the_team_the_filter_and_the_sort(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_tab(pilot, app, "f3", "teams")
        teams = pane(app, "teams")
        table = teams.table
        await pilot.press("slash", *"ing", "enter", "S")  # engineering, marketing; Z to A
        await wait_until(pilot, lambda: teams.view.reverse and table.has_focus)
        assert [row.key for row in table.rows] == ["team-ecommerce-content", DATAML]
        assert table.move_to(DATAML)
        await wait_until(pilot, lambda: teams.view.cursor == DATAML)
        index = table.cursor

        # "Zen engineering" sorts first when the order is Z to A
        Repository(sample_repo.path).save_team(Team(id="zen", name="Zen engineering"))
        await reload(pilot, app, "teams", "zen")

        assert table.rows[0].key == "zen"
        assert table.cursor_key == DATAML
        assert table.cursor == index + 1
        assert teams.view.reverse
        assert teams.filter_input.value == "ing"
        assert [row.key for row in table.rows] == ["zen", "team-ecommerce-content", DATAML]


async def test_pilots_keep_the_pilot_under_the_cursor(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_tab(pilot, app, "f6", "pilots")
        pilots = pane(app, "pilots")
        table = pilots.table
        await pilot.press("s", "s", "s")  # next due, ROI, warnings, then team
        await wait_until(pilot, lambda: pilots.view.sort == "team")
        assert table.move_to(ECOMMERCE_PILOT)
        await wait_until(pilot, lambda: pilots.view.cursor == ECOMMERCE_PILOT)
        index = table.cursor

        # the Data and ML team sorts before the e-commerce team
        added = PilotRecord(
            id="pilot-dataml", name="MLOps pilot", team_id=DATAML, programme_id="iapp-aigp"
        )
        Repository(sample_repo.path).save_pilot(added)
        await reload(pilot, app, "pilots", added.id)

        assert table.rows[0].key == added.id
        assert table.cursor_key == ECOMMERCE_PILOT
        assert table.cursor == index + 1
        assert pilots.view.sort == "team"


async def test_a_form_being_typed_stays_through_a_reload(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_tab(pilot, app, "f3", "teams")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        form = app.screen
        name = form.query_one("#field-name", Input)
        await wait_until(pilot, lambda: app.focused is name)
        await type_text(pilot, "Half typ")

        Repository(sample_repo.path).save_team(Team(id="zen", name="Zen engineering"))
        await reload(pilot, app, "teams", "zen")

        assert app.screen is form
        assert name.value == "Half typ"
        assert app.focused is name
