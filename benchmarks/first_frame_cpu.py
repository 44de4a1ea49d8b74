"""Processor time of the workbench's own process up to its first frame, against the bare app.

The steadier start-up figure on a shared machine (the wall clock swings with the load):
``time.process_time()`` (interpreter start included) when the driver first writes a frame
holding a first-row programme ("AI Foundations", "AI programme 0"), in an 80x24
pseudo-terminal; then the bare four-tab app to its own first frame (A B A B). One untimed
round first. Each tree is run from ``PYTHONPATH`` (byte-compile it first: ``compileall``).

    python benchmarks/first_frame_cpu.py RUNS TREE[,TREE...] SAMPLE.json LARGE.json

Either file may be ``-`` (skipped). Each launch works on a copy of the file.
"""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import statistics
import struct
import sys
import tempfile
import termios
from pathlib import Path

from bare_apps import BARE_MARKER, BARE_STARTUP_APP

CHILD = r"""
import os, runpy, sys, time
from textual.drivers import linux_driver

marker, out = os.environ["CPU_MARKER"], os.environ["CPU_OUT"]
write = linux_driver.LinuxDriver.write


def timed_write(self, data):
    write(self, data)
    if marker in data:
        with open(out, "w") as handle:
            handle.write(str(time.process_time()))
        os._exit(0)


linux_driver.LinuxDriver.write = timed_write
if sys.argv[1] == "bare":
    sys.argv = ["bare"]
    exec(compile(open(os.environ["CPU_BARE"]).read(), "bare", "exec"))
else:
    sys.argv = ["workbench", "--db", sys.argv[1]]
    runpy.run_module("workbench.cli", run_name="__main__")
"""

MARKERS = {"sample": "AI Foundations", "large": "AI programme 0"}


def first_frame_ms(argument: str, env: dict[str, str], marker: str) -> float:
    """The child's processor time, in ms, when its first frame holding ``marker`` is written."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "cpu"
        child_env = {
            **os.environ,
            **env,
            "CPU_MARKER": marker,
            "CPU_OUT": str(out),
            "TERM": "xterm-256color",
            "TEXTUAL_ANIMATIONS": "none",
            "WORKBENCH_CONFIG": str(Path(folder) / "config.json"),
        }
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.chdir(folder)
            os.execve(sys.executable, [sys.executable, "-c", CHILD, argument], child_env)
        while True:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        os.waitpid(pid, 0)
        os.close(fd)
        return float(out.read_text()) * 1000 if out.exists() else float("nan")


def main(runs: int, trees: list[str], files: dict[str, str]) -> None:
    samples: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare_app.py"
        bare.write_text(BARE_STARTUP_APP, encoding="utf-8")
        for run in range(runs + 1):
            for data, path in files.items():
                for tree in trees:
                    copy = Path(folder) / "data.json"
                    shutil.copyfile(path, copy)
                    ms = first_frame_ms(str(copy), {"PYTHONPATH": tree}, MARKERS[data])
                    for made in Path(folder).glob("data.json*"):
                        made.unlink()
                    bare_ms = first_frame_ms("bare", {"CPU_BARE": str(bare)}, BARE_MARKER)
                    if run:
                        samples.setdefault((data, tree), []).append(ms)
                        samples.setdefault((data, "bare"), []).append(bare_ms)
    for data in files:
        bare_median = statistics.median(samples[(data, "bare")])
        print(f"{data}: bare app {bare_median:.0f} ms")
        for tree in trees:
            median = statistics.median(samples[(data, tree)])
            shown = ", ".join(f"{ms:.0f}" for ms in samples[(data, tree)])
            print(f"{data}: {tree} {median:.0f} ms, {median / bare_median:.2f}x ({shown})")


if __name__ == "__main__":
    runs, trees, sample, large = sys.argv[1:5]
    chosen = {name: path for name, path in (("sample", sample), ("large", large)) if path != "-"}
    main(int(runs), trees.split(","), chosen)
