"""Two real users and a group on one data file: private by default, `workbench share
--group` opens it to the group, and every later save keeps it so whatever the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.storage.users import ALICE, BOB, TEAM_GROUP, need_root, open_folder, run_as, start_as
from workbench.cli import main
from workbench.core.team import Team
from workbench.storage.errors import StorageError
from workbench.storage.repository import Repository

pytestmark = pytest.mark.slow


def create(path: str) -> None:
    Repository(Path(path), author="alice").ensure_exists([Team(id="t0", name="First")])


def read(path: str) -> str:
    try:
        return f"{len(Repository(Path(path)).teams())} teams"
    except StorageError as error:
        return f"{type(error).__name__}: {error}"


def share(path: str, group: str) -> int:
    return main(["share", "--group", group, "--db", path])


def insert(path: str, name: str, count: int) -> int:
    repo = Repository(Path(path), author=name)
    for i in range(count):
        repo.save_team(Team(id=f"{name}-{i}", name=f"{name} {i}"))
    return count


def modes(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.name: (stat.S_IMODE(p.stat().st_mode), p.stat().st_gid)
        for p in folder.iterdir()
        if p.name.startswith("wb.json")
    }


def test_private_by_default_then_shared_with_the_group_whatever_the_umask() -> None:
    need_root()
    with open_folder() as top:
        folder = top / "shared"
        folder.mkdir()
        os.chown(folder, 0, TEAM_GROUP)
        folder.chmod(0o770)  # no setgid bit: the workbench itself keeps the group
        path = str(folder / "wb.json")

        run_as(ALICE, [TEAM_GROUP], create, path)
        assert modes(folder)["wb.json"] == (0o600, ALICE)
        assert "permission denied" in run_as(BOB, [TEAM_GROUP], read, path)

        assert run_as(ALICE, [TEAM_GROUP], share, path, str(TEAM_GROUP)) == 0
        assert run_as(BOB, [TEAM_GROUP], read, path) == "1 teams"

        writers = [
            start_as(ALICE, [TEAM_GROUP], insert, path, "alice", 60, umask=0o022),
            start_as(BOB, [TEAM_GROUP], insert, path, "bob", 60, umask=0o077),
        ]
        assert [w.result() for w in writers] == [60, 60]

        repo = Repository(Path(path))
        assert len(repo.teams()) == 121
        assert repo.snapshot().meta["writes"] == 1 + 1 + 120
        assert repo.shared_group == str(TEAM_GROUP)
        found = modes(folder)
        assert {"wb.json", "wb.json.bak", "wb.json.lock", "wb.json.bak.1"} <= set(found)
        assert set(found.values()) == {(0o660, TEAM_GROUP)}, found
        assert not [p.name for p in folder.iterdir() if ".tmp-" in p.name]


def test_sharing_with_an_unknown_group_says_so(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    Repository(path).ensure_exists()
    with pytest.raises(StorageError, match="no group 'no-such-group-here'"):
        Repository(path).share_with_group("no-such-group-here")
