"""`make bench`: the figures of issue 22, each against a baseline measured in the same run.

On the sample data and on a large organisation (``large_org.py``: 500 teams, 40
programmes, 20,000 assessments, 300 pilots), each figure alternating with its baseline
(A B A B), median, p90, ratio and the issue's target:

- ``startup`` (``startup_figures.py``): launch to the first painted screen in a private
  80x24 tmux, against a bare four-tab Textual app; the workbench's peak RSS (VmHWM);
- ``tmuxkeys`` (``tmux_keys.py``): keys in that real terminal, key to the last byte of the
  redraw (tmux control mode): Down in the Catalogue and the Teams list against a bare
  ``DataTable``'s Down, the programme form against the same Down, a score key at 20,000
  assessments (at most 50 ms) next to a bare digit updating a ``Static``;
- ``cli`` (``cli_figures.py``): ``check``, ``export``, ``report``, ``memo`` and quitting
  the app on the large file, each against a fresh process's cold load of the file;
- ``storage``: one save against the floor of any whole-file save; a reload and a cold load
  against ``orjson.loads``;
- on demand: ``keys`` (issue 13's keys under the headless Pilot, below; ``forms_bench.py``
  and ``portfolio_bench.py`` use its code), ``--portfolio`` (``portfolio_bench.py``) and
  ``--compare`` (``compare_bench.py``).

Writes ``results/latest.md`` (one table: figure, median, p90, baseline, ratio, target,
holds) and ``results/latest.json`` (every sample, the load average). Progress on stderr.

    python benchmarks/run.py [--quick] [--only startup,tmuxkeys,cli,storage,keys]
                             [--repeat 30] [--startup-runs 7] [--cli-runs 5] [--scale 1.0]
                             [--quiet-ms 100] [--before REV,...] [--portfolio] [--compare]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import hashlib
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson
from bare_apps import BareKeysApp
from cli_figures import file_facts, measure_cli
from figures import Figures, table
from large_org import Counts
from large_org import write as write_large_org
from startup_figures import MARKERS, measure_startup, progress
from storage_bench import machine
from tmux_keys import measure_tmux_keys

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
CACHE = Path(tempfile.gettempdir()) / "wb-bench-cache"
SIZE = (80, 24)
WARMUP = 2
TODAY = date(2026, 12, 2)
KEY_MEDIAN_TARGET = 1.5
KEY_P90_TARGET = 3.0
FORM_TARGET = 2.0
SAVE_TARGET = 1.5
PARTS = ("startup", "tmuxkeys", "cli", "storage", "keys")
DEFAULT_PARTS = "startup,tmuxkeys,cli,storage"


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
        "sample": (sample, "sample data (as a new data file holds it)"),
        "large": (
            large,
            f"large organisation ({counts.programmes} programmes, {counts.teams:,} teams, "
            f"{counts.assessments:,} assessments, {counts.pilots} pilots, {megabytes:.0f} MB)",
        ),
    }


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
    from workbench.ui.main_screen import MainScreen
    from workbench.ui.teams.form import TeamForm
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
                baseline="save floor (dumps + write + fsync + os.replace)",
                target=SAVE_TARGET,
            )
            figures.add(
                "storage",
                data,
                "save floor (dumps + write + fsync + os.replace)",
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
            floor = "orjson.loads of the same bytes"
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


def methods(meta: dict[str, Any]) -> list[str]:
    """How the parts that ran measured, one line each."""
    parts = meta["parts"].split(", ")
    found = []
    if "startup" in parts:
        found.append(
            f"- start-up: {meta['startup_runs']} launches of each, alternating with the bare "
            "app, in a private tmux 80x24, `capture-pane` every 10 ms until a programme of the "
            "first rows shows"
        )
    if "tmuxkeys" in parts:
        found.append(
            f"- tmux keys: {meta['repeat']} timed keys of each app (after {WARMUP} untimed), "
            "the workbench and the bare app in turn, in one tmux 80x24; from `send-keys` "
            "(through a control-mode client) to the last byte of the pane's `%output` burst, "
            f"which ends when the pane stays quiet {meta['quiet_ms']:g} ms (the first byte in "
            "brackets); both apps settled (no output, no processor time) before each key"
        )
    if "cli" in parts:
        found.append(
            f"- command line: {meta['cli_runs']} runs of each process (after an untimed one), "
            "each followed by the cold load; quitting: every tab shown, then ctrl+q in tmux to the "
            "process's exit"
        )
    if "storage" in parts:
        found.append("- storage: saves and loads in this process, each followed by its floor")
    if "keys" in parts:
        found.append(
            f"- keys: headless Pilot 80x24, `press` + `pause`, {meta['rounds']} rounds "
            "alternating the workbench and the bare app (issue 13)"
        )
    return found


def markdown(figures: Figures, meta: dict[str, Any]) -> str:
    held, measured = figures.summary()
    quick = f" (QUICK run: fewer samples, scale {meta['scale']:g})" if meta["quick"] else ""
    lines = [
        f"# Benchmark: issue 22's figures{quick}",
        "",
        f"- date: {meta['date']}; whole run {meta['seconds']:.0f} s; parts: {meta['parts']}",
        f"- machine: {meta['machine']}; load average {meta['load_before']} at the start, "
        f"{meta['load_after']} at the end (other sessions share the cores)",
        f"- versions: {meta['versions']}",
        f"- data: {'; '.join(meta['data'].values())}",
        *methods(meta),
        "- ratio: median / the baseline's median; a target holds when the median is within it",
        "",
        *table(figures),
        "",
        f"Targets that hold: {held} of {measured}.",
    ]
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
    writer = "import sys, pathlib; from workbench.cli import open_repository; "
    writer += "open_repository(pathlib.Path(sys.argv[1]), empty=False)"
    # run in the tree: from the checkout, "" on sys.path would import today's package
    subprocess.run([sys.executable, "-c", writer, str(sample)], env=env, check=True, cwd=tree)
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
    parser.add_argument("--quick", action="store_true", help="fewer samples, a smaller file")
    parser.add_argument("--only", default=DEFAULT_PARTS, help=f"parts: {', '.join(PARTS)}")
    parser.add_argument("--repeat", type=int, help="timed keys per case (30), saves (50)")
    parser.add_argument("--startup-runs", type=int, help="launches of each app (default 7)")
    parser.add_argument("--cli-runs", type=int, help="runs of each command (default 5)")
    parser.add_argument("--scale", type=float, help="large organisation size (default 1)")
    parser.add_argument(
        "--quiet-ms", type=float, default=100, help="silence that ends a redraw (tmux keys)"
    )
    parser.add_argument("--rounds", type=int, default=2, help="alternations (--only keys)")
    parser.add_argument(
        "--before",
        metavar="REV[,REV...]",
        default="",
        help="also start these commits' workbench (start-up and its peak RSS only)",
    )
    parser.add_argument("--portfolio", action="store_true", help="also portfolio_bench.py")
    parser.add_argument("--compare", action="store_true", help="also compare_bench.py (long)")
    for gone in ("--no-compare", "--no-portfolio"):  # the default since issue 22
        parser.add_argument(gone, action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results folder")
    parser.add_argument(
        "--name", help="the results' file name, .md and .json (default: latest, or quick)"
    )
    args = parser.parse_args(argv)
    repeat = args.repeat or (8 if args.quick else 30)
    startup_runs = args.startup_runs or (3 if args.quick else 7)
    cli_runs = args.cli_runs or (2 if args.quick else 5)
    scale = args.scale or (0.25 if args.quick else 1.0)
    parts = [part.strip() for part in args.only.split(",") if part.strip()]
    if min(repeat, startup_runs, cli_runs, args.rounds) < 1 or not set(parts) <= set(PARTS):
        parser.error(f"counts must be positive; --only takes: {', '.join(PARTS)}")
    if {"startup", "tmuxkeys", "cli"} & set(parts) and shutil.which("tmux") is None:
        parser.error("the start-up, tmux keys and command-line figures need tmux")

    started = time.perf_counter()
    load_before = load_average()
    figures = Figures()
    folder = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    os.environ["WORKBENCH_CONFIG"] = str(folder / "config.json")
    os.environ["WORKBENCH_DB"] = str(folder / "default.json")
    env = {
        "WORKBENCH_CONFIG": str(folder / "config.json"),
        "TEXTUAL_ANIMATIONS": "none",
        "PYTHONPATH": str(ROOT),
    }
    extra: list[str] = []
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
        for part in parts:
            if part == "startup":
                measure_startup(figures, files, folder, startup_runs, earlier)
            elif part == "tmuxkeys":
                rows = {
                    data: file_facts(path, {**os.environ, **env}, folder)
                    for data, (path, _) in files.items()
                }
                measure_tmux_keys(
                    figures,
                    files,
                    {
                        data: {k: int(facts[k]) for k in ("programmes", "teams")}
                        for data, facts in rows.items()
                    },
                    presses=repeat,
                    quiet=args.quiet_ms / 1000,
                    env=env,
                    folder=folder,
                    markers=MARKERS,
                    progress=progress,
                )
            elif part == "cli":
                measure_cli(
                    figures,
                    files["large"][0],
                    "large",
                    MARKERS["large"],
                    runs=cli_runs,
                    env=env,
                    folder=folder,
                    progress=progress,
                )
            elif part == "storage":
                measure_storage(figures, files, args.repeat or (10 if args.quick else 50))
            elif part == "keys":
                measure_keys(figures, files, repeat, args.rounds)
        if args.portfolio:
            progress("portfolio_bench.py (the portfolio's solver, its own process)...")
            command = [sys.executable, str(HERE / "portfolio_bench.py")]
            command += ["--output", str(args.output), "--app", str(files["large"][0])]
            done = subprocess.run([*command, *(["--quick"] if args.quick else [])], check=False)
            extra.append(
                "portfolio_bench.py: see `portfolio.md`"
                if done.returncode == 0
                else f"portfolio_bench.py failed (exit {done.returncode})"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.compare:
        progress("compare_bench.py (the Compare tab, its own process)...")
        done = subprocess.run(
            [sys.executable, str(HERE / "compare_bench.py"), "--output", str(args.output)],
            check=False,
        )
        extra.append(
            "compare_bench.py: see `compare.md`"
            if done.returncode == 0
            else f"compare_bench.py failed (exit {done.returncode})"
        )
    meta = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": time.perf_counter() - started,
        "quick": args.quick,
        "parts": ", ".join(parts),
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_average(),
        "versions": versions(),
        "data": {name: label for name, (_, label) in files.items()},
        "startup_runs": startup_runs,
        "repeat": repeat,
        "cli_runs": cli_runs,
        "quiet_ms": args.quiet_ms,
        "rounds": args.rounds,
        "scale": scale,
        "before": args.before,
        "also": extra,
    }
    report = markdown(figures, meta)
    if extra:
        report += "\n" + "\n".join(f"- {line}" for line in extra) + "\n"
    print(report)
    args.output.mkdir(parents=True, exist_ok=True)
    name = args.name or ("quick" if args.quick else "latest")
    (args.output / f"{name}.md").write_text(report, encoding="utf-8")
    (args.output / f"{name}.json").write_bytes(
        orjson.dumps({"meta": meta, "figures": figures.json_rows()}, option=orjson.OPT_INDENT_2)
    )
    progress(f"written to {args.output}/{name}.md and the JSON beside it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
