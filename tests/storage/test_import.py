"""``Repository.import_records``: one transaction, merged like a form's edit, all or nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.team import Team
from workbench.storage.errors import ConflictError, ImportRefusedError
from workbench.storage.repository import Repository, Transaction


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repository = Repository(tmp_path / "data.json", author="tester@host")
    repository.ensure_exists(
        [Team(id="t1", name="Content"), Programme(id="p1", name="P", provider="Q")]
    )
    return repository


def test_adds_updates_and_leaves_unchanged(repo: Repository) -> None:
    summary = repo.import_records(
        [
            Team(id="t1", name="Content"),
            Programme(id="p1", name="P2", provider="Q"),
            Team(id="t2", name="Sales"),
        ]
    )
    assert summary.added == {"teams": ["t2"]}
    assert summary.updated == {"programmes": ["p1"]}
    assert summary.unchanged == {"teams": ["t1"]}
    assert (summary.count("added"), summary.count("updated"), summary.count("unchanged")) == (
        1,
        1,
        1,
    )
    assert repo.programme("p1").name == "P2"
    assert [t.id for t in repo.teams()] == ["t1", "t2"]


def test_changes_made_since_the_check_are_merged_or_refused(repo: Repository) -> None:
    base = repo.snapshot()
    repo.save_team(Team(id="t1", name="Content", department="Marketing"))
    summary = repo.import_records([Team(id="t1", name="Content team")], base=base)
    assert summary.updated == {"teams": ["t1"]}
    merged = repo.team("t1")
    assert (merged.name, merged.department) == ("Content team", "Marketing")
    base = repo.snapshot()
    repo.save_team(merged.model_copy(update={"headcount": 3}))
    before = repo.path.read_bytes()
    with pytest.raises(ConflictError) as error:
        repo.import_records([merged.model_copy(update={"headcount": 9})], base=base)
    assert error.value.fields == ["headcount"]
    assert repo.path.read_bytes() == before


def test_a_reference_left_dangling_refuses_everything(repo: Repository) -> None:
    before = repo.path.read_bytes()
    with pytest.raises(ImportRefusedError) as error:
        repo.import_records(
            [Team(id="t3", name="New"), Assessment(id="a1", team_id="t9", programme_id="p1")]
        )
    assert "no team with id 't9'" in str(error.value)
    assert repo.path.read_bytes() == before


def test_a_failure_in_the_middle_leaves_the_file_as_it_was(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = repo.path.read_bytes()
    real_put = Transaction.put
    calls = []

    def failing_put(self: Transaction, record: object) -> None:
        calls.append(record)
        if len(calls) == 3:
            raise OSError("disk on fire")
        real_put(self, record)  # type: ignore[arg-type]

    monkeypatch.setattr(Transaction, "put", failing_put)
    with pytest.raises(OSError, match="disk on fire"):
        repo.import_records([Team(id=f"n{i}", name=f"N{i}") for i in range(5)])
    assert repo.path.read_bytes() == before
    assert len(Repository(repo.path).teams()) == 1


KILLED_DURING_WRITE = """
import os, signal, sys
from pathlib import Path
from workbench.core.team import Team
from workbench.storage import datafile
from workbench.storage.repository import Repository

real_fsync = os.fsync
def die(fd):
    real_fsync(fd)
    os.kill(os.getpid(), signal.SIGKILL)  # after the new content is on disk, before replace
datafile.os.fsync = die
Repository(Path(sys.argv[1])).import_records([Team(id=f"k{i}", name=f"K{i}") for i in range(500)])
"""


def test_a_process_killed_mid_import_leaves_the_file_as_it_was(repo: Repository) -> None:
    before = repo.path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_DURING_WRITE), str(repo.path)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL
    assert repo.path.read_bytes() == before
    assert [t.id for t in Repository(repo.path).teams()] == ["t1"]
    # the next writer removes the temp file the killed one left behind
    repo.save_team(Team(id="t2", name="After"))
    assert not [p for p in os.listdir(repo.path.parent) if ".tmp-" in p]
