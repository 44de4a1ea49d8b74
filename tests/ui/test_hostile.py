"""A data file full of hostile text, through every tab and dialog: nothing drives the
terminal, every record's text stays on its own row, untouched forms write back what was there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select

from tests.conftest import AppFactory
from tests.hostile import CONTROL, KINDS, marker, write_hostile_file
from tests.ui.screen import screen_text
from tests.ui.waiting import steady, wait_for_text, wait_until
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.catalogue.pane import CataloguePane
from workbench.ui.catalogue.programme_form import ProgrammeForm
from workbench.ui.dialogs.confirm import MessageDialog
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.main_screen import MainScreen
from workbench.ui.teams.form import TeamForm
from workbench.ui.teams.pane import TeamsPane

SIZE = (160, 50)
COUNT = len(KINDS)
FORM_KINDS = ("osc52", "newline", "tab", "cr", "invisible", "long")
"""The kinds a form turns into something else on screen (and must write back as stored)."""


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Repository:
    repository = Repository(write_hostile_file(tmp_path / "workbench.json"))
    repository.snapshot()  # the app opens it: stored text is read as written
    return repository


def raw_table(repo: Repository, table: str) -> dict[str, dict[str, Any]]:
    data = orjson.loads(repo.path.read_bytes())
    return {doc["id"]: doc for doc in data[table].values()}


def inert_screen(app: WorkbenchApp) -> str:
    """The screen's text, after checking that no control character from the data is on it."""
    svg = app.export_screenshot(title=" ")
    for char in CONTROL:
        assert char not in svg, f"{char!r} reached the screen"
    shown = screen_text(app)
    for char in CONTROL:
        assert char not in shown
    return shown


def lines_with(shown: str, needle: str) -> list[str]:
    return [line for line in shown.splitlines() if needle in line]


def assert_own_rows(shown: str, first: str, second: str) -> None:
    """Each record's two texts (``first`` and ``second`` markers) share one row, alone."""
    for index in range(COUNT):
        rows = [line for line in shown.splitlines() if line.startswith(marker(first, index))]
        assert len(rows) == 1, (marker(first, index), rows)
        assert marker(second, index) in rows[0]
        others = [marker(first, j) for j in range(COUNT) if j != index]
        assert not any(other in rows[0] for other in others), rows[0]


def at_the_end(widget: Widget) -> Callable[[], bool]:
    """Scrolled to the end, asking again each time: the panel's height can still change."""

    def scrolled() -> bool:
        if widget.scroll_y != widget.max_scroll_y:
            widget.scroll_end(animate=False, immediate=True)
            return False
        return True

    return scrolled


def main_pane(app: WorkbenchApp, tab: str) -> Any:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    return main.pane(tab)


async def open_tab(pilot: Pilot[None], key: str, text: str) -> None:
    await pilot.press(key)
    await wait_until(pilot, lambda: text in screen_text(pilot.app))
    await steady(pilot)


