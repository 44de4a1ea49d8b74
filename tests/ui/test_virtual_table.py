"""The virtual table on its own: rows, cursor, scrollbar and what is drawn, as they change."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.ui.screen import screen_text
from tests.ui.waiting import wait_until
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield VirtualTable([Column("name", "Name")], id="table")


def rows(count: int, name: str = "row") -> list[Row]:
    return [Row(f"k{i}", (f"{name} {i:03d}",)) for i in range(count)]


async def test_the_scrollbar_follows_the_rows_and_the_size() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(VirtualTable)
        table.set_rows(rows(3))
        await wait_until(pilot, lambda: "row 002" in screen_text(app))
        assert not table.show_vertical_scrollbar
        table.set_rows(rows(100))
        await wait_until(pilot, lambda: table.show_vertical_scrollbar)
        await wait_until(pilot, lambda: table.vertical_scrollbar.window_virtual_size == 101)
        for _ in range(30):
            await pilot.press("down")
        await wait_until(pilot, lambda: "row 030" in screen_text(app) and table.scroll_y > 0)
        assert table.max_scroll_y == 101 - 12
        await pilot.resize_terminal(40, 20)
        await wait_until(pilot, lambda: table.max_scroll_y == 101 - 20)
        await wait_until(pilot, lambda: table.vertical_scrollbar.window_size == 20)
        table.set_rows(rows(2, "few"))
        await wait_until(pilot, lambda: not table.show_vertical_scrollbar)
        assert "few 001" in screen_text(app)
        assert table.cursor == 1


async def test_a_cursor_move_draws_the_new_cursor_row() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(VirtualTable)
        table.set_rows(rows(5))
        table.focus()
        await wait_until(pilot, lambda: "row 004" in screen_text(app))
        cursor_style = table.get_component_rich_style("virtual-table--cursor")

        def cursor_on(y: int) -> bool:
            strip = app.screen._compositor.render_strips()[y]
            return any(segment.style == cursor_style for segment in strip)

        await wait_until(pilot, lambda: cursor_on(1))
        await pilot.press("down", "down")
        await wait_until(pilot, lambda: cursor_on(3) and not cursor_on(1))
