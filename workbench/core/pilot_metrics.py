"""The pilot's maths: KPI progress, money (ROI, benefit/cost ratio, budget), phases, warnings.

Pure functions over the models of :mod:`workbench.core.pilot`; nothing here reads a clock,
a file or a screen (``today`` is always a parameter).

- KPI progress is exact: every float is read through ``Fraction(str(x))`` (its shortest
  decimal spelling), so a baseline of 0.1 is exactly one tenth, and a measurement at the
  target is exactly 1, never 0.9999999999.
- Money is ``Decimal`` throughout; nothing is rounded here (the UI formats for display).
- Warnings carry a stable ``key`` and plain-string ``params``; the UI translates the key
  (``WARNING_TEMPLATES`` holds the English fallback).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from workbench.core.pilot import (
    PHASE_ORDER,
    CostKind,
    GateDecision,
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

EXPIRY_WARNING_DAYS = 60
"""A certification expiring within this many days (inclusive) raises a warning."""

CLOSED_STATUSES: frozenset[PhaseStatus] = frozenset({PhaseStatus.DONE, PhaseStatus.CANCELLED})
PASSED_DECISIONS: frozenset[GateDecision] = frozenset({GateDecision.GO, GateDecision.ITERATE})

ZERO = Decimal(0)
HUNDRED = Decimal(100)


# --------------------------------------------------------------------------- KPIs


def exact(value: float) -> Fraction | None:
    """The float as its shortest decimal spelling, exactly (0.1 -> 1/10); None if not finite."""
    if not math.isfinite(value):
        return None
    return Fraction(str(value))


def latest(kpi: Kpi) -> Measurement | None:
    """The most recent measurement; among several on the same day, the last one entered."""
    if not kpi.measurements:
        return None
    # max() keeps the first of equal keys: scanning in reverse keeps the last entered.
    return max(reversed(kpi.measurements), key=lambda m: m.on)


def progress_at(kpi: Kpi, value: float) -> Fraction | None:
    """(value − baseline) / (target − baseline), exactly; None if a number is not finite.

    Direction-neutral: the model guarantees target − baseline is positive when higher is
    better and negative when lower is better, so an improvement is always positive.
    """
    baseline, target, current = exact(kpi.baseline), exact(kpi.target), exact(value)
    if baseline is None or target is None or current is None or target == baseline:
        return None
    return (current - baseline) / (target - baseline)


def progress(kpi: Kpi) -> Fraction | None:
    """Progress of the latest measurement: 0 at the baseline, 1 at the target, not clamped.

    Above 1 means the target is beaten, below 0 means worse than the baseline: both are
    information. None without a measurement.
    """
    last = latest(kpi)
    if last is None:
        return None
    return progress_at(kpi, last.value)


def on_track(kpi: Kpi) -> bool | None:
    """True when the latest measurement reaches the target (progress >= 1); None unmeasured."""
    value = progress(kpi)
    if value is None:
        return None
    return value >= 1


# --------------------------------------------------------------------------- money


def total_costs(pilot: Pilot) -> Decimal:
    """Fees + hours x hourly cost + other costs."""
    return sum((cost.total for cost in pilot.costs), start=ZERO)


def total_benefits(pilot: Pilot) -> Decimal:
    return sum((benefit.amount for benefit in pilot.benefits), start=ZERO)


def net_benefit(pilot: Pilot) -> Decimal:
    """Benefits − costs (negative when the pilot cost more than it brought)."""
    return total_benefits(pilot) - total_costs(pilot)


def roi_percent(pilot: Pilot) -> Decimal | None:
    """(benefits − costs) / costs x 100; None when there is no cost to divide by."""
    costs = total_costs(pilot)
    if costs == 0:
        return None
    return (total_benefits(pilot) - costs) * HUNDRED / costs


def benefit_cost_ratio(pilot: Pilot) -> Decimal | None:
    """Benefits / costs (= 1 + ROI / 100); None when there is no cost to divide by."""
    costs = total_costs(pilot)
    if costs == 0:
        return None
    return total_benefits(pilot) / costs


def roi_so_far(pilot: Pilot) -> Decimal | None:
    """ROI % once both sides are known: None without a cost or without a monetised benefit
    (a pilot whose benefits are not valued yet is "not computable", not −100 %)."""
    if not pilot.benefits:
        return None
    return roi_percent(pilot)


def ratio_so_far(pilot: Pilot) -> Decimal | None:
    """The benefit/cost ratio on the same terms as ``roi_so_far``."""
    if not pilot.benefits:
        return None
    return benefit_cost_ratio(pilot)


def cost_breakdown(pilot: Pilot) -> dict[CostKind, Decimal]:
    """Total per kind of cost, every kind present (zero when none), in the enum's order."""
    totals = dict.fromkeys(CostKind, ZERO)
    for cost in pilot.costs:
        totals[cost.kind] += cost.total
    return totals


