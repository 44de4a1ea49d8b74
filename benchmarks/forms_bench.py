"""How long the forms and pickers take to open, against the bare app, alternating (issue 13).

The same cases as ``run.py --only keys`` for the forms and pickers alone: ``e`` on the
Catalogue (the programme form), ``e`` on the Teams tab (the team form), ``t``, ``p`` and
``o`` on the Scoring tab (the pickers), each followed by Escape (untimed); then the bare
app's Down, its modal of eight Inputs and its modal OptionLists as long as the pickers.
The workbench and the bare app alternate ``--rounds`` times; the table gives each
median, p90 and the ratio to the bare Down (forms) or to the bare OptionList (pickers).

    python benchmarks/forms_bench.py [--data sample,large] [--repeat 30] [--rounds 3]
                                     [--scale 0.2] [--profile FOLDER]

``--profile``: a pyinstrument profile (HTML and text) of every workbench case, written to
FOLDER (pip install pyinstrument; not a dependency of the workbench).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from figures import fmt
from run import (
    BARE_DOWN,
    BARE_FORM,
    CASES,
    SIZE,
    Figures,
    KeyCase,
    Presser,
    bare_picker,
    bench_app,
    data_files,
    progress,
)

FORM_CASES = ("programme_form", "team_form", "t", "p", "o")


class CpuPresser(Presser):
    """A ``Presser`` that also records the process's CPU time of each timed press (the work
    done, without the waits and the other processes' share of the cores)."""

    async def timed(self, name: str, key: str, record: bool, **options: Any) -> None:
        cpu = time.process_time()
        await super().timed(name, key, record, **options)
        if record:
            self.figures.add("cpu", self.data, name, (time.process_time() - cpu) * 1000)


class Profiled(CpuPresser):
    """A ``CpuPresser`` that profiles the timed presses of each case (pyinstrument)."""

    def __init__(self, pilot: Any, figures: Figures, data: str, folder: Path | None) -> None:
        super().__init__(pilot, figures, data)
        self.folder = folder
        self.profilers: dict[str, Any] = {}

    async def timed(self, name: str, key: str, record: bool, **options: Any) -> None:
        if self.folder is None or not record:
            await super().timed(name, key, record, **options)
            return
        from pyinstrument import Profiler

        profiler = self.profilers.setdefault(name, Profiler(interval=0.001, async_mode="disabled"))
        profiler.start()
        await super().timed(name, key, record, **options)
        profiler.stop()

    def write(self) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, profiler in self.profilers.items():
            stem = f"{self.data}-{name.split(':')[0].strip()}-{len(name)}"
            (self.folder / f"{stem}.html").write_text(profiler.output_html(), encoding="utf-8")
            (self.folder / f"{stem}.txt").write_text(
                profiler.output_text(unicode=True, show_all=False), encoding="utf-8"
            )
            if profiler.last_session is not None:
                profiler.last_session.save(self.folder / f"{stem}.pyisession")


async def workbench_forms(
    path: Path, figures: Figures, data: str, presses: int, profile: Path | None
) -> None:
    from workbench.ui.catalogue.programme_form import ProgrammeForm
    from workbench.ui.dialogs.picker import PickerDialog
    from workbench.ui.main_screen import MainScreen
    from workbench.ui.teams.form import TeamForm
    from workbench.ui.widgets.virtual_table import VirtualTable

    app = bench_app(path)
    async with app.run_test(size=SIZE) as pilot:
        p = Profiled(pilot, figures, data, profile)
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)

        def table(tab: str) -> VirtualTable:
            return main.pane(tab).query_one(f"#{tab}-table", VirtualTable)

        def closing(screen: type) -> Callable[[int], Any]:
            async def closed(i: int) -> None:
                await p.until(lambda: isinstance(app.screen, screen), screen.__name__)
                await p.untimed("escape")
                await p.until(lambda: app.screen is main, "closing")

            return closed

        await p.until(lambda: app.screen.focused is table("catalogue"), "the catalogue focus")
        await p.series(
            CASES["programme_form"], presses, lambda i: "e", after=closing(ProgrammeForm)
        )
        await p.untimed("f3")
        await p.until(lambda: app.screen.focused is table("teams"), "the teams focus")
        await p.series(CASES["team_form"], presses, lambda i: "e", after=closing(TeamForm))
        await p.untimed("f4")
        await p.until(lambda: main.active_tab == "scoring", "the Scoring tab")
        for key in "tpo":
            await p.series(CASES[key], presses, lambda i, k=key: k, after=closing(PickerDialog))
        p.write()


