"""The command line at organisation scale (issue 22), against the cold load of the same file.

Each command runs as a real process, ``python -m workbench.cli --db FILE COMMAND ...``, its
output written to a file in a temporary folder; the figure is the whole process, launch to
exit. After each one, the baseline: a fresh ``python`` process that loads the file through
``workbench.storage.repository.Repository`` and gets its snapshot (A B A B). Quitting the
app: the workbench opened in a real terminal (a private 80x24 tmux), every tab shown (F3 F4
F5 F6 F2, each once the app settled: no output, no processor time), then ctrl+q (its quit
key; nothing unsaved) to the process's exit (a ``pidfd`` becomes readable).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from control_mode import ControlClient
from figures import CPU, Figures
from startup_bench import Tmux
from terminal import SIZE, Launcher, exit_watch, wait_exit

SECTION = "command line"
TARGET = 2.0
QUIT = "quit the app after every tab was shown (ctrl+q to exit)"
TABS = ("F3", "F4", "F5", "F6", "F2")
COLD_LOAD = "cold load (python + Repository + snapshot)"
COLD_LOAD_SCRIPT = (
    "import sys; from pathlib import Path; "
    "from workbench.storage.repository import Repository; "
    "Repository(Path(sys.argv[1])).snapshot()"
)
IDS_SCRIPT = (
    "import json, sys; from pathlib import Path; "
    "from workbench.storage.repository import Repository; "
    "s = Repository(Path(sys.argv[1])).snapshot(); "
    "print(json.dumps({'team': min(s.teams), 'pilot': min(s.pilots), "
    "'programmes': len(s.programmes), 'teams': len(s.teams)}))"
)


def file_facts(path: Path, env: dict[str, str], cwd: Path) -> dict[str, str | int]:
    """A team and a pilot of the file, and how many programmes and teams it holds (read in
    another process: the bench's own stays small)."""
    done = subprocess.run(
        [sys.executable, "-c", IDS_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=cwd,
    )
    facts: dict[str, str | int] = json.loads(done.stdout)
    return facts


def timed_process(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Milliseconds from launch to exit, and of processor time (user + system: steadier than
    the wall clock on a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, cwd=cwd, check=False)
    ms = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        error = done.stderr.decode(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(command)}: exit {done.returncode}\n{error}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return ms, cpu


def commands(path: Path, facts: dict[str, str | int], out: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "workbench.cli", "--db", str(path)]
    memos = out / "memos"
    memos.mkdir(parents=True, exist_ok=True)
    return {
        "check": [*cli, "check"],
        "export --format csv --out FILE": [
            *cli,
            "export",
            "--format",
            "csv",
            "--out",
            str(out / "export.csv"),
        ],
        "report pilots --out FILE": [*cli, "report", "pilots", "--out", str(out / "pilots.md")],
        "report pilot ID --out FILE": [
            *cli,
            "report",
            "pilot",
            str(facts["pilot"]),
            "--out",
            str(out / "pilot.md"),
        ],
        "memo TEAM --out FOLDER": [*cli, "memo", str(facts["team"]), "--out", str(memos)],
    }


def measure_cli(
    figures: Figures,
    path: Path,
    data: str,
    marker: str,
    *,
    runs: int,
    env: dict[str, str],
    folder: Path,
    progress: Callable[[str], None],
) -> None:
    process_env = {**os.environ, **env}
    facts = file_facts(path, process_env, folder)
    cold_load = [sys.executable, "-c", COLD_LOAD_SCRIPT, str(path)]
    named = commands(path, facts, folder / "cli-out")
    workbench = [sys.executable, "-m", "workbench.cli", "--db", str(path)]
    with Tmux(*SIZE) as tmux, ControlClient(tmux.socket, tmux.session) as client:
        launcher = Launcher(tmux, env, timeout=180, cwd=folder)

        def quit_app() -> float:
            window = launcher.launch(workbench)
            try:
                launcher.wait_for(window, marker)
                for key in TABS:  # a session's end: every tab built
                    if not client.settle((window.pane, window.pid)):
                        progress("the workbench never settled: going on")
                    client.untimed(window.pane, key)
                if not client.settle((window.pane, window.pid)):
                    progress("the workbench never settled before ctrl+q: going on")
                watch = exit_watch(window.pid)
                try:
                    start = client.send(f"send-keys -t {window.pane} C-q")
                    return (wait_exit(watch, 120) - start) * 1000
                finally:
                    os.close(watch)
            finally:
                launcher.close(window)

        for run in range(runs + 1):  # run 0 warms the disk cache, untimed
            for name, command in [*named.items(), (QUIT, None)]:
                ms, cpu = (
                    (quit_app(), None)
                    if command is None
                    else timed_process(command, process_env, folder)
                )
                base, base_cpu = timed_process(cold_load, process_env, folder)
                if not run:
                    continue
                progress(f"command line {data} run {run}: {name} {ms:.0f} ms, cold load {base:.0f}")
                figure = figures.add(SECTION, data, name, ms, baseline=COLD_LOAD, target=TARGET)
                if cpu is not None:
                    figure.extra.setdefault(CPU, []).append(cpu)
                figures.add(SECTION, data, COLD_LOAD, base).extra.setdefault(CPU, []).append(
                    base_cpu
                )
