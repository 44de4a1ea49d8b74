"""The 60-minute diagnostic: a guided session from the objective to a pilot plan and a memo.

A session is stored in the data file, so that anyone can resume it from its step. Its
blind round is the one rule here that the views obey: while it is open, nobody sees the
others' ratings of the shortlisted programmes (``hidden_ratings``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from workbench.core.assessment import Assessment, now_utc
from workbench.core.catalogue import Level, Programme, Status
from workbench.core.consensus import DISAGREEMENT_GAP, evaluate_consensus, spreads
from workbench.core.freshness import facts_are_old
from workbench.core.grid import CRITERION_KEYS
from workbench.core.money import Money
from workbench.core.pilot import Direction, Kpi, KpiLevel, PhaseKind, Pilot
from workbench.core.pilot_changes import objective_kpi, start_pilot
from workbench.core.pricing import CostUnknown, cost_over_pilot
from workbench.core.rules import Identifier, fail, new_id, non_blank, one_line, optional_text
from workbench.core.scoring import Verdict
from workbench.core.team import Team

SESSION_MINUTES = 60
MAX_SHORTLIST = 3


class Step(StrEnum):
    OBJECTIVE = "objective"
    SHORTLIST = "shortlist"
    BLIND = "blind"
    PILOT = "pilot"
    MEMO = "memo"


STEPS = tuple(Step)
SHARES: dict[Step, int] = {
    Step.OBJECTIVE: 10,
    Step.SHORTLIST: 10,
    Step.BLIND: 20,
    Step.PILOT: 15,
    Step.MEMO: 5,
}
"""Each step's suggested minutes of the 60."""


class Outcome(StrEnum):
    OPEN = "open"
    STOPPED = "stopped"
    """Stopped at the objective: clarify it first."""
    FINISHED = "finished"


class Diagnostic(BaseModel):
    """One session with one team: where it stands, who takes part, what it chose."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Identifier = Field(default_factory=new_id)
    team_id: str
    facilitator: str = ""
    assessors: list[str] = Field(default_factory=list)
    step: Step = Step.OBJECTIVE
    outcome: Outcome = Outcome.OPEN
    started_at: datetime = Field(default_factory=now_utc)
    elapsed_seconds: Annotated[int, Field(ge=0)] = 0
    running_since: datetime | None = None
    """When the clock was last started; None while it is paused."""
    audience: str | None = None
    level: Level | None = None
    topic: str | None = None
    budget: Decimal | None = None
    programme_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_SHORTLIST)
    round_started_at: datetime | None = None
    revealed_at: datetime | None = None
    revealed_by: str | None = None
    pilot_id: Identifier | None = None
    memo_name: str | None = None
    finished_at: datetime | None = None

    @field_validator("team_id")
    @classmethod
    def _team(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @field_validator("facilitator")
    @classmethod
    def _facilitator(cls, value: str, info: ValidationInfo) -> str:
        return one_line(value, info)

    @field_validator("audience", "topic", "revealed_by", "memo_name")
    @classmethod
    def _optional(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)

    @field_validator("assessors")
    @classmethod
    def _assessors(cls, value: list[str], info: ValidationInfo) -> list[str]:
        names = [one_line(name, info) for name in value]
        if any(not name.strip() for name in names):
            raise fail("assessor_blank", "An assessor needs a name")
        if len(set(names)) != len(names):
            raise fail("assessor_twice", "An assessor is named twice")
        return names

    # the clock

    def elapsed(self, now: datetime) -> int:
        """Seconds the session has run, paused time left out."""
        running = (
            max(0, int((now - self.running_since).total_seconds()))
            if self.running_since is not None
            else 0
        )
        return self.elapsed_seconds + running

    @property
    def paused(self) -> bool:
        return self.running_since is None

    def started(self, now: datetime) -> Diagnostic:
        """The clock running (resumed), if it was paused."""
        if self.running_since is not None or self.outcome is not Outcome.OPEN:
            return self
        return self.model_copy(update={"running_since": now})

    def paused_at(self, now: datetime) -> Diagnostic:
        if self.running_since is None:
            return self
        return self.model_copy(update={"elapsed_seconds": self.elapsed(now), "running_since": None})

    def at_step(self, step: Step) -> Diagnostic:
        return self.model_copy(update={"step": step})

    # the blind round

    def in_round(self, assessment: Assessment) -> bool:
        """This assessment is one of the session's shortlisted pairs."""
        return assessment.team_id == self.team_id and assessment.programme_id in self.programme_ids

    def has_scored(self, assessment: Assessment, assessor: str) -> bool:
        """Every criterion scored by ``assessor`` since the round started."""
        start = self.round_started_at
        if start is None:
            return False
        for key in CRITERION_KEYS:
            rating = assessment.rating(assessor, key)
            if rating.score is None or rating.updated_at is None or rating.updated_at < start:
                return False
        return True

    def everyone_scored(self, assessment: Assessment) -> bool:
        return bool(self.assessors) and all(
            self.has_scored(assessment, name) for name in self.assessors
        )

    def blind_open(self, assessment: Assessment) -> bool:
        """While true, each person sees only their own ratings of ``assessment``."""
        return (
            self.outcome is Outcome.OPEN
            and self.round_started_at is not None
            and self.revealed_at is None
            and self.in_round(assessment)
            and not self.everyone_scored(assessment)
        )

    def round_over(self, assessments: Iterable[Assessment]) -> bool:
        """Revealed by the facilitator, or every named assessor scored every pair."""
        if self.revealed_at is not None:
            return True
        pairs = [a for a in assessments if self.in_round(a)]
        return len(pairs) == len(self.programme_ids) > 0 and all(
            self.everyone_scored(a) for a in pairs
        )


