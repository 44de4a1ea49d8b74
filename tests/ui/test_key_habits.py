"""Keys do what a keyboard user expects: the same keys sort, move and say why not."""

from __future__ import annotations

import pytest

from tests.conftest import AppFactory
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.catalogue.pane import CataloguePane
from workbench.ui.teams.pane import TeamsPane


def catalogue(app: object) -> CataloguePane:
    return app.screen.query_one(CataloguePane)  # type: ignore[attr-defined, no-any-return]


def teams(app: object) -> TeamsPane:
    return app.screen.query_one(TeamsPane)  # type: ignore[attr-defined, no-any-return]


async def test_shift_tab_in_the_catalogue_moves_the_focus_and_keeps_the_sort(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        pane = catalogue(app)
        pane.table.focus()
        await wait_until(pilot, lambda: app.focused is pane.table)
        order = [row.key for row in pane.table.rows]
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: app.focused is not pane.table)
        assert pane.view.reverse is False
        assert [row.key for row in pane.table.rows] == order


async def test_j_and_k_move_in_the_catalogue_table(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        table = catalogue(app).table
        table.focus()
        await wait_until(pilot, lambda: app.focused is table)
        await pilot.press("j", "j")
        await wait_until(pilot, lambda: table.cursor == 2)
        await pilot.press("k")
        await wait_until(pilot, lambda: table.cursor == 1)


async def test_teams_sort_with_s_and_reverse_with_capital_s(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.tab = "teams"
    async with app.run_test() as pilot:
        pane = teams(app)
        table = pane.table
        await wait_until(pilot, lambda: app.focused is table)
        names = {view.team.id: view.team for view in pane._views}

        def column(attribute: str) -> list[object]:
            return [getattr(names[row.key], attribute) for row in table.rows]

        by_name = column("name")
        assert by_name == sorted(by_name, key=str.casefold)
        assert table.sorted_column == "name"
        await pilot.press("S")
        await wait_until(pilot, lambda: column("name") == by_name[::-1])
        await pilot.press("s")  # the next column, in its natural order
        await wait_until(pilot, lambda: table.sorted_column == "department")
        departments = [d for d in column("department") if d]
        assert departments == sorted(departments, key=str.casefold)
        await pilot.press("s")
        await wait_until(pilot, lambda: table.sorted_column == "headcount")
        assert column("headcount") == sorted(column("headcount"))  # type: ignore[type-var]
        await pilot.press("home", "j")
        await wait_until(pilot, lambda: table.cursor == 1)
        await pilot.press("k")
        await wait_until(pilot, lambda: table.cursor == 0)


async def test_u_on_a_programme_without_url_says_so(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = min(sample_repo.programmes(), key=lambda p: p.name.casefold())
    sample_repo.save_programme(first.model_copy(update={"url": None}))
    app = make_app(sample_repo)
    said: list[str] = []

    def notify(message: str, **_: object) -> None:
        said.append(message)

    monkeypatch.setattr(app, "notify", notify)
    async with app.run_test() as pilot:
        pane = catalogue(app)
        pane.table.focus()
        await wait_until(pilot, lambda: pane.current is not None and pane.current.id == first.id)
        await pilot.press("u")
        await wait_until(pilot, lambda: "This programme has no URL." in said)
