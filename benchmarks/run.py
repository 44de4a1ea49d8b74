"""`make bench`: every figure of issue 13, with its baseline measured in the same run.

On the sample data and on a large organisation (``large_org.py``: 500 teams, 40
programmes, 20,000 assessments, 300 pilots), alternating with the baselines (A B A B):

- start-up: launch to the first painted screen in a detached 80x24 tmux, against a bare
  four-tab Textual app; the workbench's peak RSS (VmHWM) at that moment and after every tab
  was shown;
- keys: key to screen under the headless Pilot at 80x24 (``await pilot.press(key)`` +
  ``await pilot.pause()``), median and p90, against the same key in a bare Textual app
  (``bare_apps.BareKeysApp``): Down in the Catalogue, a score key, a tab switch, the
  pickers (t, p, o on Scoring), the programme form and the team form;
- storage: one save (``Repository.update`` of one rating: lock, write, fsync, replace)
  against the floor (``dumps`` of the same data + write + fsync + ``os.replace``); a
  reload after another writer's save and a cold load, against ``orjson.loads`` of the
  same bytes; the peak RSS of a process that only loads the large file;
- then ``compare_bench.py`` (the Compare tab) and ``portfolio_bench.py`` (the portfolio's
  solver against the old search), each in its own process.

Writes ``results/bench.json`` (every sample) and ``results/latest.md`` (one table: each
figure, its ratio, the issue's target and whether it holds). Progress goes to stderr.

    python benchmarks/run.py [--quick] [--repeat 50] [--scale 1.0] [--before REV,...]
                             [--no-compare] [--no-portfolio] [--only startup,keys,storage]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import hashlib
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson
from bare_apps import BARE_MARKER, BARE_STARTUP_APP, BareKeysApp
from large_org import Counts
from large_org import write as write_large_org
from startup_bench import Tmux
from storage_bench import machine

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
CACHE = Path(tempfile.gettempdir()) / "wb-bench-cache"
SIZE = (80, 24)
WARMUP = 2
TODAY = date(2026, 12, 2)
POLL = 0.01
SAMPLE_MARKER = "AI Foundations"
LARGE_MARKER = "AI programme 0"

KEY_MEDIAN_TARGET = 1.5
KEY_P90_TARGET = 3.0
FORM_TARGET = 2.0
SAVE_TARGET = 1.5
STARTUP_TARGETS = {"sample": 1.3, "large": 2.0}
RSS_TARGET_MB = 300.0


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# figures


@dataclass(slots=True)
class Figure:
    section: str
    data: str
    name: str
    unit: str = "ms"
    samples: list[float] = field(default_factory=list)
    baseline: str | None = None
    """The name of the figure (same section and data) this one is divided by."""
    target: float | None = None
    """The most the median may be: a ratio to the baseline, or MB for a memory figure."""
    p90_target: float | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, math.ceil(0.9 * len(ordered)) - 1)]


class Figures:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str], Figure] = {}

    def add(self, section: str, data: str, name: str, value: float, **options: Any) -> Figure:
        key = (section, data, name)
        figure = self.items.get(key)
        if figure is None:
            figure = self.items[key] = Figure(section, data, name, **options)
        figure.samples.append(value)
        return figure

    def of(self, figure: Figure) -> Figure | None:
        if figure.baseline is None:
            return None
        return self.items.get((figure.section, figure.data, figure.baseline))

    def ratio(self, figure: Figure) -> tuple[float | None, float | None]:
        base = self.of(figure)
        if base is None or not base.samples or not figure.samples:
            return None, None
        return figure.median / base.median, figure.p90 / base.p90

    def holds(self, figure: Figure) -> bool | None:
        if figure.target is None:
            return None
        if figure.unit == "MB":
            return figure.median <= figure.target
        ratio, p90_ratio = self.ratio(figure)
        if ratio is None:
            return None
        ok = ratio <= figure.target
        if figure.p90_target is not None and p90_ratio is not None:
            ok = ok and p90_ratio <= figure.p90_target
        return ok


# the data files


def data_files(folder: Path, scale: float) -> dict[str, tuple[Path, str]]:
    """The sample data and the large organisation (cached between runs), each copied into
    ``folder``: the runs write to their copy, never to the cache."""
    from workbench.cli import open_repository

    sample = folder / "sample.json"
    open_repository(sample, empty=False)
    source = Path(__file__).with_name("large_org.py").read_bytes()
    digest = hashlib.sha256(source + repr(scale).encode()).hexdigest()[:12]
    cached = CACHE / f"large-org-{scale:g}-{digest}.json"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        progress(f"writing the large organisation (scale {scale:g}) to {cached}...")
        partial = cached.with_suffix(".partial.json")
        partial.unlink(missing_ok=True)
        write_large_org(partial, scale=scale)
        os.replace(partial, cached)
    large = folder / "large.json"
    shutil.copyfile(cached, large)
    counts = Counts.at(scale)
    megabytes = large.stat().st_size / 1e6
    return {
        "sample": (sample, "sample data (17 programmes, 6 teams, 8 assessments, 2 pilots)"),
        "large": (
            large,
            f"large organisation ({counts.programmes} programmes, {counts.teams:,} teams, "
            f"{counts.assessments:,} assessments, {counts.pilots} pilots, {megabytes:.0f} MB)",
        ),
    }


# start-up in tmux


def process_tree_peak_mb(root: int) -> float:
    """The largest VmHWM (peak resident set) among ``root`` and its descendants, in MB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    peak = 0.0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        except OSError:
            continue
    return peak


