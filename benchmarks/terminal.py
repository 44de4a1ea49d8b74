"""Programs in a real terminal: windows of a private 80x24 tmux server, launched and watched.

``Launcher.launch`` starts a command in a new window (``exec``: the pane's process is the
program itself, so its pid is the one to watch); ``wait_for`` polls ``capture-pane`` until a
text shows (the start-up figure); ``exited`` waits for the process to end (``pidfd``).
"""

from __future__ import annotations

import os
import select
import shlex
import time
from dataclasses import dataclass
from pathlib import Path

from startup_bench import Tmux

POLL = 0.01
SIZE = (80, 24)


@dataclass(frozen=True, slots=True)
class Window:
    target: str
    """``session:name``, for ``capture-pane`` and ``kill-window``."""
    pane: str
    """``%N``: the pane's id, as control mode names it."""
    pid: int
    start: float
    """``perf_counter()`` just before tmux was asked to start it."""


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
    """Launches commands in new windows of the private tmux server, times what they show."""

    def __init__(self, tmux: Tmux, env: dict[str, str], timeout: float, cwd: Path) -> None:
        self.tmux = tmux
        self.cwd = str(cwd)
        self.env = env
        self.timeout = timeout
        self.count = 0

    def launch(self, command: list[str], extra_env: dict[str, str] | None = None) -> Window:
        self.count += 1
        name = f"w{self.count}"
        options = [
            item
            for key, value in {**self.env, **(extra_env or {})}.items()
            for item in ("-e", f"{key}={value}")
        ]
        shell_command = "exec " + " ".join(shlex.quote(part) for part in command)
        start = time.perf_counter()
        pane, pid = self.tmux.run(
            "new-window",
            "-d",
            "-P",
            "-F",
            "#{pane_id} #{pane_pid}",
            "-n",
            name,
            "-c",
            self.cwd,  # not the checkout: `python -m` puts the current folder first
            *options,
            shell_command,
        ).split()
        return Window(f"{self.tmux.session}:{name}", pane, int(pid), start)

    def screen(self, window: Window) -> str:
        return self.tmux.run("capture-pane", "-p", "-t", window.target)

    def wait_for(self, window: Window, marker: str) -> float:
        """Milliseconds from the launch until ``marker`` is on the screen."""
        while True:
            screen = self.screen(window)
            elapsed = time.perf_counter() - window.start
            if marker in screen:
                return elapsed * 1000
            dead = self.tmux.run("display-message", "-p", "-t", window.target, "#{pane_dead}")
            if elapsed > self.timeout or dead.strip() not in ("", "0"):
                raise RuntimeError(f"{marker!r} not shown after {elapsed:.1f} s:\n{screen}")
            time.sleep(POLL)

    def steady(self, window: Window, quiet: float = 1.5, limit: float = 60.0) -> None:
        """Wait until the screen stayed the same for ``quiet`` seconds."""
        last, since, start = "", time.perf_counter(), time.perf_counter()
        while time.perf_counter() - start < limit:
            screen = self.screen(window)
            if screen != last:
                last, since = screen, time.perf_counter()
            elif time.perf_counter() - since >= quiet:
                return
            time.sleep(0.05)

    def close(self, window: Window) -> None:
        self.tmux.run("kill-window", "-t", window.target, check=False)


def exit_watch(pid: int) -> int:
    """A file descriptor that becomes readable when ``pid`` ends (close it after)."""
    return os.pidfd_open(pid)


def wait_exit(watch: int, timeout: float) -> float:
    """``perf_counter()`` when the process of ``exit_watch`` ended."""
    ready, _, _ = select.select([watch], [], [], timeout)
    at = time.perf_counter()
    if not ready:
        raise RuntimeError(f"the process did not end within {timeout:.0f} s")
    return at
