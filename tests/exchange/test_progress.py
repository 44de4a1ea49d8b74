"""The progress a large export or import reports: it only moves forward and ends full."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.catalogue import Programme
from workbench.core.team import Team
from workbench.exchange.export import export_csv, export_json
from workbench.exchange.importer import STEPS, plan_import
from workbench.exchange.selection import select
from workbench.storage.repository import Repository


def big(tmp_path: Path, teams: int = 300) -> Repository:
    records: list[object] = [Programme(id="p", name="P", provider="Q")]
    for index in range(teams):
        team = Team(id=f"t{index}", name=f"Team {index}")
        assessment = Assessment(id=f"a{index}", team_id=team.id, programme_id="p")
        assessment = assessment.with_rating("ann", "business_impact", Rating(score=3), at=now_utc())
        records += [team, assessment]
    repo = Repository(tmp_path / "big.json")
    repo.ensure_exists(records)  # type: ignore[arg-type]
    return repo


def test_export_and_import_report_their_progress(tmp_path: Path) -> None:
    repo = big(tmp_path)
    selection = select(repo.snapshot())
    seen: list[tuple[int, int]] = []
    export_csv(selection, lambda done, total: seen.append((done, total)))
    assert len(seen) > 3
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (301, 301)
    source = tmp_path / "export.json"
    source.write_bytes(export_json(selection, author="me", now=datetime.now(UTC)))
    steps: list[tuple[int, int]] = []
    plan = plan_import(source, repo.snapshot(), lambda done, total: steps.append((done, total)))
    assert plan.ok
    assert plan.summary.count("unchanged") == 601
    assert [done for done, _ in steps] == list(range(STEPS + 1))
