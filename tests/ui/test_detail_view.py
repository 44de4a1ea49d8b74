"""A detail panel (``DetailView``): right whatever the height of what it shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tests.ui.screen import screen_text
from tests.ui.waiting import wait_until
from workbench.ui.widgets.detail_view import DetailView


class DetailApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DetailView(Text("start"), id="detail")


def lines(name: str, count: int) -> Text:
    return Text("\n".join(f"{name} line {i}" for i in range(count)))


async def test_a_detail_of_any_height_is_drawn_whole_and_scrolls() -> None:
    app = DetailApp()
    async with app.run_test(size=(40, 10)) as pilot:
        detail = app.query_one(DetailView)
        await wait_until(pilot, lambda: "start" in screen_text(app))
        for name, count in [("alpha", 3), ("beta", 3), ("gamma", 30), ("delta", 2), ("eps", 2)]:
            detail.update(lines(name, count))
            await wait_until(pilot, lambda n=name: f"{n} line 0" in screen_text(app))
            await wait_until(pilot, lambda c=count: detail.max_scroll_y == max(c - 10, 0))
            assert detail.show_vertical_scrollbar == (count > 10)


async def test_a_scrolled_detail_shows_the_next_one_from_its_top() -> None:
    app = DetailApp()
    async with app.run_test(size=(40, 10)) as pilot:
        detail = app.query_one(DetailView)
        detail.update(lines("long", 40))
        detail.focus()
        await wait_until(pilot, lambda: detail.max_scroll_y == 30)
        await pilot.press("end")
        await wait_until(pilot, lambda: "long line 39" in screen_text(app))
        detail.update(lines("next", 40))
        await wait_until(pilot, lambda: "next line 0" in screen_text(app))
        assert detail.scroll_y == 0


async def test_a_wrapped_detail_is_drawn_again_at_a_new_width() -> None:
    app = DetailApp()
    async with app.run_test(size=(40, 10)) as pilot:
        detail = app.query_one(DetailView)
        detail.update(Text("word " * 30))
        await wait_until(pilot, lambda: detail.virtual_size.height == 4)
        await pilot.resize_terminal(80, 10)
        await wait_until(pilot, lambda: detail.virtual_size.height == 2)
