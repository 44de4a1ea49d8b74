"""The recovery journal: the changes queued for the data file and not written yet, kept in
the user's private state folder so that a killed app (SIGKILL, a crash, a power cut) can
offer them back at the next start.

One folder per data file (named by a hash of its real path) holds one file per running app,
locked (``flock``) for as long as that app runs: a file nobody holds belongs to an app that
stopped. Each line is JSON: ``{"seq": 3, "queued_at": ..., <PendingChange>}`` when a change
enters the save queue, ``{"written": [3, 4]}`` when the data file received it; once every
change is written the file is emptied, and a clean exit removes it. Lines are appended and
fsynced by a thread of their own, within milliseconds, whatever the save queue is doing.
Folders are 0700 and files 0600: the journal quotes the user's scores and reasons.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import orjson
from pydantic import ValidationError

from workbench.core.assessment_change import PendingChange

FOLDER_NAME = "unsaved"
SUFFIX = ".jsonl"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600

Op = tuple[int, bytes] | frozenset[int] | None
"""A change recorded (its number and its line), the numbers of changes written, or None:
create the file now."""


def journal_folder(state_folder: Path, data_file: Path) -> Path:
    """Where the journals of ``data_file`` live: one folder per data file, whatever the
    path it was opened by (a link, a relative path)."""
    real = os.path.realpath(data_file.expanduser())
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
    return state_folder / FOLDER_NAME / digest


def _make_private_folder(folder: Path) -> None:
    """Create ``folder`` and the missing folders above it, each 0700."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_FOLDER)


@dataclass(slots=True)
class Orphan:
    """The journal of an app that stopped with changes not written: locked by this
    process until ``forget`` or ``release``."""

    path: Path
    fd: int
    changes: list[PendingChange]
    queued_at: list[datetime]
    unreadable: int = 0
    """Lines that could not be read (the last one of a killed app may be cut)."""


@dataclass(slots=True)
class Recovered:
    """Every stopped app's changes on one data file, in the order they were made."""

    orphans: list[Orphan] = field(default_factory=list)

    @property
    def changes(self) -> list[PendingChange]:
        """Each stopped app's changes in their order, the apps by when they began."""
        ordered = sorted(self.orphans, key=lambda orphan: min(orphan.queued_at))
        return [change for orphan in ordered for change in orphan.changes]

    @property
    def last_queued(self) -> datetime | None:
        times = [at for orphan in self.orphans for at in orphan.queued_at]
        return max(times) if times else None

    @property
    def unreadable(self) -> int:
        return sum(orphan.unreadable for orphan in self.orphans)

    def forget(self) -> None:
        """The changes were applied or discarded: remove their journals."""
        for orphan in self.orphans:
            with contextlib.suppress(OSError):
                orphan.path.unlink()
        self.release()

    def release(self) -> None:
        """Keep the journals for a later start, and let another app take them."""
        for orphan in self.orphans:
            with contextlib.suppress(OSError):
                os.close(orphan.fd)
        self.orphans = []


def _read_orphan(path: Path, fd: int) -> Orphan:
    with os.fdopen(os.dup(fd), "rb") as handle:
        content = handle.read()
    queued: dict[int, tuple[datetime, PendingChange]] = {}
    unreadable = 0
    for line in content.splitlines():
        if not line.strip():
            continue
        try:
            entry = orjson.loads(line)
            if not isinstance(entry, dict):
                raise ValueError("not an object")
            if "written" in entry:
                for seq in entry["written"]:
                    queued.pop(int(seq), None)
                continue
            at = datetime.fromisoformat(str(entry["queued_at"]))
            queued[int(entry["seq"])] = (at, PendingChange.from_json(entry))
        except (ValueError, TypeError, KeyError, ValidationError):
            unreadable += 1
    ordered = [queued[seq] for seq in sorted(queued)]
    return Orphan(
        path, fd, [change for _, change in ordered], [at for at, _ in ordered], unreadable
    )