class Launcher:
    """Launches a command in a new window of the private tmux server, times the marker."""

    def __init__(self, tmux: Tmux, env: dict[str, str], timeout: float, cwd: Path) -> None:
        self.tmux = tmux
        self.cwd = str(cwd)
        self.env = env
        self.timeout = timeout
        self.count = 0

    def launch(self, command: list[str], extra_env: dict[str, str]) -> tuple[str, int, float]:
        self.count += 1
        name = f"w{self.count}"
        options = [
            item
            for key, value in {**self.env, **extra_env}.items()
            for item in ("-e", f"{key}={value}")
        ]
        shell_command = " ".join(shlex.quote(part) for part in command)
        start = time.perf_counter()
        pid = self.tmux.run(
            "new-window",
            "-d",
            "-P",
            "-F",
            "#{pane_pid}",
            "-n",
            name,
            "-c",
            self.cwd,  # not the checkout: `python -m` puts the current folder first
            *options,
            shell_command,
        ).strip()
        return f"{self.tmux.session}:{name}", int(pid), start

    def wait_for(self, target: str, marker: str, start: float) -> float:
        while True:
            screen = self.tmux.run("capture-pane", "-p", "-t", target)
            elapsed = time.perf_counter() - start
            if marker in screen:
                return elapsed * 1000
            dead = self.tmux.run("display-message", "-p", "-t", target, "#{pane_dead}").strip()
            if elapsed > self.timeout or dead not in ("", "0"):
                raise RuntimeError(f"{marker!r} not shown after {elapsed:.1f} s:\n{screen}")
            time.sleep(POLL)

    def steady(self, target: str, quiet: float = 1.5, limit: float = 60.0) -> None:
        """Wait until the screen stayed the same for ``quiet`` seconds."""
        last, since, start = "", time.perf_counter(), time.perf_counter()
        while time.perf_counter() - start < limit:
            screen = self.tmux.run("capture-pane", "-p", "-t", target)
            if screen != last:
                last, since = screen, time.perf_counter()
            elif time.perf_counter() - since >= quiet:
                return
            time.sleep(0.05)

    def close(self, target: str) -> None:
        self.tmux.run("kill-window", "-t", target, check=False)