def hidden_ratings(
    assessment: Assessment, sessions: Iterable[Diagnostic], viewer: str | None
) -> Assessment:
    """``assessment`` as ``viewer`` may see it: while a blind round on it is open, with
    only the viewer's own ratings (None: nobody's, for exports and the command line).
    The same object when nothing is hidden."""
    if not any(session.blind_open(assessment) for session in sessions):
        return assessment
    kept = {
        name: r for name, r in assessment.ratings.items() if viewer is not None and name == viewer
    }
    if kept == assessment.ratings:
        return assessment
    return assessment.model_copy(update={"ratings": kept})


def visible_assessments(
    assessments: Mapping[str, Assessment], sessions: Iterable[Diagnostic], viewer: str | None
) -> Mapping[str, Assessment]:
    """Every assessment through ``hidden_ratings``: the same mapping when none is hidden."""
    open_sessions = [
        s
        for s in sessions
        if s.outcome is Outcome.OPEN and s.round_started_at and not s.revealed_at
    ]
    if not open_sessions:
        return assessments
    changed = {
        key: hidden
        for key, assessment in assessments.items()
        if (hidden := hidden_ratings(assessment, open_sessions, viewer)) is not assessment
    }
    if not changed:
        return assessments
    return {**assessments, **changed}


# the clock, in words a screen shows


@dataclass(frozen=True, slots=True)
class Clock:
    elapsed: int
    """Seconds."""
    step: Step

    @property
    def step_index(self) -> int:
        return STEPS.index(self.step) + 1

    @property
    def suggested_minutes(self) -> int:
        return SHARES[self.step]

    @property
    def step_ends_at(self) -> int:
        """The minute of the session by which this step should be done."""
        return sum(SHARES[s] for s in STEPS[: STEPS.index(self.step) + 1])

    @property
    def over_step(self) -> bool:
        return self.elapsed > self.step_ends_at * 60

    @property
    def over_session(self) -> bool:
        return self.elapsed > SESSION_MINUTES * 60


def clock_text(seconds: int) -> str:
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes:02d}:{rest:02d}"


def resume_step(session: Diagnostic, team: Team) -> Step:
    """Where a session picks up: its step, but never past the objective while the team's
    objective is not measurable, nor past the shortlist while it is empty."""
    if not team.objective.is_measurable:
        return Step.OBJECTIVE
    if session.step in (Step.BLIND, Step.PILOT, Step.MEMO) and not session.programme_ids:
        return Step.SHORTLIST
    return session.step


def current_session(sessions: Iterable[Diagnostic], team_id: str) -> Diagnostic | None:
    """The team's open session, the latest if several."""
    found = [s for s in sessions if s.team_id == team_id and s.outcome is Outcome.OPEN]
    return max(found, key=lambda s: (s.started_at, s.id)) if found else None


# the shortlist


