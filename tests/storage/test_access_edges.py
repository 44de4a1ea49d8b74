"""Who may save, decided before anything is touched, and said in words a user can act on:
root on a file nobody may write, a reader outside the file's group, a file shared with a
group this machine does not have. Real files, real user ids (the tests run as root)."""

from __future__ import annotations

import contextlib
import io
import os
import stat
from pathlib import Path

import orjson
import pytest

from tests.storage.users import ALICE, BOB, TEAM_GROUP, need_root, open_folder, run_as
from workbench.cli import main, open_repository
from workbench.core.team import Team
from workbench.i18n import Translator
from workbench.i18n.messages import storage_message
from workbench.storage.errors import ReadOnlyError, StorageError
from workbench.storage.repository import Repository


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_root_on_a_file_nobody_may_write_opens_it_read_only(tmp_path: Path) -> None:
    need_root()
    path = tmp_path / "wb.json"
    Repository(path).ensure_exists([Team(id="t", name="First")])
    path.chmod(0o444)
    before = listing(tmp_path)
    repo = Repository(path)
    assert repo.read_only_reason == "marked"
    with pytest.raises(ReadOnlyError, match="marked read-only"):
        repo.save_team(Team(id="u", name="Second"))
    assert listing(tmp_path) == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.parametrize("mode", [0o464, 0o064, 0o046])
def test_root_saves_a_file_whose_owner_bits_lack_write(tmp_path: Path, mode: int) -> None:
    """Writable by someone, so root may save it: the lock file is root's to read and write
    (filelock refused any lock mode without them: "ValueError: mode=0o464 must grant…")."""
    need_root()
    path = tmp_path / "wb.json"
    Repository(path).ensure_exists([Team(id="t", name="First")])
    (tmp_path / "wb.json.lock").unlink()
    path.chmod(mode)
    Repository(path).save_team(Team(id="u", name="Second"))
    assert Repository(path).team("u").name == "Second"
    assert stat.S_IMODE(path.stat().st_mode) == mode


def open_read_only(path: str) -> str:
    """``workbench --read-only`` as this user: what it printed on stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--lang", "en", "--read-only", "--db", path])
    return f"{code} {err.getvalue()}"


def test_a_reader_outside_the_group_is_not_told_to_use_read_only() -> None:
    need_root()
    with open_folder() as top:
        path = top / "wb.json"
        Repository(path, author="alice").ensure_exists([Team(id="t", name="First")])
        os.chown(path, ALICE, TEAM_GROUP)
        path.chmod(0o660)
        said = run_as(BOB, [], open_read_only, str(path))
        assert said.startswith("2 ")
        assert "permission denied" in said
        assert "--read-only" not in said
        assert "workbench share --group" in said


def share_group_unknown_here(path: Path) -> None:
    """The file as a machine without its group sees it: shared with a group name (recorded
    by `share` on another machine) that no group of this one has, its gid nameless here."""
    Repository(path, author="alice").ensure_exists([Team(id="t", name="First")])
    os.chown(path, -1, TEAM_GROUP)
    path.chmod(0o660)
    data = orjson.loads(path.read_bytes())
    data["_meta"]["1"]["shared_group"] = "wb-absent-group"
    path.write_bytes(orjson.dumps(data))


def test_a_file_shared_with_a_group_this_machine_lacks_says_so(tmp_path: Path) -> None:
    need_root()
    path = tmp_path / "wb.json"
    share_group_unknown_here(path)
    before = listing(tmp_path)
    with pytest.raises(StorageError) as caught:
        Repository(path).save_team(Team(id="u", name="Second"))
    said = storage_message(caught.value, Translator("en"))
    assert "'wb-absent-group', which this machine does not have" in said
    assert "workbench share --group" in said
    assert "--read-only" in said
    assert "que cette machine n'a pas" in storage_message(caught.value, Translator("fr"))
    assert listing(tmp_path) == before

    opened = open_repository(path, empty=False)
    assert opened.read_only_reason == "group"  # the app opens it read-only, and says why

    assert main(["share", "--group", str(TEAM_GROUP), "--db", str(path)]) == 0  # the way out
    Repository(path).save_team(Team(id="u", name="Second"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o660
    assert path.stat().st_gid == TEAM_GROUP
