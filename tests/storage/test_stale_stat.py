"""Item: lost updates when stat fields lie. Writers whose every stat of the file looks the
same (same inode, mtime and size, as with 1-second timestamps and reused inodes) still
lose nothing: under the lock the cached copy is compared with the file's bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.team import Team
from workbench.storage import datafile
from workbench.storage.repository import Repository

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def frozen_stat_worker(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORKBENCH_TEST_FROZEN_STAT": "1"}
    return subprocess.Popen([sys.executable, str(WORKER), *args], env=env)


def test_three_writers_with_frozen_stat_count_every_update(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    Repository(path).ensure_exists([Team(id="shared", name="Shared", headcount=1)])
    workers = [frozen_stat_worker("counter", str(path), "150") for _ in range(3)]
    assert [w.wait(timeout=300) for w in workers] == [0, 0, 0]
    snapshot = Repository(path).snapshot()
    assert snapshot.teams["shared"].headcount == 1 + 450
    assert snapshot.meta["writes"] == 1 + 450


def test_form_edits_of_different_fields_with_frozen_stat_are_all_kept(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    Repository(path).ensure_exists([Team(id="shared", name="Shared")])
    workers = [
        frozen_stat_worker("edit_field", str(path), "name", "120"),
        frozen_stat_worker("edit_field", str(path), "department", "120"),
    ]
    assert [w.wait(timeout=300) for w in workers] == [0, 0]
    team = Repository(path).team("shared")
    assert (team.name, team.department) == ("name 119", "department 119")
    assert Repository(path).snapshot().meta["writes"] == 1 + 240


def test_same_stat_new_content_is_seen_under_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one process: another writer's version with the very same stat fields."""
    frozen = datafile.Identity(inode=7, mtime_ns=0, size=0)
    monkeypatch.setattr(datafile.Identity, "of", classmethod(lambda cls, _: frozen))
    path = tmp_path / "shared.json"
    mine = Repository(path)
    mine.ensure_exists([Team(id="shared", name="Shared", headcount=1)])
    theirs = Repository(path)
    theirs.update(Team, "shared", lambda t: t.model_copy(update={"headcount": 5}))
    assert not mine.has_changed()  # the cheap check is fooled...
    assert mine.has_changed(deep=True)  # ...the deep one is not
    mine.update(Team, "shared", lambda t: t.model_copy(update={"headcount": t.headcount + 1}))
    assert Repository(path).team("shared").headcount == 6
