"""Real processes on one file: nothing lost, nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from workbench.core.team import Team
from workbench.storage.repository import Repository

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def spawn(*args: str, stdout: int | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(WORKER), *args], env=env, stdout=stdout)


def test_two_processes_200_inserts_each_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    Repository(path).ensure_exists()
    workers = [spawn("increments", str(path), name, "200") for name in ("alice", "bob")]
    assert [w.wait(timeout=240) for w in workers] == [0, 0]
    teams = Repository(path).snapshot().teams
    assert len(teams) == 400
    assert Repository(path).snapshot().meta["writes"] == 401


def test_two_processes_200_updates_each_of_one_record_lose_none(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    repo = Repository(path)
    repo.ensure_exists([Team(id="shared", name="Shared", headcount=1)])
    workers = [spawn("counter", str(path), "200") for _ in range(2)]
    assert [w.wait(timeout=240) for w in workers] == [0, 0]
    assert Repository(path).team("shared").headcount == 401


def test_sigkill_during_saves_leaves_old_or_new_state_never_a_mix(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    Repository(path).ensure_exists()
    for round_ in range(8):
        writer = spawn("generations", str(path), "600", stdout=subprocess.PIPE)
        assert writer.stdout is not None
        writer.stdout.readline()  # at least one full generation is written
        time.sleep(0.05 + 0.037 * round_)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
        data = orjson.loads(path.read_bytes())  # valid JSON, whole
        notes = {doc["notes"] for doc in data["programmes"].values()}
        assert len(notes) == 1, f"a mix of generations: {sorted(notes)}"
        assert len(data["programmes"]) == 600
        snapshot = Repository(path).snapshot()  # and it validates
        assert len(snapshot.programmes) == 600
    # the next writer removes any temp file a killed writer left behind
    Repository(path).save_team(Team(name="after the crash"))
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
