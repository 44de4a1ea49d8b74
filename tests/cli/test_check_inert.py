"""``workbench check`` and start-up errors print the file's text inert, one problem a line;
a bad byte is reported where it is; a terminal that cannot show the app is said so."""

from __future__ import annotations

import locale
from pathlib import Path

import orjson
import pytest

from tests.hostile import CONTROL, PAYLOADS, hostile_records, write_hostile_file
from workbench.cli import main, open_repository
from workbench.i18n import Translator
from workbench.ui import launch as launch_module

FAKE_OK = "\n{path}: OK - 17 programmes, 6 teams, 8 assessments, 2 pilots\x1b[8m"


def assert_inert_output(text: str) -> None:
    for char in CONTROL:
        assert char not in text, f"{char!r} printed"


def test_check_reports_every_hostile_value_inertly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_hostile_file(tmp_path / "hostile.json")
    assert main(["check", "--db", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_inert_output(captured.err)
    lines = captured.err.splitlines()
    count = int(lines[0].split(": ")[-1].split()[0])
    assert len(lines) == count + 1  # one line per problem, whatever the text holds
    err = captured.err
    assert "Control characters, new lines and tabs are not allowed here" in err
    assert "<ZWSP><WJ>" not in err  # the messages say what is wrong, values are not echoed
    assert "At most 200 characters (10004 here)" in err
    assert "URL" in err


def test_a_hostile_table_name_cannot_fake_an_ok_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fake.json"
    data = {"programmes": {}, FAKE_OK.format(path=path): {}}
    path.write_bytes(orjson.dumps(data))
    assert main(["check", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert_inert_output(err)
    assert err.splitlines()[0] == f"{path}: 1 problem"
    assert "↵" in err
    assert "␛[8m" in err
    assert not any(line.startswith(f"{path}: OK") for line in err.splitlines())


def test_hostile_ids_in_dangling_references_are_printed_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ids.json"
    data = {
        "assessments": {
            "1": {
                "id": "\x1b[31mred\x1b]2;pwned\x07",
                "team_id": "\x1b[2J" + "\n" + "gone",
                "programme_id": "\x9bx",
            }
        }
    }
    path.write_bytes(orjson.dumps(data))
    assert main(["check", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert_inert_output(err)
    assert "(id ␛[31mred␛]2;pwned␇) team_id: Control characters" in err
    assert "(id ␛[31mred␛]2;pwned␇) id: Control characters" in err  # an id is text too
    assert len(err.splitlines()) == 4


@pytest.mark.parametrize(("line", "column"), [(1, 1), (3, 7), (440, 12)])
def test_invalid_utf8_is_reported_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: int, column: int
) -> None:
    lines = ['{"teams": {'] + [f'  "{n}": {{"id": "t{n}", "name": "Équipe"}},' for n in range(600)]
    lines += ['  "x": {"id": "x", "name": "y"}', "}}"]
    text = "\n".join(lines).encode()
    rows = text.split(b"\n")
    row = rows[line - 1].decode()
    # insert a stray byte after (column - 1) characters of that line (accents count as one)
    rows[line - 1] = row[: column - 1].encode() + b"\xff" + row[column - 1 :].encode()
    path = tmp_path / "bad.json"
    path.write_bytes(b"\n".join(rows))
    assert main(["check", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"  line {line}, column {column}: not valid UTF-8 (byte ff)" in err


def test_start_up_reports_a_bad_byte_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{\n  "teams": {\n    "1": {"name": "\xc3\xa9t\xe9"}\n  }\n}\n')
    assert main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not valid UTF-8 (byte e9) at line 3, column 22" in err
    assert path.read_bytes().startswith(b'{\n  "teams"')  # untouched


def test_start_up_errors_quote_the_file_inertly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fake.json"
    records = hostile_records()
    records["teams"]["1"]["headcount"] = 0  # invalid: the app refuses the file
    records[FAKE_OK.format(path=path)] = {}
    path.write_bytes(orjson.dumps(records))
    assert main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert_inert_output(err)
    assert len(err.splitlines()) == 1


def test_the_app_opens_a_file_that_check_reports(tmp_path: Path) -> None:
    """Old or hand-edited text is shown inert by the app; check tells what to fix."""
    path = write_hostile_file(tmp_path / "hostile.json")
    repository = open_repository(path, empty=False)
    names = {team.name for team in repository.teams()}
    assert "T01 " + PAYLOADS["osc52"] in names


def test_a_dumb_terminal_is_refused_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = open_repository(tmp_path / "wb.json", empty=True)
    monkeypatch.setenv("TERM", "dumb")
    assert launch_module.launch(repository, lang="en") == 2
    err = capsys.readouterr().err
    assert "TERM=dumb" in err
    assert "full-screen" in err


def test_an_ascii_locale_is_refused_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    i18n = Translator("en")
    monkeypatch.setattr(locale, "getpreferredencoding", lambda _=True: "ANSI_X3.4-1968")
    problem = launch_module.encoding_problem(i18n)
    assert problem is not None
    assert "LC_ALL=C.UTF-8" in problem
    monkeypatch.setattr(locale, "getpreferredencoding", lambda _=True: "UTF-8")
    assert launch_module.encoding_problem(i18n) is None
