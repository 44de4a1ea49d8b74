"""Scoring, the Compare tab (cell and detail) and the decision memo say the same thing of a
verdict's robustness: one headline (``robustness.headline``), one sentence."""

from __future__ import annotations

import random
from datetime import date

import pytest

from workbench.core.assessment import Assessment, Rating
from workbench.core.catalogue import Programme
from workbench.core.comparison import Compared
from workbench.core.consensus import evaluate_consensus
from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.grid_report import build_report
from workbench.core.memo import memo, sections
from workbench.core.robustness import Level
from workbench.core.sample import load_sample
from workbench.core.team import Objective, Team
from workbench.i18n import Translator
from workbench.ui.compare.words import CompareWords
from workbench.ui.widgets.robustness_panel import headline_text

MEASURABLE = Objective(metric="tickets", target=10, baseline=20, horizon_months=6)


def three_ways(assessment: Assessment, team: Team, programme: Programme, lang: str) -> None:
    t = Translator(lang)
    measurable = team.objective.is_measurable
    scoring = build_report(
        assessment, assessor="", objective_measurable=measurable, consensus=True
    ).headline
    assert scoring is not None
    item = Compared(
        assessment, team, evaluate_consensus(assessment, objective_measurable=measurable)
    )
    words = CompareWords(None, t)
    said = headline_text(scoring, t).plain
    assert words.headline(item.headline, full=True).plain == said
    cell = words.headline(item.headline).plain
    level = t(f"scoring.headline.level.{scoring.level.value}")
    if scoring.level is Level.INCOMPLETE:
        assert cell == t("compare.robust.incomplete_short")
        return
    assert cell.startswith(level)
    assert said.startswith(level)
    if scoring.nearest is not None and scoring.level is not Level.FIXED:
        points = t.smart(scoring.nearest.points)
        assert cell.split()[1] == points
        assert points in said
    [part] = sections(team, [assessment], {programme.id: programme})
    text = memo(team, [part], t, today=date(2026, 11, 23))
    assert f"**{said}**" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_sample_says_the_same_thing_everywhere(lang: str) -> None:
    sample = load_sample()
    teams = {team.id: team for team in sample.teams}
    programmes = {programme.id: programme for programme in sample.programmes}
    levels = set()
    for assessment in sample.assessments:
        team = teams[assessment.team_id]
        three_ways(assessment, team, programmes[assessment.programme_id], lang)
        levels.add(
            Compared(
                assessment,
                team,
                evaluate_consensus(assessment, objective_measurable=team.objective.is_measurable),
            ).headline.level
        )
    assert Level.FRAGILE in levels


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_random_grids_say_the_same_thing_everywhere(lang: str) -> None:
    rng = random.Random(lang)
    programme = Programme(id="p", name="P", provider="Q")
    for index in range(150):
        weights = [rng.randint(0, 10) for _ in CRITERION_KEYS]
        weights[rng.randrange(6)] = rng.randint(1, 10)
        low = rng.randint(1, 90)
        grid = Grid(
            weights=dict(zip(CRITERION_KEYS, weights, strict=True)),
            alternatives_below=low,
            pilot_above=rng.randint(low, 95),
        )
        assessors = ["ann", "bob"][: rng.randint(1, 2)]
        scored = rng.random() > 0.1
        ratings = {
            who: {
                key: Rating(score=rng.randint(1, 5))
                for key in CRITERION_KEYS
                if scored or rng.random() > 0.3
            }
            for who in assessors
        }
        team = Team(id="t", name="T", objective=MEASURABLE if rng.random() > 0.3 else Objective())
        assessment = Assessment(
            id=f"a{index}", team_id="t", programme_id="p", grid=grid, ratings=ratings
        )
        three_ways(assessment, team, programme, lang)
