"""The CSV export carries the decision: every verdict reproduces from its row alone."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from workbench.core.consensus import evaluate_consensus
from workbench.core.grid import CRITERIA_BY_KEY
from workbench.core.sample import load_sample
from workbench.exchange.export import export_csv
from workbench.exchange.selection import Selection


def sample_rows() -> list[dict[str, str]]:
    sample = load_sample()
    selection = Selection(
        programmes=sample.programmes,
        teams=sample.teams,
        assessments=sample.assessments,
        pilots=sample.pilots,
        filtered_by_team=False,
    )
    return list(csv.DictReader(io.StringIO(export_csv(selection))))


def verdict_from(row: dict[str, str]) -> str:
    total, maximum = Fraction(row["total"]), int(row["maximum"])
    if 100 * total > int(row["pilot_above"]) * maximum:
        return "pilot" if row["objective_measurable"] == "yes" else "clarify_objective"
    if 100 * total < int(row["alternatives_below"]) * maximum:
        return "alternatives"
    return "investigate"


def test_every_verdict_of_the_sample_reproduces_from_its_columns() -> None:
    rows = [row for row in sample_rows() if row["assessment_id"]]
    assert rows
    decided = [row for row in rows if row["verdict"]]
    assert len({row["assessment_id"] for row in decided}) >= 6
    for row in decided:
        assert verdict_from(row) == row["verdict"], row["assessment_id"]
    for row in rows:
        if not row["verdict"]:
            assert row["total"] == ""
            assert row["percent"] == ""


def test_the_columns_agree_with_the_workbench() -> None:
    sample = load_sample()
    teams = {team.id: team for team in sample.teams}
    by_id = {row["assessment_id"]: row for row in sample_rows() if row["assessment_id"]}
    for assessment in sample.assessments:
        team = teams[assessment.team_id]
        measurable = team.objective.is_measurable
        evaluation = evaluate_consensus(assessment, objective_measurable=measurable)
        row = by_id[assessment.id]
        assert row["verdict"] == (evaluation.verdict.value if evaluation.verdict else "")
        assert row["maximum"] == str(evaluation.maximum)
        if evaluation.percent is not None:
            assert row["percent"] == str(evaluation.percent)


def test_the_criterion_label_stands_beside_its_id() -> None:
    for row in sample_rows():
        if row["criterion"]:
            assert row["criterion_label"] == CRITERIA_BY_KEY[row["criterion"]].label("en")
