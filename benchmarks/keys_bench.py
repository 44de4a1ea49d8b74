"""How long a key takes to answer in the workbench, on the sample data, 1k and 10k assessments.

Starts ``WorkbenchApp`` headless (``app.run_test(size=(120, 40))``) on a data file in a
temporary folder and times, with ``time.perf_counter`` around ``await pilot.press(key)``
followed by ``await pilot.pause()`` (every message handled and the screen refreshed):

- BASELINE: Down in the Catalogue table (cursor move, no I/O), measured in the same run;
- a score key on the Scoring tab ("3", then "4", alternately, on one criterion): the
  tab shows it at once and the save queue writes it in the background (untimed wait for
  the file after each key; ``pilot.pause`` waits for an idle process, so the timing
  still includes the save: see ``score_key_bench.py`` for the key alone);
- ctrl+z: undo of such a change (a save again);
- F3 (Teams) just after a score was saved, then F2 (Catalogue), then F4 (back to Scoring):
  the first two tabs are stale and rebuild their data when shown;
- one character typed in the Catalogue search box (untimed backspace after it);
- Down in the Teams table;
- "o" on the Scoring tab (the picker of every assessment opens) and Escape (it closes).

The data: the sample data; 1k assessments (100 teams, 50 programmes) and 10k (500 teams,
200 programmes), built with ``storage_bench.build_dataset``. ``pilot.pause`` waits for
the process to be idle, at least one 20 ms sleep: the baseline carries that floor too.
Machines are noisy: the table gives medians, p90 and ratios to the baseline, no thresholds.

    python benchmarks/keys_bench.py [--sizes sample,1000,10000] [--repeat 30]
                                    [--profile]  # cProfile of each case at the largest size
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from storage_bench import build_dataset, fmt, machine
from textual.pilot import Pilot

from workbench.cli import open_repository
from workbench.core.grid import CRITERION_KEYS
from workbench.storage.datafile import dumps
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.main_screen import MainScreen
from workbench.ui.scoring.pane import ScoringPane
from workbench.ui.themes import load_themes
from workbench.ui.widgets.virtual_table import VirtualTable

RESULTS = Path(__file__).resolve().parent / "results" / "keys.md"
KEPT = "<!-- keys_bench.py keeps everything below this line when it rewrites the file -->"
SIZE = (120, 40)
WARMUP = 2
TODAY = date(2026, 11, 23)
BASELINE = "BASELINE: Down in the Catalogue table"
LARGE = {"programme_count": 200, "per_team": 20}  # 10k: 500 teams, 200 programmes
SMALL_SIZE = 1000  # from here on: LARGE's lists


@dataclass(slots=True)
class Series:
    dataset: str
    case: str
    samples_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p90(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_ms)


class Bench:
    """Presses keys in one running app and records how long each took."""

    def __init__(self, app: WorkbenchApp, pilot: Pilot[None], dataset: str, repeat: int) -> None:
        self.app = app
        self.pilot = pilot
        self.dataset = dataset
        self.repeat = repeat
        self.series: dict[str, Series] = {}
        self.profile_cases = False
        self.profiles: dict[str, cProfile.Profile] = {}

    async def press(self, *keys: str) -> None:
        """Untimed keys, screen refreshed."""
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def timed(self, case: str, key: str, *, record: bool = True) -> None:
        pilot = self.pilot
        profiler = self.profiles.setdefault(case, cProfile.Profile()) if record else None
        if profiler is not None and self.profile_cases:
            profiler.enable()
        cpu = time.process_time()
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        elapsed = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - cpu) * 1000
        if profiler is not None and self.profile_cases:
            profiler.disable()
        if record:
            series = self.series.setdefault(case, Series(self.dataset, case))
            series.samples_ms.append(elapsed)
            series.cpu_ms.append(cpu)

    async def loop(
        self,
        case: str,
        key: Callable[[int], str],
        *,
        before: Callable[[int], Awaitable[None]] | None = None,
        after: Callable[[int], Awaitable[None]] | None = None,
        warmup: int = WARMUP,
    ) -> None:
        for i in range(warmup + self.repeat):
            if before is not None:
                await before(i)
            await self.timed(case, key(i), record=i >= warmup)
            if after is not None:
                await after(i)

    # the app's state

    @property
    def main(self) -> MainScreen:
        screen = self.app.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def scoring(self) -> ScoringPane:
        pane = self.main.pane("scoring")
        assert isinstance(pane, ScoringPane)
        return pane

    def table(self, tab: str) -> VirtualTable:
        return self.main.pane(tab).query_one(f"#{tab}-table", VirtualTable)

    def focused_on(self, widget: object) -> None:
        focused = self.app.screen.focused
        assert focused is widget, f"{self.dataset}: focus on {focused!r}, not {widget!r}"

    async def saved(self) -> None:
        """Untimed: until the save queue has written every score key (they do not wait)."""
        while not self.app.saves.idle():
            await self.pilot.pause(0.002)

    def stored_score(self) -> int | None:
        state = self.app.state
        assert state.team_id is not None
        assert state.programme_id is not None
        found = self.app.repository.assessment_for(state.team_id, state.programme_id)
        assert found is not None
        return found.rating(self.app.assessor, CRITERION_KEYS[-1]).score

    # the cases

    async def run(self) -> None:
        await self.pilot.pause()
        await self.catalogue_down()
        await self.search_one_character()
        await self.teams_down()
        await self.score_and_undo()
        await self.tabs_after_change()
        await self.assessment_picker()

    async def down_in(self, tab: str, case: str) -> None:
        table = self.table(tab)
        self.focused_on(table)

        async def wrap(i: int) -> None:
            if table.cursor >= len(table.rows) - 1:  # the last row: back to the top, untimed
                await self.press("home")

        await self.loop(case, lambda i: "down", before=wrap)
        assert table.cursor > 0

    async def catalogue_down(self) -> None:
        assert self.main.active_tab == "catalogue"
        await self.down_in("catalogue", BASELINE)

    async def search_one_character(self) -> None:
        await self.press("slash")
        search = self.main.pane("catalogue").query_one("#catalogue-search")
        self.focused_on(search)
        letters = "aeiourstnl"

        async def erase(i: int) -> None:
            assert getattr(search, "value", None) == letters[i % len(letters)]
            await self.press("backspace")

        await self.loop(
            "one character in the Catalogue search", lambda i: letters[i % 10], after=erase
        )
        await self.press("escape")  # back to the table
        self.focused_on(self.table("catalogue"))

    async def teams_down(self) -> None:
        await self.press("f3")
        assert self.main.active_tab == "teams"
        await self.down_in("teams", "Down in the Teams table")

    async def score_and_undo(self) -> None:
        await self.press("f4")
        assert self.main.active_tab == "scoring"
        scoring = self.scoring
        await self.press("end")  # the last criterion: a score key leaves the cursor there
        scoring.undo_steps.clear()
        scores = "34"

        async def check(i: int) -> None:
            await self.saved()
            assert self.stored_score() == int(scores[i % 2])

        await self.loop("score key on the Scoring tab (save)", lambda i: scores[i % 2], after=check)
        assert len(scoring.undo_steps) == WARMUP + self.repeat

        async def undone(i: int) -> None:
            await self.saved()
            assert len(scoring.undo_steps) == WARMUP + self.repeat - i - 1

        await self.loop("ctrl+z undo (save)", lambda i: "ctrl+z", after=undone)

    async def tabs_after_change(self) -> None:
        async def change(i: int) -> None:
            assert self.main.active_tab == "scoring"
            score = "3" if self.stored_score() != 3 else "4"
            await self.press(score)  # untimed save: Teams and Catalogue go stale
            await self.saved()
            assert self.stored_score() == int(score)

        for i in range(WARMUP + self.repeat):
            record = i >= WARMUP
            await change(i)
            await self.timed("F3 to Teams after a save (rebuild)", "f3", record=record)
            assert self.main.active_tab == "teams"
            await self.timed("F2 to Catalogue after a save (rebuild)", "f2", record=record)
            assert self.main.active_tab == "catalogue"
            await self.timed("F4 back to Scoring (up to date)", "f4", record=record)
            assert self.main.active_tab == "scoring"

    async def assessment_picker(self) -> None:
        for i in range(WARMUP + self.repeat):
            record = i >= WARMUP
            await self.timed('"o": open the assessment picker', "o", record=record)
            assert isinstance(self.app.screen, PickerDialog)
            await self.timed("Escape: close the picker", "escape", record=record)
            assert not isinstance(self.app.screen, PickerDialog)


# the data and the app


def make_file(kind: str, folder: Path) -> tuple[Path, str]:
    """A data file and how the table names it."""
    path = folder / f"keys-{kind}.json"
    if kind == "sample":
        snapshot = open_repository(path, empty=False).snapshot()
        counts = len(snapshot.assessments), len(snapshot.teams), len(snapshot.programmes)
    else:
        size = int(kind)
        options = LARGE if size > SMALL_SIZE else {}
        dataset = build_dataset(size, **options)
        path.write_bytes(dumps(dataset.raw()))
        counts = len(dataset.assessments), len(dataset.teams), len(dataset.programmes)
    name = "sample" if kind == "sample" else f"{int(kind):,}"
    assessments, teams, programmes = counts
    label = f"{name}: {assessments:,} assessments, {teams:,} teams, {programmes:,} programmes"
    return path, label


async def measure(path: Path, label: str, folder: Path, repeat: int, profile: bool) -> Bench:
    themes, _ = load_themes()
    app = WorkbenchApp(
        Repository(path, author="bench@host"),
        lang="en",
        assessor="claire",
        today=TODAY,
        themes=themes,
        settings_path=folder / "config.json",
        watch_interval=0,
    )
    app.animation_level = "none"  # as TEXTUAL_ANIMATIONS=none: no 0.3 s tab underline slide
    async with app.run_test(size=SIZE) as pilot:
        bench = Bench(app, pilot, label, repeat)
        bench.profile_cases = profile
        await bench.run()
    return bench


# reporting


def table(series: Sequence[Series]) -> str:
    lines = [
        "| data | key | median ms | p90 ms | ratio to baseline | CPU median ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in series:
        baseline = next(s for s in series if s.dataset == row.dataset and s.case == BASELINE)
        lines.append(
            f"| {row.dataset} | {row.case} | {fmt(row.median)} | {fmt(row.p90)} | "
            f"{row.median / baseline.median:.2f} | {fmt(row.cpu)} |"
        )
    return "\n".join(lines)


def profiles_text(bench: Bench, limit: int) -> str:
    out = io.StringIO()
    for case, profiler in bench.profiles.items():
        for order in ("cumulative", "tottime"):
            out.write(f"\n## cProfile: {case} ({bench.dataset}), by {order}\n\n")
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats(order).print_stats(limit)
    return out.getvalue()


def write_report(output: Path, report: str) -> None:
    """Replace the latest run; keep what follows ``KEPT`` (earlier runs, kept by hand)."""
    kept = ""
    if output.exists():
        previous = output.read_text(encoding="utf-8")
        if KEPT in previous:
            kept = previous[previous.index(KEPT) + len(KEPT) :].lstrip("\n")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(f"{report}\n{KEPT}\n\n{kept}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="sample,1000,10000", help="'sample' and/or counts")
    parser.add_argument("--repeat", type=int, default=30, help="timed presses per case")
    parser.add_argument("--dir", type=Path, help="where to build the files (default: a temp dir)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown results file")
    parser.add_argument(
        "--profile", action="store_true", help="print cProfile of each case at the last size"
    )
    parser.add_argument("--profile-lines", type=int, default=25, help="functions per profile")
    args = parser.parse_args(argv)
    kinds = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if args.repeat < 1 or not kinds or any(k != "sample" and not k.isdigit() for k in kinds):
        parser.error("--repeat must be positive, --sizes 'sample' or whole numbers")

    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="wb-keys-bench-", dir=args.dir))
    os.environ["WORKBENCH_CONFIG"] = str(folder / "config.json")
    os.environ["WORKBENCH_DB"] = str(folder / "default.json")
    series: list[Series] = []
    profiles = ""
    try:
        for n, kind in enumerate(kinds):
            print(f"building {kind}...", file=sys.stderr)
            path, label = make_file(kind, folder)
            print(f"measuring {label}...", file=sys.stderr)
            profile = args.profile and n == len(kinds) - 1
            bench = asyncio.run(measure(path, label, folder, args.repeat, profile))
            series += bench.series.values()
            if profile:
                profiles = profiles_text(bench, args.profile_lines)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    total = time.perf_counter() - started

    report = "\n".join(
        [
            "# Keys benchmark",
            "",
            f"- date: {datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"- machine: {machine()}",
            f"- app: WorkbenchApp under the headless Pilot, {SIZE[0]}x{SIZE[1]}, "
            "TEXTUAL_ANIMATIONS=none",
            f"- timed: `await pilot.press(key)` + `await pilot.pause()`, {args.repeat} times per "
            f"case after {WARMUP} untimed presses; whole run {total:.0f} s",
            "- baseline: Down in the Catalogue table (no I/O), same app, same run; the "
            "Pilot's idle waits (three of at least 20 ms each) are in every figure",
            "- CPU: `time.process_time()` over the same span: the work done, without the "
            "waits and without other processes' share of the cores",
            "",
            table(series),
            "",
        ]
    )
    print(report)
    if profiles:
        print(profiles)
    write_report(args.output, report)
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
