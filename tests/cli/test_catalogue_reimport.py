"""Re-importing a catalogue updates what matches (id, else provider + name), shows what
would change, and says bad cells in the user's language (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main, open_repository
from workbench.core.catalogue import Programme
from workbench.storage.repository import Repository

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


HAND_WRITTEN = (
    "programme,provider,level,hours_min\n"
    "Dataiku Core Designer,Dataiku,beginner,8\n"
    "Agents in practice,Acme Academy,,\n"
)


def test_a_catalogue_without_ids_imported_twice_is_not_duplicated(
    tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "catalogue.csv"
    source.write_text(HAND_WRITTEN, encoding="utf-8")
    db = tmp_path / "wb.json"
    assert run(capsys, "--db", str(db), "import", str(source))[0] == 0
    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    assert code == 0, err
    assert "0 added, 0 updated, 2 unchanged" in out
    assert "Dataiku Core Designer): matched by provider and name, unchanged" in out
    names = [p.name for p in Repository(db).programmes()]
    assert sorted(names) == ["Agents in practice", "Dataiku Core Designer"]


def test_provider_and_name_match_ignoring_case_and_repeated_spaces(
    tmp_path: Path, capsys: Capture
) -> None:
    db = tmp_path / "wb.json"
    Repository(db).ensure_exists(
        [Programme(id="dss", name="Dataiku Core Designer", provider="Dataiku")]
    )
    source = tmp_path / "catalogue.csv"
    source.write_text(
        "programme,provider,hours_min\ndataiku  CORE designer,DATAIKU,8\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "--db", str(db), "import", str(source))
    assert code == 0
    assert "0 added, 1 updated, 0 unchanged" in out
    (programme,) = Repository(db).programmes()
    assert (programme.id, programme.hours_min) == ("dss", 8)


def test_ids_match_trimmed_and_a_round_trip_changes_nothing(
    tmp_path: Path, capsys: Capture
) -> None:
    db = tmp_path / "wb.json"
    Repository(db).ensure_exists([Programme(id=" p1", name="Spaced id", provider="Acme")])
    exported = tmp_path / "all.csv"
    assert run(capsys, "--db", str(db), "export", "--format", "csv", "--out", str(exported))[0] == 0
    code, out, _ = run(capsys, "--db", str(db), "import", str(exported))
    assert code == 0
    assert "0 added, 0 updated, 1 unchanged" in out
    assert "matched by id" in out
    assert list(Repository(db).snapshot().programmes) == [" p1"]


def test_the_sample_export_imported_twice_changes_nothing(tmp_path: Path, capsys: Capture) -> None:
    db = tmp_path / "wb.json"
    open_repository(db, empty=False)
    exported = tmp_path / "all.csv"
    run(capsys, "--db", str(db), "export", "--format", "csv", "--out", str(exported))
    before = Repository(db).snapshot().programmes
    for _ in range(2):
        code, out, err = run(capsys, "--db", str(db), "import", str(exported))
        assert code == 0, err
        assert f"0 added, 0 updated, {len(before)} unchanged" in out
    assert dict(Repository(db).snapshot().programmes) == dict(before)


def test_a_dry_run_lists_each_changed_field_old_to_new(tmp_path: Path, capsys: Capture) -> None:
    db = tmp_path / "wb.json"
    Repository(db).ensure_exists(
        [Programme(id="p1", name="P", provider="Acme", hours_min=2, renewal="yearly")]
    )
    source = tmp_path / "vendor.csv"
    source.write_text("programme_id,programme,provider,hours_min\np1,P,Acme,3\n", encoding="utf-8")
    before = db.read_bytes()
    code, out, _ = run(capsys, "--db", str(db), "import", "--dry-run", str(source))
    assert code == 0
    assert "line 2, p1 (P): matched by id, updated" in out
    assert "hours_min: 2.0 → 3.0" in out
    assert "renewal" not in out  # a column the file does not have keeps its value
    assert db.read_bytes() == before
    code, out, _ = run(capsys, "--lang", "fr", "--db", str(db), "import", "--dry-run", str(source))
    assert "ligne 2, p1 (P) : reconnu par son id, mis à jour" in out


def test_the_export_applies_its_grid_and_says_its_decision_columns_are_not(
    tmp_path: Path, capsys: Capture
) -> None:
    db = tmp_path / "wb.json"
    open_repository(db, empty=False)
    exported = tmp_path / "all.csv"
    run(capsys, "--db", str(db), "export", "--format", "csv", "--out", str(exported))
    code, out, _ = run(capsys, "--db", str(db), "import", "--dry-run", str(exported))
    assert code == 0
    assert "not applied: team_id" not in out
    assert "ratings: 0 changed, " in out
    assert "ignored: total, maximum, percent" in out


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "line 4, checked_on: 30/11/2026 is not a date; write YYYY-MM-DD"),
        ("fr", "ligne 4, checked_on : 30/11/2026 n'est pas une date ; écrivez AAAA-MM-JJ"),
    ],
)
def test_a_bad_date_names_the_line_the_column_and_what_to_write(
    tmp_path: Path, capsys: Capture, lang: str, said: str
) -> None:
    source = tmp_path / "catalogue.csv"
    source.write_text(
        "programme,provider,checked_on\nA,X,2026-01-01\nB,X,\nC,X,30/11/2026\n", encoding="utf-8"
    )
    db = tmp_path / "wb.json"
    code, out, err = run(capsys, "--lang", lang, "--db", str(db), "import", str(source))
    assert (code, out) == (1, "")
    assert said in err
    assert not db.exists()
