"""Facts that age: one limit (180 days, or the setting) for the Catalogue, Scoring, the
memo and ``workbench check`` (issue 20)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.cli.checker import check_file
from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.freshness import FACTS_MAX_AGE_DAYS, facts_are_old, months_between
from workbench.core.memo import memo, sections
from workbench.core.team import Team
from workbench.i18n import Translator
from workbench.settings import Settings
from workbench.storage.repository import Repository

TODAY = date(2026, 11, 23)
OLD = Programme(id="old", name="Old facts", provider="Acme", checked_on=date(2026, 4, 1))
FRESH = Programme(id="fresh", name="Fresh facts", provider="Acme", checked_on=date(2026, 9, 1))


def test_facts_older_than_the_limit_are_old() -> None:
    assert FACTS_MAX_AGE_DAYS == 180
    assert facts_are_old(OLD, TODAY)
    assert not facts_are_old(FRESH, TODAY)
    assert facts_are_old(FRESH, TODAY, max_days=60)
    assert not facts_are_old(Programme(name="Never", provider="Acme"), TODAY)
    assert months_between(date(2026, 4, 1), TODAY) == 7
    assert months_between(date(2026, 1, 31), date(2026, 2, 28)) == 0


def test_the_limit_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"facts_max_age_days": 90}), encoding="utf-8")
    assert Settings.load(path) == (Settings(facts_max_age_days=90), None)
    path.write_text(json.dumps({"facts_max_age_days": "soon"}), encoding="utf-8")
    settings, problem = Settings.load(path)
    assert settings.facts_max_age_days == 180
    assert problem is not None
    assert "facts_max_age_days" in problem


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "facts checked 7 months ago"), ("fr", "faits vérifiés il y a 7 mois")],
)
def test_the_memo_says_how_old_the_facts_are(lang: str, said: str) -> None:
    team = Team(id="t1", name="Content")
    assessment = Assessment(team_id="t1", programme_id="old")
    parts = sections(team, [assessment], {"old": OLD})
    text = memo(team, parts, Translator(lang), today=TODAY, programmes={"old": OLD})
    assert said in text
    fresh = memo(
        team, parts, Translator(lang), today=TODAY, programmes={"old": OLD}, facts_max_age_days=400
    )
    assert said not in fresh


def test_check_warns_about_old_facts_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "wb.json"
    Repository(db).ensure_exists([OLD, FRESH])
    report = check_file(db, today=TODAY)
    assert report.ok
    assert [w.location for w in report.warnings] == ["programmes (id old)"]
    assert main(["--db", str(db), "check"]) == 0
    out = capsys.readouterr().out
    assert "warning: programmes (id old): facts checked" in out
    assert "more than 180 days" in out
    assert "programmes (id fresh)" not in out
    assert main(["--lang", "fr", "--db", str(db), "check"]) == 0
    assert "faits vérifiés il y a" in capsys.readouterr().out
