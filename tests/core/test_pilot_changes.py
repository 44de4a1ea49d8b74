"""Starting a pilot from an assessment and changing it: pure functions, a fixed today."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
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
    PhaseKind,
    PhaseStatus,
    Pilot,
)
from workbench.core.pilot_changes import (
    add_benefit,
    add_cost,
    add_note,
    decide_gate,
    default_schedule,
    gate_needs_reason,
    objective_kpi,
    record_measurement,
    start_pilot,
)
from workbench.core.pilot_input import InputError
from workbench.core.pilot_metrics import (
    current_phase,
    next_due,
    pilot_status,
    ratio_so_far,
    roi_so_far,
    warnings,
)
from workbench.core.sample import load_sample
from workbench.core.scoring import Verdict
from workbench.core.team import Objective, Team

TODAY = date(2026, 11, 23)


Sample = tuple[dict[str, Team], dict[str, Programme], dict[str, Assessment]]


@pytest.fixture(scope="module")
def sample() -> Sample:
    data = load_sample()
    return (
        {t.id: t for t in data.teams},
        {p.id: p for p in data.programmes},
        {a.id: a for a in data.assessments},
    )


def started(
    sample: Sample, assessment_id: str, verdict: Verdict | None, reason: str | None = None
) -> Pilot:
    teams, programmes, assessments = sample
    assessment = assessments[assessment_id]
    return start_pilot(
        assessment,
        teams[assessment.team_id],
        programmes[assessment.programme_id],
        verdict=verdict,
        today=TODAY,
        reason=reason,
    )


def test_a_pilot_verdict_starts_with_the_objective_as_results_kpi(sample: Sample) -> None:
    pilot = started(sample, "assess-dataml-mla", Verdict.PILOT)
    assert pilot.team_id == "team-data-ml"
    assert pilot.programme_id == "aws-mla-c01"
    assert pilot.assessment_id == "assess-dataml-mla"
    [kpi] = pilot.kpis
    assert kpi.level is KpiLevel.RESULTS
    assert kpi.name == "lead time from validated model to production"
    assert (kpi.baseline, kpi.target, kpi.direction) == (45, 10, Direction.LOWER)
    assert pilot.start_verdict == "pilot"
    assert pilot.start_reason is None
    assert current_phase(pilot) is pilot.phases[0]
    assert pilot.phases[0].actual_start == TODAY
    assert warnings(pilot, TODAY) == []


@pytest.mark.parametrize("verdict", [Verdict.INVESTIGATE, Verdict.ALTERNATIVES, None])
def test_another_verdict_needs_a_reason_and_keeps_it(
    sample: Sample, verdict: Verdict | None
) -> None:
    with pytest.raises(InputError) as refused:
        started(sample, "assess-legal-aigp", verdict)
    assert refused.value.key == "start_reason"
    with pytest.raises(InputError):
        started(sample, "assess-legal-aigp", verdict, "   ")
    pilot = started(sample, "assess-legal-aigp", verdict, "  The committee wants a test  ")
    assert pilot.start_reason == "The committee wants a test"
    assert pilot.start_verdict == (verdict.value if verdict else None)


def test_no_objective_means_no_kpi_and_a_warning(sample: Sample) -> None:
    pilot = started(sample, "assess-managers-genai", Verdict.ALTERNATIVES, "asked for")
    assert pilot.kpis == []
    assert [w.key for w in warnings(pilot, TODAY)] == ["no_kpi"]


def test_objective_kpi_needs_a_baseline_and_a_target() -> None:
    team = Team(name="T", objective=Objective(metric="m", target=3, horizon_months=6))
    assert objective_kpi(team) is None
    team = Team(name="T", objective=Objective(metric="m", baseline=1, target=3, horizon_months=6))
    kpi = objective_kpi(team)
    assert kpi is not None
    assert kpi.direction is Direction.HIGHER


def test_default_schedule_is_three_back_to_back_phases() -> None:
    phases = default_schedule(TODAY)
    assert [p.status for p in phases] == [
        PhaseStatus.IN_PROGRESS,
        PhaseStatus.PLANNED,
        PhaseStatus.PLANNED,
    ]
    assert phases[0].planned_start == TODAY
    for before, after in itertools.pairwise(phases):
        assert before.planned_end is not None
        assert after.planned_start == before.planned_end + timedelta(days=1)


def kpi_pilot() -> Pilot:
    return Pilot(
        name="p",
        team_id="t",
        programme_id="p",
        phases=default_schedule(TODAY - timedelta(days=30)),
        kpis=[Kpi(id="k", name="Output", level=KpiLevel.RESULTS, baseline=40, target=120)],
    )


def test_record_a_measurement_keeps_them_in_date_order() -> None:
    pilot = kpi_pilot()
    later = record_measurement(pilot, "k", Measurement(on=TODAY, value=90))
    both = record_measurement(later, "k", Measurement(on=TODAY - timedelta(days=7), value=60))
    assert [m.value for m in both.kpis[0].measurements] == [60, 90]
    assert pilot.kpis[0].measurements == []  # never changed in place
    with pytest.raises(InputError):
        record_measurement(pilot, "gone", Measurement(on=TODAY, value=1))


def test_gate_go_closes_the_phase_and_starts_the_next() -> None:
    pilot = kpi_pilot()
    gate = Gate(decision=GateDecision.GO, reason="baseline signed", decided_on=TODAY)
    after = decide_gate(pilot, PhaseKind.DIAGNOSE, gate)
    diagnose, pilot_phase, _ = after.phases
    assert diagnose.status is PhaseStatus.DONE
    assert diagnose.actual_end == TODAY
    assert diagnose.gate == gate
    assert pilot_phase.status is PhaseStatus.IN_PROGRESS
    assert pilot_phase.actual_start == TODAY
    assert current_phase(after) is after.phases[1]


def test_the_pilot_gate_needs_a_measurement_or_a_reason() -> None:
    pilot = kpi_pilot()
    pilot = decide_gate(
        pilot, PhaseKind.DIAGNOSE, Gate(decision=GateDecision.GO, reason="ok", decided_on=TODAY)
    )
    assert gate_needs_reason(pilot, PhaseKind.PILOT, GateDecision.GO, TODAY)
    assert not gate_needs_reason(pilot, PhaseKind.PILOT, GateDecision.STOP, TODAY)
    bare = Gate(decision=GateDecision.GO, reason="looks fine", decided_on=TODAY)
    with pytest.raises(InputError) as refused:
        decide_gate(pilot, PhaseKind.PILOT, bare)
    assert refused.value.key == "gate_unmeasured"
    why = Gate(
        decision=GateDecision.GO,
        reason="looks fine",
        decided_on=TODAY,
        unmeasured_reason="the survey tool is down",
    )
    passed = decide_gate(pilot, PhaseKind.PILOT, why)
    assert "gate_without_measurement" in [w.key for w in warnings(passed, TODAY)]
    measured = record_measurement(passed, "k", Measurement(on=TODAY, value=70))
    assert "gate_without_measurement" not in [w.key for w in warnings(measured, TODAY)]
    # with a measurement the reason is not needed, and not kept
    assert not gate_needs_reason(measured, PhaseKind.PILOT, GateDecision.GO, TODAY)


def test_gate_iterate_keeps_the_phase_open_and_stop_cancels_the_rest() -> None:
    pilot = record_measurement(kpi_pilot(), "k", Measurement(on=TODAY, value=50))
    iterate = decide_gate(
        pilot, PhaseKind.DIAGNOSE, Gate(decision=GateDecision.ITERATE, reason="r", decided_on=TODAY)
    )
    assert iterate.phases[0].status is PhaseStatus.IN_PROGRESS
    assert pilot_status(iterate) == "in_progress"
    stop = decide_gate(
        pilot, PhaseKind.DIAGNOSE, Gate(decision=GateDecision.STOP, reason="r", decided_on=TODAY)
    )
    assert [p.status for p in stop.phases] == [
        PhaseStatus.DONE,
        PhaseStatus.CANCELLED,
        PhaseStatus.CANCELLED,
    ]
    assert pilot_status(stop) == "stopped"
    assert next_due(stop) is None


def test_a_gate_cannot_come_before_its_phase_started() -> None:
    pilot = record_measurement(kpi_pilot(), "k", Measurement(on=TODAY, value=50))
    early = Gate(decision=GateDecision.GO, reason="r", decided_on=TODAY - timedelta(days=365))
    with pytest.raises(InputError) as refused:
        decide_gate(pilot, PhaseKind.DIAGNOSE, early)
    assert refused.value.key == "gate_before_start"


def test_next_due_is_the_current_phase_end() -> None:
    pilot = kpi_pilot()
    assert next_due(pilot) == pilot.phases[0].planned_end


def test_roi_so_far_is_not_computable_without_benefits_or_costs() -> None:
    pilot = kpi_pilot()
    assert roi_so_far(pilot) is None
    assert ratio_so_far(pilot) is None
    cost = Cost(kind=CostKind.HOURS, label="time", hours=Decimal(10), hourly_cost=Decimal(50))
    with_cost = add_cost(pilot, cost)
    assert roi_so_far(with_cost) is None  # benefits not valued yet: never -100 %
    both = add_benefit(with_cost, Benefit(label="saved", amount=Decimal(750), basis="b"))
    assert roi_so_far(both) == Decimal(50)
    assert ratio_so_far(both) == Decimal("1.5")
    only_benefit = add_benefit(pilot, Benefit(label="saved", amount=Decimal(750)))
    assert roi_so_far(only_benefit) is None


def test_journal_notes_are_kept_in_date_order() -> None:
    pilot = add_note(kpi_pilot(), JournalNote(on=TODAY, text="second"))
    pilot = add_note(pilot, JournalNote(on=TODAY - timedelta(days=1), text="first"))
    assert [n.text for n in pilot.journal] == ["first", "second"]
    with pytest.raises(ValidationError):
        JournalNote(on=TODAY, text="  ")