def measure_startup(
    figures: Figures,
    files: dict[str, tuple[Path, str]],
    folder: Path,
    runs: int,
    earlier: dict[str, tuple[Path, dict[str, tuple[Path, str]]]],
) -> None:
    bare = folder / "bare_app.py"
    bare.write_text(BARE_STARTUP_APP, encoding="utf-8")
    env = {"WORKBENCH_CONFIG": str(folder / "config.json"), "TEXTUAL_ANIMATIONS": "none"}
    workbench = [sys.executable, "-m", "workbench.cli", "--db"]
    variants: list[tuple[str, dict[str, str], dict[str, tuple[Path, str]]]] = [
        ("workbench", {"PYTHONPATH": str(ROOT)}, {})
    ]
    for revision, (tree, own) in earlier.items():
        variants.append((f"workbench at {revision}", {"PYTHONPATH": str(tree)}, own))
    bare_name = "BASELINE: bare four-tab Textual app, first screen"
    with Tmux(*SIZE) as tmux:
        launcher = Launcher(tmux, env, timeout=120, cwd=folder)
        for run in range(runs + 1):  # run 0 warms the disk cache, untimed
            for data, (path, _) in files.items():
                marker = SAMPLE_MARKER if data == "sample" else LARGE_MARKER
                for label, extra, own in variants:
                    opened = own.get(data, (path, ""))[0]
                    target, pid, start = launcher.launch([*workbench, str(opened)], extra)
                    try:
                        ms = launcher.wait_for(target, marker, start)
                        peak = process_tree_peak_mb(pid)
                    finally:
                        launcher.close(target)
                    target, _, start = launcher.launch([sys.executable, str(bare)], {})
                    try:
                        bare_ms = launcher.wait_for(target, BARE_MARKER, start)
                    finally:
                        launcher.close(target)
                    if not run:
                        continue
                    progress(f"start-up {data} run {run}: {label} {ms:.0f} ms, bare {bare_ms:.0f}")
                    figures.add(
                        "start-up",
                        data,
                        f"{label}: first screen",
                        ms,
                        baseline=bare_name,
                        target=STARTUP_TARGETS[data] if label == "workbench" else None,
                    )
                    figures.add("start-up", data, bare_name, bare_ms)
                    if data == "large":
                        figures.add(
                            "memory",
                            data,
                            f"{label}: peak RSS at the first screen",
                            peak,
                            unit="MB",
                            target=RSS_TARGET_MB if label == "workbench" else None,
                        )
        # every tab shown once, on the large file: the most the workbench holds
        for data, (path, _) in files.items():
            if data != "large":
                continue
            for label, extra, own in variants:
                progress(f"peak RSS, every tab shown: {label}")
                opened = own.get(data, (path, ""))[0]
                target, pid, start = launcher.launch([*workbench, str(opened)], extra)
                try:
                    launcher.wait_for(target, LARGE_MARKER, start)
                    for key in ("F3", "F4", "F5", "F6", "F2"):
                        tmux.run("send-keys", "-t", target, key)
                        launcher.steady(target)
                    peak = process_tree_peak_mb(pid)
                finally:
                    launcher.close(target)
                figures.add(
                    "memory",
                    data,
                    f"{label}: peak RSS after every tab was shown",
                    peak,
                    unit="MB",
                    target=RSS_TARGET_MB if label == "workbench" else None,
                )


# keys under the headless Pilot


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
    from workbench.ui.catalogue.programme_form import ProgrammeForm
    from workbench.ui.dialogs.picker import PickerDialog
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


# storage


