"""The diagnostic's rules: the clock, where a session resumes, the blind round, the
disputed criteria, the shortlist and the KPIs proposed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from workbench.core.assessment import Assessment, Rating
from workbench.core.catalogue import Level, Price, PriceKind, Programme, Status
from workbench.core.diagnostic import (
    SESSION_MINUTES,
    SHARES,
    STEPS,
    Clock,
    Diagnostic,
    Outcome,
    Step,
    best_pilot,
    candidates,
    current_session,
    disputed_criteria,
    hidden_ratings,
    proposed_kpis,
    resume_step,
    toggled,
    visible_assessments,
)
from workbench.core.grid import CRITERION_KEYS
from workbench.core.pilot import KpiLevel
from workbench.core.team import Objective, Team

START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
MEASURABLE = Objective(metric="descriptions per week", baseline=40, target=120, horizon_months=6)
TEAM = Team(id="team-a", name="Content", headcount=6, objective=MEASURABLE)


def scored(assessment: Assessment, who: str, scores: list[int], at: datetime) -> Assessment:
    for key, score in zip(CRITERION_KEYS, scores, strict=True):
        assessment = assessment.with_rating(
            who, key, Rating(score=score, reason=f"{who} says"), at=at
        )
    return assessment


def in_round(**update: object) -> Diagnostic:
    values: dict[str, object] = {
        "team_id": "team-a",
        "assessors": ["ana", "bob"],
        "step": Step.BLIND,
        "programme_ids": ["prog-1"],
        "round_started_at": START,
    }
    values.update(update)
    return Diagnostic.model_validate(values)


ASSESSMENT = Assessment(id="a1", team_id="team-a", programme_id="prog-1")


def test_the_steps_share_the_sixty_minutes() -> None:
    assert sum(SHARES.values()) == SESSION_MINUTES
    assert [Clock(0, step).step_ends_at for step in STEPS] == [10, 20, 40, 55, 60]
    assert Clock(21 * 60, Step.SHORTLIST).over_step
    assert not Clock(20 * 60, Step.SHORTLIST).over_step


def test_the_clock_counts_running_time_only() -> None:
    session = Diagnostic(team_id="t").started(START)
    paused = session.paused_at(START + timedelta(minutes=7))
    assert paused.paused
    assert paused.elapsed(START + timedelta(hours=3)) == 7 * 60
    resumed = paused.started(START + timedelta(hours=3))
    assert resumed.elapsed(START + timedelta(hours=3, minutes=2)) == 9 * 60
    assert resumed.started(START) is resumed  # already running: unchanged


def test_a_session_resumes_where_it_stopped_but_never_past_a_vague_objective() -> None:
    session = in_round(step=Step.PILOT)
    assert resume_step(session, TEAM) is Step.PILOT
    vague = TEAM.model_copy(update={"objective": Objective(statement="be modern")})
    assert resume_step(session, vague) is Step.OBJECTIVE
    assert resume_step(session.model_copy(update={"programme_ids": []}), TEAM) is Step.SHORTLIST


def test_the_open_session_of_a_team_is_found() -> None:
    done = in_round(outcome=Outcome.FINISHED)
    later = in_round(started_at=START + timedelta(days=1))
    assert current_session([done, in_round(), later], "team-a") is later
    assert current_session([done], "team-a") is None


def test_while_the_round_is_open_each_sees_only_their_own_ratings() -> None:
    assessment = scored(ASSESSMENT, "ana", [5, 5, 5, 5, 5, 5], START)
    session = in_round()
    assert session.blind_open(assessment)
    assert hidden_ratings(assessment, [session], "bob").ratings == {}
    assert hidden_ratings(assessment, [session], None).ratings == {}
    assert hidden_ratings(assessment, [session], "ana") is assessment


def test_the_round_opens_when_every_named_assessor_has_scored() -> None:
    assessment = scored(ASSESSMENT, "ana", [5, 5, 5, 5, 5, 5], START)
    assessment = scored(assessment, "bob", [1, 2, 3, 4, 5, 1], START + timedelta(minutes=1))
    session = in_round()
    assert not session.blind_open(assessment)
    assert hidden_ratings(assessment, [session], "bob") is assessment
    assert session.round_over([assessment])


def test_scores_given_before_the_round_do_not_count_as_scored() -> None:
    assessment = scored(ASSESSMENT, "ana", [5, 5, 5, 5, 5, 5], START - timedelta(days=1))
    assessment = scored(assessment, "bob", [3, 3, 3, 3, 3, 3], START)
    assert in_round().blind_open(assessment)


def test_a_partial_score_keeps_the_round_open() -> None:
    assessment = scored(ASSESSMENT, "ana", [5, 5, 5, 5, 5, 5], START)
    assessment = assessment.with_rating("bob", "business_impact", Rating(score=2), at=START)
    assert in_round().blind_open(assessment)


def test_the_facilitator_reveals_the_round() -> None:
    assessment = scored(ASSESSMENT, "ana", [5, 5, 5, 5, 5, 5], START)
    session = in_round(revealed_at=START + timedelta(minutes=5), revealed_by="ana")
    assert not session.blind_open(assessment)
    assert session.round_over([assessment])
    assert hidden_ratings(assessment, [session], "bob") is assessment


def test_other_teams_and_programmes_are_never_hidden() -> None:
    other = scored(
        Assessment(id="a2", team_id="team-a", programme_id="prog-2"), "ana", [5] * 6, START
    )
    assert hidden_ratings(other, [in_round()], "bob") is other
    mapping = {"a2": other}
    assert visible_assessments(mapping, [in_round()], None) is mapping


def test_visible_assessments_hides_the_open_round_only() -> None:
    blind = scored(ASSESSMENT, "ana", [5] * 6, START)
    shown = visible_assessments({"a1": blind}, [in_round()], "bob")
    assert shown["a1"].ratings == {}


def test_disputed_criteria_are_two_points_apart_among_the_session_assessors() -> None:
    assessment = scored(ASSESSMENT, "ana", [5, 4, 3, 3, 3, 3], START)
    assessment = scored(assessment, "bob", [2, 3, 3, 1, 3, 3], START)
    assessment = scored(assessment, "zoe", [1, 1, 1, 1, 1, 1], START)  # not in the session
    assert disputed_criteria(assessment, ["ana", "bob"]) == ["business_impact", "risk_compliance"]


def test_kpis_proposed_from_the_objective_include_a_behaviour_level() -> None:
    kpis = proposed_kpis(TEAM, "Applied at work weekly")
    assert [k.level for k in kpis] == [KpiLevel.RESULTS, KpiLevel.BEHAVIOUR]
    assert (kpis[0].name, kpis[0].baseline, kpis[0].target) == ("descriptions per week", 40, 120)
    vague = TEAM.model_copy(update={"objective": Objective()})
    assert [k.level for k in proposed_kpis(vague, "x")] == [KpiLevel.BEHAVIOUR]


def programme(pid: str, **fields: object) -> Programme:
    values: dict[str, object] = {"id": pid, "name": pid, "provider": "P"}
    values.update(fields)
    return Programme.model_validate(values)


def test_the_shortlist_filters_and_never_calls_an_unknown_price_under_budget() -> None:
    cheap = programme(
        "cheap",
        audience="Marketing teams",
        level=Level.BEGINNER,
        topics=["prompt engineering"],
        price=Price(kind=PriceKind.AMOUNT, amount=Decimal(50), currency="EUR"),
        checked_on=date(2026, 11, 1),
    )
    dear = programme(
        "dear",
        audience="Marketing",
        level=Level.BEGINNER,
        topics=["prompting"],
        price=Price(kind=PriceKind.AMOUNT, amount=Decimal(500), currency="EUR"),
    )
    unknown = programme("unknown", audience="marketing", level=Level.BEGINNER, topics=["prompt"])
    retired = programme("retired", status=Status.RETIRED, status_date=date(2026, 1, 1))
    session = Diagnostic(
        team_id="team-a", audience="marketing", level=Level.BEGINNER, topic="prompt"
    )
    found = candidates(session, [dear, unknown, cheap, retired], TEAM, date(2026, 12, 7))
    assert [c.programme.id for c in found] == ["cheap", "dear", "unknown"]
    assert [c.stale for c in found] == [False, True, True]
    budgeted = session.model_copy(update={"budget": Decimal(1000)})
    found = candidates(budgeted, [dear, unknown, cheap], TEAM, date(2026, 12, 7))
    assert [c.programme.id for c in found] == ["cheap"]  # 6 seats x 500 is over; unknown too


def test_the_shortlist_holds_three_programmes_at_most() -> None:
    session = Diagnostic(team_id="t")
    for pid in ("a", "b", "c"):
        session = toggled(session, pid)
    with pytest.raises(ValueError, match="shortlist_full"):
        toggled(session, "d")
    assert toggled(session, "b").programme_ids == ["a", "c"]


def test_the_best_pilot_is_the_highest_pilot_verdict() -> None:
    low = scored(ASSESSMENT, "ana", [4, 4, 4, 4, 4, 4], START)
    high = scored(
        Assessment(id="a2", team_id="team-a", programme_id="prog-2"), "ana", [5] * 6, START
    )
    weak = scored(
        Assessment(id="a3", team_id="team-a", programme_id="prog-3"), "ana", [1] * 6, START
    )
    assert best_pilot([low, high, weak], TEAM) is high
    assert best_pilot([weak], TEAM) is None
