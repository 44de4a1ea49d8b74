"""The decision memo: what it says for the sample's two stories, and that user text stays text."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.catalogue import Programme
from workbench.core.grid import CRITERION_KEYS
from workbench.core.markdown import inline
from workbench.core.memo import MemoSection, memo, sections
from workbench.core.rules import STORED
from workbench.core.sample import SampleData, load_sample
from workbench.core.scoring import Verdict
from workbench.core.team import Objective, Team
from workbench.i18n import Translator

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample() -> SampleData:
    return load_sample()


def team_memo(sample: SampleData, team_id: str, lang: str = "en") -> tuple[list[MemoSection], str]:
    team = next(t for t in sample.teams if t.id == team_id)
    programmes = {p.id: p for p in sample.programmes}
    parts = sections(team, sample.assessments, programmes)
    return parts, memo(team, parts, Translator(lang), today=TODAY)


def test_the_content_team_memo_recommends_a_pilot(sample: SampleData) -> None:
    parts, text = team_memo(sample, "team-ecommerce-content")
    verdicts = [part.verdict for part in parts]
    assert Verdict.PILOT in verdicts  # the seed's story: a pilot verdict
    for part in parts:
        assert part.verdict is not None
        assert f"**Verdict: {part.verdict.value.replace('_', ' ').upper()}" in text.replace(
            "CLARIFY OBJECTIVE", "CLARIFY THE OBJECTIVE"
        )
    assert "**Verdict: PILOT**" in text
    assert "Run a three-phase pilot:" in text
    assert "baseline 40, target 120 within 6 months" in text
    assert "Clarify the objective" not in text


def test_the_industrial_managers_memo_says_clarify_the_objective(sample: SampleData) -> None:
    parts, text = team_memo(sample, "team-industrial-managers")
    assert parts
    assert all(part.verdict is not Verdict.PILOT for part in parts)
    assert "**⚠ Clarify the objective first.** Missing: a metric, a target, a horizon." in text
    assert "First clarify the objective" in text
    for part in parts:
        assert part.verdict is not None
        word = Translator("en")(f"reports.verdict.{part.verdict.value}").upper()
        assert f"**Verdict: {word}**" in text
        if part.verdict is Verdict.ALTERNATIVES:
            assert "Do not certify now." in text


def test_the_memo_holds_the_grid_of_each_assessor_and_the_median(sample: SampleData) -> None:
    parts, text = team_memo(sample, "team-ecommerce-content")
    two = next(p for p in parts if len(p.assessment.assessors) == 2)
    assert "| Criterion | Weight | claire | marc | Median | Weighted |" in text
    assert two.evaluation.percent is not None
    assert Translator("en").percent(two.evaluation.percent) in text
    for name in two.assessment.assessors:
        reason = two.assessment.rating(name, "business_impact").reason
        assert inline(reason) in text
    assert "### Robustness" in text
    assert "### Criteria to discuss" in text


def test_the_memo_in_french(sample: SampleData) -> None:
    _, text = team_memo(sample, "team-industrial-managers", "fr")
    assert text.startswith("# Note de décision : Industrial managers")
    assert "Clarifier l'objectif d'abord." in text
    assert "### Prochaine étape" in text


def test_an_incomplete_grid_says_what_is_missing() -> None:
    team = Team(name="T", objective=Objective(metric="m", target=2, baseline=1, horizon_months=6))
    programme = Programme(name="P", provider="Q")
    assessment = Assessment(team_id=team.id, programme_id=programme.id).with_rating(
        "ann", "business_impact", Rating(score=5), at=now_utc()
    )
    parts = sections(team, [assessment], {programme.id: programme})
    text = memo(team, parts, Translator("en"), today=TODAY)
    assert "**No verdict yet**: 1 of 6 criteria scored" in text
    assert "Score the missing criteria first: Technical applicability" in text
    assert "Known once every criterion is scored." in text


def table_cells(line: str) -> int:
    """The cells of a Markdown table row: pipes not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)\|", line)) - 1


HOSTILE = "a | b\n# Title\r\n[x](javascript:alert(1)) *bold* <script>\x1b[31m`code`"


def test_user_text_cannot_break_the_document() -> None:
    # An old or hand-edited file can hold what the forms refuse today: read as stored data.
    team = Team.model_validate(
        {"name": HOSTILE, "department": HOSTILE, "objective": {"statement": HOSTILE}},
        context=STORED,
    )
    programme = Programme.model_validate({"name": HOSTILE, "provider": HOSTILE}, context=STORED)
    assessment = Assessment(team_id=team.id, programme_id=programme.id)
    for key in ("business_impact", "technical_fit"):
        assessment = assessment.with_rating(
            HOSTILE,
            key,
            Rating.model_validate({"score": 3, "reason": HOSTILE}, context=STORED),
            at=now_utc(),
        )
    parts = sections(team, [assessment], {programme.id: programme})
    text = memo(team, parts, Translator("en"), today=TODAY)
    assert "\x1b" not in text
    assert "\r" not in text
    assert "# Title" not in text.replace("\\# Title", "")
    assert "](" not in text.replace("\\](", "")
    assert "<script>" not in text
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert rows
    assert {table_cells(line) for line in rows} == {5, 4}  # the grid, the sign-off
    headings = [line for line in text.splitlines() if line.startswith("#")]
    # title, objective, programme, its 7 sub-sections (facts, grid, reasons, robustness,
    # discuss, next step, caveats), sign-off
    assert len(headings) == 11, headings


@given(st.text())
def test_inline_text_stays_on_one_line_with_no_live_markup(value: str) -> None:
    result = inline(value)
    assert "\n" not in result
    assert "\r" not in result
    assert table_cells(f"| {result} |") == 1
    unescaped = re.sub(r"\\.", "", result)
    assert not set(unescaped) & set("`*_[]<>#!|~&")


def test_a_flip_towards_pilot_without_an_objective_says_clarify() -> None:
    team = Team(name="Vague")  # no measurable objective
    programme = Programme(name="P", provider="Q")
    assessment = Assessment(team_id=team.id, programme_id=programme.id)
    for key in CRITERION_KEYS:
        assessment = assessment.with_rating("ann", key, Rating(score=3), at=now_utc())
    [part] = sections(team, [assessment], {programme.id: programme})
    assert part.verdict is Verdict.INVESTIGATE  # all 3s: exactly 60 %, investigate
    text = memo(team, [part], Translator("en"), today=TODAY)
    assert "Business impact from 3 to 4: CLARIFY THE OBJECTIVE" in text
    assert "to 4: PILOT" not in text


def test_a_cancelled_pilot_is_mentioned_as_cancelled(sample: SampleData) -> None:
    team = next(t for t in sample.teams if t.id == "team-ecommerce-content")
    pilot = next(p for p in sample.pilots if p.team_id == team.id)
    parts = sections(team, sample.assessments, {p.id: p for p in sample.programmes})
    running = memo(team, parts, Translator("en"), today=TODAY, pilots=[pilot])
    cancelled = pilot.model_copy(update={"cancelled_on": date(2026, 11, 20)})
    text = memo(team, parts, Translator("en"), today=TODAY, pilots=[cancelled])
    line = next(x for x in text.splitlines() if inline(pilot.name) in x and x.startswith("- "))
    assert "cancelled" in line
    assert "in progress" not in line
    assert "cancelled" not in next(
        x for x in running.splitlines() if inline(pilot.name) in x and x.startswith("- ")
    )
