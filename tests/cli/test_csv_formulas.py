"""No cell of a CSV export runs as a formula in a spreadsheet, whatever column it is in; the
import of that CSV gives every text back exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from workbench.cli import main, open_repository
from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.exchange.csv_format import FORMULA_STARTS, NUMBER_COLUMNS
from workbench.storage.repository import Repository

HYPERLINK = '=HYPERLINK("https://evil.invalid","x")'
NUMBERS = NUMBER_COLUMNS | {"weight", "score", "low", "high"}


def test_every_cell_of_every_column_is_neutralised_and_imports_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "workbench.json"
    open_repository(db, empty=False)
    repo = Repository(db)
    programme = repo.programme("iapp-aigp")
    attacks = {
        "name": HYPERLINK,
        "provider": "+1+1",
        "audience": "-2+3",
        "platform": "@SUM(A1)",
        "renewal": "'=1+1",
        "source": "''@x",
        "notes": " =1+1",
        "topics": [HYPERLINK, "'=1+1", "plain"],
    }
    changed = programme.model_copy(update=attacks)
    repo.save_programme(changed)
    team = repo.team("team-legal-compliance")
    repo.save_team(team.model_copy(update={"name": "@SUM(A1:A9)", "department": "=1"}))
    repo.update(
        Assessment,
        "assess-legal-aigp",
        lambda a: a.with_rating(
            "=evil", "business_impact", Rating(score=4, reason="-3"), at=now_utc()
        ),
    )
    assert main(["export", "--format", "csv", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows
    for row in rows:
        for column, value in row.items():
            if column in NUMBERS and value:
                float(value)  # a number, left as one
                continue
            assert not value.lstrip(" ").startswith(FORMULA_STARTS), (column, value)
    legal = [r for r in rows if r["programme_id"] == "iapp-aigp"]
    assert {r["topics"] for r in legal} == {"'" + "; ".join(attacks["topics"])}  # type: ignore[arg-type]
    exported = tmp_path / "grid.csv"
    exported.write_text(out, encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    assert main(["import", str(exported), "--db", str(fresh)]) == 0
    back = Repository(fresh).programme("iapp-aigp")
    assert back.model_dump(include=set(attacks)) == {
        **attacks,
        "notes": "=1+1",  # a form trims the spaces around a note
    }
    assert back == changed.model_copy(update={"notes": "=1+1"})