@dataclass(frozen=True, slots=True)
class Candidate:
    programme: Programme
    cost: Money | CostUnknown
    stale: bool
    """Its facts were checked more than 180 days ago, or never."""
    over_budget: bool


def candidates(
    session: Diagnostic, programmes: Iterable[Programme], team: Team, today: date
) -> list[Candidate]:
    """The catalogue filtered by the session's audience, level, topic and budget (in the
    programme's own currency; an unknown price is never under a budget), retired
    programmes left out, cheapest known first."""
    found = []
    for programme in programmes:
        if programme.status is Status.RETIRED:
            continue
        if (
            session.audience
            and session.audience.casefold() not in (programme.audience or "").casefold()
        ):
            continue
        if session.level is not None and programme.level is not session.level:
            continue
        if session.topic and not any(
            session.topic.casefold() in topic.casefold() for topic in programme.topics
        ):
            continue
        cost = cost_over_pilot(programme.price, team.headcount)  # as the memo prices it
        over = session.budget is not None and (
            isinstance(cost, CostUnknown) or cost.amount > session.budget
        )
        if over:
            continue
        stale = programme.checked_on is None or facts_are_old(programme, today)
        found.append(Candidate(programme, cost, stale, over))
    return sorted(
        found,
        key=lambda c: (
            isinstance(c.cost, CostUnknown),
            c.cost.amount if isinstance(c.cost, Money) else Decimal(0),
            c.programme.name.casefold(),
        ),
    )


def toggled(session: Diagnostic, programme_id: str) -> Diagnostic:
    """The shortlist with ``programme_id`` added or removed; ``ValueError`` past three."""
    ids = list(session.programme_ids)
    if programme_id in ids:
        ids.remove(programme_id)
    elif len(ids) >= MAX_SHORTLIST:
        raise ValueError("shortlist_full")
    else:
        ids.append(programme_id)
    return session.model_copy(update={"programme_ids": ids})


# after the reveal


def disputed_criteria(assessment: Assessment, assessors: Iterable[str]) -> list[str]:
    """Criteria where the session's assessors' scores differ by 2 or more, grid order."""
    names = set(assessors)
    result = []
    for spread in spreads(assessment):
        scores = [score for name, score in spread.scores.items() if name in names]
        if scores and max(scores) - min(scores) >= DISAGREEMENT_GAP:
            result.append(spread.key)
    return result


def proposed_kpis(team: Team, behaviour_name: str) -> list[Kpi]:
    """The objective as a results-level KPI, and a behaviour-level KPI: the seed's
    counter-example is high satisfaction with no application at work."""
    kpis = []
    results = objective_kpi(team)
    if results is not None:
        kpis.append(results)
    kpis.append(
        Kpi(
            name=behaviour_name,
            level=KpiLevel.BEHAVIOUR,
            unit="%",
            direction=Direction.HIGHER,
            baseline=0,
            target=60,
        )
    )
    return kpis


def best_pilot(assessments: Iterable[Assessment], team: Team) -> Assessment | None:
    """The shortlisted assessment whose group verdict is "pilot" with the highest
    percentage; None when none is."""
    best: tuple[Decimal, Assessment] | None = None
    for assessment in assessments:
        evaluation = evaluate_consensus(
            assessment, objective_measurable=team.objective.is_measurable
        )
        if evaluation.verdict is not Verdict.PILOT or evaluation.percent is None:
            continue
        if best is None or evaluation.percent > best[0]:
            best = (evaluation.percent, assessment)
    return best[1] if best is not None else None


def planned_pilot(
    assessment: Assessment, team: Team, programme: Programme, *, today: date, behaviour_kpi: str
) -> Pilot:
    """The pilot the session proposes: ``start_pilot``'s three phases dated from today,
    the programme's cost over the pilot as the pilot phase's budget, and the KPIs proposed
    from the objective."""
    pilot = start_pilot(assessment, team, programme, verdict=Verdict.PILOT, today=today)
    cost = cost_over_pilot(programme.price, team.headcount, assessment.months)
    phases = list(pilot.phases)
    if isinstance(cost, Money) and (cost.currency == pilot.currency or cost.amount == 0):
        phases = [
            p.model_copy(update={"budget_planned": cost.amount}) if p.kind is PhaseKind.PILOT else p
            for p in phases
        ]
    return pilot.model_copy(update={"phases": phases, "kpis": proposed_kpis(team, behaviour_kpi)})
