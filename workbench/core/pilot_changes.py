"""Changes to a pilot as pure functions: start one from an assessment, record, correct or
remove a measurement, decide a gate, add, edit or remove a KPI, a participant, a cost or a
benefit, write a note.

Every function returns a new, validated ``Pilot`` (pydantic's ``ValidationError`` when the
result would be invalid) and never changes its argument: the repository applies them to the
latest stored version under its lock, so two people's changes to one pilot both land.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel

from workbench.core.assessment import Assessment
from workbench.core.catalogue import PriceKind, Programme
from workbench.core.pilot import (
    PHASE_ORDER,
    Benefit,
    Cost,
    Direction,
    Gate,
    GateDecision,
    JournalNote,
    Kpi,
    KpiLevel,
    Measurement,
    Participant,
    Phase,
    PhaseKind,
    PhaseStatus,
    Pilot,
)
from workbench.core.pilot_input import InputError
from workbench.core.pilot_metrics import PASSED_DECISIONS, gate_has_evidence
from workbench.core.scoring import Verdict
from workbench.core.team import Team

M = TypeVar("M", bound=BaseModel)

PHASE_DAYS: dict[PhaseKind, int] = {
    PhaseKind.DIAGNOSE: 21,
    PhaseKind.PILOT: 84,
    PhaseKind.SCALE: 91,
}
"""Default length of each phase: three weeks to scope, twelve to pilot, thirteen to scale."""


def revalidated(model: M, **changes: Any) -> M:
    """``model`` with ``changes``, validated as a whole (``model_copy`` does not validate)."""
    data = {name: getattr(model, name) for name in type(model).model_fields}
    data.update(changes)
    return type(model).model_validate(data)


def default_schedule(today: date) -> list[Phase]:
    """Three back-to-back phases from today; the first one is under way."""
    phases = []
    start = today
    for kind in PHASE_ORDER:
        end = start + timedelta(days=PHASE_DAYS[kind] - 1)
        first = kind is PhaseKind.DIAGNOSE
        phases.append(
            Phase(
                kind=kind,
                status=PhaseStatus.IN_PROGRESS if first else PhaseStatus.PLANNED,
                planned_start=start,
                planned_end=end,
                actual_start=today if first else None,
            )
        )
        start = end + timedelta(days=1)
    return phases


def objective_kpi(team: Team) -> Kpi | None:
    """The team's objective as a results-level KPI; None without a metric, baseline and target."""
    objective = team.objective
    if (
        objective.metric is None
        or objective.baseline is None
        or objective.target is None
        or objective.baseline == objective.target
    ):
        return None
    direction = Direction.HIGHER if objective.target > objective.baseline else Direction.LOWER
    return Kpi(
        name=objective.metric,
        level=KpiLevel.RESULTS,
        unit=objective.unit,
        direction=direction,
        baseline=objective.baseline,
        target=objective.target,
    )


def needs_start_reason(verdict: Verdict | None) -> bool:
    """Starting a pilot on anything but a "pilot" verdict is a choice to explain."""
    return verdict is not Verdict.PILOT


def start_pilot(
    assessment: Assessment,
    team: Team,
    programme: Programme,
    *,
    verdict: Verdict | None,
    today: date,
    reason: str | None = None,
) -> Pilot:
    """A new pilot of this assessment: its team and programme, the objective as first KPI."""
    reason = (reason or "").strip() or None
    if needs_start_reason(verdict) and reason is None:
        raise InputError("start_reason")
    kpi = objective_kpi(team)
    price = programme.price
    currency = price.currency if price.kind is PriceKind.AMOUNT and price.currency else "EUR"
    return Pilot(
        name=f"{team.name} × {programme.name}",
        assessment_id=assessment.id,
        team_id=team.id,
        programme_id=programme.id,
        currency=currency,
        phases=default_schedule(today),
        kpis=[kpi] if kpi is not None else [],
        start_verdict=verdict.value if verdict is not None else None,
        start_reason=reason if needs_start_reason(verdict) else None,
    )


