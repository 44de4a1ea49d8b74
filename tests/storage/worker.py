"""Run in a separate process by the storage tests: a writer on a shared data file."""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.core.catalogue import Programme
from workbench.core.team import Team
from workbench.storage.repository import Repository


def increments(path: Path, name: str, count: int) -> None:
    """Add ``count`` teams named ``name-i``, one transaction each."""
    repo = Repository(path, author=name)
    for i in range(count):
        repo.save_team(Team(id=f"{name}-{i}", name=f"{name} {i}"))


def counter(path: Path, count: int) -> None:
    """Read-modify-write of one shared record: the headcount counts the updates."""
    repo = Repository(path)
    for _ in range(count):
        repo.update(Team, "shared", lambda t: t.model_copy(update={"headcount": t.headcount + 1}))


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
    elif command == "counter":
        counter(Path(file), int(rest[0]))
    elif command == "generations":
        generations(Path(file), int(rest[0]))