async def bare_forms(
    figures: Figures, data: str, presses: int, rows: int, pickers: dict[str, int]
) -> None:
    from bare_apps import BareKeysApp
    from textual.screen import ModalScreen

    app = BareKeysApp(rows, pickers)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        p = CpuPresser(pilot, figures, data)

        async def closed(i: int) -> None:
            await p.until(lambda: isinstance(app.screen, ModalScreen), "the bare modal")
            await p.untimed("escape")
            await p.until(lambda: not isinstance(app.screen, ModalScreen), "the modal closing")

        await p.series(KeyCase(BARE_DOWN, ""), presses, lambda i: "down")
        await p.series(KeyCase(BARE_FORM, ""), presses, lambda i: "e", after=closed)
        for key in "tpo":
            await p.series(KeyCase(bare_picker(key), ""), presses, lambda i, k=key: k, after=closed)


def table(figures: Figures) -> str:
    lines = [
        "| data | figure | median | p90 | ratio (p90) | to the bare form | CPU median |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for figure in figures.items.values():
        if figure.section != "keys":
            continue
        cpu = figures.items.get(("cpu", figure.data, figure.name))
        ratio, p90_ratio = figures.ratio(figure)
        shown = "" if ratio is None else f"{ratio:.2f} ({p90_ratio:.2f})"
        form = figures.items.get((figure.section, figure.data, BARE_FORM))
        to_form = ""
        if figure.name.startswith("e:") and form is not None:
            to_form = f"{figure.median / form.median:.2f}"
        lines.append(
            f"| {figure.data} | {figure.name} | {fmt(figure.median)} | {fmt(figure.p90)} "
            f"| {shown} | {to_form} | {fmt(cpu.median) if cpu else ''} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="sample,large", help="sample and/or large")
    parser.add_argument("--repeat", type=int, default=30, help="timed opens per case")
    parser.add_argument("--rounds", type=int, default=3, help="workbench/bare alternations")
    parser.add_argument("--scale", type=float, default=1.0, help="large organisation size")
    parser.add_argument("--profile", type=Path, help="pyinstrument profiles to this folder")
    args = parser.parse_args(argv)
    wanted = [name.strip() for name in args.data.split(",") if name.strip()]
    if args.repeat < 1 or args.rounds < 1 or not set(wanted) <= {"sample", "large"}:
        parser.error("--repeat and --rounds must be positive; --data: sample, large")

    from workbench.storage.repository import Repository

    figures = Figures()
    folder = Path(tempfile.mkdtemp(prefix="wb-forms-bench-"))
    os.environ["WORKBENCH_CONFIG"] = str(folder / "config.json")
    os.environ["WORKBENCH_DB"] = str(folder / "default.json")
    presses = math.ceil(args.repeat / args.rounds)
    try:
        files = {k: v for k, v in data_files(folder, args.scale).items() if k in wanted}
        for data, (path, _) in files.items():
            snapshot = Repository(path).snapshot()
            pickers = {
                "t": len(snapshot.teams),
                "p": len(snapshot.programmes),
                "o": len(snapshot.assessments),
            }
            rows = len(snapshot.programmes)
            del snapshot
            for n in range(1, args.rounds + 1):
                progress(f"{data}, round {n}/{args.rounds}: workbench")
                profile = args.profile if n == args.rounds else None
                asyncio.run(workbench_forms(path, figures, data, presses, profile))
                progress(f"{data}, round {n}/{args.rounds}: bare app")
                asyncio.run(bare_forms(figures, data, presses, rows, pickers))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
