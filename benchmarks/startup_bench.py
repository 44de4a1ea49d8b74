"""Time from launch to the first screen painted, in a real terminal (tmux), against a bare app.

Runs ``workbench --db <temp file with the sample data>`` inside a detached 80x24 tmux session
and polls ``tmux capture-pane -p`` every ~10 ms until a sample programme's name ("AI
Foundations") appears: the catalogue table is painted with its data. The baseline, measured
the same way in the same run (runs alternate), is a bare Textual app with a TabbedContent of
four TabPanes holding a Label each. Also times ``import workbench.ui.app`` (against
``import textual.app``) and ``workbench --version`` in fresh interpreters.

The user's settings and data are untouched: WORKBENCH_CONFIG and WORKBENCH_DB point into a
temporary folder. The script runs its own tmux server (``tmux -L <name>``) and kills it.

    python benchmarks/startup_bench.py [--runs 7] [--timeout 20]
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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage_bench import machine

RESULTS = Path(__file__).resolve().parent / "results" / "startup.md"
WORKBENCH_MARKER = "AI Foundations"  # a sample programme, first rows of the table
BARE_MARKER = "Bare tab one ready"
POLL_SECONDS = 0.01
TARGET_MS = 600  # issue 3: first screen within 0.6 s on the sample data

BARE_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Label, TabbedContent, TabPane


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        with TabbedContent():
            for name in ("one", "two", "three", "four"):
                with TabPane(name.title()):
                    yield Label("Bare tab " + name + " ready")


Bare().run()
"""

IMPORT_TIMER = (
    "import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"
)


@dataclass(slots=True)
class Row:
    name: str
    samples_ms: list[float]
    baseline: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)


class Tmux:
    """A private tmux server (own socket), killed on exit."""

    def __init__(self, width: int, height: int) -> None:
        self.socket = f"wb-startup-{os.getpid()}"
        self.session = "bench"
        self.width, self.height = width, height
        self.socket_path = ""

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def __enter__(self) -> Tmux:
        self.run(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            self.session,
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            "sleep 86400",
        )
        self.socket_path = self.run("display-message", "-p", "#{socket_path}").strip()
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.run("set-option", "-g", "default-size", f"{self.width}x{self.height}")
        return self

    def __exit__(self, *_: object) -> None:
        self.run("kill-server", check=False)
        if self.socket_path:  # tmux leaves its socket file behind
            Path(self.socket_path).unlink(missing_ok=True)

    def time_to_marker(
        self, command: list[str], env: dict[str, str], marker: str, timeout: float, name: str
    ) -> float:
        """Milliseconds from launching ``command`` in a new window until ``marker`` shows."""
        target = f"{self.session}:{name}"
        options = [item for key, value in env.items() for item in ("-e", f"{key}={value}")]
        shell_command = " ".join(shlex.quote(part) for part in command)
        start = time.perf_counter()
        self.run("new-window", "-d", "-t", f"{self.session}:", "-n", name, *options, shell_command)
        try:
            while True:
                screen = self.run("capture-pane", "-p", "-t", target)
                elapsed = time.perf_counter() - start
                if marker in screen:
                    return elapsed * 1000
                if elapsed > timeout or self.run(
                    "display-message", "-p", "-t", target, "#{pane_dead}"
                ).strip() not in ("", "0"):
                    raise RuntimeError(
                        f"{marker!r} did not appear within {elapsed:.1f} s; the screen was:\n"
                        + screen
                    )
                time.sleep(POLL_SECONDS)
        finally:
            self.run("kill-window", "-t", target, check=False)


def workbench_command() -> list[str]:
    script = Path(sys.executable).with_name("workbench")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "workbench.cli"]


def time_process(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def time_import(module: str, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_TIMER.format(module=module)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip())


def table(rows: list[Row]) -> str:
    by_name = {row.name: row for row in rows}
    lines = [
        "| what | median ms | min ms | max ms | ratio to baseline |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = f"{row.median / by_name[row.baseline].median:.2f}" if row.baseline else "1.00"
        lines.append(
            f"| {row.name} | {row.median:.0f} | {min(row.samples_ms):.0f} | "
            f"{max(row.samples_ms):.0f} | {ratio} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed launches of each app")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait per launch")
    parser.add_argument("--marker", default=WORKBENCH_MARKER, help="text that ends the wait")
    parser.add_argument("--size", default="80x24", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown results file")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be positive")
    width, height = (int(n) for n in args.size.lower().split("x"))
    if shutil.which("tmux") is None:
        print("startup_bench: tmux is not installed; skipped (apt install tmux)", file=sys.stderr)
        return 0

    from workbench.cli import open_repository  # no Textual import: the CLI imports it lazily

    folder = Path(tempfile.mkdtemp(prefix="wb-startup-bench-"))
    try:
        db = folder / "workbench.json"
        open_repository(db, empty=False)
        bare = folder / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        env = {
            "WORKBENCH_CONFIG": str(folder / "config.json"),
            "WORKBENCH_DB": str(db),
        }
        process_env = {**os.environ, **env}
        workbench = [*workbench_command(), "--db", str(db)]
        baseline = [sys.executable, str(bare)]

        paint: dict[str, list[float]] = {"workbench": [], "bare": []}
        with Tmux(width, height) as tmux:
            for run in range(args.runs + 1):  # run 0 warms the disk cache, untimed
                for name, command, marker in (
                    ("workbench", workbench, args.marker),
                    ("bare", baseline, BARE_MARKER),
                ):
                    ms = tmux.time_to_marker(command, env, marker, args.timeout, f"{name}{run}")
                    if run:
                        paint[name].append(ms)
                        print(f"  {name} run {run}: {ms:.0f} ms", file=sys.stderr)

        imports: dict[str, list[float]] = {"workbench.ui.app": [], "textual.app": []}
        version: list[float] = []
        bare_python: list[float] = []
        for run in range(args.runs + 1):
            for module, samples in imports.items():
                ms = time_import(module, process_env)
                if run:
                    samples.append(ms)
            ms = time_process([*workbench_command(), "--version"], process_env)
            if run:
                version.append(ms)
            ms = time_process([sys.executable, "-c", "pass"], process_env)
            if run:
                bare_python.append(ms)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    bare_name = "BASELINE: bare Textual app, 4 tabs: first screen"
    import_name = "BASELINE: import textual.app"
    python_name = "BASELINE: python -c pass (whole process)"
    rows = [
        Row("workbench on the sample data: first screen", paint["workbench"], bare_name),
        Row(bare_name, paint["bare"]),
        Row("import workbench.ui.app", imports["workbench.ui.app"], import_name),
        Row(import_name, imports["textual.app"]),
        Row("workbench --version (whole process)", version, python_name),
        Row(python_name, bare_python),
    ]
    first = rows[0].median
    verdict = "within" if first <= TARGET_MS else "ABOVE"
    report = "\n".join(
        [
            "# Start-up benchmark",
            "",
            f"- date: {datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"- machine: {machine()}",
            f"- terminal: tmux {width}x{height} (detached), polled every "
            f"{POLL_SECONDS * 1000:.0f} ms with capture-pane; marker {args.marker!r}",
            f"- runs: {args.runs} of each (alternating), after one untimed warm-up run each",
            f"- first screen of the workbench: median {first:.0f} ms, {verdict} the "
            f"{TARGET_MS} ms target of issue 3",
            "",
            table(rows),
            "",
        ]
    )
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