class RecoveryJournal:
    """This app's journal of one data file (written by its own thread), and the journals
    stopped apps left on that file."""

    def __init__(self, data_file: Path, state_folder: Path) -> None:
        self.folder = journal_folder(state_folder, data_file)
        self.path: Path | None = None
        """This app's journal, created with its first change."""
        self.problem: OSError | None = None
        """Why the journal could not be written, if it could not (the saves still run)."""
        self._fd: int | None = None
        self._condition = threading.Condition()
        self._ops: list[Op] = []
        self._queued = 0
        self._durable = 0
        self._closing = False
        self._live: set[int] = set()
        self._thread: threading.Thread | None = None

    # the changes of this app (any thread)

    def append(self, seq: int, pending: PendingChange) -> None:
        """Record a change that entered the save queue (number ``seq``)."""
        line = {
            "seq": seq,
            "queued_at": datetime.now().astimezone().isoformat(),
            **pending.to_json(),
        }
        self._put((seq, orjson.dumps(line) + b"\n"))

    def prepare(self) -> None:
        """Create the file now, in the thread: the first change then costs one fsync, not
        the folders, the file and the folder's fsync (about 60 ms on a busy disk)."""
        self._put(None)

    def written(self, seqs: Iterable[int]) -> None:
        """These changes are in the data file (or were discarded by the user)."""
        self._put(frozenset(seqs))

    def _put(self, op: Op) -> None:
        with self._condition:
            if self._closing:
                return
            self._ops.append(op)
            self._queued += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name="workbench-journal", daemon=True
                )
                self._thread.start()
            self._condition.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every change recorded so far is on disk; False after ``timeout``."""
        with self._condition:
            target = self._queued
            return self._condition.wait_for(
                lambda: self._durable >= target or self.problem is not None, timeout
            ) and (self.problem is None)

    @property
    def pending(self) -> int:
        """Changes recorded and not written to the data file (as far as the journal knows)."""
        with self._condition:
            return len(self._live)

    @property
    def closed(self) -> bool:
        """``close`` ran and stopped the thread: nothing more will be written."""
        with self._condition:
            thread = self._thread
            return self._closing and (thread is None or not thread.is_alive())

    def close(self, timeout: float | None = None) -> None:
        """Flush, stop the thread, and remove the journal if no change is left in it."""
        self.flush(timeout)
        with self._condition:
            self._closing = True
            self._condition.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
        with self._condition:
            if self._fd is not None and not self._live and self.path is not None:
                with contextlib.suppress(OSError):
                    self.path.unlink()
            if self._fd is not None:
                with contextlib.suppress(OSError):
                    os.close(self._fd)
                self._fd = None

    def _work(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: bool(self._ops) or self._closing)
                if not self._ops:
                    return
                ops, self._ops = self._ops, []
                data, empty = self._lines(ops)
            try:
                if self._fd is None and None in ops:
                    self._open()
                self._write(data, empty=empty)
            except OSError as error:
                with self._condition:
                    self.problem = self.problem or error
            with self._condition:
                self._durable += len(ops)
                self._condition.notify_all()

    def _lines(self, ops: list[Op]) -> tuple[bytes, bool]:
        """What to append for ``ops``, and whether to empty the journal first."""
        data: list[bytes] = []
        empty = False
        for op in ops:
            if op is None:
                continue
            if isinstance(op, tuple):
                seq, line = op
                self._live.add(seq)
                data.append(line)
            else:
                self._live -= op
                if self._live:
                    data.append(orjson.dumps({"written": sorted(op)}) + b"\n")
                else:  # every change is in the data file: the journal starts afresh
                    data, empty = [], True
        return b"".join(data), empty

    def _write(self, data: bytes, *, empty: bool) -> None:
        if self._fd is None:
            if not data:
                return
            self._open()
        assert self._fd is not None
        if empty:
            os.ftruncate(self._fd, 0)
        if data:
            os.write(self._fd, data)
        os.fdatasync(self._fd)

    def _open(self) -> None:
        _make_private_folder(self.folder)
        path = self.folder / f"{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC | os.O_NOFOLLOW
        fd = os.open(path, flags, PRIVATE_FILE)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.fchmod(fd, PRIVATE_FILE)
        self._fd, self.path = fd, path
        with contextlib.suppress(OSError):  # the new name, durable with the first line
            folder = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)

    # the changes stopped apps left

    def recovered(self) -> Recovered:
        """The journals of stopped apps on this data file that hold changes, locked for
        this app; empty journals are removed. Unreadable files are skipped."""
        found = Recovered()
        try:
            names = sorted(entry for entry in self.folder.iterdir() if entry.suffix == SUFFIX)
        except OSError:
            return found
        for path in names:
            if path == self.path:
                continue
            try:
                fd = os.open(path, os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                orphan = _read_orphan(path, fd)
            except OSError:  # held: that app still runs
                os.close(fd)
                continue
            if orphan.changes:
                found.orphans.append(orphan)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
                os.close(fd)
        return found
