"""A detail panel shown with ``show_drawn``: right whatever the height of what it shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tests.ui.screen import screen_text
from tests.ui.waiting import wait_until
from workbench.ui.widgets.drawn_once import show_drawn


class DetailApp(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static("start", id="body")


def lines(name: str, count: int) -> Text:
    return Text("\n".join(f"{name} line {i}" for i in range(count)))


async def test_a_detail_of_any_height_is_drawn_whole_and_scrolls() -> None:
    app = DetailApp()
    async with app.run_test(size=(40, 10)) as pilot:
        body = app.query_one("#body", Static)
        scroll = app.query_one("#detail", VerticalScroll)
        for name, count in [("alpha", 3), ("beta", 3), ("gamma", 30), ("delta", 2), ("eps", 2)]:
            show_drawn(body, lines(name, count))
            await wait_until(
                pilot, lambda n=name, c=count: f"{n} line {min(c, 10) - 1}" in screen_text(app)
            )
            await wait_until(pilot, lambda c=count: body.size.height == c)
            assert scroll.max_scroll_y == max(count - 10, 0)
            assert f"{name} line 0" in screen_text(app)


async def test_a_detail_shown_before_its_first_layout_is_drawn() -> None:
    app = DetailApp()
    async with app.run_test(size=(40, 10)) as pilot:
        body = app.query_one("#body", Static)
        show_drawn(body, lines("first", 4))
        await wait_until(pilot, lambda: "first line 3" in screen_text(app))
