"""One grammar of keys, over every tab and dialog (issue 19, item 3).

- Esc goes back, cancels, or clears the filter; every dialog closes on Esc;
- ``x`` never deletes; deleting is ``d`` or Delete (Scoring: ``D``, since Delete and 0 clear
  a score there), and always asks first;
- ``/`` filters every table, Compare's 500-team views included;
- ctrl+z undoes the last change, or says why not, in every tab.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import AppFactory
from tests.ui.screen import recorded
from tests.ui.waiting import wait_until
from workbench.core.comparison import Filters
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.base import Dialog
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.search_dialog import SearchDialog
from workbench.ui.keymap import known_bindings
from workbench.ui.main_screen import TAB_KEYS, MainScreen

DELETE_KEYS = {"d", "delete", "D", "shift+d"}
PICKED_FIRST = {"pilots-remove-measurement"}
"""V: picks one of the highlighted KPI's measurements, then asks (d deletes the KPI)."""


def is_deletion(action: str) -> bool:
    name = action.split("(")[0].removeprefix("app.")
    return name.startswith(("delete", "remove")) or name.endswith("_delete")


def test_x_never_deletes_and_deleting_is_d_or_delete() -> None:
    bindings = known_bindings().values()
    deletions = [b for b in bindings if is_deletion(b.action)]
    assert deletions  # the table below is not empty
    for binding in bindings:
        if "x" in binding.keys:
            assert not is_deletion(binding.action), binding.id
    for binding in deletions:
        if binding.id in PICKED_FIRST:
            continue
        assert set(binding.keys) & DELETE_KEYS, binding.id


def test_every_dialog_closes_on_escape() -> None:
    escape = {b.owner for b in known_bindings().values() if "escape" in b.keys}
    dialogs = [
        b.owner for b in known_bindings().values() if b.layer == "dialog" and b.owner is not None
    ]
    for owner in dialogs:
        assert any(issubclass(owner, e) for e in escape if e is not None), owner.__name__
    assert any(issubclass(Dialog, e) for e in escape if e is not None)
    assert any(issubclass(ConfirmDialog, e) for e in escape if e is not None)


def main(app: WorkbenchApp) -> MainScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


async def show(pilot: Pilot[Any], app: WorkbenchApp, tab: str) -> None:
    await pilot.press(TAB_KEYS[tab].split(",")[0])
    await wait_until(pilot, lambda: main(app).active_tab == tab)
    await wait_until(pilot, lambda: app.focused is not None and app.screen is main(app))


TABS = ("catalogue", "teams", "scoring", "compare", "pilots")


@pytest.mark.parametrize("tab", TABS)
async def test_ctrl_z_undoes_or_says_why(
    tab: str, sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.team_id, app.state.programme_id = "team-hr", "google-ai-essentials"
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, app, tab)
        seen = recorded(app)
        before = sample_repo.path.read_bytes()
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: seen, what=f"a word from ctrl+z in {tab}")
        assert sample_repo.path.read_bytes() == before


def filter_text(app: WorkbenchApp, tab: str) -> str:
    pane: Any = main(app).pane(tab)
    if tab == "compare":
        return str(pane.state.filters.text)
    return str(pane.filter_input.value)


async def filter_by_slash(pilot: Pilot[Any], app: WorkbenchApp, tab: str) -> None:
    await pilot.press("slash")
    if tab == "compare":
        await wait_until(pilot, lambda: isinstance(app.screen, SearchDialog))
        await pilot.press("e", "n", "enter")
        await wait_until(pilot, lambda: app.screen is main(app))
    else:
        await wait_until(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press("e", "n", "enter")
    await wait_until(pilot, lambda: filter_text(app, tab) == "en")


@pytest.mark.parametrize("tab", ["catalogue", "teams", "compare", "pilots"])
async def test_slash_filters_and_escape_clears(
    tab: str, sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, app, tab)
        await filter_by_slash(pilot, app, tab)
        await wait_until(pilot, lambda: app.screen is main(app) and app.focused is not None)
        assert not isinstance(app.focused, Input)  # back on the table
        await pilot.press("escape")
        await wait_until(pilot, lambda: filter_text(app, tab) == "")
        if tab == "compare":
            assert main(app).pane(tab).state.filters == Filters()  # type: ignore[attr-defined]
