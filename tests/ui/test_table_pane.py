"""The table pane shared by the Catalogue, Teams and Pilots tabs: the same keys do the same
things in each (filter, Esc, sort, reverse, j/k, a click on a header), the empty states,
and what the user set up survives a language switch."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.i18n import Translator
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.main_screen import MainScreen
from workbench.ui.panes.listing import sort_records
from workbench.ui.panes.table_pane import TablePane

TABS = [("catalogue", "f2"), ("teams", "f3"), ("pilots", "f6")]


# sorting


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), max_size=12), st.booleans())
def test_sort_records_puts_unknowns_last_and_keeps_the_order_of_equals(
    values: list[int | None], reverse: bool
) -> None:
    records = list(enumerate(values))  # (position, value)
    result = sort_records(records, lambda record: record[1], reverse=reverse)
    known = [record for record in result if record[1] is not None]
    unknown = [record for record in result if record[1] is None]
    assert result == known + unknown
    assert unknown == [record for record in records if record[1] is None]
    assert [value for _, value in known] == sorted(
        (value for value in values if value is not None), reverse=reverse
    )
    for first, second in itertools.pairwise(known):
        if first[1] == second[1]:
            assert first[0] < second[0]  # equals keep their given order


# the keys, in each tab


def pane(app: WorkbenchApp, tab: str) -> TablePane[object]:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane(tab)
    assert isinstance(found, TablePane)
    return found


async def show(pilot: Pilot[None], app: WorkbenchApp, tab: str, key: str) -> TablePane[object]:
    await pilot.press(key)
    await wait_until(pilot, lambda: app.screen.query_one(TabbedContent).active == tab)
    await wait_until(pilot, lambda: pane(app, tab).table.has_focus)
    return pane(app, tab)


@pytest.mark.parametrize(("tab", "key"), TABS)
async def test_slash_filters_enter_goes_back_esc_clears(
    sample_repo: Repository, make_app: AppFactory, tab: str, key: str
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        found = await show(pilot, app, tab, key)
        table = found.table
        everything = [row.key for row in table.rows]
        assert len(everything) >= 2

        await pilot.press("slash")
        await wait_until(pilot, lambda: app.focused is found.filter_input)
        await type_text(pilot, "zzqx")
        await wait_until(pilot, lambda: not table.rows)
        no_match = Translator("en")(found.NO_MATCH)
        await wait_for_text(pilot, no_match)
        await pilot.press("enter")  # keeps the filter, back to the table
        await wait_until(pilot, lambda: app.focused is table)
        assert found.view.search == "zzqx"

        await pilot.press("slash", "escape")  # Esc clears the filter and leaves it
        await wait_until(pilot, lambda: [row.key for row in table.rows] == everything)
        assert app.focused is table
        assert found.filter_input.value == ""
        assert found.view.search == ""


@pytest.mark.parametrize(("tab", "key"), TABS)
async def test_s_sorts_on_the_next_column_and_capital_s_reverses(
    sample_repo: Repository, make_app: AppFactory, tab: str, key: str
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        found = await show(pilot, app, tab, key)
        table = found.table
        keys = [column.key for column in table.columns]
        first = table.sorted_column
        assert first == found.DEFAULT_SORT
        await pilot.press("s")
        expected = keys[(keys.index(first) + 1) % len(keys)]
        await wait_until(pilot, lambda: table.sorted_column == expected)
        assert found.view.sort == expected
        assert not table.sort_reverse

        ordered = [row.key for row in table.rows]
        await pilot.press("S")
        await wait_until(pilot, lambda: table.sort_reverse)
        reversed_keys = [row.key for row in table.rows]
        assert sorted(reversed_keys) == sorted(ordered)
        assert found.view.reverse
        assert "▼" in screen_text(app)


@pytest.mark.parametrize(("tab", "key"), TABS)
async def test_a_click_on_a_header_sorts_and_a_second_reverses(
    sample_repo: Repository, make_app: AppFactory, tab: str, key: str
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        found = await show(pilot, app, tab, key)
        table = found.table
        await pilot.click(table, offset=(1, 0))  # the first column's header
        first = table.columns[0].key
        await wait_until(pilot, lambda: table.sorted_column == first)
        reverse = table.sort_reverse
        await pilot.click(table, offset=(1, 0))
        await wait_until(pilot, lambda: table.sort_reverse is not reverse)
        assert table.sorted_column == first


@pytest.mark.parametrize(("tab", "key"), TABS)
async def test_j_and_k_move_and_the_pane_follows(
    sample_repo: Repository, make_app: AppFactory, tab: str, key: str
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        found = await show(pilot, app, tab, key)
        table = found.table
        await pilot.press("home", "j")
        await wait_until(pilot, lambda: found.view.cursor == table.rows[1].key)
        assert found.current is found.by_key[table.rows[1].key]
        await pilot.press("k")
        await wait_until(pilot, lambda: found.view.cursor == table.rows[0].key)


@pytest.mark.parametrize(("tab", "key"), TABS)
async def test_an_empty_table_says_what_to_do(
    empty_repo: Repository, make_app: AppFactory, tab: str, key: str
) -> None:
    for programme in empty_repo.programmes():
        empty_repo.delete_programme(programme.id)
    app = make_app(empty_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        found = await show(pilot, app, tab, key)
        assert not found.table.rows
        assert found.current is None
        await wait_for_text(pilot, Translator("en")(found.EMPTY))


@pytest.mark.parametrize(("tab", "key"), TABS)
async def test_the_filter_sort_and_cursor_survive_a_language_switch(
    sample_repo: Repository, make_app: AppFactory, tab: str, key: str
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        found = await show(pilot, app, tab, key)
        await pilot.press("S", "end")
        await wait_until(pilot, lambda: found.view.reverse)
        chosen = found.table.rows[-1].key
        await wait_until(pilot, lambda: found.view.cursor == chosen)
        await pilot.press("slash", "e", "enter")
        await wait_until(pilot, lambda: found.view.search == "e")
        await pilot.press("f9")
        await wait_until(pilot, lambda: pane(app, tab) is not found)
        again = pane(app, tab)
        await wait_until(pilot, lambda: again.is_mounted and again.table.rows)
        assert again.filter_input.value == "e"
        assert again.table.sort_reverse
        if chosen in again.by_key and again.keeps(again.by_key[chosen]):
            assert again.table.cursor_key == chosen
