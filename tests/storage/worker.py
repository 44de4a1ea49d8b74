"""Run in a separate process by the storage tests: a writer on a shared data file.

With ``WORKBENCH_TEST_LOCK_TIMEOUT=S`` a save gives up after S seconds without progress.
With ``WORKBENCH_TEST_FROZEN_STAT=1`` every stat of the data file looks the same (same
inode, mtime and size), as on a filesystem with 1-second timestamps that reuses inodes.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from filelock import FileLock

from workbench.core.catalogue import Programme
from workbench.core.money import Rate
from workbench.core.team import Team
from workbench.storage import datafile
from workbench.storage.repository import Repository

if "WORKBENCH_TEST_LOCK_TIMEOUT" in os.environ:
    datafile.LOCK_TIMEOUT_SECONDS = float(os.environ["WORKBENCH_TEST_LOCK_TIMEOUT"])
    datafile.LOCK_ATTEMPT_SECONDS = datafile.LOCK_TIMEOUT_SECONDS / 5

if os.environ.get("WORKBENCH_TEST_FROZEN_STAT") == "1":
    frozen = datafile.Identity(inode=1, mtime_ns=0, size=0)
    datafile.Identity.of = classmethod(lambda cls, stat_result: frozen)  # type: ignore[method-assign, assignment]


def increments(path: Path, name: str, count: int) -> None:
    """Add ``count`` teams named ``name-i``, one transaction each."""
    repo = Repository(path, author=name)
    for i in range(count):
        repo.save_team(Team(id=f"{name}-{i}", name=f"{name} {i}"))


def rates(path: Path, name: str, count: int) -> None:
    """Add ``count`` exchange rates with ids ``name-i``, one transaction each."""
    repo = Repository(path, author=name)
    for i in range(count):
        rate = Decimal(i + 1) / 100
        repo.save_rate(
            Rate(
                id=f"{name}-{i}",
                from_="USD",
                to="EUR",
                rate=rate,
                on=date(2026, 12, 1),
                source=name,
            )
        )


def counter(path: Path, count: int) -> None:
    """Read-modify-write of one shared record: the headcount counts the updates."""
    repo = Repository(path)
    for _ in range(count):
        repo.update(Team, "shared", lambda t: t.model_copy(update={"headcount": t.headcount + 1}))


def edit_field(path: Path, field: str, count: int) -> None:
    """Form edits of one field of the shared team, merged with others' edits."""
    repo = Repository(path)
    for i in range(count):
        original = repo.team("shared")
        repo.save_edit(original, original.model_copy(update={field: f"{field} {i}"}))


def die_before_rename(path: Path) -> None:
    """Save once and be killed after the backup is made, before the file is replaced."""
    real_replace = os.replace

    def replace(source: object, target: object) -> None:
        if Path(str(target)) == path:
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target)  # type: ignore[arg-type]

    os.replace = replace  # type: ignore[assignment]
    Repository(path).save_team(Team(id="killed", name="never saved"))


def on_cue(path: Path, name: str) -> None:
    """Add team ``name-LINE`` for each line read, and print the line once it is saved."""
    repo = Repository(path, author=name)
    for line in sys.stdin:
        cue = line.strip()
        repo.save_team(Team(id=f"{name}-{cue}", name=f"{name} {cue}"))
        print(cue, flush=True)


def hold_lock(path: Path) -> None:
    """Take the lock and keep it, as a frozen workbench would."""
    lock = FileLock(path.with_name(path.name + ".lock"))
    lock.acquire()
    print("held", flush=True)
    time.sleep(120)


def generations(path: Path, size: int) -> None:
    """Rewrite ``size`` programmes forever, all carrying the same generation number."""
    repo = Repository(path)
    generation = 0
    while True:
        generation += 1
        with repo.transaction() as tx:
            for i in range(size):
                tx.put(
                    Programme(
                        id=f"p{i}", name=f"Programme {i}", provider="P", notes=str(generation)
                    )
                )
        print(generation, flush=True)


if __name__ == "__main__":
    command, file, *rest = sys.argv[1:]
    if command == "increments":
        increments(Path(file), rest[0], int(rest[1]))
    elif command == "rates":
        rates(Path(file), rest[0], int(rest[1]))
    elif command == "counter":
        counter(Path(file), int(rest[0]))
    elif command == "die_before_rename":
        die_before_rename(Path(file))
    elif command == "on_cue":
        on_cue(Path(file), rest[0])
    elif command == "hold_lock":
        hold_lock(Path(file))
    elif command == "edit_field":
        edit_field(Path(file), rest[0], int(rest[1]))
    elif command == "generations":
        generations(Path(file), int(rest[0]))
