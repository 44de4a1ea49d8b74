"""The command line: --version, check, opening a data file, and refusing a corrupt one."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import platformdirs
import pytest

from workbench import __version__
from workbench.cli import main, open_repository
from workbench.core.sample import load_sample
from workbench.settings import APP_NAME, DATA_FILE_NAME, default_db_path
from workbench.storage.repository import Repository
from workbench.storage.schema import META_TABLE, SCHEMA_VERSION

Raw = dict[str, Any]


# helpers


def sample_counts() -> str:
    sample = load_sample()
    return (
        f"{len(sample.programmes)} programmes, {len(sample.teams)} teams, "
        f"{len(sample.assessments)} assessments, {len(sample.pilots)} pilots, "
        f"{len(sample.rates)} exchange rates, {len(sample.diagnostics)} diagnostic sessions"
    )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A data file with the sample data, alone in its own folder."""
    made = tmp_path / "made" / "good.json"
    open_repository(made, empty=False)
    path = tmp_path / "files" / "good.json"
    path.parent.mkdir()
    path.write_bytes(made.read_bytes())
    return path


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def rated(raw: Raw, index: int = 0, *, unused: bool = True) -> tuple[str, Raw, str, str]:
    """The ``index``-th rated assessment (that no pilot uses): doc id, document, a rating."""
    used = {pilot.get("assessment_id") for pilot in raw.get("pilots", {}).values()}
    found = [
        (doc_id, doc, assessor, next(iter(ratings)))
        for doc_id, doc in raw["assessments"].items()
        if not (unused and doc["id"] in used)
        for assessor, ratings in list(doc.get("ratings", {}).items())[:1]  # one per assessment
        if ratings
    ]
    assert len(found) > index, "the sample has too few rated assessments"
    return found[index]


def rewrite(path: Path, change: Callable[[Raw], object]) -> Raw:
    raw: Raw = orjson.loads(path.read_bytes())
    change(raw)
    path.write_bytes(orjson.dumps(raw, option=orjson.OPT_INDENT_2))
    return raw


def truncate(path: Path) -> tuple[int, int]:
    """Cut the file in the middle (on an ASCII byte); the line and column of its end."""
    content = path.read_bytes()
    cut = len(content) // 2
    while content[cut - 1] >= 0x80:
        cut -= 1
    kept = content[:cut]
    path.write_bytes(kept)
    last_line = kept.decode("utf-8").rsplit("\n", 1)[-1]
    return kept.count(b"\n") + 1, len(last_line) + 1


def score_of_six(path: Path, *, unused: bool = True) -> list[str]:
    def change(raw: Raw) -> None:
        _, doc, assessor, key = rated(raw, unused=unused)
        doc["ratings"][assessor][key]["score"] = 6

    raw = orjson.loads(path.read_bytes())
    doc_id, doc, assessor, key = rated(raw, unused=unused)
    rewrite(path, change)
    return [
        f"assessments[{doc_id}] (id {doc['id']}) ratings.{assessor}.{key}.score: Must be 5 or less"
    ]


def missing_team(path: Path) -> list[str]:
    raw = rewrite(path, lambda raw: rated(raw, 1)[1].update(team_id="no-such-team"))
    assessment_id = rated(raw, 1)[1]["id"]
    return [f"assessments (id {assessment_id}) team_id: no team with id 'no-such-team'"]


def newer_schema(path: Path) -> list[str]:
    newer = SCHEMA_VERSION + 1
    rewrite(path, lambda raw: raw[META_TABLE]["1"].update(schema_version=newer))
    return [f"_meta: it was written by a newer workbench (schema {newer}"]


def truncated_json(path: Path) -> list[str]:
    line, column = truncate(path)
    return [f"line {line}, column {column}: not valid JSON"]


