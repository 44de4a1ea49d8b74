"""``workbench export``, ``import`` and ``memo`` from the command line, as users run them."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from workbench.cli import main, open_repository
from workbench.cli.checker import check_file
from workbench.core.assessment import Rating, now_utc
from workbench.core.grid import CRITERION_KEYS
from workbench.core.sample import load_sample
from workbench.storage.repository import Repository
from workbench.storage.schema import SCHEMA_VERSION

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


def without_export_stamp(content: bytes) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(content)
    meta = data["_meta"]["1"]
    for key in ("exported_at", "exported_by"):
        meta.pop(key)
    return data


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# CSV


def test_csv_export_has_one_row_per_team_programme_assessor_and_criterion(
    db: Path, capsys: Capture
) -> None:
    code, out, err = run(capsys, "--db", str(db), "export", "--format", "csv")
    assert code == 0, err
    rows = csv_rows(out)
    snapshot = Repository(db).snapshot()
    graded = sum(max(len(a.assessors), 1) * 6 for a in snapshot.assessments.values())
    assessed = {a.programme_id for a in snapshot.assessments.values()}
    assert len(rows) == graded + len(set(snapshot.programmes) - assessed)
    first = rows[0]
    assert list(first)[:20] == [
        "team_id",
        "team",
        "programme_id",
        "programme",
        "assessment_id",
        "assessor",
        "criterion",
        "criterion_label",
        "weight",
        "score",
        "low",
        "high",
        "reason",
        "total",
        "maximum",
        "percent",
        "pilot_above",
        "alternatives_below",
        "objective_measurable",
        "verdict",
    ]
    mla = [r for r in rows if r["assessment_id"] == "assess-dataml-mla" and r["assessor"] == "marc"]
    assert [r["criterion"] for r in mla] == list(CRITERION_KEYS)
    assessment = snapshot.assessments["assess-dataml-mla"]
    for row in mla:
        rating = assessment.rating("marc", row["criterion"])
        assert row["score"] == str(rating.score)
        assert row["reason"] == rating.reason
        assert row["weight"] == str(assessment.grid.weight(row["criterion"]))
        assert row["team"] == "Data and ML engineering"


def test_csv_export_of_one_team_to_a_file(db: Path, tmp_path: Path, capsys: Capture) -> None:
    out_file = tmp_path / "team.csv"
    code, out, err = run(
        capsys, "--db", str(db), "export", "--format", "csv", "--team", "team-data-ml",
        "--out", str(out_file),
    )  # fmt: skip
    assert (code, out) == (0, "")
    assert str(out_file) in err
    rows = csv_rows(out_file.read_text(encoding="utf-8"))
    assert rows
    assert {r["team_id"] for r in rows} == {"team-data-ml"}
    by_name = run(
        capsys, "--db", str(db), "export", "--format", "csv", "--team", "DATA AND ML ENGINEERING"
    )
    assert csv_rows(by_name[1]) == rows


def test_csv_neutralises_formula_looking_cells_and_the_import_restores_them(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    repo = Repository(db)
    programme = repo.programme("iapp-aigp")
    repo.save_programme(programme.model_copy(update={"name": '=HYPERLINK("http://x")'}))
    team = repo.team("team-legal-compliance")
    repo.save_team(team.model_copy(update={"name": "@SUM(A1:A9)"}))
    repo.update(
        type(repo.assessment("assess-legal-aigp")),
        "assess-legal-aigp",
        lambda a: a.with_rating(
            "marc", "business_impact", Rating(score=4, reason="=cmd|' /C calc'!A0"), at=now_utc()
        ),
    )
    _, out, _ = run(
        capsys, "--db", str(db), "export", "--format", "csv", "--team", "team-legal-compliance"
    )
    rows = csv_rows(out)
    impact = next(r for r in rows if r["criterion"] == "business_impact")
    assert impact["reason"] == "'=cmd|' /C calc'!A0"
    assert impact["team"] == "'@SUM(A1:A9)"
    assert impact["programme"] == '\'=HYPERLINK("http://x")'
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    exported = tmp_path / "grid.csv"
    exported.write_text(out, encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    assert run(capsys, "--db", str(fresh), "import", str(exported))[0] == 0
    assert Repository(fresh).programme("iapp-aigp").name == '=HYPERLINK("http://x")'


def test_a_csv_export_read_back_as_a_catalogue_keeps_every_programme_field(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    exported = tmp_path / "all.csv"
    assert run(capsys, "--db", str(db), "export", "--format", "csv", "--out", str(exported))[0] == 0
    empty = tmp_path / "catalogue.json"
    code, out, err = run(capsys, "--db", str(empty), "import", str(exported))
    assert code == 0, err
    programmes = load_sample().programmes
    assert f"{len(programmes)} added, 0 updated, 0 unchanged" in out
    imported = Repository(empty).snapshot().programmes
    assert {p.id: p for p in programmes} == dict(imported)
    again = run(capsys, "--db", str(empty), "import", str(exported))
    assert f"0 added, 0 updated, {len(programmes)} unchanged" in again[1]


def test_a_hand_written_catalogue_csv(tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "catalogue.csv"
    source.write_text(
        "programme,provider,level,price_amount,price_currency,topics,hours_min\n"
        'Prompting for writers,Acme Academy,beginner,"1,5",eur,Prompting; SEO,2\n'
        "Agents in practice,Acme Academy,,,,Agents,\n",
        encoding="utf-8",
    )
    db = tmp_path / "wb.json"
    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    assert code == 0, err
    assert "2 added" in out
    programmes = {p.name: p for p in Repository(db).programmes()}
    writers = programmes["Prompting for writers"]
    assert (str(writers.price.amount), writers.price.currency) == ("1.5", "EUR")
    assert writers.topics == ["Prompting", "SEO"]
    assert programmes["Agents in practice"].price.kind == "unknown"


def test_a_catalogue_csv_with_bad_rows_names_each_line_and_column(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "catalogue.csv"
    source.write_text(
        "programme_id,programme,provider,level,url\n"
        "p-good,Fine,Acme,beginner,https://acme.example\n"
        "p-bad,Broken,Acme,expert,ftp://acme.example\n",
        encoding="utf-8",
    )
    before = db.read_bytes()
    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    assert (code, out) == (1, "")
    assert "2 problems; nothing was written" in err
    assert "line 3 (id p-bad), level:" in err
    assert "line 3 (id p-bad), url:" in err
    assert db.read_bytes() == before


def test_a_csv_with_an_unknown_column_is_refused(tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "catalogue.csv"
    source.write_text("programme,provider,pirce\nX,Y,10\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "wb.json"), "import", str(source))
    assert code == 1
    assert "header: unknown column: pirce" in err
    assert not (tmp_path / "wb.json").exists()


# JSON


def test_json_round_trip_through_an_empty_file(db: Path, tmp_path: Path, capsys: Capture) -> None:
    first = tmp_path / "first.json"
    assert run(capsys, "--db", str(db), "export", "--format", "json", "--out", str(first))[0] == 0
    assert check_file(first).ok  # the same schema as a data file
    empty = tmp_path / "empty.json"
    code, out, err = run(capsys, "--db", str(empty), "import", str(first))
    assert code == 0, err
    sample = load_sample()
    total = (
        len(sample.programmes)
        + len(sample.teams)
        + len(sample.assessments)
        + len(sample.pilots)
        + len(sample.rates)  # the exchange rates travel with the export
        + len(sample.diagnostics)  # so do the diagnostic sessions
    )
    assert f"{total} added, 0 updated, 0 unchanged" in out
    second = tmp_path / "second.json"
    assert (
        run(capsys, "--db", str(empty), "export", "--format", "json", "--out", str(second))[0] == 0
    )
    assert without_export_stamp(first.read_bytes()) == without_export_stamp(second.read_bytes())
    assert orjson.loads(first.read_bytes())["_meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_json_export_of_one_team_keeps_what_it_refers_to(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    code, out, _ = run(
        capsys, "--db", str(db), "export", "--format", "json", "--team", "team-ecommerce-content"
    )
    assert code == 0
    data = orjson.loads(out)
    assert [t["id"] for t in data["teams"].values()] == ["team-ecommerce-content"]
    assert {a["team_id"] for a in data["assessments"].values()} == {"team-ecommerce-content"}
    part = tmp_path / "part.json"
    part.write_text(out, encoding="utf-8")
    assert check_file(part).ok


def test_import_updates_existing_ids_and_never_duplicates(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    _, out, _ = run(capsys, "--db", str(db), "export", "--format", "json")
    data = orjson.loads(out)
    team = next(t for t in data["teams"].values() if t["id"] == "team-hr")
    team["headcount"] = 7
    edited = tmp_path / "edited.json"
    edited.write_bytes(orjson.dumps(data))
    before = Repository(db).snapshot()
    code, out, err = run(capsys, "--db", str(db), "import", str(edited), "--dry-run")
    assert code == 0, err
    assert "would be 0 added, 1 updated" in out
    assert Repository(db).team("team-hr").headcount == before.teams["team-hr"].headcount
    code, out, err = run(capsys, "--db", str(db), "import", str(edited))
    assert code == 0, err
    assert "0 added, 1 updated" in out
    after = Repository(db).snapshot()
    assert after.teams["team-hr"].headcount == 7
    assert len(after.teams) == len(before.teams)
    assert len(after.programmes) == len(before.programmes)


def test_an_import_with_one_bad_record_writes_nothing_and_names_it(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    _, out, _ = run(capsys, "--db", str(db), "export", "--format", "json")
    data = orjson.loads(out)
    for doc in data["teams"].values():
        doc["id"] = "copy-" + doc["id"]
        doc["name"] += " (copy)"
    data["assessments"] = {}
    data["pilots"] = {}
    bad_doc, bad = next((k, p) for k, p in data["programmes"].items() if p["id"] == "iapp-aigp")
    bad["price"] = {"kind": "amount", "amount": "-10", "currency": "USD"}
    broken = tmp_path / "broken.json"
    broken.write_bytes(orjson.dumps(data))
    before = db.read_bytes()
    listing = sorted(p.name for p in db.parent.iterdir())
    for dry in ((), ("--dry-run",)):
        code, out, err = run(capsys, "--db", str(db), "import", str(broken), *dry)
        assert (code, out) == (1, "")
        assert "1 problem; nothing was written" in err
        assert f"programmes[{bad_doc}] (id iapp-aigp) price.amount" in err
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == listing
    missing = tmp_path / "never.json"
    assert run(capsys, "--db", str(missing), "import", str(broken))[0] == 1
    assert not missing.exists()


def test_an_import_that_points_nowhere_is_refused(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    _, out, _ = run(capsys, "--db", str(db), "export", "--format", "json", "--team", "team-hr")
    data = orjson.loads(out)
    data["teams"] = {}
    source = tmp_path / "orphan.json"
    source.write_bytes(orjson.dumps(data))
    fresh = tmp_path / "fresh.json"
    code, _, err = run(capsys, "--db", str(fresh), "import", str(source))
    assert code == 1
    assert "assessments (id assess-hr-ai-essentials) team_id: no team with id 'team-hr'" in err
    # the same records are fine in a file that has the team
    assert run(capsys, "--db", str(db), "import", str(source))[0] == 0


def test_a_second_assessment_of_the_same_pair_is_refused(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    _, out, _ = run(capsys, "--db", str(db), "export", "--format", "json", "--team", "team-hr")
    data = orjson.loads(out)
    for doc in data["assessments"].values():
        doc["id"] = "another-one"
    source = tmp_path / "twice.json"
    source.write_bytes(orjson.dumps(data))
    code, _, err = run(capsys, "--db", str(db), "import", str(source))
    assert code == 1
    assert "assessments (id another-one): team 'team-hr'" in err


def test_broken_json_is_named_with_its_line(tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{\n  "teams": {\n', encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "wb.json"), "import", str(source))
    assert code == 1
    assert "line 3" in err


# Markdown and memo


def test_markdown_export_holds_the_memo_of_each_team(db: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "md", "--lang", "en")
    assert code == 0
    titles = [line for line in out.splitlines() if line.startswith("# ")]
    assert len(titles) == len(load_sample().teams)
    assert "# Decision memo: E-commerce content team" in titles


def test_memo_command_in_both_languages(db: Path, tmp_path: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "--db", str(db), "memo", "team-industrial-managers", "--lang", "en")
    assert code == 0
    assert out.startswith("# Decision memo: Industrial managers\n")
    assert "Clarify the objective first." in out
    target = tmp_path / "memo-fr.md"
    code, out, _ = run(
        capsys, "--db", str(db), "memo", "Industrial managers", "--lang", "fr", "--out", str(target)
    )
    assert (code, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Note de décision : Industrial managers")
    assert "Clarifier l'objectif d'abord." in text


def test_memo_of_one_programme(db: Path, capsys: Capture) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "memo",
        "team-data-ml",
        "--programme",
        "aws-mla-c01",
        "--lang",
        "en",
    )
    assert code == 0
    assert out.count("\n## ") == 3  # the objective, the one programme, the sign-off
    assert "## AWS Certified Machine Learning Engineer" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["memo", "nobody"], "no team with id or name 'nobody'"),
        (
            ["export", "--format", "csv", "--programme", "nope"],
            "no programme with id or name 'nope'",
        ),
        (["import", "missing.json"], "missing.json: no such file"),
        (["export", "--format", "md", "--out", "/nonexistent/dir/x.md"], "cannot write"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    db: Path, capsys: Capture, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", str(db), *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_export_without_a_data_file_says_so(tmp_path: Path, capsys: Capture) -> None:
    missing = tmp_path / "none.json"
    code, _, err = run(capsys, "--db", str(missing), "export", "--format", "json")
    assert code == 2
    assert f"no data file at {missing}" in err
    assert not missing.exists()


def test_user_text_printed_to_a_terminal_is_inert(
    db: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repository(db)
    repo.save_team(repo.team("team-hr").model_copy(update={"name": "HR\x1b]52;c;ZXZpbA==\x07"}))
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "csv", "--team", "team-hr")
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "HR␛]52;c;ZXZpbA==␇" in out
