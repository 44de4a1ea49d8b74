"""How fast the Compare tab paints and scrolls with 500 teams, 40 programmes, 20,000 assessments.

Builds, with the storage benchmark's generator (``storage_bench.build_dataset``), an
organisation of 500 teams and 40 programmes, each team assessed on every programme (20,000
assessments, two assessors each; the tab opens on a programme with 500 columns), writes it in
a temporary folder and opens ``WorkbenchApp`` headless. A bare Textual app (one binding that
updates one ``Static``) runs at the same time in the same event loop: each workbench sample
is followed by a baseline sample, so both see the same load.

Each sample is one key, timed three ways:

- **frame**: from the key to the first frame drawn after the Compare view rendered its lines
  (``App._display`` after the grid's or the bars' ``render_line``): what the user sees;
  for the baseline, the first frame after the key;
- **idle**: ``await pilot.press(key)`` + ``await pilot.pause()`` (every message handled,
  background work included: the Pilot also waits for every widget, so a screen of 140
  widgets pays more than the bare app's three);
- **CPU**: ``time.process_time()`` over the idle span (the work done, without waits).

Cases: F6 (a tab switch, for scale); F5 the first time; F5 after a colleague's save of one
score on the programme shown (the tab rebuilds) and on another programme (it does not); F5
with every cache emptied; right (one team sideways); pagedown; b (the bar view) and b back.
At 120x40 and 80x24. Machines are noisy: medians and p90 and ratios to the baseline.

    python benchmarks/compare_bench.py [--teams 500] [--programmes 40] [--per-team 40]
                                       [--repeat 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar

from storage_bench import Dataset, build_dataset, fmt, machine
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from workbench.core import robustness
from workbench.core.assessment import Assessment, Rating
from workbench.storage.datafile import dumps
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.compare.pane import ComparePane
from workbench.ui.main_screen import MainScreen
from workbench.ui.messages import DataChanged
from workbench.ui.panes.pane import Evaluations
from workbench.ui.themes import load_themes

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = ((120, 40), (80, 24))
WARMUP = 2
TODAY = date(2026, 11, 23)
BASELINE = "BASELINE: a key in a bare Textual app"


@dataclass(slots=True)
class Series:
    size: str
    case: str
    frame_ms: list[float] = field(default_factory=list)
    idle_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)

    @staticmethod
    def median_of(values: list[float]) -> float:
        return statistics.median(values) if values else float("nan")

    @staticmethod
    def p90_of(values: list[float]) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


class BareApp(App[None]):
    """The baseline: one key, one widget updated."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("right", "step", "step")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("0", id="count")

    def action_step(self) -> None:
        self.count += 1
        self.query_one("#count", Static).update(str(self.count))


class Frames:
    """When an app drew its frames, and when the watched widgets last rendered a line."""

    def __init__(self, app: App[Any]) -> None:
        self.frames: list[float] = []
        self.rendered: list[float] = []
        display = app._display

        def timed_display(screen: object, renderable: object) -> None:
            if renderable is not None:
                self.frames.append(time.perf_counter())
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = timed_display  # type: ignore[method-assign]

    def watch(self, widget: Widget) -> None:
        render_line = widget.render_line

        def timed_render_line(y: int) -> Strip:
            self.rendered.append(time.perf_counter())
            return render_line(y)

        widget.render_line = timed_render_line  # type: ignore[method-assign]

    def frame_after(self, start: float, *, rendered: bool) -> float:
        """The first frame after ``start`` (after the watched widgets drew, if asked)."""
        after = start
        if rendered:
            drawn = [t for t in self.rendered if t >= start]
            if not drawn:
                return float("nan")
            after = drawn[0]
        frames = [t for t in self.frames if t >= after]
        return (frames[0] - start) * 1000 if frames else float("nan")


async def timed(
    series: Series, pilot: Pilot[None], key: str, frames: Frames, *, rendered: bool
) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    await pilot.pause()
    series.idle_ms.append((time.perf_counter() - start) * 1000)
    series.cpu_ms.append((time.process_time() - cpu) * 1000)
    series.frame_ms.append(frames.frame_after(start, rendered=rendered))


@dataclass(slots=True)
class Bench:
    """The workbench and the bare app, open side by side; each sample of one is followed by
    a sample of the other."""

    pilot: Pilot[None]
    frames: Frames
    bare_pilot: Pilot[None]
    bare_frames: Frames
    count: int
    found: list[Series] = field(default_factory=list)
    baselines: dict[str, Series] = field(default_factory=dict)

    def baseline(self, size: str) -> Series:
        if size not in self.baselines:
            self.baselines[size] = Series(size, BASELINE)
            self.found.append(self.baselines[size])
        return self.baselines[size]

    async def case(
        self,
        size: str,
        name: str,
        key: str,
        *,
        before: Callable[[], Awaitable[None]] | None = None,
        after: Callable[[], Awaitable[None]] | None = None,
        count: int | None = None,
        rendered: bool = True,
        warmup: int = WARMUP,
    ) -> Series:
        series = Series(size, name)
        self.found.append(series)
        for i in range(warmup + (count or self.count)):
            if before is not None:
                await before()
            target = series if i >= warmup else Series(size, "warm-up")
            await timed(target, self.pilot, key, self.frames, rendered=rendered)
            if after is not None:
                await after()
            if i >= warmup:
                base = self.baseline(size)
                await timed(base, self.bare_pilot, "right", self.bare_frames, rendered=False)
        return series


