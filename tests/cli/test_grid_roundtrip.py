"""A grid edited in the exported CSV comes back exactly: the ratings it changes, nothing
else; a bad cell refuses the whole file with its line (issue 20, item 2)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from workbench.cli import main, open_repository
from workbench.core.assessment import Assessment
from workbench.storage.repository import Repository

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def exported(tmp_path: Path, capsys: Capture) -> tuple[Path, Path, list[dict[str, str]]]:
    db = tmp_path / "wb.json"
    open_repository(db, empty=False)
    out = tmp_path / "all.csv"
    assert run(capsys, "--db", str(db), "export", "--format", "csv", "--out", str(out))[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    return db, out, rows


def write(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def scored(rows: list[dict[str, str]]) -> list[int]:
    return [i for i, row in enumerate(rows) if row["score"] and not row["low"]]


def ratings(db: Path) -> dict[tuple[str, str, str], tuple[object, ...]]:
    found: dict[tuple[str, str, str], tuple[object, ...]] = {}
    assessments: list[Assessment] = list(Repository(db).snapshot().assessments.values())
    for a in assessments:
        for assessor, mine in a.ratings.items():
            for key, r in mine.items():
                found[(a.id, assessor, key)] = (r.score, r.low, r.high, r.reason)
    return found


def test_two_scores_and_a_reason_edited_come_back_exactly(tmp_path: Path, capsys: Capture) -> None:
    db, source, rows = exported(tmp_path, capsys)
    first, second, third = scored(rows)[:3]
    old = {i: rows[i]["score"] for i in (first, second)}
    rows[first]["score"] = str(int(old[first]) % 5 + 1)
    rows[second]["score"] = str(int(old[second]) % 5 + 1)
    rows[third]["reason"] = "Edited by the committee"
    write(source, rows)
    before, stored = db.read_bytes(), ratings(db)

    code, out, err = run(capsys, "--db", str(db), "import", "--dry-run", str(source))
    assert code == 0, err
    assert db.read_bytes() == before
    listed = [line for line in out.splitlines() if line.startswith("  line ") and "×" in line]
    assert len(listed) == 3, out
    row = rows[first]
    assert (
        f"  line {first + 2}, {row['team']} × {row['programme']}, {row['assessor']}, "
        f"{row['criterion']}: {old[first]} → {row['score']}"
    ) in listed
    assert any(f"line {second + 2}," in line and f"{old[second]} → " in line for line in listed)
    assert any(
        f"line {third + 2}," in line and "reason: " in line and "«Edited by the committee»" in line
        for line in listed
    )
    assert "ratings: 3 changed, " in out

    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    assert code == 0, err
    after = ratings(db)
    changed = {where for where in stored if after.get(where) != stored[where]}
    assert len(changed) == 3
    assert set(after) == set(stored)
    for i in (first, second, third):
        r = rows[i]
        where = (r["assessment_id"], r["assessor"], r["criterion"])
        assert where in changed
        assert after[where][0] == int(r["score"])
        assert after[where][3] == r["reason"]


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "line {line}, score"), ("fr", "ligne {line}, score")]
)
def test_a_score_of_6_refuses_the_whole_file_with_its_line(
    tmp_path: Path, capsys: Capture, lang: str, said: str
) -> None:
    db, source, rows = exported(tmp_path, capsys)
    first, second = scored(rows)[:2]
    rows[first]["score"] = str(int(rows[first]["score"]) % 5 + 1)
    rows[second]["score"] = "6"
    write(source, rows)
    before = db.read_bytes()
    code, _out, err = run(capsys, "--lang", lang, "--db", str(db), "import", str(source))
    assert code == 1
    assert said.format(line=second + 2) in err
    assert f"{first + 2}," not in err
    assert db.read_bytes() == before


def test_an_unchanged_export_changes_nothing(tmp_path: Path, capsys: Capture) -> None:
    db, source, _ = exported(tmp_path, capsys)
    before = db.read_bytes()
    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    assert code == 0, err
    assert "ratings: 0 changed, " in out
    assert db.read_bytes() == before


def test_a_rating_a_colleague_changed_since_is_not_overwritten(
    tmp_path: Path, capsys: Capture
) -> None:
    from workbench.exchange.grid_import import GridConflictError
    from workbench.exchange.importer import apply_import, plan_import

    db, source, rows = exported(tmp_path, capsys)
    (first,) = scored(rows)[:1]
    row = rows[first]
    rows[first]["score"] = str(int(row["score"]) % 5 + 1)
    for other in rows:  # and a programme field: written with the ratings, or not at all
        if other["programme_id"] == row["programme_id"]:
            other["programme_notes"] = "Refreshed by the committee"
    write(source, rows)
    repository = Repository(db)
    plan = plan_import(source, repository.snapshot())
    assert plan.ok
    assert len(plan.ratings) == 1
    theirs = str(int(rows[first]["score"]) % 5 + 1)
    change = plan.ratings[0]

    def colleague(a: Assessment) -> Assessment:
        rating = a.rating(change.assessor, change.criterion).model_copy(
            update={"score": int(theirs)}
        )
        return a.with_rating(change.assessor, change.criterion, rating, at=a.updated_at)

    repository.edit_assessments([(change.team_id, change.programme_id, colleague)])
    before = db.read_bytes()
    with pytest.raises(GridConflictError):
        apply_import(repository, plan)
    assert db.read_bytes() == before
    assert repository.snapshot().programmes[row["programme_id"]].notes != (
        "Refreshed by the committee"
    )


def test_ratings_of_a_team_the_data_file_lacks_are_said_not_applied(
    tmp_path: Path, capsys: Capture
) -> None:
    _, source, rows = exported(tmp_path, capsys)
    fresh = tmp_path / "fresh.json"
    code, out, err = run(capsys, "--db", str(fresh), "import", str(source))
    assert code == 0, err
    team = rows[0]["team_id"]
    last = max(i for i, row in enumerate(rows) if row["team_id"] == team) + 2
    assert f"ratings of line 2-{last} not applied: no team {team} in the data file" in out
    assert not Repository(fresh).snapshot().assessments


def test_a_new_assessor_name_is_held_to_the_name_rules(tmp_path: Path, capsys: Capture) -> None:
    db, source, rows = exported(tmp_path, capsys)
    (first,) = scored(rows)[:1]
    rows[first]["assessor"] = "x" * 300
    write(source, rows)
    before = db.read_bytes()
    code, _, err = run(capsys, "--db", str(db), "import", str(source))
    assert code == 1
    assert f"line {first + 2}, assessor" in err
    assert db.read_bytes() == before