CORRUPTIONS: dict[str, Callable[[Path], list[str]]] = {
    "truncated JSON": truncated_json,
    "a score of 6": score_of_six,
    "an assessment of a missing team": missing_team,
    "a newer schema version": newer_schema,
}


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the UI's entry point: record each launch instead of starting Textual. As the
    app does once its first screen shows, every record is validated first: a file that fails
    ends the launch with the storage error (``WorkbenchApp.start_error``), not recorded."""
    calls: list[dict[str, Any]] = []

    def launch(repository: Repository, **options: Any) -> int:
        repository.snapshot()
        calls.append({"repository": repository, **options})
        return 0

    fake = types.ModuleType("workbench.ui.launch")
    fake.launch = launch  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "workbench.ui.launch", fake)
    return calls


# --version


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"workbench {__version__}"


def test_installed_console_script_prints_the_version() -> None:
    script = Path(sys.executable).with_name("workbench")
    if not script.exists():
        pytest.skip(f"no console script beside {sys.executable}: pip install -e .")
    done = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"workbench {__version__}"


# check


def test_check_a_good_file(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = listing(good.parent)
    assert main(["check", "--db", str(good)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"{good}: OK - {sample_counts()}"
    assert captured.err == ""
    assert listing(good.parent) == before  # read only: no lock, no backup, no temp file


def test_check_accepts_db_before_the_command(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbench --db X check` checks X, not the default file."""
    assert main(["--db", str(good), "check"]) == 0
    assert capsys.readouterr().out.startswith(f"{good}: OK")
    assert not default_db_path().exists()


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_check_reports_a_corrupt_file_and_leaves_it_unchanged(
    good: Path, corruption: str, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = CORRUPTIONS[corruption](good)
    before = listing(good.parent)
    assert main(["--lang", "en", "check", "--db", str(good)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        f"{good}: {len(expected)} problem{'s' if len(expected) > 1 else ''}\n"
    )
    for problem in expected:
        assert f"  {problem}" in captured.err
    assert listing(good.parent) == before


def test_check_lists_every_problem_of_a_file(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = score_of_six(good) + missing_team(good)
    assert main(["--lang", "en", "check", "--db", str(good)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{good}: 2 problems\n")
    for problem in expected:
        assert f"  {problem}" in err


def test_an_invalid_assessment_used_by_a_pilot_is_one_problem(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = score_of_six(good, unused=False)
    assert main(["--lang", "en", "check", "--db", str(good)]) == 1
    err = capsys.readouterr().err
    assert f"  {expected[0]}" in err
    assert err.startswith(f"{good}: 1 problem\n")


def test_check_locates_bad_json_after_non_ascii_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Line and column count characters: accents and dashes before the error don't shift it."""
    path = tmp_path / "accents.json"
    text = (
        '{\n  "teams": {\n    "1": {"id": "t", "name": "Équipe — été"},\n'
        '    "2": {"id": "u", "name": "Ventes à l\'été", "headcount": x}\n  }\n}\n'
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines()[3]
    assert main(["check", "--db", str(path)]) == 1
    assert f"  line 4, column {line.index('x') + 1}: not valid JSON" in capsys.readouterr().err


def test_check_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere" / "missing.json"
    assert main(["check", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: 1 problem" in err
    assert "No such file or directory" in err
    assert not path.exists()
    assert not path.parent.exists()


def test_check_uses_workbench_db_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_repository(default_db_path(), empty=False)
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'env-default.json'}: OK")


# opening a data file


def test_open_repository_creates_a_new_file_with_the_sample_data(tmp_path: Path) -> None:
    path = tmp_path / "new" / "workbench.json"
    repository = open_repository(path, empty=False)
    assert path.exists()
    sample = load_sample()
    snapshot = Repository(path).snapshot()
    assert sorted(snapshot.programmes) == sorted(p.id for p in sample.programmes)
    assert sorted(snapshot.teams) == sorted(t.id for t in sample.teams)
    assert sorted(snapshot.assessments) == sorted(a.id for a in sample.assessments)
    assert sorted(snapshot.pilots) == sorted(p.id for p in sample.pilots)
    assert snapshot.meta["schema_version"] == SCHEMA_VERSION
    assert repository.snapshot() == snapshot


def test_open_repository_empty_creates_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "workbench.json"
    open_repository(path, empty=True)
    snapshot = Repository(path).snapshot()
    assert snapshot.is_empty
    assert snapshot.meta["schema_version"] == SCHEMA_VERSION


def test_open_repository_never_adds_the_sample_to_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "workbench.json"
    open_repository(path, empty=True)
    before = path.read_bytes()
    assert open_repository(path, empty=False).snapshot().is_empty
    assert path.read_bytes() == before


# where the data file lives


def test_default_db_path_honours_workbench_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_db_path() == tmp_path / "env-default.json"  # set by conftest
    monkeypatch.setenv("WORKBENCH_DB", "~/team/data.json")
    assert default_db_path() == Path.home() / "team" / "data.json"


def test_default_db_path_without_workbench_db(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_DB")
    assert default_db_path() == platformdirs.user_data_path(APP_NAME) / DATA_FILE_NAME


# opening the app


def test_main_opens_the_app_on_a_new_file_with_the_sample(
    tmp_path: Path, launches: list[dict[str, Any]]
) -> None:
    path = tmp_path / "workbench.json"
    assert main(["--db", str(path), "--lang", "fr", "--theme", "x", "--assessor", "ana"]) == 0
    [call] = launches
    assert call["repository"].path == path
    assert (call["lang"], call["theme"], call["assessor"]) == ("fr", "x", "ana")
    assert len(Repository(path).snapshot().programmes) == len(load_sample().programmes)


def test_main_empty_and_workbench_db(launches: list[dict[str, Any]]) -> None:
    assert main(["--empty"]) == 0
    assert launches[0]["repository"].path == default_db_path()
    assert Repository(default_db_path()).snapshot().is_empty


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_main_refuses_a_corrupt_file(
    good: Path,
    corruption: str,
    launches: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    CORRUPTIONS[corruption](good)
    before = listing(good.parent)
    assert main(["--db", str(good)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"workbench: Cannot use the data file {good}: ")
    assert "The file was left untouched." in err
    assert launches == []
    assert listing(good.parent) == before


def test_main_on_a_folder_gives_a_clear_error(
    tmp_path: Path, launches: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["--db", str(folder)]) == 2
    assert str(folder) in capsys.readouterr().err
    assert launches == []


def test_the_environment_is_isolated() -> None:
    """conftest points both the data file and the settings into tmp_path."""
    assert os.environ["WORKBENCH_DB"].endswith("env-default.json")
    assert os.environ["WORKBENCH_CONFIG"].endswith("config.json")


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_check_and_the_app_refuse_an_empty_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    """Only a missing file is new: an empty one is refused like a corrupt one."""
    path = tmp_path / "empty.json"
    path.write_bytes(content)
    assert main(["check", "--db", str(path)]) == 1
    assert "the file is empty" in capsys.readouterr().err
    assert main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "empty" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.json"]


# keys and the settings file


BAD_KEYMAP = {"keymap": {"tab-teams": "f2", "scoring-median": "notakey!!", "nope": "x"}}


def test_keys_lists_every_binding_with_its_key_and_scope(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "en", "keys"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "f3" in lines["tab-teams"]
    assert "every tab" in lines["tab-teams"]
    assert "ctrl+z" in lines["scoring-undo"]
    assert "Scoring" in lines["scoring-undo"]
    assert "config.json" in out


def test_keys_shows_the_remapped_keys_and_warns_about_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keymap = {"keymap": {**BAD_KEYMAP["keymap"], "scoring-undo": "u"}}
    (tmp_path / "config.json").write_text(orjson.dumps(keymap).decode())
    assert main(["--lang", "fr", "keys"]) == 0
    captured = capsys.readouterr()
    lines = {line.split()[0]: line for line in captured.out.splitlines() if line.strip()}
    assert lines["scoring-undo"].split()[1] == "u"
    assert lines["tab-teams"].split()[1] == "f3"
    assert "3 entrées ignorées" in captured.err
    assert "notakey!!" in captured.err


def test_check_also_checks_the_settings_file(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", str(good)]) == 0
    (tmp_path / "config.json").write_text(orjson.dumps(BAD_KEYMAP).decode())
    assert main(["--lang", "en", "check", "--db", str(good)]) == 1
    err = capsys.readouterr().err
    assert "tab-teams: f2 is already the key of tab-catalogue" in err
    assert "nope: no binding has this id" in err
    (tmp_path / "config.json").write_text("{not json")
    assert main(["--lang", "en", "check", "--db", str(good)]) == 1
    assert "config.json" in capsys.readouterr().err


def test_the_app_draws_up_to_120_frames_a_second_unless_the_user_says() -> None:
    from workbench.cli.launch import set_frame_rate

    environ: dict[str, str] = {}
    set_frame_rate(environ)
    assert environ == {"TEXTUAL_FPS": "120"}
    mine = {"TEXTUAL_FPS": "30"}
    set_frame_rate(mine)
    assert mine == {"TEXTUAL_FPS": "30"}


def test_the_app_lets_the_frame_writer_run_every_millisecond() -> None:
    from workbench.cli.launch import THREAD_SWITCH_SECONDS, set_thread_switch

    before = sys.getswitchinterval()
    try:
        set_thread_switch()
        assert sys.getswitchinterval() == pytest.approx(THREAD_SWITCH_SECONDS)
    finally:
        sys.setswitchinterval(before)
