"""What a real terminal receives after a key, timed through tmux's control mode.

A ``ControlClient`` attaches to a private tmux server as a control-mode client (``tmux -C``):
it sends commands (``send-keys``) on tmux's standard input and reads tmux's notifications on
its standard output, each line stamped with ``time.perf_counter()`` when it was read. A pane's
bytes arrive as ``%output %PANE DATA`` lines, as soon as tmux reads them from the program's
terminal: no screen is redrawn, no polling.

``press`` times a key to the end of the redraw it causes: the first ``%output`` of the pane
after ``send-keys``, then every one that follows until the pane has been quiet for ``quiet``
seconds; the figure is the time to the last byte of that burst (nothing subtracted). Bytes
that come later (a save's "Saving…" cleared after the save) are not in it: ``settle`` waits
for them, untimed, before the next key.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Notice:
    """One line of tmux's control-mode output."""

    at: float
    kind: str
    """``output`` for ``%output``, else the notification's name (``begin``, ``end``, ``error``,
    ``exit``, ``window-add``...); ``text`` for a line inside a command's reply."""
    pane: str = ""
    data: bytes = b""


def unescape(data: bytes) -> bytes:
    """The bytes of a ``%output`` line: tmux writes those below 32 and the backslash as
    ``\\ooo`` (three octal digits)."""
    if b"\\" not in data:
        return data
    out = bytearray()
    i = 0
    while i < len(data):
        byte = data[i]
        digits = data[i + 1 : i + 4]
        if byte == 0x5C and len(digits) == 3 and all(0x30 <= d <= 0x37 for d in digits):
            out.append(int(digits, 8))
            i += 4
        else:
            out.append(byte)
            i += 1
    return bytes(out)


def parse(line: bytes, at: float) -> Notice:
    """One line of control-mode output, without its newline."""
    if line.startswith(b"%output "):
        _, pane, *rest = line.split(b" ", 2)
        return Notice(at, "output", pane.decode(), unescape(rest[0] if rest else b""))
    if line.startswith(b"%extended-output "):  # only with pause-after, never set here
        head, _, data = line.partition(b" : ")
        return Notice(at, "output", head.split(b" ")[1].decode(), unescape(data))
    if line.startswith(b"%"):
        name = line[1:].split(b" ", 1)[0].decode(errors="replace")
        return Notice(at, name, data=line)
    return Notice(at, "text", data=line)


class Lines:
    """Splits bytes read at various times into lines, each stamped with when it completed."""

    def __init__(self) -> None:
        self.pending = b""

    def feed(self, chunk: bytes, at: float) -> list[Notice]:
        self.pending += chunk
        *lines, self.pending = self.pending.split(b"\n")
        return [parse(line.rstrip(b"\r"), at) for line in lines]


CURSOR_MOVE = re.compile(rb"\x1b\[\d+;\d+H")


def draws(data: bytes) -> bool:
    """Whether output draws on the screen: Textual moves the cursor to each line it writes
    (a frame starts with ``ESC [ row ; col H``); an OSC alone (the mouse pointer's shape,
    ``ESC ] 22 ; default BEL``, when a screen is pushed) does not."""
    return CURSOR_MOVE.search(data) is not None


@dataclass(frozen=True, slots=True)
class Burst:
    """The output of a pane after a key: first and last byte, in ms from the key sent."""

    first_ms: float
    last_ms: float
    size: int
    chunks: int


class BurstWatch:
    """Collects a pane's output from ``start``: done once the pane stayed quiet ``quiet``
    seconds after its first byte."""

    def __init__(self, pane: str, start: float, quiet: float) -> None:
        self.pane, self.start, self.quiet = pane, start, quiet
        self.first: float | None = None
        self.last = start
        self.size = 0
        self.chunks = 0
        self.errors: list[bytes] = []

    def feed(self, notice: Notice) -> None:
        if notice.kind == "error":
            self.errors.append(notice.data)
        if notice.kind != "output" or notice.pane != self.pane or notice.at < self.start:
            return
        if self.first is None and not draws(notice.data):
            return  # a pointer shape, a title: not the redraw yet
        if self.first is None:
            self.first = notice.at
        self.last = notice.at
        self.size += len(notice.data)
        self.chunks += 1

    def done(self, now: float) -> bool:
        return self.first is not None and now - self.last >= self.quiet

    def burst(self) -> Burst:
        assert self.first is not None
        return Burst(
            (self.first - self.start) * 1000,
            (self.last - self.start) * 1000,
            self.size,
            self.chunks,
        )