def _replace(items: list[M], item: M, key: Callable[[M], str]) -> list[M]:
    """``items`` with ``item`` in place of the one with the same key, or appended."""
    found = False
    result = []
    for existing in items:
        if key(existing) == key(item):
            result.append(item)
            found = True
        else:
            result.append(existing)
    if not found:
        result.append(item)
    return result


def _kpi(pilot: Pilot, kpi_id: str) -> Kpi:
    for kpi in pilot.kpis:
        if kpi.id == kpi_id:
            return kpi
    raise InputError("kpi_gone")


def _without(items: list[M], item_id: str, gone: str) -> list[M]:
    """``items`` without the one whose id is ``item_id``; ``InputError(gone)`` if none is."""
    kept = [item for item in items if getattr(item, "id") != item_id]  # noqa: B009
    if len(kept) == len(items):
        raise InputError(gone)
    return kept


def record_measurement(pilot: Pilot, kpi_id: str, measurement: Measurement) -> Pilot:
    kpi = _kpi(pilot, kpi_id)
    updated = revalidated(kpi, measurements=[*kpi.measurements, measurement])
    return revalidated(pilot, kpis=_replace(pilot.kpis, updated, lambda k: k.id))


def correct_measurement(pilot: Pilot, kpi_id: str, measurement: Measurement) -> Pilot:
    """The measurement with ``measurement.id`` replaced by this corrected one."""
    kpi = _kpi(pilot, kpi_id)
    if all(m.id != measurement.id for m in kpi.measurements):
        raise InputError("measurement_gone")
    updated = revalidated(kpi, measurements=_replace(kpi.measurements, measurement, lambda m: m.id))
    return revalidated(pilot, kpis=_replace(pilot.kpis, updated, lambda k: k.id))


def remove_measurement(pilot: Pilot, kpi_id: str, measurement_id: str) -> Pilot:
    kpi = _kpi(pilot, kpi_id)
    kept = _without(kpi.measurements, measurement_id, "measurement_gone")
    updated = revalidated(kpi, measurements=kept)
    return revalidated(pilot, kpis=_replace(pilot.kpis, updated, lambda k: k.id))


def save_kpi(pilot: Pilot, kpi: Kpi) -> Pilot:
    return revalidated(pilot, kpis=_replace(pilot.kpis, kpi, lambda k: k.id))


def edit_kpi(pilot: Pilot, kpi: Kpi) -> Pilot:
    """The KPI's definition replaced by ``kpi``'s; its measurements stay those stored now
    (someone may have recorded one while the form was open)."""
    stored = _kpi(pilot, kpi.id)
    return save_kpi(pilot, revalidated(kpi, measurements=stored.measurements))


def remove_kpi(pilot: Pilot, kpi_id: str) -> Pilot:
    """The KPI and its measurements removed."""
    return revalidated(pilot, kpis=_without(pilot.kpis, kpi_id, "kpi_gone"))


def save_participant(pilot: Pilot, participant: Participant) -> Pilot:
    people = _replace(pilot.participants, participant, lambda p: p.id)
    return revalidated(pilot, participants=people)


def remove_participant(pilot: Pilot, participant_id: str) -> Pilot:
    people = _without(pilot.participants, participant_id, "participant_gone")
    return revalidated(pilot, participants=people)


def add_cost(pilot: Pilot, cost: Cost) -> Pilot:
    return revalidated(pilot, costs=[*pilot.costs, cost])


def edit_cost(pilot: Pilot, cost: Cost) -> Pilot:
    if all(c.id != cost.id for c in pilot.costs):
        raise InputError("cost_gone")
    return revalidated(pilot, costs=_replace(pilot.costs, cost, lambda c: c.id))


