"""The file's bytes are not kept once parsed: their length and SHA-256 tell a new version
from the cached one, read a chunk at a time, whatever the stat fields say."""

from __future__ import annotations

import hashlib
import os
from dataclasses import fields
from pathlib import Path

import pytest

from workbench.core.team import Team
from workbench.storage import datafile
from workbench.storage.datafile import Fingerprint
from workbench.storage.repository import Repository


@pytest.fixture(autouse=True, params=["inline", "in a thread"])
def hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small files are hashed at once; large ones in a thread (here every file)."""
    if request.param == "in a thread":
        monkeypatch.setattr(datafile, "HASH_IN_THREAD_FROM", 0)


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repository = Repository(tmp_path / "data.json", author="tester@host")
    repository.ensure_exists([Team(id="t1", name="Alpha", headcount=3)])
    return repository


def test_no_copy_of_the_bytes_is_kept(repo: Repository) -> None:
    loaded = repo.file.cached
    assert loaded is not None
    assert not any(isinstance(getattr(loaded, f.name), bytes) for f in fields(loaded))
    content = repo.path.read_bytes()
    assert loaded.fingerprint == Fingerprint.of(content)
    assert loaded.fingerprint != Fingerprint.of(content.replace(b"Alpha", b"Alfa!"))
    assert loaded.fingerprint is not None
    assert loaded.fingerprint.digest == hashlib.sha256(content).digest()


def test_the_same_bytes_with_new_stat_fields_are_not_parsed_again(repo: Repository) -> None:
    before = repo.snapshot()
    content = repo.path.read_bytes()
    repo.path.unlink()
    repo.path.write_bytes(content)  # a new inode and mtime, the same bytes
    assert repo.has_changed()  # the stat fields say so...
    assert repo.snapshot() is before  # ...the bytes say otherwise: nothing parsed again
    assert not repo.has_changed(deep=True)


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_a_change_in_any_chunk_is_seen_with_frozen_stat_fields(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(datafile, "READ_CHUNK", chunk)
    frozen = datafile.Identity(inode=7, mtime_ns=0, size=0)
    monkeypatch.setattr(datafile.Identity, "of", classmethod(lambda cls, _: frozen))
    repo.reload()
    content = repo.path.read_bytes()
    assert b'"headcount": 3' in content
    changed = content.replace(b'"headcount": 3', b'"headcount": 4')  # same size, last part
    assert len(changed) == len(content)
    os.replace(_written(repo.path.with_name("next.json"), changed), repo.path)
    assert not repo.has_changed()  # one stat is fooled...
    assert repo.has_changed(deep=True)  # ...the bytes are not
    assert repo.reload().teams["t1"].headcount == 4
    assert not repo.has_changed(deep=True)


def test_a_file_of_another_size_is_read_whole(repo: Repository) -> None:
    other = Repository(repo.path)
    other.update(Team, "t1", lambda t: t.model_copy(update={"name": "Alpha and beta"}))
    assert repo.has_changed(deep=True)
    assert repo.reload().teams["t1"].name == "Alpha and beta"


def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_a_failed_hashing_makes_the_file_read_again(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safe side: a fingerprint without its hash equals nothing, so nothing is trusted."""
    monkeypatch.setattr(datafile, "HASH_IN_THREAD_FROM", 0)

    def no_hash(_: bytes) -> object:
        raise MemoryError

    content = repo.path.read_bytes()
    monkeypatch.setattr(datafile.hashlib, "sha256", no_hash)
    failed = Fingerprint.of(content)
    monkeypatch.undo()
    assert failed.digest == b""
    assert failed != Fingerprint.of(content)
    assert failed != failed
