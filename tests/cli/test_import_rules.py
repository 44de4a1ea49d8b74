"""An import writes only what a form would: the form rules on every text it adds or
changes, no key given twice, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.stored_text import rich_file
from tests.stored_text import write as write_file
from workbench.cli import main, open_repository
from workbench.storage.repository import Repository

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "workbench.json"
    open_repository(path, empty=False)
    return path


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


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
    assert "line 2 programme: Control characters" in refused(capsys, db, source)


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
