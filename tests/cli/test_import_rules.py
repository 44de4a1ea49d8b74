"""An import writes only what a form would: the form rules on every text it adds or
changes, no key given twice, all or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.cli.test_exchange import Capture, run
from tests.cli.test_exchange import db as db  # the sample data file, a fixture
from tests.stored_text import rich_file
from tests.stored_text import write as write_file
from workbench.exchange.importer import ImportPlan, plan_import
from workbench.storage.repository import Repository


def export(capsys: Capture, db: Path) -> dict[str, Any]:
    code, out, err = run(capsys, "--db", str(db), "export", "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = orjson.loads(out)
    return data


def refused(capsys: Capture, db: Path, source: Path) -> str:
    before = db.read_bytes()
    listing = sorted(p.name for p in db.parent.iterdir())
    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    assert (code, out) == (1, ""), err
    assert "nothing was written" in err
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == listing
    return err


def test_json_import_holds_new_text_to_the_form_rules(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    data = export(capsys, db)
    data["assessments"], data["pilots"] = {}, {}
    team = next(iter(data["teams"].values()))
    team["name"] = "Ops\x1b]2;PWN\x07"
    team["department"] = "D" * 5004
    new_team = {"id": "team-new", "name": "New\nteam"}
    data["teams"]["new"] = new_team
    source = write_file(tmp_path / "bad.json", data)
    err = refused(capsys, db, source)
    assert "\x1b" not in err
    assert f"(id {team['id']}) name: Control characters" in err
    assert f"(id {team['id']}) department: At most 200 characters (5004 here)" in err
    assert "(id team-new) name: Control characters" in err


def test_the_same_text_in_a_csv_is_refused_too(db: Path, tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "catalogue.csv"
    source.write_text("programme,provider\r\nOps\x1b]2;PWN\x07,Acme\r\n", encoding="utf-8")
    assert "line 2, programme: Control characters" in refused(capsys, db, source)


def test_a_key_given_twice_is_refused_with_its_line_and_column(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "twice.json"
    source.write_text(
        '{"teams": {"1": {\n  "id": "team-x",\n  "name": "A",\n    "name": "B"\n}}}',
        encoding="utf-8",
    )
    err = refused(capsys, db, source)
    assert "line 4, column 5: the key 'name' is given twice" in err


def test_a_table_given_twice_is_refused(db: Path, tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "tables.json"
    source.write_text('{"teams": {}, "programmes": {}, "teams": {}}', encoding="utf-8")
    assert "line 1, column 33: the key 'teams' is given twice" in refused(capsys, db, source)


def test_stored_text_the_file_already_holds_imports_back(tmp_path: Path, capsys: Capture) -> None:
    """An export of a file with old hand-edited text goes back in: only what the import adds
    or changes is held to the form rules."""
    data = rich_file()
    data["teams"]["1"]["name"] = "Old\tname"
    data["pilots"]["1"]["journal"][0]["text"] = "x" * 300
    (tmp_path / "data").mkdir()
    db = write_file(tmp_path / "data" / "workbench.json", data)
    exported = export(capsys, db)
    next(iter(exported["teams"].values()))["headcount"] = 9
    source = write_file(tmp_path / "back.json", exported)
    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    assert code == 0, err
    assert "1 updated" in out
    team = Repository(db).team("team-1")
    assert (team.name, team.headcount) == ("Old\tname", 9)
    # changing the old text is a new text: held to the rules
    next(iter(exported["teams"].values()))["name"] = "Old\tname, renamed"
    source = write_file(tmp_path / "renamed.json", exported)
    assert "(id team-1) name: Control characters" in refused(capsys, db, source)


# what the path names


def run_process(*argv: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """A real process: an import that waited for a FIFO's writer would hang, not fail."""
    env = {**os.environ, "WORKBENCH_CONFIG": str(tmp_path / "config.json"), "LANG": "C.UTF-8"}
    env = {k: v for k, v in env.items() if not k.startswith("LC_")}
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *argv],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_a_fifo_is_named_for_what_it_is_and_never_waited_for(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "catalogue.csv"
    os.mkfifo(fifo)
    done = run_process("--db", str(db), "import", str(fifo), tmp_path=tmp_path)
    assert done.returncode == 2
    assert f"{fifo}: is not a regular file" in done.stderr
    assert "no such file" not in done.stderr


def test_a_folder_is_named_for_what_it_is(db: Path, tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "--db", str(db), "import", str(tmp_path))
    assert code == 2
    assert f"{tmp_path}: is a folder" in err


def test_a_missing_file_is_still_no_such_file(db: Path, tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "--db", str(db), "import", str(tmp_path / "none.csv"))
    assert code == 2
    assert err.strip().endswith(f"{tmp_path / 'none.csv'}: no such file")


def test_a_fifo_given_to_the_plan_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    snapshot = Repository(tmp_path / "wb.json").snapshot()
    plans: list[ImportPlan] = []
    reader = threading.Thread(target=lambda: plans.append(plan_import(fifo, snapshot)), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # waiting for a writer: give it one, so that the thread ends
        with open(fifo, "wb"):
            pass
        pytest.fail("the import waited for a writer to the FIFO")
    assert [p.message for p in plans[0].problems] == ["is not a regular file"]


SECRET = "root:$6$saltsalt$hashhashhash:19000:0:99999:7:::"


@pytest.mark.parametrize("shown_as_link", [False, True])
def test_a_file_that_is_not_a_catalogue_is_not_echoed(
    db: Path, tmp_path: Path, capsys: Capture, shown_as_link: bool
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(f"{SECRET}\ndaemon:*:19000:0:99999:7:::\n", encoding="utf-8")
    secret.chmod(0o600)
    source = secret
    if shown_as_link:
        source = tmp_path / "catalogue.csv"
        source.symlink_to(secret)
    err = refused(capsys, db, source)
    for part in ("saltsalt", "hashhash", "99999", "daemon"):
        assert part not in err
    assert "the first line is not a header of catalogue columns" in err


def test_a_header_with_a_wrong_column_still_names_it(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "catalogue.csv"
    source.write_text("programme,provider,colour\nA,B,red\n", encoding="utf-8")
    assert "unknown column: colour" in refused(capsys, db, source)
