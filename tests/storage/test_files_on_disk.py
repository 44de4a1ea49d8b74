"""What lands on disk: backups, symlinks, leftovers from a kill, names with glob
characters, private new files, and read-only use that touches nothing."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.storage.users import BOB, need_root, open_folder, run_as
from workbench.core.team import Team
from workbench.storage import datafile
from workbench.storage.errors import DataFileError, ReadOnlyError, StorageError
from workbench.storage.repository import Repository

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def team_names(path: Path) -> set[str]:
    data = orjson.loads(path.read_bytes())
    return {doc["name"] for doc in data.get("teams", {}).values()}


# backups


@pytest.mark.parametrize("content", [b"", b" \n\n\t "])
def test_an_empty_file_is_refused_and_every_backup_kept(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "wb.json"
    Repository(path).ensure_exists([Team(id="t1", name="First")])
    Repository(path).save_team(Team(id="t2", name="Second"))
    backup = path.with_name("wb.json.bak").read_bytes()
    path.write_bytes(content)
    with pytest.raises(DataFileError, match="empty"):
        Repository(path).snapshot()
    with pytest.raises(DataFileError, match="empty"):
        Repository(path).save_team(Team(name="Third"))
    assert path.read_bytes() == content
    assert path.with_name("wb.json.bak").read_bytes() == backup
    assert team_names(path.with_name("wb.json.bak")) == {"First"}


def test_numbered_backups_keep_older_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(datafile, "NUMBERED_BACKUP_EVERY_SECONDS", 0.0)
    path = tmp_path / "wb.json"
    repo = Repository(path)
    repo.ensure_exists()
    for i in range(8):
        repo.save_team(Team(id=f"t{i}", name=f"Team {i}"))
    # after saving team 7: .bak holds teams 0-6, .bak.1 teams 0-5, ... .bak.4 teams 0-2
    assert team_names(path.with_name("wb.json.bak")) == {f"Team {i}" for i in range(7)}
    for number in range(1, 5):
        older = path.with_name(f"wb.json.bak.{number}")
        assert team_names(older) == {f"Team {i}" for i in range(7 - number)}
    assert not path.with_name("wb.json.bak.5").exists()


def test_numbered_backups_are_at_least_minutes_apart(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repo = Repository(path)
    repo.ensure_exists()
    for i in range(5):
        repo.save_team(Team(id=f"t{i}", name=f"Team {i}"))
    assert path.with_name("wb.json.bak.1").exists()
    assert not path.with_name("wb.json.bak.2").exists()  # the .1 one is still recent


# symlinks


def test_a_symlinked_file_is_written_where_the_link_points(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "wb.json"
    Repository(target).ensure_exists()
    mine = tmp_path / "home" / "wb.json"
    mine.parent.mkdir()
    mine.symlink_to(target)
    Repository(mine).save_team(Team(id="t1", name="Through the link"))
    assert mine.is_symlink()
    assert team_names(target) == {"Through the link"}
    assert names(mine.parent) == ["wb.json"]  # no lock, backup or temp beside the link
    assert {"wb.json", "wb.json.bak", "wb.json.lock"} <= set(names(shared))
    assert Repository(target).team("t1").name == "Through the link"


# leftovers


def test_a_kill_between_backup_and_rename_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    Repository(path).ensure_exists([Team(id="t1", name="First")])
    Repository(path).save_team(Team(id="t2", name="Second"))
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    dead = subprocess.run(
        [sys.executable, str(WORKER), "die_before_rename", str(path)], env=env, check=False
    )
    assert dead.returncode == -9
    assert path.read_bytes() == before
    assert os.path.samefile(path, path.with_name("wb.json.bak"))  # what the kill left
    Repository(path).save_team(Team(id="t3", name="Third"))
    assert team_names(path) == {"First", "Second", "Third"}
    assert team_names(path.with_name("wb.json.bak")) == {"First", "Second"}
    assert not os.path.samefile(path, path.with_name("wb.json.bak"))
    assert not [name for name in names(tmp_path) if ".tmp-" in name]


@pytest.mark.parametrize("name", ["wb[old].json", "wb?.json", "wb*.json", "w[!x]b.json"])
def test_glob_characters_in_the_name_clean_only_their_own_temp_files(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    repo = Repository(path)
    repo.ensure_exists()
    own = tmp_path / f".{name}.tmp-crash_01"
    own.write_text("left by a crash")
    others = [
        tmp_path / ".wbo.json.tmp-abcdefgh",
        tmp_path / ".wbx.json.tmp-abcdefgh",
        tmp_path / f".{name}.tmp-x.json.tmp-abcdefgh",  # the temp of `{name}.tmp-x.json`
    ]
    for other in others:
        other.write_text("another file's temp")
    repo.save_team(Team(name="x"))
    assert not own.exists()
    assert all(other.exists() for other in others)


# permissions


def test_a_new_file_and_its_companions_are_private_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o002)
    try:
        path = tmp_path / "wb.json"
        repo = Repository(path)
        repo.ensure_exists()
        repo.save_team(Team(name="x"))
    finally:
        os.umask(previous)
    for made in ("wb.json", "wb.json.bak", "wb.json.lock"):
        assert stat.S_IMODE(os.stat(tmp_path / made).st_mode) == 0o600, made


def test_read_only_touches_nothing_not_even_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    Repository(path).ensure_exists([Team(id="t1", name="First")])
    (tmp_path / "wb.json.lock").unlink()
    listing = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    repo = Repository(path, read_only=True)
    assert repo.read_only
    assert repo.team("t1").name == "First"
    for write in (
        lambda: repo.save_team(Team(name="x")),
        lambda: repo.delete_team("t1"),
        lambda: repo.update(Team, "t1", lambda t: t),
        lambda: repo.share_with_group("0"),
    ):
        with pytest.raises(ReadOnlyError, match="read-only"):
            write()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == listing


def try_write(path: str) -> dict[str, object]:
    """Open the file as this user and try to save: what happened."""
    repo = Repository(Path(path))
    outcome: dict[str, object] = {"read_only": repo.read_only_reason, "teams": len(repo.teams())}
    try:
        repo.save_team(Team(name=f"by {os.getuid()}"))
    except StorageError as error:
        outcome["error"] = type(error).__name__
    return outcome


def test_a_file_this_user_cannot_write_opens_read_only() -> None:
    need_root()
    with open_folder() as shared:
        folder = shared / "team"
        folder.mkdir()
        os.chown(folder, BOB, BOB)  # the folder is theirs: they could replace files in it
        path = folder / "wb.json"
        Repository(path).ensure_exists([Team(id="t1", name="First")])
        path.chmod(0o444)
        (folder / "wb.json.lock").unlink()
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        outcome = run_as(BOB, [], try_write, str(path))
        assert outcome == {"read_only": "marked", "teams": 1, "error": "ReadOnlyError"}
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o444
