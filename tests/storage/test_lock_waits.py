"""A save waits for the lock as long as the others make progress, and gives up only when
the lock stays taken while nothing changes, saying so."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.core.catalogue import Programme
from workbench.core.team import Team
from workbench.storage import datafile
from workbench.storage.errors import LockTimeoutError
from workbench.storage.repository import Repository

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def worker(*args: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_five_busy_writers_never_time_out_while_others_progress(tmp_path: Path) -> None:
    """Each save holds the lock for a while (a 1.5 MB file); a save waiting longer than
    the time-out (0.4 s) behind the others still succeeds, because they progress."""
    path = tmp_path / "shared.json"
    filler = [
        Programme(id=f"p{i}", name=f"Programme {i}", provider="P", notes="n" * 1500)
        for i in range(800)
    ]
    Repository(path).ensure_exists([Team(id="shared", name="Shared", headcount=1), *filler])
    writers = [
        worker("counter", str(path), "40", WORKBENCH_TEST_LOCK_TIMEOUT="0.4") for _ in range(5)
    ]
    outcomes = [w.communicate(timeout=600) for w in writers]
    errors = [err.decode() for _, err in outcomes if err]
    assert [w.returncode for w in writers] == [0] * 5, errors
    assert Repository(path).team("shared").headcount == 1 + 200


def test_a_stuck_holder_is_named_for_what_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.json"
    Repository(path).ensure_exists()
    holder = worker("hold_lock", str(path))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == b"held\n"
        monkeypatch.setattr(datafile, "LOCK_TIMEOUT_SECONDS", 1.0)
        monkeypatch.setattr(datafile, "LOCK_ATTEMPT_SECONDS", 0.2)
        started = time.monotonic()
        with pytest.raises(LockTimeoutError) as caught:
            Repository(path).save_team(Team(name="x"))
        assert 1.0 <= time.monotonic() - started < 5
        message = str(caught.value)
        assert "stayed taken and the data file did not change" in message
        assert "Nothing was written" in message
    finally:
        holder.kill()
        holder.wait()
