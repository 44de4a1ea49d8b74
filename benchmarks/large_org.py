"""A large organisation, written through the storage layer: the data of the scale benchmarks.

At ``--scale 1``: 500 teams, 40 programmes, 20,000 assessments (every team on every
programme) with a reason for each of the six criteria, two assessors on a quarter of them,
and 300 pilots with their phases, KPIs and measurements, participants, costs, benefits and
journal. Every record is a pydantic model saved through ``Repository.transaction`` (the
same validation and the same writer as the app's), so the file is one the app itself could
have written. Seeded: the same scale gives the same records (only the meta record's
write time and writer differ).

    python benchmarks/large_org.py OUT.json [--scale 1.0] [--seed 13]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel

from workbench.core.assessment import Assessment, Rating
from workbench.core.catalogue import Credential, Level, Price, PriceKind, Programme
from workbench.core.grid import CRITERION_KEYS
from workbench.core.pilot import (
    Benefit,
    Cost,
    CostKind,
    Direction,
    Gate,
    GateDecision,
    JournalNote,
    Kpi,
    KpiLevel,
    Measurement,
    Participant,
    ParticipantStatus,
    Phase,
    PhaseKind,
    PhaseStatus,
    Pilot,
)
from workbench.core.team import Objective, Team
from workbench.storage.repository import Repository

TEAMS = 500
PROGRAMMES = 40
ASSESSMENTS = 20_000
PILOTS = 300
SECOND_ASSESSOR_SHARE = 0.25
ASSESSORS = ("claire", "marc")
AUTHOR = "large-org@bench"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

REASONS = (
    "Descriptions per week is the team's bottleneck; x3 within 6 months is measurable "
    "and feeds catalogue revenue.",
    "Prompting modules match the daily task; nothing on SEO or our PIM, we add our own templates.",
    "Six writers, and SEO and merchandising reuse the same prompt library.",
    "Low exposure: product claims need a human check, which the responsible AI module covers.",
    "USD 49 a month per seat and about 10 h each: small against the expected output.",
    "Our two power users could mentor the others; a certificate is not strictly needed.",
    "Clear metric, baseline measured, sign-off by the department head.",
    "Good match on prompting; deployment and monitoring are still taught in-house.",
    "Brand and copyright risk on generated text is real; formal rules help.",
    "Cheapest structured option; the time cost fits in one quarter without overtime.",
    "Mentoring was tried last spring and stalled; a course with a pass mark gives a common "
    "baseline.",
    "The exam covers MLOps pipelines we run today, but half the labs target another cloud.",
    "Only the two data engineers would use it; the analysts gain little.",
    "Regulated data: the DPO asked for documented training before any production use.",
    "Vendor voucher halves the fee; lost billable days remain the main cost.",
    "An internal guild already runs monthly sessions on the same topics.",
)
PROVIDERS = ("Google", "Microsoft", "AWS", "OpenAI", "IBM", "DeepLearning.AI", "IAPP", "PMI")
DEPARTMENTS = ("Marketing", "Finance", "Support", "Engineering", "Sales", "Legal", "HR", "IT")
TOPICS = ("prompting", "responsible AI", "MLOps", "governance", "data", "agents", "vision")
OBJECTIVES = (
    ("Publish more product descriptions without hiring", "descriptions per week", "descriptions"),
    ("Answer customer tickets faster", "median first response time", "hours"),
    ("Close the month sooner", "days to close the books", "days"),
    ("Classify every AI use case under the EU AI Act", "use cases classified", "%"),
    ("Ship validated models to production in days", "lead time to production", "days"),
)
KPI_SHAPES = (
    (KpiLevel.REACTION, "Participant satisfaction", "/5", Direction.HIGHER, 3.0, 4.5),
    (KpiLevel.LEARNING, "Course quiz score", "%", Direction.HIGHER, 55.0, 80.0),
    (KpiLevel.BEHAVIOUR, "Share of work done with the new method", "%", Direction.HIGHER, 0, 80),
    (KpiLevel.RESULTS, "Time per task", "minutes", Direction.LOWER, 45.0, 15.0),
)
FIRST_NAMES = ("Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Emma", "Noah", "Sara", "Tom")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy")


@dataclass(frozen=True, slots=True)
class Counts:
    teams: int
    programmes: int
    assessments: int
    pilots: int

    @classmethod
    def at(cls, scale: float) -> Counts:
        """The counts of an organisation ``scale`` times the reference one (at least one
        team, programme and assessment; never more assessments than team x programme)."""
        if not 0 < scale <= 10:
            raise ValueError("the scale must be above 0 and at most 10")
        teams = max(1, round(TEAMS * scale))
        programmes = max(2, min(PROGRAMMES, round(PROGRAMMES * math.sqrt(scale))))
        assessments = min(teams * programmes, max(1, round(ASSESSMENTS * scale)))
        pilots = min(assessments, round(PILOTS * scale))
        return cls(teams, programmes, assessments, pilots)


def programmes(rng: random.Random, count: int) -> list[Programme]:
    levels, credentials = list(Level), list(Credential)
    found = []
    for i in range(count):
        hours_min = rng.randint(4, 30)
        found.append(
            Programme(
                id=f"prog-{i:03d}",
                name=f"{PROVIDERS[i % len(PROVIDERS)]} AI programme {i:03d}",
                provider=PROVIDERS[i % len(PROVIDERS)],
                audience="Business and technical staff",
                level=levels[i % len(levels)],
                credential=credentials[i % len(credentials)],
                platform="Online, self-paced",
                modules=rng.randint(1, 12),
                hours_min=hours_min,
                hours_max=hours_min + rng.randint(0, 40),
                price=Price(
                    kind=PriceKind.AMOUNT, amount=Decimal(rng.randint(0, 90) * 10), currency="USD"
                ),
                topics=rng.sample(TOPICS, 2),
                validity_months=rng.choice((12, 24, 36)),
                url=f"https://example.org/programmes/{i}",
                source="Provider's page",
                checked_on=date(2026, 9, 1),
                notes="Exam voucher included; retake at half price.",
            )
        )
    return found


def teams(rng: random.Random, count: int) -> list[Team]:
    found = []
    for i in range(count):
        statement, metric, unit = OBJECTIVES[i % len(OBJECTIVES)]
        measurable = i % 6 != 5  # one team in six has a vague objective, as in the sample
        baseline = float(rng.randint(10, 200))
        objective = (
            Objective(
                statement=statement,
                metric=metric,
                unit=unit,
                baseline=baseline,
                target=baseline * rng.choice((0.5, 1.5, 2, 3)),
                horizon_months=rng.choice((6, 9, 12, 18)),
            )
            if measurable
            else Objective(statement="Be certified because AI is modern")
        )
        found.append(
            Team(
                id=f"team-{i:04d}",
                name=f"{DEPARTMENTS[i % len(DEPARTMENTS)]} team {i:04d}",
                department=DEPARTMENTS[i % len(DEPARTMENTS)],
                headcount=rng.randint(3, 60),
                objective=objective,
            )
        )
    return found


def assessments(
    rng: random.Random, count: int, team_list: list[Team], programme_list: list[Programme]
) -> Iterator[Assessment]:
    """``count`` assessments, each team on the next programmes in turn, never twice."""
    per_team = -(-count // len(team_list))
    n = 0
    for t, team in enumerate(team_list):
        for k in range(per_team):
            if n == count:
                return
            programme = programme_list[(t * 7 + k) % len(programme_list)]
            when = START + timedelta(minutes=7 * n)
            assessors = ASSESSORS if rng.random() < SECOND_ASSESSOR_SHARE else ASSESSORS[:1]
            ratings = {
                assessor: {
                    key: Rating(
                        score=rng.randint(1, 5),
                        reason=rng.choice(REASONS),
                        updated_at=when + timedelta(minutes=a * 45),
                    )
                    for key in CRITERION_KEYS
                }
                for a, assessor in enumerate(assessors)
            }
            yield Assessment(
                id=f"assess-{n:06d}",
                team_id=team.id,
                programme_id=programme.id,
                ratings=ratings,
                notes="Reviewed in the quarterly training committee.",
                created_at=when,
                created_by="claire@host",
                updated_at=when + timedelta(minutes=45 * (len(assessors) - 1)),
                updated_by=assessors[-1],
            )
            n += 1


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high) * 10)


def pilot(rng: random.Random, number: int, assessment: Assessment) -> Pilot:
    """A pilot at some point of its three phases, with what the pilot method records."""
    start = date(2026, 1, 5) + timedelta(days=rng.randint(0, 240))
    progress = rng.randint(0, 3)  # phases finished
    phases = []
    day = start
    for index, kind in enumerate((PhaseKind.DIAGNOSE, PhaseKind.PILOT, PhaseKind.SCALE)):
        length = timedelta(days=(21, 84, 90)[index])
        done = index < progress
        status = (
            PhaseStatus.DONE
            if done
            else PhaseStatus.IN_PROGRESS
            if index == progress
            else PhaseStatus.PLANNED
        )
        planned = money(rng, 100, 900)
        phases.append(
            Phase(
                kind=kind,
                status=status,
                planned_start=day,
                planned_end=day + length,
                actual_start=day if status != PhaseStatus.PLANNED else None,
                actual_end=day + length if done else None,
                budget_planned=planned,
                budget_spent=money(rng, 50, 900) if status != PhaseStatus.PLANNED else None,
                gate=Gate(
                    decision=GateDecision.GO,
                    reason="Baseline measured and target signed off by the department head.",
                    decided_on=day + length,
                    decided_by="claire",
                )
                if done
                else None,
            )
        )
        day += length + timedelta(days=1)
    kpis = []
    for k, (level, name, unit, direction, baseline, target) in enumerate(KPI_SHAPES):
        measurements = [
            Measurement(
                id=f"m-{number:03d}-{k}-{m}",
                on=start + timedelta(days=14 * (m + 1)),
                value=round(baseline + (target - baseline) * rng.uniform(0, 1.1), 1),
                note="After module 3" if m == 1 else None,
            )
            for m in range(rng.randint(2, 8))
        ]
        kpis.append(
            Kpi(
                id=f"kpi-{number:03d}-{k}",
                name=name,
                level=level,
                unit=unit,
                direction=direction,
                baseline=baseline,
                target=target,
                measurements=measurements,
            )
        )
    participants = []
    for p in range(rng.randint(3, 12)):
        certified = rng.random() < 0.4
        on = start + timedelta(days=rng.randint(30, 120))
        participants.append(
            Participant(
                id=f"part-{number:03d}-{p}",
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                status=ParticipantStatus.CERTIFIED if certified else ParticipantStatus.ENROLLED,
                certified_on=on if certified else None,
                expires_on=on + timedelta(days=365) if certified else None,
            )
        )
    costs = [
        Cost(
            id=f"cost-{number:03d}-fees",
            kind=CostKind.FEES,
            label="Seats for the pilot group",
            amount=money(rng, 50, 400),
            on=start,
        ),
        Cost(
            id=f"cost-{number:03d}-time",
            kind=CostKind.HOURS,
            label="Training hours of the participants",
            hours=Decimal(rng.randint(20, 200)),
            hourly_cost=Decimal(rng.randint(30, 80)),
            on=start + timedelta(days=30),
        ),
    ]
    benefits = [
        Benefit(
            id=f"benefit-{number:03d}",
            label="Freelance work avoided",
            amount=money(rng, 100, 1500),
            on=start + timedelta(days=90),
            basis="Extra output a week x weeks x the freelance rate",
        )
    ]
    journal = [
        JournalNote(
            id=f"note-{number:03d}-{j}",
            on=start + timedelta(days=10 * (j + 1)),
            text="Weekly check-in: measurements entered, no blocker.",
            by="claire",
        )
        for j in range(rng.randint(1, 4))
    ]
    created = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
    return Pilot(
        id=f"pilot-{number:03d}",
        name=f"Pilot {number:03d}",
        assessment_id=assessment.id,
        team_id=assessment.team_id,
        programme_id=assessment.programme_id,
        currency="EUR",
        workflow="The team's daily workflow, with and without the new method",
        phases=phases,
        kpis=kpis,
        participants=participants,
        costs=costs,
        benefits=benefits,
        journal=journal,
        created_at=created,
        updated_at=created + timedelta(days=30),
    )


def records(counts: Counts, seed: int) -> Iterator[BaseModel]:
    """Every record of the organisation, programmes and teams first."""
    rng = random.Random(seed)
    programme_list = programmes(rng, counts.programmes)
    team_list = teams(rng, counts.teams)
    yield from programme_list
    yield from team_list
    chosen = set(random.Random(seed + 1).sample(range(counts.assessments), counts.pilots))
    piloted: list[Assessment] = []
    for n, assessment in enumerate(assessments(rng, counts.assessments, team_list, programme_list)):
        if n in chosen:
            piloted.append(assessment)
        yield assessment
    pilot_rng = random.Random(seed + 2)
    for number, assessment in enumerate(piloted):
        yield pilot(pilot_rng, number, assessment)


def write(path: Path, *, scale: float = 1.0, seed: int = 13) -> Counts:
    """Write the organisation to ``path`` (which must not exist) through the repository."""
    if path.exists():
        raise FileExistsError(f"{path} exists: give a new file")
    counts = Counts.at(scale)
    repository = Repository(path, author=AUTHOR)
    with repository.transaction(force_write=True) as tx:
        tx.put_all(records(counts, seed))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the data file to create (must not exist)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="size against 500 teams / 20k assessments"
    )
    parser.add_argument("--seed", type=int, default=13, help="the random seed")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        counts = write(args.out, scale=args.scale, seed=args.seed)
    except (ValueError, OSError) as error:
        print(f"large_org: {error}", file=sys.stderr)
        return 2
    size = args.out.stat().st_size / 1e6
    print(
        f"{args.out}: {counts.teams:,} teams, {counts.programmes:,} programmes, "
        f"{counts.assessments:,} assessments, {counts.pilots:,} pilots, {size:.1f} MB "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