def floor_save(path: Path, raw: dict[str, Any]) -> None:
    """What any whole-file save costs: serialise, write, fsync, replace."""
    from workbench.storage.datafile import dumps

    content = dumps(raw)
    temp = path.with_name(path.name + ".floor-tmp")
    with open(temp, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def measure_storage(figures: Figures, files: dict[str, tuple[Path, str]], repeat: int) -> None:
    for data, (source, _) in files.items():
        storage_of(figures, data, source, repeat)


def storage_of(figures: Figures, data: str, source: Path, repeat: int) -> None:
    from workbench.core.assessment import Assessment, Rating
    from workbench.storage.repository import Repository

    path = source.with_name(f"storage-{data}.json")
    shutil.copyfile(source, path)
    floor_path = source.with_name(f"floor-{data}.json")
    shutil.copyfile(source, floor_path)
    writer = Repository(path, author="bench@host")
    ids = sorted(writer.snapshot().assessments)
    raw = orjson.loads(floor_path.read_bytes())
    content = path.read_bytes()
    count = 0

    def save(repository: Repository, assessor: str = "claire") -> None:
        nonlocal count
        count += 1
        record_id = ids[(count * 7919) % len(ids)]
        rating = Rating(score=1 + count % 5, reason=f"Benchmark save {count}")
        at = datetime.now(UTC)
        repository.update(
            Assessment,
            record_id,
            lambda a: a.with_rating(assessor, "business_impact", rating, at=at),
        )

    progress(f"storage {data}: saves and the save floor")
    loads = max(3, repeat // 5 if data == "large" else repeat)
    for i in range(WARMUP + repeat):
        start = time.perf_counter()
        save(writer)
        ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        floor_save(floor_path, raw)
        floor_ms = (time.perf_counter() - start) * 1000
        if i >= WARMUP:
            figures.add(
                "storage",
                data,
                "save one rating (lock, write, fsync, replace, backup)",
                ms,
                baseline="BASELINE: save floor (dumps + write + fsync + os.replace)",
                target=SAVE_TARGET,
            )
            figures.add(
                "storage",
                data,
                "BASELINE: save floor (dumps + write + fsync + os.replace)",
                floor_ms,
            )

    progress(f"storage {data}: reloads, cold loads and the parse floor")
    reader = Repository(path)
    reader.snapshot()
    other = Repository(path, author="other@host")
    for i in range(WARMUP + loads):
        save(other, "marc")
        start = time.perf_counter()
        reader.snapshot()
        reload_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        Repository(path).snapshot()
        cold_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        orjson.loads(content)
        parse_ms = (time.perf_counter() - start) * 1000
        if i >= WARMUP:
            floor = "BASELINE: orjson.loads of the same bytes"
            figures.add(
                "storage", data, "reload after another writer's save", reload_ms, baseline=floor
            )
            figures.add(
                "storage",
                data,
                "cold load (new Repository, first snapshot)",
                cold_ms,
                baseline=floor,
            )
            figures.add("storage", data, floor, parse_ms)
    del raw, content, reader, other, writer

    if data == "large":
        progress("storage large: peak RSS of a process that loads the file")
        script = (  # VmHWM: ru_maxrss would carry this big process's peak over exec
            "import sys; from pathlib import Path; "
            "from workbench.storage.repository import Repository; "
            "Repository(Path(sys.argv[1])).snapshot(); "
            "print([l.split()[1] for l in open('/proc/self/status') "
            "if l.startswith('VmHWM')][0])"
        )
        for _ in range(3):
            done = subprocess.run(
                [sys.executable, "-c", script, str(source)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            figures.add(
                "memory",
                data,
                "peak RSS of a process that only loads the file",
                int(done.stdout.strip()) / 1024,
                unit="MB",
            )


# reporting


def fmt(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def verdict(figures: Figures, figure: Figure) -> str:
    holds = figures.holds(figure)
    if holds is None:
        return ""
    return "yes" if holds else "**no**"


def target_text(figure: Figure) -> str:
    if figure.target is None:
        return ""
    if figure.unit == "MB":
        return f"< {figure.target:g} MB"
    text = f"≤ {figure.target:g}x"
    if figure.p90_target is not None:
        text += f", p90 ≤ {figure.p90_target:g}x"
    return text


SECTIONS = ("start-up", "keys", "storage", "memory")


def markdown(figures: Figures, meta: dict[str, Any]) -> str:
    lines = [
        "# Benchmark: speed at organisation scale (issue 13)",
        "",
        f"- date: {meta['date']}; whole run {meta['seconds']:.0f} s",
        f"- machine: {meta['machine']}; load average {meta['load_before']} at the start, "
        f"{meta['load_after']} at the end (other sessions share the cores)",
        f"- versions: {meta['versions']}",
        f"- data: {meta['data']['sample']}; {meta['data']['large']}",
        f"- start-up: {meta['startup_runs']} launches of each, alternating with the bare app, "
        "in a detached tmux 80x24, polled every 10 ms until a programme of the first rows shows",
        f"- keys: {meta['repeat']} timed presses per key (after {WARMUP} untimed ones) in "
        f"{meta['rounds']} rounds alternating the workbench and the bare app, headless Pilot "
        "80x24, `press` + `pause` (the Pilot's idle waits are in every figure, baseline too)",
        "- ratio: median / the baseline's median (p90 ratio: p90 / the baseline's p90); "
        "forms are held to 2x a key (the bare app's Down)",
        "",
        "| section | data | figure | median | p90 | ratio (p90) | target | holds |",
        "|---|---|---|---:|---:|---:|---|---|",
    ]
    ordered = sorted(
        figures.items.values(),
        key=lambda f: (SECTIONS.index(f.section), f.data != "sample", f.name.startswith("BASE")),
    )
    for figure in ordered:
        ratio, p90_ratio = figures.ratio(figure)
        ratio_text = "" if ratio is None else f"{ratio:.2f}"
        if p90_ratio is not None and figure.section == "keys":
            ratio_text += f" ({p90_ratio:.2f})"
        unit = " MB" if figure.unit == "MB" else ""
        lines.append(
            f"| {figure.section} | {figure.data} | {figure.name} | {fmt(figure.median)}{unit} | "
            f"{fmt(figure.p90)}{unit} | {ratio_text} | {target_text(figure)} | "
            f"{verdict(figures, figure)} |"
        )
    missed = [f for f in figures.items.values() if figures.holds(f) is False]
    lines += [
        "",
        f"Targets missed: {len(missed)} of "
        f"{sum(1 for f in figures.items.values() if f.target is not None)}.",
    ]
    if meta.get("compare"):
        lines += ["", f"The Compare tab: {meta['compare']}."]
    return "\n".join(lines) + "\n"


def versions() -> str:
    names = ("textual", "pydantic", "tinydb", "orjson")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return f"Python {platform.python_version()}, " + ", ".join(found)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


EXPORTED = ("workbench", "themes", "sample_data", "benchmarks")


def export_revision(revision: str, folder: Path) -> Path:
    """The workbench package of an earlier commit, to run with PYTHONPATH."""
    target = folder / f"at-{revision}"
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, *EXPORTED],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def files_of_revision(
    revision: str, tree: Path, files: dict[str, tuple[Path, str]], scale: float
) -> dict[str, tuple[Path, str]]:
    """The same data written by the earlier commit's own code: a newer schema is refused by
    older code, and an older file is migrated (written) by newer code."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    sample = files["sample"][0].with_name(f"sample-{revision}.json")
    make_sample = "import sys, pathlib; from workbench.cli import open_repository; "
    make_sample += "open_repository(pathlib.Path(sys.argv[1]), empty=False)"
    # run in the tree: from the checkout, "" on sys.path would import today's package
    subprocess.run([sys.executable, "-c", make_sample, str(sample)], env=env, check=True, cwd=tree)
    found = {"sample": (sample, files["sample"][1])}
    if "large" in files:
        cached = CACHE / f"large-org-{scale:g}-at-{revision}.json"
        if not cached.exists():
            progress(f"writing the large organisation of {revision} to {cached}...")
            partial = cached.with_suffix(".partial.json")
            partial.unlink(missing_ok=True)
            script = tree / "benchmarks" / "large_org.py"
            command = [sys.executable, str(script), str(partial), "--scale", f"{scale:g}"]
            subprocess.run(command, env=env, check=True, capture_output=True, cwd=tree)
            os.replace(partial, cached)
        large = files["large"][0].with_name(f"large-{revision}.json")
        shutil.copyfile(cached, large)
        found["large"] = (large, files["large"][1])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a smaller file")
    parser.add_argument("--repeat", type=int, help="timed presses and saves (default 50)")
    parser.add_argument("--rounds", type=int, default=2, help="workbench/bare alternations")
    parser.add_argument("--startup-runs", type=int, help="launches of each app (default 7)")
    parser.add_argument("--scale", type=float, help="large organisation size (default 1)")
    parser.add_argument(
        "--before",
        metavar="REV[,REV...]",
        default="",
        help="also start these commits' workbench (start-up and its peak RSS only)",
    )
    parser.add_argument("--only", default="startup,keys,storage", help="parts to run")
    parser.add_argument("--no-compare", action="store_true", help="skip compare_bench.py")
    parser.add_argument(
        "--no-portfolio", action="store_true", help="skip portfolio_bench.py (the solver)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results folder")
    parser.add_argument(
        "--name", help="the results' file name, .md and .json (default: latest, or quick)"
    )
    args = parser.parse_args(argv)
    repeat = args.repeat or (10 if args.quick else 50)
    startup_runs = args.startup_runs or (3 if args.quick else 7)
    scale = args.scale or (0.25 if args.quick else 1.0)
    parts = {part.strip() for part in args.only.split(",") if part.strip()}
    if (
        repeat < 1
        or startup_runs < 1
        or args.rounds < 1
        or not parts
        <= {
            "startup",
            "keys",
            "storage",
        }
    ):
        parser.error(
            "--repeat, --startup-runs and --rounds must be positive; --only: startup, keys, storage"
        )
    if "startup" in parts and shutil.which("tmux") is None:
        parser.error("the start-up figures need tmux (apt install tmux)")

    started = time.perf_counter()
    load_before = load_average()
    figures = Figures()
    folder = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    os.environ["WORKBENCH_CONFIG"] = str(folder / "config.json")
    os.environ["WORKBENCH_DB"] = str(folder / "default.json")
    compare_summary = ""
    try:
        files = data_files(folder, scale)
        revisions = [rev.strip() for rev in args.before.split(",") if rev.strip()]
        trees = {rev: export_revision(rev, folder) for rev in revisions}
        earlier = {
            rev: (tree, files_of_revision(rev, tree, files, scale)) for rev, tree in trees.items()
        }
        # as an installed package: bytecode compiled once (PYTHONDONTWRITEBYTECODE may be set)
        for tree in (ROOT, *trees.values()):
            compileall.compile_dir(tree / "workbench", quiet=1)
        if "startup" in parts:
            measure_startup(figures, files, folder, startup_runs, earlier)
        if "storage" in parts:
            measure_storage(figures, files, repeat)
        if "keys" in parts:
            measure_keys(figures, files, repeat, args.rounds)
        if not args.no_portfolio:
            progress("portfolio_bench.py (the portfolio's solver, its own process)...")
            command = [sys.executable, str(HERE / "portfolio_bench.py")]
            command += ["--output", str(args.output), "--app", str(files["large"][0])]
            done = subprocess.run([*command, *(["--quick"] if args.quick else [])], check=False)
            if done.returncode != 0:
                progress(f"portfolio_bench.py failed (exit {done.returncode})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not args.no_compare and not args.quick:
        progress("compare_bench.py (the Compare tab, its own process)...")
        done = subprocess.run(
            [sys.executable, str(HERE / "compare_bench.py"), "--output", str(args.output)],
            check=False,
        )
        compare_summary = (
            "see `compare.md` (compare_bench.py, run just after)"
            if done.returncode == 0
            else f"compare_bench.py failed (exit {done.returncode})"
        )
    meta = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "seconds": time.perf_counter() - started,
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_average(),
        "versions": versions(),
        "data": {name: label for name, (_, label) in files.items()},
        "startup_runs": startup_runs,
        "repeat": repeat,
        "rounds": args.rounds,
        "scale": scale,
        "before": args.before,
        "compare": compare_summary,
    }
    report = markdown(figures, meta)
    print(report)
    args.output.mkdir(parents=True, exist_ok=True)
    name = args.name or ("quick" if args.quick else "latest")
    (args.output / f"{name}.md").write_text(report, encoding="utf-8")
    rows = []
    for figure in figures.items.values():
        ratio, p90_ratio = figures.ratio(figure)
        rows.append(
            {
                **asdict(figure),
                "median": figure.median,
                "p90": figure.p90,
                "ratio": ratio,
                "p90_ratio": p90_ratio,
                "holds": figures.holds(figure),
            }
        )
    (args.output / f"{name}.json").write_bytes(
        orjson.dumps({"meta": meta, "figures": rows}, option=orjson.OPT_INDENT_2)
    )
    progress(f"written to {args.output}/{name}.md and the JSON beside it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
