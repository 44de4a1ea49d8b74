"""Time to quit the workbench, in a real terminal (tmux), against a cold load of the same file.

A quit: the workbench on a copy of ``--db`` in a new window of a private tmux server, until
the first rows show (``--marker``) and the process has gone idle (the warm-up done, as when
someone quits after working), then ctrl+q with nothing unsaved; timed from the key sent to
the pane's process gone (``#{pane_dead}``, polled every 10 ms). Baseline, right after each
quit: a cold load, a fresh process that loads the file through ``Repository`` and gets its
snapshot (timed inside the process: imports and interpreter start not counted). Issue 22's
target: a quit at most twice the cold load.

``measure_quit`` is what another script calls (``run.py``); ``main`` runs it alone:

    python benchmarks/quit_bench.py --db LARGE.json [--runs 5] [--marker "AI programme 0"]
                                    [--tree FOLDER]  # another checkout's workbench
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from startup_bench import Tmux

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.01
QUIT_KEY = "C-q"
QUIT_TARGET = 2.0
"""Issue 22: a quit at most twice the cold load of the file."""
LARGE_MARKER = "AI programme 0"
COLD_LOAD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from workbench.storage.repository import Repository\n"
    "start = time.perf_counter()\n"
    "Repository(Path(sys.argv[1])).snapshot()\n"
    "print((time.perf_counter() - start) * 1000)\n"
)


@dataclass(slots=True)
class QuitFigures:
    """Milliseconds of each quit and of each cold load, in the order they alternated."""

    quit_ms: list[float] = field(default_factory=list)
    cold_load_ms: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Median quit / median cold load."""
        return statistics.median(self.quit_ms) / statistics.median(self.cold_load_ms)

    @property
    def holds(self) -> bool:
        return self.ratio <= QUIT_TARGET


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid``, all its threads, in seconds (0 once gone).
    A pane's process is the command itself: the shell tmux starts it with execs it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, *, busy: float = 0.02, window: float = 1.0, limit: float = 60.0) -> None:
    """Until the process used less than ``busy`` s of CPU over ``window`` s."""
    start = time.perf_counter()
    last = cpu_seconds(pid)
    while time.perf_counter() - start < limit:
        time.sleep(window)
        now = cpu_seconds(pid)
        if now - last < busy:
            return
        last = now


def time_quit(
    tmux: Tmux,
    command: list[str],
    *,
    env: Mapping[str, str],
    marker: str,
    cwd: Path,
    key: str = QUIT_KEY,
    timeout: float = 120.0,
    name: str = "quit",
) -> float:
    """Milliseconds from ``key`` sent to the exit of ``command``'s process, once ``marker``
    showed in a new window of ``tmux`` (whose panes stay after exit: ``remain-on-exit``)
    and the process went idle. ``RuntimeError`` if the marker or the exit does not come
    within ``timeout`` seconds."""
    options = [item for pair in env.items() for item in ("-e", "=".join(pair))]
    target = f"{tmux.session}:{name}"
    pid = tmux.run(
        "new-window",
        *("-d", "-P", "-F", "#{pane_pid}", "-n", name, "-c", str(cwd)),
        *options,
        " ".join(shlex.quote(part) for part in command),
    ).strip()
    try:
        start = time.perf_counter()
        while marker not in tmux.run("capture-pane", "-p", "-t", target):
            if time.perf_counter() - start > timeout or dead(tmux, target):
                raise RuntimeError(f"{marker!r} not shown: {tmux.run('capture-pane', '-p')}")
            time.sleep(POLL)
        wait_idle(int(pid), limit=timeout)
        start = time.perf_counter()
        tmux.run("send-keys", "-t", target, key)
        while not dead(tmux, target):
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"still running {timeout:.0f} s after {key}")
            time.sleep(POLL)
        return (time.perf_counter() - start) * 1000
    finally:
        tmux.run("kill-window", "-t", target, check=False)


def dead(tmux: Tmux, target: str) -> bool:
    return tmux.run("display-message", "-p", "-t", target, "#{pane_dead}").strip() == "1"


def cold_load_ms(path: Path, env: Mapping[str, str]) -> float:
    """A fresh process loads ``path`` through ``Repository`` and gets its snapshot:
    milliseconds inside it, from the ``Repository`` made to the snapshot returned."""
    done = subprocess.run(
        [sys.executable, "-c", COLD_LOAD, str(path)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip())


def measure_quit(
    tmux: Tmux,
    path: Path,
    *,
    runs: int,
    folder: Path,
    env: Mapping[str, str],
    marker: str = LARGE_MARKER,
    progress: bool = True,
) -> QuitFigures:
    """``runs`` quits of the workbench on a copy of ``path``, each followed by a cold load
    of that copy, after one untimed pair. ``folder``: a scratch folder (the copy, the
    processes' working folder); ``env``: added to every process's environment (point
    WORKBENCH_CONFIG into ``folder``; PYTHONPATH picks the checkout)."""
    copy = folder / f"quit-{path.name}"
    shutil.copyfile(path, copy)
    command = [sys.executable, "-m", "workbench.cli", "--db", str(copy)]
    figures = QuitFigures()
    for run in range(runs + 1):
        quit_ms = time_quit(tmux, command, env=env, marker=marker, cwd=folder, name=f"q{run}")
        load_ms = cold_load_ms(copy, env)
        if run:
            figures.quit_ms.append(quit_ms)
            figures.cold_load_ms.append(load_ms)
            if progress:
                line = f"  quit run {run}: {quit_ms:.0f} ms, cold load {load_ms:.0f} ms"
                print(line, file=sys.stderr)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the data file (copied first)")
    parser.add_argument("--runs", type=int, default=5, help="timed quits and cold loads")
    parser.add_argument("--marker", default=LARGE_MARKER, help="text of the first screen")
    parser.add_argument(
        "--tree", type=Path, default=ROOT, help="the folder holding the workbench package run"
    )
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        parser.error("needs tmux (apt install tmux)")
    folder = Path(tempfile.mkdtemp(prefix="wb-quit-bench-"))
    env = {
        "WORKBENCH_CONFIG": str(folder / "config.json"),
        "TEXTUAL_ANIMATIONS": "none",
        "PYTHONPATH": str(args.tree.resolve()),
    }
    try:
        with Tmux(80, 24) as tmux:
            figures = measure_quit(
                tmux, args.db, runs=args.runs, folder=folder, env=env, marker=args.marker
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    quit_ms = statistics.median(figures.quit_ms)
    load_ms = statistics.median(figures.cold_load_ms)
    verdict = "holds" if figures.holds else "does NOT hold"
    print(
        f"quit: median {quit_ms:.0f} ms (min {min(figures.quit_ms):.0f}, max "
        f"{max(figures.quit_ms):.0f}); cold load: median {load_ms:.0f} ms; ratio "
        f"{figures.ratio:.2f}x, target {QUIT_TARGET:g}x {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