def _sum_known(values: list[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    if not known:
        return None
    return sum(known, start=ZERO)


@dataclass(frozen=True, slots=True)
class Budget:
    """Phase budgets summed over the phases that have a figure; None when none has one."""

    planned: Decimal | None
    spent: Decimal | None

    @property
    def remaining(self) -> Decimal | None:
        """Planned − spent (negative when over budget); None unless both are known."""
        if self.planned is None or self.spent is None:
            return None
        return self.planned - self.spent


def budget(pilot: Pilot) -> Budget:
    return Budget(
        planned=_sum_known([phase.budget_planned for phase in pilot.phases]),
        spent=_sum_known([phase.budget_spent for phase in pilot.phases]),
    )


# --------------------------------------------------------------------------- phases


def current_phase(pilot: Pilot) -> Phase | None:
    """The first phase neither done nor cancelled; None when all are closed."""
    for phase in pilot.phases:
        if phase.status not in CLOSED_STATUSES:
            return phase
    return None


def next_due(pilot: Pilot) -> date | None:
    """The next date to watch: the current phase's planned end, else its planned start."""
    phase = current_phase(pilot)
    if phase is None or stopped(pilot) or pilot.cancelled:
        return None
    return phase.planned_end or phase.planned_start


def pilot_status(pilot: Pilot) -> str:
    """One word for the whole pilot: cancelled, stopped, finished, in_progress or planned."""
    if pilot.cancelled:
        return "cancelled"
    if stopped(pilot):
        return "stopped"
    phase = current_phase(pilot)
    if phase is None:
        return "finished"
    if phase.status is PhaseStatus.IN_PROGRESS or any(
        p.status is PhaseStatus.DONE for p in pilot.phases
    ):
        return "in_progress"
    return "planned"


def stopped(pilot: Pilot) -> bool:
    """True when a gate decided to stop the pilot."""
    return any(
        phase.gate is not None and phase.gate.decision is GateDecision.STOP
        for phase in pilot.phases
    )


# --------------------------------------------------------------------------- warnings

WARNING_TEMPLATES: dict[str, str] = {
    "no_kpi": "The pilot {pilot} has no KPI: nothing will tell whether it worked",
    "reaction_only": (
        "All {count} KPIs of {pilot} measure reactions (satisfaction): add a behaviour or "
        "results KPI, or high satisfaction may hide no application at work"
    ),
    "phase_overdue": "Phase {phase} was planned to end on {planned_end} ({days} days ago)",
    "over_budget": "Phase {phase} spent {spent} for a budget of {planned} ({over} over)",
    "gate_without_measurement": (
        "The {phase} gate was passed ({decision}, {decided_on}) with no KPI measurement"
    ),
    "certification_expired": "{name}'s certification expired on {expires_on} ({days} days ago)",
    "certification_expiring": "{name}'s certification expires on {expires_on} (in {days} days)",
}
"""English fallback for each warning key; the UI's translations use the same placeholders."""


@dataclass(frozen=True, slots=True)
class PilotWarning:
    """Something the user should look at. ``key`` is stable; ``params`` are plain strings."""

    key: str
    params: dict[str, str] = field(default_factory=dict, hash=False)
    phase: PhaseKind | None = None
    participant_id: str | None = None
    kpi_id: str | None = None

    def fallback_text(self) -> str:
        """The English text, for when the UI has no translation for the key."""
        template = WARNING_TEMPLATES.get(self.key)
        if template is None:
            return self.key
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template


def plain(amount: Decimal) -> str:
    """A Decimal as a plain string, never in exponent notation (1E+3 -> 1000)."""
    return format(amount, "f")


def _kpi_warnings(pilot: Pilot) -> list[PilotWarning]:
    if not pilot.kpis:
        return [PilotWarning("no_kpi", {"pilot": pilot.name})]
    if all(kpi.level is KpiLevel.REACTION for kpi in pilot.kpis):
        return [PilotWarning("reaction_only", {"pilot": pilot.name, "count": str(len(pilot.kpis))})]
    return []


def gate_has_evidence(pilot: Pilot, kind: PhaseKind, on: date) -> bool:
    """Could the gate of phase ``kind`` pass on ``on`` with KPI evidence (see below)?"""
    return _has_evidence(pilot, pilot.phase(kind), on)


def _has_evidence(pilot: Pilot, phase: Phase, on: date) -> bool:
    """Was there any KPI evidence inside this phase, up to ``on``, for its gate?

    For the diagnose gate the evidence is the baseline itself (the phase's purpose is to
    measure it and sign the targets off), so any KPI counts; later gates need a measurement
    dated inside the phase: on or after its start (actual, else planned) and on or before
    ``on``. A measurement taken before the phase began says nothing about it.
    """
    if phase.kind is PhaseKind.DIAGNOSE:
        return bool(pilot.kpis)
    start = phase.actual_start or phase.planned_start
    return any(
        (start is None or start <= m.on) and m.on <= on
        for kpi in pilot.kpis
        for m in kpi.measurements
    )


def _phase_warnings(pilot: Pilot, phase: Phase, today: date) -> list[PilotWarning]:
    found: list[PilotWarning] = []
    name = phase.kind.value
    if (
        phase.planned_end is not None
        and phase.planned_end < today
        and phase.status not in CLOSED_STATUSES
    ):
        found.append(
            PilotWarning(
                "phase_overdue",
                {
                    "phase": name,
                    "planned_end": phase.planned_end.isoformat(),
                    "days": str((today - phase.planned_end).days),
                },
                phase=phase.kind,
            )
        )
    if (
        phase.budget_planned is not None
        and phase.budget_spent is not None
        and phase.budget_spent > phase.budget_planned
    ):
        found.append(
            PilotWarning(
                "over_budget",
                {
                    "phase": name,
                    "planned": plain(phase.budget_planned),
                    "spent": plain(phase.budget_spent),
                    "over": plain(phase.budget_spent - phase.budget_planned),
                    "currency": pilot.currency,
                },
                phase=phase.kind,
            )
        )
    gate = phase.gate
    if (
        gate is not None
        and gate.decision in PASSED_DECISIONS
        and not _has_evidence(pilot, phase, gate.decided_on)
    ):
        found.append(
            PilotWarning(
                "gate_without_measurement",
                {
                    "phase": name,
                    "decision": gate.decision.value,
                    "decided_on": gate.decided_on.isoformat(),
                },
                phase=phase.kind,
            )
        )
    return found


def _certification_warning(participant: Participant, today: date) -> PilotWarning | None:
    expires_on = participant.expires_on
    if expires_on is None or participant.status is ParticipantStatus.DROPPED:
        return None
    days = (expires_on - today).days
    if days < 0:
        key, shown = "certification_expired", -days
    elif days <= EXPIRY_WARNING_DAYS:
        key, shown = "certification_expiring", days
    else:
        return None
    return PilotWarning(
        key,
        {"name": participant.name, "expires_on": expires_on.isoformat(), "days": str(shown)},
        participant_id=participant.id,
    )


def warnings(pilot: Pilot, today: date) -> list[PilotWarning]:
    """Every warning, in a fixed order that does not depend on the order of the lists.

    KPI warnings first (no_kpi / reaction_only), then per phase in the diagnose, pilot,
    scale order (phase_overdue, over_budget, gate_without_measurement), then expired
    certifications, then expiring ones, each by expiry date, name and id. A cancelled
    pilot has none.
    """
    if pilot.cancelled:
        return []
    found = _kpi_warnings(pilot)
    for kind in PHASE_ORDER:
        found.extend(_phase_warnings(pilot, pilot.phase(kind), today))
    people = sorted(
        (p for p in pilot.participants if p.expires_on is not None),
        key=lambda p: (p.expires_on, p.name, p.id),
    )
    certifications = [w for p in people if (w := _certification_warning(p, today)) is not None]
    found.extend(w for w in certifications if w.key == "certification_expired")
    found.extend(w for w in certifications if w.key == "certification_expiring")
    return found


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True, slots=True)
class KpiProgress:
    kpi_id: str
    name: str
    level: KpiLevel
    unit: str | None
    latest: Measurement | None
    progress: Fraction | None
    on_track: bool | None


def kpi_progress(kpi: Kpi) -> KpiProgress:
    value = progress(kpi)
    return KpiProgress(
        kpi_id=kpi.id,
        name=kpi.name,
        level=kpi.level,
        unit=kpi.unit,
        latest=latest(kpi),
        progress=value,
        on_track=None if value is None else value >= 1,
    )


def participant_counts(pilot: Pilot) -> dict[ParticipantStatus, int]:
    """Participants per status, every status present (zero when none), in the enum's order."""
    counts = dict.fromkeys(ParticipantStatus, 0)
    for participant in pilot.participants:
        counts[participant.status] += 1
    return counts


@dataclass(frozen=True, slots=True)
class PilotSummary:
    """Everything the Pilots tab shows about one pilot, computed once."""

    currency: str
    total_costs: Decimal
    total_benefits: Decimal
    net_benefit: Decimal
    roi_percent: Decimal | None
    benefit_cost_ratio: Decimal | None
    cost_breakdown: dict[CostKind, Decimal]
    budget: Budget
    current_phase: Phase | None
    stopped: bool
    kpis: tuple[KpiProgress, ...]
    participants: dict[ParticipantStatus, int]
    warnings: tuple[PilotWarning, ...]


def summarise(pilot: Pilot, today: date) -> PilotSummary:
    costs = total_costs(pilot)
    benefits = total_benefits(pilot)
    return PilotSummary(
        currency=pilot.currency,
        total_costs=costs,
        total_benefits=benefits,
        net_benefit=benefits - costs,
        roi_percent=roi_percent(pilot),
        benefit_cost_ratio=benefit_cost_ratio(pilot),
        cost_breakdown=cost_breakdown(pilot),
        budget=budget(pilot),
        current_phase=current_phase(pilot),
        stopped=stopped(pilot),
        kpis=tuple(kpi_progress(kpi) for kpi in pilot.kpis),
        participants=participant_counts(pilot),
        warnings=tuple(warnings(pilot, today)),
    )
