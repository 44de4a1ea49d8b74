"""The file's own bookkeeping (``_meta``) is data: a bad value is reported by ``check``,
never shown as found, and never stops a save.

An OSC 52 sequence (write the clipboard) and a title change placed in ``_meta`` of a real
file, as anyone who can write the file could."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from workbench.cli import main
from workbench.cli.checker import check_file
from workbench.core.pilot_changes import revalidated
from workbench.core.team import Team
from workbench.storage.errors import ConflictError
from workbench.storage.repository import Repository

OSC52 = "\x1b]52;c;cHduZWQ=\x07"
TITLE = "\x1b]2;PWNED\x07"
BAD: dict[str, Any] = {
    "last_write_at": OSC52,
    "last_writer": f"mallory{TITLE}",
    "writes": "many",
    "last_pid": -4,
    "shared_group": f"aiteam{TITLE}",
}


def put_meta(path: Path, **values: Any) -> None:
    data = orjson.loads(path.read_bytes())
    data["_meta"]["1"].update(values)
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    path = tmp_path / "wb.json"
    Repository(path, author="alice@there").ensure_exists([Team(id="t", name="Sales")])
    assert check_file(path).ok
    return path


@pytest.mark.parametrize("name", list(BAD))
def test_check_reports_each_bad_meta_value(planted: Path, name: str) -> None:
    put_meta(planted, **{name: BAD[name]})
    report = check_file(planted)
    assert [p.location for p in report.problems] == [f"_meta {name}"]


def test_check_prints_the_problems_inert(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put_meta(planted, **BAD)
    assert main(["--lang", "fr", "check", "--db", str(planted)]) == 1
    printed = capsys.readouterr()
    assert "\x1b" not in printed.out + printed.err
    assert "_meta last_write_at : pas une date et une heure" in printed.err


def test_a_conflict_never_carries_the_text_of_the_meta_record_raw(planted: Path) -> None:
    bob = Repository(planted, author="bob@here")
    original = bob.team("t")
    Repository(planted, author="alice@there").update(
        Team, "t", lambda t: revalidated(t, name="Theirs")
    )
    put_meta(planted, last_write_at=OSC52, last_writer=f"mallory{TITLE}")
    with pytest.raises(ConflictError) as caught:
        bob.save_edit(original, revalidated(original, name="Mine"))
    conflict = caught.value
    assert conflict.last_write is not None
    assert conflict.last_write.at is None  # not a time: unknown, never the text found
    assert "\x1b" not in str(conflict)
    assert "\x1b" not in repr(conflict.params)


def test_bad_meta_values_do_not_stop_a_save(planted: Path) -> None:
    put_meta(planted, **BAD)
    repo = Repository(planted, author="bob@here")
    repo.save_team(Team(id="u", name="Support"))
    meta = orjson.loads(planted.read_bytes())["_meta"]["1"]
    assert (meta["writes"], meta["last_writer"]) == (1, "bob@here")
    last = repo.last_write()
    assert last is not None
    assert last.writer == "bob@here"
    assert last.at is not None
    assert repo.shared_group is None  # not a group name: not used to chown anything