async def test_catalogue_rows_and_detail(hostile_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(hostile_repo)
    async with app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        shown = inert_screen(app)
        assert_own_rows(shown, "P", "V")
        for symbols in ("␛]52;", "HR↵recruitment", "<RLO>evil<PDF>", "Ops plant", "<ZWSP><WJ>"):
            assert symbols in shown
        catalogue: CataloguePane = main_pane(app, "catalogue")
        for index, kind in enumerate(KINDS):
            assert catalogue.table.move_to(f"prog-{kind}")
            shown = await wait_for_text(pilot, "─ " + marker("P", index))
            inert_screen(app)
            # the detail panel shows the highlighted programme, its notes at the end
            assert lines_with(shown, "─ " + marker("P", index))
            assert re.search(rf"Provider +{marker('V', index)} ", shown)
            panel = app.screen.query_one("#catalogue-detail")
            # a 10k-character note is cut where a valid one would fit
            note = "L…" if kind == "long" else marker("N", index)
            at_end = at_the_end(panel)
            await wait_until(pilot, lambda: at_end() and note in screen_text(app))  # noqa: B023
            shown = inert_screen(app)
            if kind != "long":
                assert len(lines_with(shown, note)) == 1


async def test_catalogue_filters_one_line_per_choice(
    hostile_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(hostile_repo)
    async with app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        for name, prefix in (("provider", "V"), ("topic", "t")):
            select = app.screen.query_one(f"#filter-{name}", Select)
            select.focus()
            await pilot.press("enter")
            await steady(pilot)
            shown = inert_screen(app)
            menu = select.query_one(OptionList)
            # every choice on one line: as many lines as choices (and the blank prompt)
            assert menu.option_count >= COUNT
            assert menu.virtual_size.height == menu.option_count
            assert marker(prefix, 1) + " ␛]52;" in shown
            await pilot.press("escape")
            await steady(pilot)


async def test_teams_rows_and_detail(hostile_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(hostile_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, "f3", "T00")
        shown = inert_screen(app)
        assert_own_rows(shown, "T", "D")
        teams: TeamsPane = main_pane(app, "teams")
        for index, kind in enumerate(KINDS):
            assert teams.table.move_to(f"team-{kind}")
            shown = await wait_for_text(pilot, "\n" + marker("T", index) + " ")
            inert_screen(app)
            heading = [line for line in shown.splitlines() if line.startswith(marker("T", index))]
            assert heading
            assert marker("D", index) in heading[-1]


async def test_scoring_grid_keeps_one_row_per_criterion(
    hostile_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(hostile_repo)
    async with app.run_test(size=SIZE) as pilot:
        for index, kind in enumerate(KINDS):
            app.state.team_id, app.state.programme_id = f"team-{kind}", f"prog-{kind}"
            if index == 0:
                await open_tab(pilot, "f4", "Business impact")
            else:
                main_pane(app, "scoring").refresh_data()
            shown = await wait_for_text(pilot, marker("C", index))
            inert_screen(app)
            [impact] = [line for line in shown.splitlines() if line.startswith("›Business impact")]
            assert marker("C", index) in impact
            labels = ["Technical applica", "Team leverage", "Risk / compliance", "Total cost"]
            rows = [line for line in shown.splitlines() if line.startswith(tuple(labels))]
            assert len(rows) == len(labels)
            assert not any(marker("C", index) in row for row in rows)
            assert marker("A", index) in shown  # the assessor list names the other assessor


async def test_pickers_show_one_line_per_choice(
    hostile_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(hostile_repo)
    app.state.team_id, app.state.programme_id = "team-markup", "prog-markup"
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, "f4", "Business impact")
        everyone = range(COUNT)
        for key, prefix, shown_markers in (
            ("o", "T", everyone),
            ("t", "T", everyone),
            ("p", "P", everyone),
            ("a", "A", range(1)),  # the assessors of this assessment: A00 and claire
        ):
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
            await steady(pilot)
            shown = inert_screen(app)
            menu = app.screen.query_one(OptionList)
            assert menu.option_count >= len(shown_markers)
            assert menu.virtual_size.height == menu.option_count  # one line per choice
            for index in shown_markers:
                assert len(lines_with(shown, "│" + marker(prefix, index))) == 1, (key, index)
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, PickerDialog))


async def test_reason_dialog_shows_and_keeps_a_hostile_reason(
    hostile_repo: Repository, make_app: AppFactory
) -> None:
    before = raw_table(hostile_repo, "assessments")
    app = make_app(hostile_repo)
    app.state.team_id, app.state.programme_id = "team-osc52", "prog-osc52"
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, "f4", "Business impact")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
        await steady(pilot)
        assert "C01 ␛]52;c;aGVsbG8=␇" in inert_screen(app)
        await pilot.press("enter")  # untouched: nothing to save
        await wait_until(pilot, lambda: not isinstance(app.screen, ReasonDialog))
    assert raw_table(hostile_repo, "assessments") == before


async def test_untouched_programme_form_writes_back_what_was_there(
    hostile_repo: Repository, make_app: AppFactory
) -> None:
    before = raw_table(hostile_repo, "programmes")
    app = make_app(hostile_repo)
    async with app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        for kind in FORM_KINDS:
            assert main_pane(app, "catalogue").table.move_to(f"prog-{kind}")
            await pilot.press("e")
            await wait_until(pilot, lambda: app.screen.query_one("#field-name", Input).value)
            inert_screen(app)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not isinstance(app.screen, ProgrammeForm))
    after = raw_table(hostile_repo, "programmes")
    for record_id, document in before.items():
        # defaults may be written out; every stored value comes back byte for byte
        assert {key: after[record_id].get(key) for key in document} == document


async def test_untouched_team_form_writes_back_what_was_there(
    hostile_repo: Repository, make_app: AppFactory
) -> None:
    before = raw_table(hostile_repo, "teams")
    app = make_app(hostile_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, "f3", "T00")
        for kind in FORM_KINDS:
            assert main_pane(app, "teams").table.move_to(f"team-{kind}")
            await pilot.press("e")
            await wait_until(pilot, lambda: app.screen.query_one("#field-name", Input).value)
            inert_screen(app)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not isinstance(app.screen, TeamForm))
    after = raw_table(hostile_repo, "teams")
    for record_id, document in before.items():
        objective = after[record_id]["objective"]
        assert {key: objective.get(key) for key in document["objective"]} == document["objective"]
        assert {key: after[record_id].get(key) for key in document} == {
            **document,
            "objective": objective,
        }


async def test_refused_delete_dialog_quotes_names_inertly(
    hostile_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(hostile_repo)
    async with app.run_test(size=SIZE) as pilot:
        await steady(pilot)
        assert main_pane(app, "catalogue").table.move_to("prog-clear")
        await pilot.press("d")  # used by an assessment: refused, with the reasons
        await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
        await steady(pilot)
        shown = inert_screen(app)
        assert "P03 ␛[2J␛[H" in shown


async def test_notifications_quote_names_inertly(
    hostile_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(hostile_repo)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await steady(pilot)
        app.notify("saved \x1b]2;pwned\x07 HR\nrecruitment", markup=True)
        await wait_until(pilot, lambda: "␛]2;pwned␇" in screen_text(app))
        inert_screen(app)