def remove_cost(pilot: Pilot, cost_id: str) -> Pilot:
    return revalidated(pilot, costs=_without(pilot.costs, cost_id, "cost_gone"))


def add_benefit(pilot: Pilot, benefit: Benefit) -> Pilot:
    return revalidated(pilot, benefits=[*pilot.benefits, benefit])


def edit_benefit(pilot: Pilot, benefit: Benefit) -> Pilot:
    if all(b.id != benefit.id for b in pilot.benefits):
        raise InputError("benefit_gone")
    return revalidated(pilot, benefits=_replace(pilot.benefits, benefit, lambda b: b.id))


def remove_benefit(pilot: Pilot, benefit_id: str) -> Pilot:
    return revalidated(pilot, benefits=_without(pilot.benefits, benefit_id, "benefit_gone"))


def add_note(pilot: Pilot, note: JournalNote) -> Pilot:
    journal = sorted([*pilot.journal, note], key=lambda n: n.on)
    return revalidated(pilot, journal=journal)


def save_phase(pilot: Pilot, phase: Phase) -> Pilot:
    phases = [phase if p.kind is phase.kind else p for p in pilot.phases]
    return revalidated(pilot, phases=phases)


def gate_needs_reason(pilot: Pilot, kind: PhaseKind, decision: GateDecision, on: date) -> bool:
    """A gate that lets the pilot go on needs a KPI measurement, or the user's reason why not."""
    return decision in PASSED_DECISIONS and not gate_has_evidence(pilot, kind, on)


def decide_gate(pilot: Pilot, kind: PhaseKind, gate: Gate) -> Pilot:
    """Record the gate of phase ``kind`` and move the phases on.

    go: the phase is done (ended on the decision date unless already ended), the next one
    starts; iterate: the phase stays in progress; stop: the phase is done and the later
    ones are cancelled. Refused (``InputError``) when the gate passes without a measurement
    and without ``unmeasured_reason``, or when it is dated before the phase started.
    """
    if gate_needs_reason(pilot, kind, gate.decision, gate.decided_on) and not (
        gate.unmeasured_reason
    ):
        raise InputError("gate_unmeasured")
    if not gate_needs_reason(pilot, kind, gate.decision, gate.decided_on):
        gate = revalidated(gate, unmeasured_reason=None)
    index = PHASE_ORDER.index(kind)
    phase = pilot.phases[index]
    on = gate.decided_on
    started = phase.actual_start or min(on, phase.planned_start or on)
    if started > on:
        raise InputError("gate_before_start", start=started.isoformat())
    phases = list(pilot.phases)
    if gate.decision is GateDecision.ITERATE:
        phases[index] = revalidated(
            phase, gate=gate, status=PhaseStatus.IN_PROGRESS, actual_start=started, actual_end=None
        )
    else:
        phases[index] = revalidated(
            phase,
            gate=gate,
            status=PhaseStatus.DONE,
            actual_start=started,
            actual_end=phase.actual_end or on,
        )
        for later in range(index + 1, len(phases)):
            following = phases[later]
            if gate.decision is GateDecision.STOP:
                if following.status is not PhaseStatus.DONE:
                    phases[later] = revalidated(following, status=PhaseStatus.CANCELLED)
            elif later == index + 1 and following.status is PhaseStatus.PLANNED:
                phases[later] = revalidated(
                    following,
                    status=PhaseStatus.IN_PROGRESS,
                    actual_start=following.actual_start or on,
                )
    return revalidated(pilot, phases=phases)


def cancel_pilot(pilot: Pilot, on: date, reason: str | None) -> Pilot:
    """The pilot cancelled on ``on`` (kept, hidden from the list, no warnings); a blank
    reason is none."""
    return revalidated(pilot, cancelled_on=on, cancel_reason=(reason or "").strip() or None)


def reopen_pilot(pilot: Pilot) -> Pilot:
    """A cancelled pilot running again."""
    return revalidated(pilot, cancelled_on=None, cancel_reason=None)
