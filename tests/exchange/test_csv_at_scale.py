"""The CSV export made fast at 20k assessments writes what the plain code wrote.

``reference_csv`` is the export as it was before issue 22 (one dict per row, a
``DictWriter``, each programme's cells and each percentage computed again for every row);
the export must give the same bytes on the sample, on a generated organisation and on
text that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from workbench.core import scoring
from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.consensus import evaluate_consensus
from workbench.core.grid import CRITERIA_BY_KEY, CRITERION_KEYS
from workbench.core.sample import load_sample
from workbench.core.team import Team
from workbench.exchange import export
from workbench.exchange.csv_format import COLUMNS, cell, programme_cells
from workbench.exchange.selection import Selection, select
from workbench.storage.repository import Repository

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "large_org.py"


def reference_decision(assessment: Assessment, team: Team) -> dict[str, str]:
    measurable = team.objective.is_measurable
    evaluation = evaluate_consensus(assessment, objective_measurable=measurable)
    grid = assessment.grid
    total, verdict = evaluation.total, evaluation.verdict
    percent = (
        None
        if total is None
        else scoring._percent_shown.__wrapped__(
            total, evaluation.maximum, grid.pilot_above, grid.alternatives_below
        )
    )
    return {
        "total": "" if total is None else export.exact_text(total),
        "maximum": str(evaluation.maximum),
        "percent": "" if percent is None else str(percent),
        "pilot_above": str(grid.pilot_above),
        "alternatives_below": str(grid.alternatives_below),
        "objective_measurable": "yes" if measurable else "no",
        "verdict": "" if verdict is None else verdict.value,
    }


def reference_rows(selection: Selection) -> Iterator[dict[str, str]]:
    teams = {team.id: team for team in selection.teams}
    programmes = {programme.id: programme for programme in selection.programmes}
    used: set[str] = set()
    for assessment in selection.assessments:
        programme = programmes[assessment.programme_id]
        used.add(programme.id)
        base = programme_cells(programme)
        base["team_id"] = cell(assessment.team_id)
        base["team"] = cell(teams[assessment.team_id].name)
        base["assessment_id"] = cell(assessment.id)
        base |= reference_decision(assessment, teams[assessment.team_id])
        assessors: list[str | None] = [*assessment.assessors] or [None]
        for assessor in assessors:
            for key in CRITERION_KEYS:
                rating = assessment.rating(assessor, key) if assessor is not None else None
                yield {
                    **base,
                    "assessor": cell(assessor),
                    "criterion": key,
                    "criterion_label": CRITERIA_BY_KEY[key].label("en"),
                    "weight": cell(assessment.grid.weight(key)),
                    "score": cell(rating.score if rating else None),
                    "low": cell(rating.low if rating else None),
                    "high": cell(rating.high if rating else None),
                    "reason": cell(rating.reason if rating else None),
                }
    if selection.filtered_by_team:
        return
    for programme in selection.programmes:
        if programme.id not in used:
            yield dict.fromkeys(COLUMNS, "") | programme_cells(programme)


def reference_csv(selection: Selection) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in reference_rows(selection):
        writer.writerow(row)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def organisation(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    spec = importlib.util.spec_from_file_location("large_org_for_csv", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("org") / "org.json"
    assert module.main([str(path), "--scale", "0.02"]) == 0
    return Repository(path, read_only=True)


def test_the_export_of_a_generated_organisation_is_unchanged(organisation: Repository) -> None:
    snapshot = organisation.snapshot()
    for team, programme in ((None, None), (next(iter(snapshot.teams)), None)):
        selection = select(snapshot, team, programme)
        assert selection.assessments
        assert export.export_csv(selection) == reference_csv(selection)


def test_the_export_of_the_sample_and_of_hostile_text_is_unchanged() -> None:
    sample = load_sample()
    first = sample.assessments[0]
    hostile = first.with_rating(
        "=cmd", CRITERION_KEYS[0], Rating(low=2, high=4, reason='+1\n"quoted", ok'), at=now_utc()
    ).with_rating("bob", CRITERION_KEYS[1], Rating(score=5, reason="@SUM(A1)"), at=now_utc())
    unscored = sample.assessments[1].model_copy(update={"ratings": {}})
    teams = [
        team.model_copy(update={"name": f'-{team.name}, "the\r\nteam"'})
        if team.id == first.team_id
        else team
        for team in sample.teams
    ]
    programmes = [
        programme.model_copy(update={"name": f'"{programme.name}",', "notes": "a\nb, =c"})
        if programme.id == first.programme_id
        else programme
        for programme in sample.programmes
    ]
    selection = Selection(
        programmes=programmes,
        teams=teams,
        assessments=[hostile, unscored, *sample.assessments[2:]],
        pilots=sample.pilots,
        filtered_by_team=False,
    )
    text = export.export_csv(selection)
    assert '""the\r\nteam""' in text  # quoted: a comma, quotes and a line break
    assessed = {assessment.programme_id for assessment in selection.assessments}
    assert any(programme.id not in assessed for programme in selection.programmes)
    assert export.export_csv(selection) == reference_csv(selection)


def test_each_programme_s_cells_are_made_once(
    organisation: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 20k assessments, the cells of 40 programmes were made 20,000 times."""
    made: list[str] = []

    def counted(programme):  # type: ignore[no-untyped-def]
        made.append(programme.id)
        return programme_cells(programme)

    monkeypatch.setattr(export, "programme_cells", counted)
    selection = select(organisation.snapshot(), None, None)
    export.export_csv(selection)
    assert sorted(made) == sorted(p.id for p in selection.programmes)
