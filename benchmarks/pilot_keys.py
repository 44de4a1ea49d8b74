"""Keys under the headless Pilot (issue 13): ``await pilot.press(key)`` + ``pilot.pause()``.

Not in the default run since issue 22 (the same keys are timed in a real terminal by
``tmux_keys.py``); ``run.py --only keys`` and ``forms_bench.py`` still use it. The
workbench at 80x24, against ``bare_apps.BareKeysApp`` doing the least Textual allows for
the same key, the two apps alternating ``rounds`` times.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bare_apps import BareKeysApp
from figures import Figures
from startup_figures import progress

SIZE = (80, 24)
WARMUP = 2
TODAY = date(2026, 12, 2)
KEY_MEDIAN_TARGET = 1.5
KEY_P90_TARGET = 3.0
FORM_TARGET = 2.0


@dataclass(slots=True)
class KeyCase:
    name: str
    baseline: str
    target: float = KEY_MEDIAN_TARGET
    p90_target: float | None = KEY_P90_TARGET


BARE_DOWN = "BASELINE: Down in a bare DataTable"
BARE_SCORE = "BASELINE: a digit updating a Static"
BARE_TAB = "BASELINE: F3/F2 in a bare TabbedContent"
BARE_FORM = "bare: e opens a modal of 8 Inputs"


def bare_picker(key: str) -> str:
    return f"BASELINE: {key} opens a bare modal OptionList as long"


CASES = {
    "down": KeyCase("Down in the Catalogue table", BARE_DOWN),
    "score": KeyCase("score key on the Scoring tab (3/4)", BARE_SCORE),
    "tab": KeyCase("tab switch (F3 Teams / F2 Catalogue)", BARE_TAB),
    "t": KeyCase("t: the team picker opens", bare_picker("t")),
    "p": KeyCase("p: the programme picker opens", bare_picker("p")),
    "o": KeyCase("o: the assessment picker opens", bare_picker("o")),
    "programme_form": KeyCase("e: the programme form opens", BARE_DOWN, FORM_TARGET, None),
    "team_form": KeyCase("e: the team form opens (Teams)", BARE_DOWN, FORM_TARGET, None),
}


class Presser:
    def __init__(self, pilot: Any, figures: Figures, data: str) -> None:
        self.pilot = pilot
        self.figures = figures
        self.data = data

    async def untimed(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def timed(self, name: str, key: str, record: bool, **options: Any) -> None:
        start = time.perf_counter()
        await self.pilot.press(key)
        await self.pilot.pause()
        elapsed = (time.perf_counter() - start) * 1000
        if record:
            self.figures.add("keys", self.data, name, elapsed, **options)

    async def until(self, condition: Callable[[], bool], what: str, limit: float = 60) -> None:
        start = time.perf_counter()
        while not condition():
            if time.perf_counter() - start > limit:
                raise RuntimeError(f"{self.data}: {what} did not happen within {limit:.0f} s")
            await self.pilot.pause(0.01)

    async def series(
        self,
        case: KeyCase,
        presses: int,
        key: Callable[[int], str],
        *,
        before: Callable[[int], Awaitable[None]] | None = None,
        after: Callable[[int], Awaitable[None]] | None = None,
    ) -> None:
        options: dict[str, Any] = {}
        if case.baseline:
            options = {"baseline": case.baseline, "target": case.target}
        if case.baseline and case.p90_target is not None:
            options["p90_target"] = case.p90_target
        for i in range(WARMUP + presses):
            if before is not None:
                await before(i)
            await self.timed(case.name, key(i), i >= WARMUP, **options)
            if after is not None:
                await after(i)


def bench_app(path: Path) -> Any:
    """The workbench as the key figures measure it: English, claire, no file watching."""
    from workbench.storage.repository import Repository
    from workbench.ui.app import WorkbenchApp
    from workbench.ui.themes import load_themes

    themes, _ = load_themes()
    app = WorkbenchApp(
        Repository(path, author="bench@host"),
        lang="en",
        assessor="claire",
        today=TODAY,
        themes=themes,
        settings_path=path.with_name("config.json"),
        watch_interval=0,
    )
    app.animation_level = "none"
    return app


async def workbench_keys(path: Path, figures: Figures, data: str, presses: int) -> None:
    from workbench.core.grid import CRITERION_KEYS
    from workbench.ui.dialogs.picker import PickerDialog
    from workbench.ui.dialogs.programme_form import ProgrammeForm
    from workbench.ui.dialogs.team_form import TeamForm
    from workbench.ui.main_screen import MainScreen
    from workbench.ui.widgets.virtual_table import VirtualTable

    app = bench_app(path)
    repository = app.repository
    async with app.run_test(size=SIZE) as pilot:
        p = Presser(pilot, figures, data)
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)

        def table(tab: str) -> VirtualTable:
            return main.pane(tab).query_one(f"#{tab}-table", VirtualTable)

        await p.until(lambda: app.screen.focused is table("catalogue"), "the catalogue focus")

        async def wrap(i: int) -> None:
            t = table("catalogue")
            if t.cursor >= len(t.rows) - 1:
                await p.untimed("home")

        await p.series(CASES["down"], presses, lambda i: "down", before=wrap)

        async def back_to_list(i: int) -> None:
            await p.until(lambda: isinstance(app.screen, ProgrammeForm), "the programme form")
            await p.untimed("escape")
            await p.until(lambda: app.screen is main, "the form closing")

        await p.series(CASES["programme_form"], presses, lambda i: "e", after=back_to_list)

        async def tab_shown(i: int) -> None:
            wanted = "teams" if i % 2 == 0 else "catalogue"
            await p.until(lambda: main.active_tab == wanted, f"tab {wanted}")

        await p.series(
            CASES["tab"], presses, lambda i: "f3" if i % 2 == 0 else "f2", after=tab_shown
        )
        await p.untimed("f3")
        await p.until(lambda: main.active_tab == "teams", "the Teams tab")
        await p.until(lambda: app.screen.focused is table("teams"), "the teams focus")

        async def team_form_closed(i: int) -> None:
            await p.until(lambda: isinstance(app.screen, TeamForm), "the team form")
            await p.untimed("escape")
            await p.until(lambda: app.screen is main, "the form closing")

        await p.series(CASES["team_form"], presses, lambda i: "e", after=team_form_closed)

        # scoring: the first assessment claire scored, on its last criterion
        snapshot = repository.snapshot()
        chosen = next(a for a in snapshot.assessments.values() if "claire" in a.ratings)
        app.state.team_id, app.state.programme_id = chosen.team_id, chosen.programme_id
        await p.untimed("f4")
        await p.until(lambda: main.active_tab == "scoring", "the Scoring tab")
        main.pane("scoring").refresh_data()
        await p.untimed("end")
        last = CRITERION_KEYS[-1]

        def stored(score: int) -> bool:
            found = repository.assessment_for(chosen.team_id, chosen.programme_id)
            return found is not None and found.rating("claire", last).score == score

        async def saved(i: int) -> None:
            await p.until(lambda: stored(3 + i % 2), "the score saved")

        await p.series(CASES["score"], presses, lambda i: "34"[i % 2], after=saved)

        for key in "tpo":

            async def picked(i: int) -> None:
                await p.until(lambda: isinstance(app.screen, PickerDialog), "the picker")
                await p.untimed("escape")
                await p.until(lambda: app.screen is main, "the picker closing")

            await p.series(CASES[key], presses, lambda i, k=key: k, after=picked)


async def bare_keys(
    figures: Figures, data: str, presses: int, rows: int, pickers: dict[str, int]
) -> None:
    from textual.screen import ModalScreen
    from textual.widgets import TabbedContent

    app = BareKeysApp(rows, pickers)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        p = Presser(pilot, figures, data)
        await p.series(KeyCase(BARE_DOWN, ""), presses, lambda i: "down")
        tabs = app.query_one(TabbedContent)

        async def tab_shown(i: int) -> None:
            wanted = "two" if i % 2 == 0 else "one"
            await p.until(lambda: tabs.active == wanted, "the bare tab")

        await p.series(
            KeyCase(BARE_TAB, ""), presses, lambda i: "f3" if i % 2 == 0 else "f2", after=tab_shown
        )
        await p.untimed("f4")
        await p.series(KeyCase(BARE_SCORE, ""), presses, lambda i: "34"[i % 2])

        async def closed(i: int) -> None:
            await p.until(lambda: isinstance(app.screen, ModalScreen), "the bare modal")
            await p.untimed("escape")
            await p.until(lambda: not isinstance(app.screen, ModalScreen), "the modal closing")

        for key in "tpo":
            await p.series(KeyCase(bare_picker(key), ""), presses, lambda i, k=key: k, after=closed)
        await p.series(KeyCase(BARE_FORM, ""), presses, lambda i: "e", after=closed)


def measure_keys(
    figures: Figures, files: dict[str, tuple[Path, str]], repeat: int, rounds: int
) -> None:
    from workbench.storage.repository import Repository

    presses = math.ceil(repeat / rounds)
    for data, (path, _) in files.items():
        snapshot = Repository(path).snapshot()
        pickers = {
            "t": len(snapshot.teams),
            "p": len(snapshot.programmes),
            "o": len(snapshot.assessments),
        }
        rows = len(snapshot.programmes)
        del snapshot
        for round_number in range(1, rounds + 1):
            progress(f"keys {data}, round {round_number}/{rounds}: workbench")
            asyncio.run(workbench_keys(path, figures, data, presses))
            progress(f"keys {data}, round {round_number}/{rounds}: bare app")
            asyncio.run(bare_keys(figures, data, presses, rows, pickers))