async def measure(
    path: Path, folder: Path, count: int, teams: int
) -> tuple[list[Series], dict[str, int]]:
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
    app.animation_level = "none"
    bare = BareApp()
    bare.animation_level = "none"
    colleague = Repository(path, author="colleague@host")
    built: dict[str, int] = {}
    async with (
        app.run_test(size=SIZES[0]) as pilot,
        bare.run_test(size=SIZES[0]) as bare_pilot,
    ):
        await pilot.pause()
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        # Tabs are built when first shown: build this one in the app's own loop (its
        # widgets look up the running app), then measure its first showing as before.
        built_event = asyncio.Event()

        async def build() -> None:
            await main.build("compare")
            built_event.set()

        app.call_later(build)
        await built_event.wait()
        pane = main.pane("compare")
        assert isinstance(pane, ComparePane)
        frames = Frames(app)
        frames.watch(pane.side_by_side.grid)
        frames.watch(pane.query_one("#compare-bars", Widget))
        bench = Bench(pilot, frames, bare_pilot, Frames(bare), count)
        saves = 0

        async def away() -> None:
            await pilot.press("f2")
            await pilot.pause()
            assert main.active_tab == "catalogue"

        def save(on_screen: bool) -> None:
            nonlocal saves
            saves += 1
            snapshot = colleague.snapshot()
            programme = app.state.compare.programme_id
            chosen = next(
                a
                for a in snapshot.assessments.values()
                if (a.programme_id == programme) == on_screen
            )
            score = 1 + saves % 5
            colleague.update(
                Assessment,
                chosen.id,
                lambda a: a.with_rating(
                    "marc", "business_impact", Rating(score=score), at=datetime.now(UTC)
                ),
            )

        async def saved_on_screen() -> None:
            await away()
            save(True)
            main.post_message(DataChanged())
            await pilot.pause()

        async def saved_elsewhere() -> None:
            await away()
            save(False)
            main.post_message(DataChanged())
            await pilot.pause()

        async def cold() -> None:
            await away()
            app.evaluations = Evaluations()
            pane.data._compared.clear()
            pane.data.snapshot = None
            remembered = getattr(robustness, "_minimal_flips", None)  # the headlines' memory
            if remembered is not None:
                remembered.cache_clear()

        async def shown() -> None:
            assert main.active_tab == "compare"
            assert (
                pane.side_by_side.grid.source.column_count == teams
                or app.state.compare.view.value == "bars"
            )

        async def wrap() -> None:
            grid = pane.side_by_side.grid
            if grid.cursor_column >= grid.source.column_count - 1:
                await pilot.press("home")
                await pilot.pause()

        for width, height in SIZES:
            label = f"{width}x{height}"
            await pilot.resize_terminal(width, height)
            await bare_pilot.resize_terminal(width, height)
            await pilot.pause()
            if pane.data.snapshot is None:
                await away()
                await bench.case(
                    label, "F5, first time (the tab never shown)", "f5", count=1, warmup=0
                )
                await shown()
                built[f"{label}: cells built for the first paint"] = pane.side_by_side.grid.built
            await bench.case(
                label, "F6 to the Pilots tab (any tab switch)", "f6", before=away, rendered=False
            )
            await bench.case(
                label,
                "F5 after a colleague's save on the programme shown (rebuilt)",
                "f5",
                before=saved_on_screen,
                after=shown,
            )
            await bench.case(
                label,
                "F5 after a colleague's save on another programme (kept)",
                "f5",
                before=saved_elsewhere,
                after=shown,
                rendered=False,
            )
            await bench.case(
                label,
                f"F5 with every cache emptied ({teams} evaluations and headlines)",
                "f5",
                before=cold,
                after=shown,
                count=max(3, count // 4),
            )
            await pilot.press("home")
            await pilot.pause()
            await bench.case(label, "right: one team sideways", "right", before=wrap)
            await bench.case(label, "pagedown: a screen of teams sideways", "pagedown", before=wrap)
            built[f"{label}: cells built after the scrolling"] = pane.side_by_side.grid.built
            await bench.case(label, f"b: bar view of {teams} teams, then b back (both timed)", "b")
            bars = pane.query_one("#compare-bars")
            built[f"{label}: bar rows built"] = getattr(bars, "built", -1)
            if app.state.compare.view.value == "bars":
                await pilot.press("b")
                await pilot.pause()
    return bench.found, built


def organisation(teams: int, programmes: int, per_team: int) -> Dataset:
    """``build_dataset``, then each team that missed the first programme gets it instead of
    its first one: every team is on the programme the tab opens on."""
    dataset = build_dataset(teams * per_team, programme_count=programmes, per_team=per_team)
    first = dataset.programmes[0].id
    on_first = {a.team_id for a in dataset.assessments if a.programme_id == first}
    assessments = []
    for assessment in dataset.assessments:
        if assessment.team_id not in on_first:
            on_first.add(assessment.team_id)
            assessment = assessment.model_copy(update={"programme_id": first})
        assessments.append(assessment)
    return Dataset(len(assessments), dataset.programmes, dataset.teams, assessments)


def report(series: list[Series], built: dict[str, int], counts: str, total: float) -> str:
    lines = [
        "# Compare tab benchmark",
        "",
        f"- date: {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {machine()}",
        f"- data: {counts}, built with `storage_bench.build_dataset`, loaded through `Repository`",
        "- timed: each key under the headless Pilot (TEXTUAL_ANIMATIONS=none), "
        f"{WARMUP} untimed presses first; whole run {total:.0f} s",
        "- frame: key to the first frame drawn after the Compare view rendered its lines "
        "(what the user sees); idle: `pilot.press` + `pilot.pause` (all work done, background "
        "included, plus the Pilot's waits on every widget); CPU: `process_time` over idle",
        "- baseline: the same key in a bare Textual app (one binding, one `Static`) open in the "
        "same event loop, one baseline sample after each workbench sample (interleaved)",
        "- targets of the issue: the tab painted within 200 ms of F5; each scroll step "
        "within 1.5x the baseline key",
        "",
        "| size | case | n | frame median ms | frame p90 ms | frame ratio | idle median ms "
        "| idle p90 ms | idle ratio | CPU median ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in series:
        base = next(s for s in series if s.size == row.size and s.case == BASELINE)
        frame, idle = Series.median_of(row.frame_ms), Series.median_of(row.idle_ms)
        lines.append(
            f"| {row.size} | {row.case} | {len(row.idle_ms)} | {fmt(frame)} | "
            f"{fmt(Series.p90_of(row.frame_ms))} | "
            f"{frame / Series.median_of(base.frame_ms):.2f} | {fmt(idle)} | "
            f"{fmt(Series.p90_of(row.idle_ms))} | {idle / Series.median_of(base.idle_ms):.2f} | "
            f"{fmt(Series.median_of(row.cpu_ms))} |"
        )
    lines += ["", "Cells the grid built (the line API builds only what is on screen):", ""]
    lines += [f"- {name}: {value}" for name, value in built.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=500)
    parser.add_argument("--programmes", type=int, default=40)
    parser.add_argument("--per-team", type=int, default=40, help="assessments per team")
    parser.add_argument("--repeat", type=int, default=20, help="timed presses per case")
    parser.add_argument("--dir", type=Path, help="where to build the file (default: temp)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="folder of the results")
    args = parser.parse_args(argv)
    if min(args.teams, args.programmes, args.per_team, args.repeat) < 1:
        parser.error("--teams, --programmes, --per-team and --repeat must be positive")
    if args.per_team > args.programmes:
        parser.error("--per-team cannot exceed --programmes")
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="wb-compare-bench-", dir=args.dir))
    os.environ["WORKBENCH_CONFIG"] = str(folder / "config.json")
    os.environ["WORKBENCH_DB"] = str(folder / "default.json")
    try:
        print("building...", file=sys.stderr)
        dataset = organisation(args.teams, args.programmes, args.per_team)
        path = folder / "compare.json"
        path.write_bytes(dumps(dataset.raw()))
        counts = (
            f"{len(dataset.teams):,} teams, {len(dataset.programmes):,} programmes, "
            f"{len(dataset.assessments):,} assessments ({path.stat().st_size / 1e6:.0f} MB)"
        )
        print(f"measuring {counts}...", file=sys.stderr)
        series, built = asyncio.run(measure(path, folder, args.repeat, args.teams))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    series.sort(key=lambda s: (s.size != "120x40", s.case != BASELINE))
    total = time.perf_counter() - started
    text = report(series, built, counts, total)
    print(text)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "compare.md").write_text(text, encoding="utf-8")
    payload = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "data": counts,
        "series": [
            {
                **asdict(s),
                "frame_median_ms": Series.median_of(s.frame_ms),
                "frame_p90_ms": Series.p90_of(s.frame_ms),
                "idle_median_ms": Series.median_of(s.idle_ms),
                "idle_p90_ms": Series.p90_of(s.idle_ms),
                "cpu_median_ms": Series.median_of(s.cpu_ms),
            }
            for s in series
        ],
        "cells_built": built,
    }
    (args.output / "compare.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"written to {args.output}/compare.md and compare.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
