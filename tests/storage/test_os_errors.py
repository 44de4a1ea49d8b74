"""OS errors on load and save: a clear FileSystemError naming the file and what to do,
nothing half-written, nothing left behind, and a retry that works once the cause is gone."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import filelock
import pytest

from workbench.core.team import Team
from workbench.storage import datafile
from workbench.storage.errors import FileSystemError, StorageError
from workbench.storage.repository import Repository

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Confidential reason 4711"


def failing(code: int) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code), str(args[0]) if args else None)

    return fail


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repository = Repository(tmp_path / "data.json", author="tester@host")
    repository.ensure_exists([Team(id="t1", name=SECRET)])
    repository.save_team(Team(id="t1", name=SECRET + " v2"))  # so that a backup exists
    return repository


def folder_listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


ADVICE = {
    errno.ENOSPC: "disk is full",
    errno.EIO: "input/output error",
    errno.EROFS: "read-only",
    errno.EACCES: "permission denied",
    errno.EDQUOT: "quota",
}


@pytest.mark.parametrize("code", list(ADVICE))
@pytest.mark.parametrize("where", ["replace", "mkstemp", "fchmod", "link"])
def test_a_failed_save_says_why_and_leaves_every_file_as_it_was(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, code: int, where: str
) -> None:
    before = folder_listing(repo.path.parent)
    target = tempfile if where == "mkstemp" else os
    monkeypatch.setattr(target, where, failing(code))
    with pytest.raises(FileSystemError) as caught:
        repo.save_team(Team(id="t2", name="new"))
    message = str(caught.value)
    assert str(repo.path) in message
    assert ADVICE[code] in message
    assert SECRET not in message
    assert caught.value.errno == code
    monkeypatch.undo()
    assert folder_listing(repo.path.parent) == before
    # the cause gone, the same save works
    repo.save_team(Team(id="t2", name="new"))
    assert Repository(repo.path).team("t2").name == "new"


def test_a_failed_read_says_why(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datafile, "open", failing(errno.EIO), raising=False)
    with pytest.raises(FileSystemError) as caught:
        Repository(repo.path).snapshot()
    assert "Could not read" in str(caught.value)
    assert "input/output error" in str(caught.value)


def test_a_failed_lock_says_why(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filelock.FileLock, "acquire", failing(errno.EACCES))
    with pytest.raises(FileSystemError, match="permission denied"):
        repo.save_team(Team(name="x"))


# a real full filesystem


@pytest.fixture
def small_tmpfs() -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a 64 KiB tmpfs needs root")
    mount_point = Path(tempfile.mkdtemp(prefix="wb-tmpfs-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        mount_point.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
        shutil.rmtree(mount_point, ignore_errors=True)


def test_a_full_disk_keeps_the_last_good_version_and_saves_again_once_freed(
    small_tmpfs: Path,
) -> None:
    path = small_tmpfs / "wb.json"
    repo = Repository(path)
    repo.ensure_exists()
    saved, failure = 0, None
    for i in range(1000):
        try:
            repo.save_team(Team(id=f"t{i}", name=f"Team {i} " + "x" * 180))
        except FileSystemError as error:
            failure = error
            break
        saved += 1
    assert failure is not None
    assert "disk is full" in str(failure)
    assert saved > 0
    survivor = Repository(path)
    assert len(survivor.snapshot().teams) == saved  # the last good version, whole
    assert not [p.name for p in small_tmpfs.iterdir() if ".tmp-" in p.name]
    for backup in small_tmpfs.glob("wb.json.bak*"):  # room for the next try
        backup.unlink()
    repo.save_team(Team(id="after", name="after"))
    assert Repository(path).team("after").name == "after"


def test_the_command_line_says_a_full_disk_in_one_line(small_tmpfs: Path) -> None:
    (small_tmpfs / "filler").write_bytes(b"\0" * 60_000)
    path = small_tmpfs / "wb.json"
    done = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "--db", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "disk is full" in done.stderr
    assert str(path) in done.stderr
    assert sorted(p.name for p in small_tmpfs.iterdir()) == ["filler"]  # no empty lock file


def test_a_new_file_on_a_full_disk_leaves_nothing_behind(small_tmpfs: Path) -> None:
    (small_tmpfs / "filler").write_bytes(b"\0" * 60_000)
    path = small_tmpfs / "wb.json"
    with pytest.raises(FileSystemError, match="disk is full"):
        Repository(path).ensure_exists([Team(id=f"t{i}", name="x" * 150) for i in range(50)])
    assert sorted(p.name for p in small_tmpfs.iterdir()) == ["filler"]
    (small_tmpfs / "filler").unlink()
    assert Repository(path).ensure_exists([Team(id="t", name="First")])
    assert sorted(p.name for p in small_tmpfs.iterdir()) == ["wb.json", "wb.json.lock"]


def test_a_read_only_filesystem_opens_read_only(small_tmpfs: Path) -> None:
    path = small_tmpfs / "wb.json"
    Repository(path).ensure_exists([Team(id="t1", name="kept")])
    subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], check=True)
    repo = Repository(path)
    assert repo.read_only
    assert repo.team("t1").name == "kept"
    with pytest.raises(StorageError, match="read-only"):
        repo.save_team(Team(name="x"))
