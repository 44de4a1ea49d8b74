"""Diagnostic sessions in the data file, and the blind round kept out of every output:
two repositories on one file (two assessors), the command line as users run it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from workbench.cli import main, open_repository
from workbench.cli.checker import check_file
from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.diagnostic import Diagnostic, Step
from workbench.core.grid import CRITERION_KEYS
from workbench.exchange.selection import select
from workbench.storage.repository import Repository

TEAM = "team-ecommerce-content"
PROGRAMME = "aws-aif-c01"
SECRET = "bob-secret-reason"

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "workbench.json"
    open_repository(path, empty=False)
    return path


def score_all(repo: Repository, who: str, score: int, reason: str = "") -> None:
    at = now_utc() + timedelta(seconds=1)

    def change(assessment: Assessment) -> Assessment:
        for key in CRITERION_KEYS:
            assessment = assessment.with_rating(who, key, Rating(score=score, reason=reason), at=at)
        return assessment

    repo.edit_assessments([(TEAM, PROGRAMME, change)])


def open_round(repo: Repository) -> Diagnostic:
    return repo.save_diagnostic(
        Diagnostic(
            team_id=TEAM,
            facilitator="ana",
            assessors=["ana", "bob"],
            step=Step.BLIND,
            programme_ids=[PROGRAMME],
            round_started_at=now_utc() - timedelta(minutes=1),
        )
    )


def test_a_session_round_trips_and_a_file_without_the_table_reads_empty(db: Path) -> None:
    raw = orjson.loads(db.read_bytes())
    del raw["diagnostics"]  # a file written before sessions existed: no table at all
    db.write_bytes(orjson.dumps(raw))
    ana = Repository(db, author="ana")
    assert ana.diagnostics() == []
    session = open_round(ana)
    assert Repository(db, author="bob").diagnostics() == [session]
    assert check_file(db).ok


def test_the_blind_round_hides_bob_from_ana_and_from_every_output(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    ana, bob = Repository(db, author="ana"), Repository(db, author="bob")
    session = open_round(ana)
    score_all(bob, "bob", 1, SECRET)  # ana has not scored yet: the round is open
    stored = ana.assessment_for(TEAM, PROGRAMME)
    assert stored is not None
    assert "bob" in stored.ratings
    # an export, and the memo's selection, as ana and as nobody
    for viewer in ("ana", None):
        chosen = select(ana.snapshot(), TEAM, viewer=viewer)
        shown = next(a for a in chosen.assessments if a.programme_id == PROGRAMME)
        assert "bob" not in shown.ratings
    # the command line: export in every format, and the memo
    for fmt in ("json", "csv", "md"):
        assert main(["--db", str(db), "export", "--format", fmt, "--team", TEAM]) == 0
        out = capsys.readouterr().out
        assert SECRET not in out, fmt
        if fmt == "json":
            records = orjson.loads(out)["assessments"].values()
            assert all("bob" not in record.get("ratings", {}) for record in records)
    target = tmp_path / "memo.md"
    assert main(["--db", str(db), "memo", TEAM, "--lang", "en", "--out", str(target)]) == 0
    capsys.readouterr()
    memo = target.read_text(encoding="utf-8")
    assert SECRET not in memo
    assert "bob" not in memo
    # revealed: everything shows again
    ana.update(Diagnostic, session.id, lambda s: s.model_copy(update={"revealed_at": now_utc()}))
    assert main(["--db", str(db), "export", "--format", "md", "--team", TEAM]) == 0
    assert SECRET in capsys.readouterr().out


def test_the_round_opens_for_all_once_both_have_scored(db: Path) -> None:
    ana, bob = Repository(db, author="ana"), Repository(db, author="bob")
    open_round(ana)
    score_all(bob, "bob", 1, SECRET)
    chosen = select(Repository(db).snapshot(), TEAM, viewer="ana")
    assert all("bob" not in a.ratings for a in chosen.assessments)
    score_all(ana, "ana", 5)
    chosen = select(Repository(db).snapshot(), TEAM, viewer="ana")
    shown = next(a for a in chosen.assessments if a.programme_id == PROGRAMME)
    assert shown.ratings["bob"]["business_impact"].reason == SECRET


def test_the_portfolio_command_leaves_a_blind_pair_out(db: Path, capsys: Capture) -> None:
    ana, bob = Repository(db, author="ana"), Repository(db, author="bob")
    session = open_round(ana)
    score_all(bob, "bob", 5, SECRET)  # a clear "pilot", for bob alone so far
    args = ["--db", str(db), "portfolio", "--budget", "50000", "--currency", "usd"]
    assert main([*args, "--lang", "en"]) == 0
    assert "| AWS Certified AI Practitioner (AIF-C01) | verdict not PILOT | — |" in aws_line(
        capsys.readouterr().out
    )
    ana.update(Diagnostic, session.id, lambda s: s.model_copy(update={"revealed_at": now_utc()}))
    assert main([*args, "--lang", "en"]) == 0
    assert "| — |" not in aws_line(capsys.readouterr().out)  # bob's 115 points count now


def aws_line(out: str) -> str:
    return next(line for line in out.splitlines() if "AWS Certified AI Practitioner" in line)