def cpu_seconds(pid: int) -> float:
    """Processor time of every thread of ``pid`` so far (``schedstat``: nanoseconds)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e9


class ControlClient:
    """A control-mode client of the tmux server ``socket``, attached to ``session``."""

    def __init__(self, socket: str, session: str) -> None:
        self.process = subprocess.Popen(
            ["tmux", "-L", socket, "-C", "attach-session", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.process.stdout is not None
        self.fd = self.process.stdout.fileno()
        os.set_blocking(self.fd, False)
        self.lines = Lines()
        self.read(0.2)

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            with contextlib.suppress(OSError):
                self.process.stdin.close()  # detaches: the server lives on
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> ControlClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def send(self, command: str) -> float:
        """Write one command; returns when it was written (``perf_counter``)."""
        assert self.process.stdin is not None
        data = (command + "\n").encode()
        at = time.perf_counter()
        self.process.stdin.write(data)
        self.process.stdin.flush()
        return at

    def read(self, timeout: float) -> list[Notice]:
        """Whatever arrives within ``timeout`` seconds (returns as soon as something did)."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return []
        try:
            chunk = os.read(self.fd, 1 << 20)
        except BlockingIOError:
            return []
        at = time.perf_counter()
        if not chunk:
            raise RuntimeError("tmux's control-mode client ended")
        return self.lines.feed(chunk, at)

    def drain(self) -> list[Notice]:
        found: list[Notice] = []
        while notices := self.read(0):
            found += notices
        return found

    def press(self, pane: str, key: str, quiet: float, timeout: float = 30.0) -> Burst:
        """Time ``key`` sent to ``pane`` to the last byte of the redraw it causes."""
        self.drain()
        start = self.send(f"send-keys -t {pane} {key}")
        watch = BurstWatch(pane, start, quiet)
        while True:
            now = time.perf_counter()
            if watch.done(now):
                return watch.burst()
            if watch.errors:
                raise RuntimeError(f"send-keys {key}: {watch.errors[0]!r}")
            if now - start > timeout:
                raise RuntimeError(f"{key}: no output from {pane} within {timeout:.0f} s")
            wait = watch.last + quiet - now if watch.first is not None else timeout
            for notice in self.read(min(wait, timeout)):
                watch.feed(notice)

    def untimed(self, pane: str, key: str) -> None:
        self.send(f"send-keys -t {pane} {key}")

    def settle(
        self,
        *apps: tuple[str, int],
        quiet: float = 0.3,
        cpu_share: float = 0.03,
        limit: float = 60.0,
    ) -> bool:
        """Until each ``(pane, pid)`` printed nothing for ``quiet`` seconds while its process
        used at most ``cpu_share`` of a core (a save, a warm-up, a blink finished): all at
        once, so one's late work cannot slow the other's next key. False after ``limit``."""
        window = 0.05
        panes = {pane for pane, _ in apps}
        start = time.perf_counter()
        calm_since = start
        cpu = [cpu_seconds(pid) for _, pid in apps]
        while time.perf_counter() - start < limit:
            window_end = time.perf_counter() + window
            printed = False
            while (left := window_end - time.perf_counter()) > 0:
                printed |= any(n.kind == "output" and n.pane in panes for n in self.read(left))
            now_cpu = [cpu_seconds(pid) for _, pid in apps]
            busy = any(
                new - old > cpu_share * window for new, old in zip(now_cpu, cpu, strict=True)
            )
            cpu = now_cpu
            now = time.perf_counter()
            if printed or busy:
                calm_since = now
            elif now - calm_since >= quiet:
                return True
        return False
