"""Exports and reports get the data file's access: private (0600) when it is, group
read/write with its group (0660) when it is shared; never readable by others."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.storage.users import TEAM_GROUP, need_root
from workbench.cli import main, open_repository

COMMANDS = {
    "export.csv": ["export", "--format", "csv"],
    "export.json": ["export", "--format", "json"],
    "export.md": ["export", "--format", "md"],
    "memo.md": ["memo", "team-data-ml"],
    "report.md": ["report", "pilot", "pilot-managers-genai"],
}


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def written(db: Path, folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for name, command in COMMANDS.items():
        out = folder / name
        assert main([*command, "--db", str(db), "--out", str(out)]) == 0
        info = out.stat()
        found[name] = (stat.S_IMODE(info.st_mode), info.st_gid)
    return found


def test_a_private_data_file_gives_private_exports(tmp_path: Path, umask_022: None) -> None:
    db = tmp_path / "workbench.json"
    open_repository(db, empty=False)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    modes = written(db, tmp_path)
    assert {mode for mode, _ in modes.values()} == {0o600}, modes


def test_a_shared_data_file_gives_exports_shared_with_its_group(
    tmp_path: Path, umask_022: None
) -> None:
    need_root()
    db = tmp_path / "workbench.json"
    open_repository(db, empty=False)
    os.chown(db, -1, TEAM_GROUP)
    db.chmod(0o660)
    modes = written(db, tmp_path)
    assert set(modes.values()) == {(0o660, TEAM_GROUP)}, modes


def test_a_world_readable_data_file_still_gives_no_access_to_others(
    tmp_path: Path, umask_022: None
) -> None:
    db = tmp_path / "workbench.json"
    open_repository(db, empty=False)
    db.chmod(0o644)
    modes = written(db, tmp_path)
    assert {mode for mode, _ in modes.values()} == {0o640}, modes
