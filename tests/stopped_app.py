"""A recovery journal left by an app that stopped: written by a real process that exits
without closing it (as SIGKILL would leave it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from workbench.core.assessment import Rating, now_utc
from workbench.core.assessment_change import PendingChange, RatingChange
from workbench.storage.repository import Repository

SCRIPT = """
import os, sys
from pathlib import Path
import orjson
from workbench.core.assessment_change import PendingChange
from workbench.storage.recovery import RecoveryJournal

data, state = sys.argv[1], sys.argv[2]
journal = RecoveryJournal(Path(data), Path(state))
for seq, entry in enumerate(orjson.loads(sys.stdin.buffer.read()), start=1):
    journal.append(seq, PendingChange.from_json(entry))
assert journal.flush(10)
print(journal.path)
os._exit(0)
"""


def leave_journal(data: Path, state: Path, changes: list[PendingChange]) -> Path:
    """Run a process that records ``changes`` and dies; the journal it leaves."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data), str(state)],
        input=orjson.dumps([change.to_json() for change in changes]),
        capture_output=True,
        check=True,
        timeout=60,
    )
    return Path(done.stdout.decode().strip())


def scored(
    repository: Repository, pair: tuple[str, str], key: str, score: int, assessor: str = "claire"
) -> PendingChange:
    """A score key's change (the reason kept), based on what the file holds now."""
    current = repository.assessment_for(*pair)
    rating = current.rating(assessor, key) if current is not None else Rating()
    new = rating.model_copy(update={"score": score, "low": None, "high": None})
    change = RatingChange(assessor, key, new, now_utc())
    return PendingChange(*pair, change, change.value_in(current))
