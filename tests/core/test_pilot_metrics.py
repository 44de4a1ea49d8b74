"""The pilot's maths: KPI progress, money, phases, warnings, summary."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from workbench.core.pilot import (
    Benefit,
    Cost,
    CostKind,
    Direction,
    Gate,
    GateDecision,
    Kpi,
    KpiLevel,
    Measurement,
    Participant,
    ParticipantStatus,
    PhaseKind,
    PhaseStatus,
    Pilot,
)
from workbench.core.pilot_metrics import (
    EXPIRY_WARNING_DAYS,
    WARNING_TEMPLATES,
    Budget,
    PilotWarning,
    benefit_cost_ratio,
    budget,
    cost_breakdown,
    current_phase,
    gate_has_evidence,
    latest,
    net_benefit,
    on_track,
    participant_counts,
    progress,
    progress_at,
    roi_percent,
    stopped,
    summarise,
    total_benefits,
    total_costs,
    warnings,
)

TODAY = date(2025, 6, 15)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def make_kpi(
    baseline: float = 40,
    target: float = 120,
    values: list[float] | None = None,
    *,
    level: KpiLevel = KpiLevel.RESULTS,
    direction: Direction | None = None,
    name: str = "Descriptions per day",
) -> Kpi:
    if direction is None:
        direction = Direction.HIGHER if target > baseline else Direction.LOWER
    return Kpi(
        name=name,
        level=level,
        direction=direction,
        baseline=baseline,
        target=target,
        measurements=[Measurement(on=day(i - 100), value=v) for i, v in enumerate(values or [])],
    )


def make_pilot(name: str = "Prompting pilot", **fields: Any) -> Pilot:
    return Pilot(name=name, team_id="team", programme_id="prog", **fields)


def results_kpi() -> Kpi:
    """A KPI measured long ago, so that no warning is about the KPIs."""
    return make_kpi(values=[60])


def keys(pilot: Pilot, today: date = TODAY) -> list[str]:
    return [w.key for w in warnings(pilot, today)]


def fees(amount: str) -> Cost:
    return Cost(kind=CostKind.FEES, label="Fees", amount=Decimal(amount))


def benefit(amount: str) -> Benefit:
    return Benefit(label="Time saved", amount=Decimal(amount))


# --------------------------------------------------------------------------- latest


def test_latest_is_none_without_measurements() -> None:
    assert latest(make_kpi()) is None


def test_latest_is_by_date_not_by_position() -> None:
    kpi = make_kpi()
    # append() bypasses the model's sorting validator: latest must not rely on it.
    kpi.measurements.append(Measurement(on=date(2025, 3, 1), value=90))
    kpi.measurements.append(Measurement(on=date(2025, 1, 1), value=50))
    last = latest(kpi)
    assert last is not None
    assert last.value == 90
    assert progress(kpi) == Fraction(5, 8)


def test_latest_on_the_same_day_is_the_last_entered() -> None:
    kpi = make_kpi()
    kpi.measurements = [
        Measurement(on=date(2025, 3, 1), value=70),
        Measurement(on=date(2025, 3, 1), value=100, note="corrected"),
    ]
    last = latest(kpi)
    assert last is not None
    assert last.note == "corrected"


# --------------------------------------------------------------------------- progress


def test_progress_without_measurement_is_none() -> None:
    kpi = make_kpi()
    assert progress(kpi) is None
    assert on_track(kpi) is None


@pytest.mark.parametrize(
    ("baseline", "target", "value", "expected"),
    [
        (40, 120, 100, Fraction(3, 4)),
        (40, 120, 40, Fraction(0)),
        (40, 120, 120, Fraction(1)),
        (40, 120, 140, Fraction(5, 4)),  # target beaten: not clamped
        (40, 120, 20, Fraction(-1, 4)),  # worse than the baseline: not clamped
        (0.1, 0.3, 0.2, Fraction(1, 2)),  # exact, not 0.49999999999999994
    ],
)
def test_progress_higher_is_better(
    baseline: float, target: float, value: float, expected: Fraction
) -> None:
    kpi = make_kpi(baseline, target, [value], direction=Direction.HIGHER)
    assert progress(kpi) == expected


@pytest.mark.parametrize(
    ("baseline", "target", "value", "expected"),
    [
        (30, 10, 15, Fraction(3, 4)),  # e.g. minutes per description, going down
        (30, 10, 30, Fraction(0)),
        (30, 10, 10, Fraction(1)),
        (30, 10, 5, Fraction(5, 4)),
        (30, 10, 35, Fraction(-1, 4)),  # worse (higher) than the baseline is negative
        (0.3, 0.1, 0.2, Fraction(1, 2)),
    ],
)
def test_progress_lower_is_better(
    baseline: float, target: float, value: float, expected: Fraction
) -> None:
    kpi = make_kpi(baseline, target, [value], direction=Direction.LOWER)
    assert progress(kpi) == expected


def test_progress_uses_the_latest_measurement() -> None:
    assert progress(make_kpi(40, 120, [50, 60, 100])) == Fraction(3, 4)


def test_on_track_is_reaching_the_target() -> None:
    assert on_track(make_kpi(40, 120, [119.9])) is False
    assert on_track(make_kpi(40, 120, [120])) is True
    assert on_track(make_kpi(40, 120, [200])) is True
    assert on_track(make_kpi(30, 10, [10])) is True
    assert on_track(make_kpi(30, 10, [10.5])) is False


def test_non_finite_values_are_refused_and_never_give_a_progress() -> None:
    with pytest.raises(ValidationError):
        make_kpi(40, 120, [float("inf")])
    with pytest.raises(ValidationError):
        make_kpi(float("nan"), 120)
    assert progress_at(make_kpi(40, 120), float("nan")) is None


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(baseline=finite, target=finite)
def test_progress_is_0_at_the_baseline_and_1_at_the_target(baseline: float, target: float) -> None:
    assume(baseline != target)
    kpi = make_kpi(baseline, target)
    assert progress_at(kpi, baseline) == 0
    assert progress_at(kpi, target) == 1
    kpi.measurements = [Measurement(on=TODAY, value=target)]
    assert progress(kpi) == 1
    assert on_track(kpi) is True


@given(baseline=finite, target=finite, value=finite)
def test_progress_is_positive_exactly_when_the_value_improves(
    baseline: float, target: float, value: float
) -> None:
    assume(baseline != target)
    kpi = make_kpi(baseline, target)
    improves = value > baseline if kpi.direction is Direction.HIGHER else value < baseline
    result = progress_at(kpi, value)
    assert result is not None
    assert (result > 0) == improves
    assert (result == 0) == (value == baseline)


# --------------------------------------------------------------------------- money


def costly_pilot(benefits: list[str]) -> Pilot:
    return make_pilot(
        costs=[
            fees("1000"),
            Cost(
                kind=CostKind.HOURS,
                label="Team time",
                hours=Decimal("12.5"),
                hourly_cost=Decimal("40"),
            ),
            Cost(kind=CostKind.OTHER, label="Licences", amount=Decimal("150")),
            Cost(kind=CostKind.OTHER, label="Room", amount=Decimal("100")),
        ],
        benefits=[benefit(amount) for amount in benefits],
    )


def test_totals_roi_and_ratio() -> None:
    pilot = costly_pilot(["1800", "650"])
    assert total_costs(pilot) == Decimal("1750")  # 1000 + 12.5 x 40 + 150 + 100
    assert total_benefits(pilot) == Decimal("2450")
    assert net_benefit(pilot) == Decimal("700")
    assert roi_percent(pilot) == Decimal("40")
    assert benefit_cost_ratio(pilot) == Decimal("1.4")


def test_roi_is_negative_when_the_pilot_loses_money() -> None:
    pilot = costly_pilot(["875"])
    assert roi_percent(pilot) == Decimal("-50")
    assert benefit_cost_ratio(pilot) == Decimal("0.5")
    nothing = costly_pilot([])
    assert roi_percent(nothing) == Decimal("-100")
    assert benefit_cost_ratio(nothing) == Decimal("0")


def test_roi_keeps_cents_exact() -> None:
    pilot = make_pilot(costs=[fees("0.30")], benefits=[benefit("0.10"), benefit("0.20")])
    assert total_benefits(pilot) == Decimal("0.30")
    assert roi_percent(pilot) == 0
    assert benefit_cost_ratio(pilot) == 1


@pytest.mark.parametrize("benefits", [[], ["500"]])
def test_roi_and_ratio_without_costs_are_none(benefits: list[str]) -> None:
    pilot = make_pilot(benefits=[benefit(amount) for amount in benefits])
    assert total_costs(pilot) == 0
    assert roi_percent(pilot) is None
    assert benefit_cost_ratio(pilot) is None


def test_zero_costs_are_no_costs() -> None:
    pilot = make_pilot(costs=[fees("0")], benefits=[benefit("10")])
    assert roi_percent(pilot) is None
    assert benefit_cost_ratio(pilot) is None


def test_cost_breakdown_has_every_kind_in_order() -> None:
    breakdown = cost_breakdown(costly_pilot([]))
    assert list(breakdown) == list(CostKind)
    assert breakdown == {
        CostKind.FEES: Decimal("1000"),
        CostKind.HOURS: Decimal("500"),
        CostKind.OTHER: Decimal("250"),
    }
    assert cost_breakdown(make_pilot()) == dict.fromkeys(CostKind, Decimal(0))


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(costs=st.lists(money, min_size=1, max_size=4), benefits=st.lists(money, max_size=4))
def test_roi_sign_matches_benefits_against_costs(
    costs: list[Decimal], benefits: list[Decimal]
) -> None:
    assume(sum(costs) > 0)
    pilot = make_pilot(
        costs=[fees(str(c)) for c in costs], benefits=[benefit(str(b)) for b in benefits]
    )
    roi = roi_percent(pilot)
    assert roi is not None
    difference = sum(benefits, Decimal(0)) - sum(costs, Decimal(0))
    assert (roi > 0) == (difference > 0)
    assert (roi < 0) == (difference < 0)
    assert (roi == 0) == (difference == 0)


@given(costs=st.lists(money, min_size=1, max_size=4), benefits=st.lists(money, max_size=4))
def test_ratio_is_one_plus_roi_over_100(costs: list[Decimal], benefits: list[Decimal]) -> None:
    assume(sum(costs) > 0)
    pilot = make_pilot(
        costs=[fees(str(c)) for c in costs], benefits=[benefit(str(b)) for b in benefits]
    )
    roi, ratio = roi_percent(pilot), benefit_cost_ratio(pilot)
    assert roi is not None
    assert ratio is not None
    # Decimal division rounds to 28 significant digits: equal up to the last digits.
    assert abs(ratio - (1 + roi / 100)) <= Decimal("1e-24") * max(Decimal(1), ratio)


# --------------------------------------------------------------------------- budget


def test_budget_without_figures_is_unknown() -> None:
    totals = budget(make_pilot())
    assert totals == Budget(planned=None, spent=None)
    assert totals.remaining is None


def test_budget_sums_the_known_figures() -> None:
    pilot = make_pilot()
    pilot.phases[0].budget_planned = Decimal("1000")
    pilot.phases[0].budget_spent = Decimal("900")
    pilot.phases[1].budget_planned = Decimal("5000")
    totals = budget(pilot)
    assert totals == Budget(planned=Decimal("6000"), spent=Decimal("900"))
    assert totals.remaining == Decimal("5100")


def test_budget_with_only_spending_has_no_remaining() -> None:
    pilot = make_pilot()
    pilot.phases[2].budget_spent = Decimal("12.50")
    totals = budget(pilot)
    assert totals == Budget(planned=None, spent=Decimal("12.50"))
    assert totals.remaining is None


# --------------------------------------------------------------------------- phases


def test_current_phase_is_the_first_open_one() -> None:
    pilot = make_pilot()
    assert current_phase(pilot) is pilot.phases[0]
    pilot.phases[0].status = PhaseStatus.DONE
    assert current_phase(pilot) is pilot.phases[1]
    pilot.phases[1].status = PhaseStatus.CANCELLED
    assert current_phase(pilot) is pilot.phases[2]
    pilot.phases[2].status = PhaseStatus.IN_PROGRESS
    assert current_phase(pilot) is pilot.phases[2]
    pilot.phases[2].status = PhaseStatus.DONE
    assert current_phase(pilot) is None


def test_stopped_when_a_gate_says_stop() -> None:
    pilot = make_pilot()
    assert not stopped(pilot)
    pilot.phases[0].gate = Gate(decision=GateDecision.GO, reason="Baseline ok", decided_on=day(-9))
    assert not stopped(pilot)
    pilot.phases[1].gate = Gate(decision=GateDecision.STOP, reason="No gain", decided_on=day(-1))
    assert stopped(pilot)


# --------------------------------------------------------------------------- warnings


def test_a_healthy_pilot_has_no_warning() -> None:
    pilot = make_pilot(kpis=[results_kpi()])
    assert warnings(pilot, TODAY) == []


def test_no_kpi() -> None:
    found = warnings(make_pilot(), TODAY)
    assert found == [PilotWarning("no_kpi", {"pilot": "Prompting pilot"})]


def test_reaction_only_the_seed_counter_example() -> None:
    """20 managers, high satisfaction, and nothing that measures application at work."""
    managers = [
        Participant(
            name=f"Manager {i}", status=ParticipantStatus.CERTIFIED, certified_on=date(2025, 3, 1)
        )
        for i in range(20)
    ]
    satisfaction = make_kpi(3.0, 4.0, [4.6], level=KpiLevel.REACTION, name="Satisfaction /5")
    pilot = make_pilot(name="AI for business", kpis=[satisfaction], participants=managers)
    assert on_track(satisfaction) is True  # very satisfied...
    found = warnings(pilot, TODAY)
    assert [w.key for w in found] == ["reaction_only"]  # ...and it says nothing about work
    assert found[0].params == {"pilot": "AI for business", "count": "1"}


def test_reaction_only_needs_every_kpi_at_reaction_level() -> None:
    reaction = make_kpi(level=KpiLevel.REACTION, values=[60])
    assert keys(make_pilot(kpis=[reaction, reaction.model_copy()])) == ["reaction_only"]
    for level in (KpiLevel.LEARNING, KpiLevel.BEHAVIOUR, KpiLevel.RESULTS):
        other = make_kpi(level=level, values=[60])
        assert keys(make_pilot(kpis=[reaction, other])) == []


@pytest.mark.parametrize(
    ("planned_end", "status", "expected"),
    [
        (day(-1), PhaseStatus.IN_PROGRESS, True),
        (day(-30), PhaseStatus.PLANNED, True),  # never started is late too
        (day(0), PhaseStatus.IN_PROGRESS, False),  # ends today: not late yet
        (day(5), PhaseStatus.IN_PROGRESS, False),
        (day(-1), PhaseStatus.DONE, False),
        (day(-1), PhaseStatus.CANCELLED, False),
        (None, PhaseStatus.IN_PROGRESS, False),
    ],
)
def test_phase_overdue(planned_end: date | None, status: PhaseStatus, expected: bool) -> None:
    pilot = make_pilot(kpis=[results_kpi()])
    pilot.phases[1].planned_start = day(-60)
    pilot.phases[1].planned_end = planned_end
    pilot.phases[1].status = status
    found = warnings(pilot, TODAY)
    if expected:
        assert planned_end is not None
        assert found == [
            PilotWarning(
                "phase_overdue",
                {
                    "phase": "pilot",
                    "planned_end": planned_end.isoformat(),
                    "days": str((TODAY - planned_end).days),
                },
                phase=PhaseKind.PILOT,
            )
        ]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("planned", "spent", "expected"),
    [
        ("1000", "1000.01", True),
        ("1000", "1000", False),
        ("1000", "200", False),
        (None, "5000", False),
        ("1000", None, False),
        ("0", "1", True),
    ],
)
def test_over_budget(planned: str | None, spent: str | None, expected: bool) -> None:
    pilot = make_pilot(kpis=[results_kpi()])
    pilot.phases[2].budget_planned = None if planned is None else Decimal(planned)
    pilot.phases[2].budget_spent = None if spent is None else Decimal(spent)
    found = warnings(pilot, TODAY)
    assert [w.key for w in found] == (["over_budget"] if expected else [])
    if expected:
        assert found[0].phase is PhaseKind.SCALE
        assert found[0].params["currency"] == "EUR"


def test_over_budget_params_are_plain_numbers() -> None:
    pilot = make_pilot(kpis=[results_kpi()])
    pilot.phases[0].budget_planned = Decimal("1E+3")
    pilot.phases[0].budget_spent = Decimal("1250.50")
    (found,) = warnings(pilot, TODAY)
    assert found.params == {
        "phase": "diagnose",
        "planned": "1000",
        "spent": "1250.50",
        "over": "250.50",
        "currency": "EUR",
    }


def gated_pilot(decision: GateDecision, measured: list[int], kind: PhaseKind) -> Pilot:
    kpi = make_kpi()
    kpi.measurements = [Measurement(on=day(offset), value=80) for offset in measured]
    pilot = make_pilot(kpis=[kpi])
    pilot.phase(kind).status = PhaseStatus.DONE
    pilot.phase(kind).gate = Gate(decision=decision, reason="Committee", decided_on=TODAY)
    return pilot


@pytest.mark.parametrize(
    ("decision", "measured", "expected"),
    [
        (GateDecision.GO, [], True),
        (GateDecision.ITERATE, [], True),
        (GateDecision.STOP, [], False),  # stopping needs no evidence to be safe
        (GateDecision.GO, [1], True),  # measured only after the gate
        (GateDecision.GO, [0], False),  # measured on the gate's day
        (GateDecision.GO, [-20, 3], False),
        (GateDecision.ITERATE, [-1], False),
    ],
)
@pytest.mark.parametrize("kind", [PhaseKind.PILOT, PhaseKind.SCALE])
def test_gate_without_measurement(
    decision: GateDecision, measured: list[int], expected: bool, kind: PhaseKind
) -> None:
    found = warnings(gated_pilot(decision, measured, kind), TODAY)
    if expected:
        assert found == [
            PilotWarning(
                "gate_without_measurement",
                {"phase": kind.value, "decision": decision.value, "decided_on": TODAY.isoformat()},
                phase=kind,
            )
        ]
    else:
        assert found == []


def test_gate_measurements_of_any_kpi_count() -> None:
    pilot = gated_pilot(GateDecision.GO, [], PhaseKind.PILOT)
    pilot.kpis = [*pilot.kpis, make_kpi(level=KpiLevel.BEHAVIOUR, values=[50])]
    assert keys(pilot) == []


def test_the_diagnose_gate_rests_on_the_baseline() -> None:
    """Diagnose measures the baseline: its gate needs a KPI, not yet a measurement."""
    pilot = gated_pilot(GateDecision.GO, [], PhaseKind.DIAGNOSE)
    assert keys(pilot) == []
    pilot.kpis = []
    assert keys(pilot) == ["no_kpi", "gate_without_measurement"]


def certified(name: str, expires_on: date | None, **fields: Any) -> Participant:
    return Participant(
        name=name,
        status=fields.pop("status", ParticipantStatus.CERTIFIED),
        certified_on=date(2024, 1, 1),
        expires_on=expires_on,
        **fields,
    )


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (EXPIRY_WARNING_DAYS + 1, None),
        (EXPIRY_WARNING_DAYS, ("certification_expiring", "60")),
        (30, ("certification_expiring", "30")),
        (0, ("certification_expiring", "0")),  # expires today
        (-1, ("certification_expired", "1")),
        (-400, ("certification_expired", "400")),
    ],
)
def test_certification_expiry(offset: int, expected: tuple[str, str] | None) -> None:
    person = certified("Alice", day(offset))
    found = warnings(make_pilot(kpis=[results_kpi()], participants=[person]), TODAY)
    if expected is None:
        assert found == []
    else:
        key, days = expected
        assert found == [
            PilotWarning(
                key,
                {"name": "Alice", "expires_on": day(offset).isoformat(), "days": days},
                participant_id=person.id,
            )
        ]


def test_expiry_constant_is_60_days() -> None:
    assert EXPIRY_WARNING_DAYS == 60


def test_no_expiry_warning_without_date_or_for_dropped() -> None:
    people = [
        certified("No expiry", None),
        certified("Dropped", day(10), status=ParticipantStatus.DROPPED),
        Participant(name="Enrolled"),
    ]
    assert keys(make_pilot(kpis=[results_kpi()], participants=people)) == []


def test_warnings_order_is_fixed_and_independent_of_list_order() -> None:
    people = [
        certified("Zoe", day(10)),
        certified("Bob", day(-5)),
        certified("Ann", day(10)),
        certified("Carl", day(-50)),
    ]
    pilot = make_pilot(kpis=[make_kpi(level=KpiLevel.REACTION)], participants=people)
    pilot.phases[0].status = PhaseStatus.DONE
    pilot.phases[0].budget_planned = Decimal("100")
    pilot.phases[0].budget_spent = Decimal("150")
    pilot.phases[1].planned_end = day(-3)
    pilot.phases[1].gate = Gate(decision=GateDecision.ITERATE, reason="Again", decided_on=day(-2))
    pilot.phases[2].budget_planned = Decimal("10")
    pilot.phases[2].budget_spent = Decimal("20")

    found = warnings(pilot, TODAY)
    assert [(w.key, w.phase, w.params.get("name")) for w in found] == [
        ("reaction_only", None, None),
        ("over_budget", PhaseKind.DIAGNOSE, None),
        ("phase_overdue", PhaseKind.PILOT, None),
        ("gate_without_measurement", PhaseKind.PILOT, None),
        ("over_budget", PhaseKind.SCALE, None),
        ("certification_expired", None, "Carl"),
        ("certification_expired", None, "Bob"),
        ("certification_expiring", None, "Ann"),
        ("certification_expiring", None, "Zoe"),
    ]
    shuffled = list(people)
    random.Random(4).shuffle(shuffled)
    pilot.participants = shuffled
    assert warnings(pilot, TODAY) == found


def test_every_warning_has_an_english_fallback() -> None:
    pilot = make_pilot(participants=[certified("Bob", day(-5)), certified("Ann", day(5))])
    pilot.phases[0].planned_end = day(-3)
    pilot.phases[0].budget_planned = Decimal("1")
    pilot.phases[0].budget_spent = Decimal("2")
    pilot.phases[1].gate = Gate(decision=GateDecision.GO, reason="Go", decided_on=day(-1))
    found = warnings(pilot, TODAY)
    reaction = warnings(make_pilot(kpis=[make_kpi(level=KpiLevel.REACTION)]), TODAY)
    seen = {w.key for w in [*found, *reaction]}
    assert seen == set(WARNING_TEMPLATES)
    for warning in [*found, *reaction]:
        text = warning.fallback_text()
        assert "{" not in text
        assert all(value in text for value in warning.params.values() if value != "EUR")
    assert PilotWarning("unknown_key").fallback_text() == "unknown_key"
    assert PilotWarning("phase_overdue").fallback_text() == WARNING_TEMPLATES["phase_overdue"]


def test_warnings_are_hashable_and_frozen() -> None:
    warning = PilotWarning("no_kpi", {"pilot": "P"})
    assert warning in {warning}
    with pytest.raises(AttributeError):
        warning.key = "other"  # type: ignore[misc]


# --------------------------------------------------------------------------- summary


def test_participant_counts_have_every_status() -> None:
    pilot = make_pilot(
        participants=[
            Participant(name="A"),
            Participant(name="B", status=ParticipantStatus.IN_PROGRESS),
            certified("C", None),
            certified("D", None),
            Participant(name="E", status=ParticipantStatus.DROPPED),
        ]
    )
    counts = participant_counts(pilot)
    assert list(counts) == list(ParticipantStatus)
    assert counts == {
        ParticipantStatus.ENROLLED: 1,
        ParticipantStatus.IN_PROGRESS: 1,
        ParticipantStatus.CERTIFIED: 2,
        ParticipantStatus.DROPPED: 1,
    }
    assert participant_counts(make_pilot()) == dict.fromkeys(ParticipantStatus, 0)


def test_summarise_the_seed_success_story() -> None:
    """The e-commerce content team: productivity x3 on product descriptions."""
    productivity = make_kpi(8, 24, [12, 20], name="Descriptions per day")
    minutes = make_kpi(45, 15, [], name="Minutes per description")
    pilot = costly_pilot(["1800", "650"])
    pilot.kpis = [productivity, minutes]
    pilot.participants = [certified("Ann", day(40)), Participant(name="Bob")]
    pilot.phases[0].status = PhaseStatus.DONE
    pilot.phases[0].budget_planned = Decimal("500")
    pilot.phases[0].budget_spent = Decimal("450")

    summary = summarise(pilot, TODAY)
    assert summary.currency == "EUR"
    assert summary.total_costs == Decimal("1750")
    assert summary.total_benefits == Decimal("2450")
    assert summary.net_benefit == Decimal("700")
    assert summary.roi_percent == Decimal("40")
    assert summary.benefit_cost_ratio == Decimal("1.4")
    assert summary.cost_breakdown == cost_breakdown(pilot)
    assert summary.budget == Budget(planned=Decimal("500"), spent=Decimal("450"))
    assert summary.current_phase is pilot.phases[1]
    assert summary.stopped is False
    assert [(k.kpi_id, k.progress, k.on_track) for k in summary.kpis] == [
        (productivity.id, Fraction(3, 4), False),
        (minutes.id, None, None),
    ]
    first = summary.kpis[0]
    assert first.latest is not None
    assert first.latest.value == 20
    assert first.name == "Descriptions per day"
    assert first.level is KpiLevel.RESULTS
    assert summary.participants[ParticipantStatus.CERTIFIED] == 1
    assert summary.participants[ParticipantStatus.ENROLLED] == 1
    assert [w.key for w in summary.warnings] == ["certification_expiring"]
    assert summary.warnings == tuple(warnings(pilot, TODAY))


def test_summarise_an_empty_pilot() -> None:
    summary = summarise(make_pilot(), TODAY)
    assert summary.total_costs == 0
    assert summary.roi_percent is None
    assert summary.benefit_cost_ratio is None
    assert summary.budget == Budget(None, None)
    assert summary.kpis == ()
    assert [w.key for w in summary.warnings] == ["no_kpi"]


@pytest.mark.parametrize(
    ("started", "expected"),
    [(-2, ["gate_without_measurement"]), (-3, []), (None, [])],
)
def test_gate_evidence_is_a_measurement_dated_inside_its_phase(
    started: int | None, expected: list[str]
) -> None:
    """A measurement two days before the phase started is not evidence for its gate."""
    pilot = gated_pilot(GateDecision.GO, [-3], PhaseKind.PILOT)
    phase = pilot.phase(PhaseKind.PILOT)
    phase.actual_start = None if started is None else day(started)
    assert keys(pilot) == expected
    assert gate_has_evidence(pilot, PhaseKind.PILOT, TODAY) is not expected


def test_gate_evidence_falls_back_on_the_planned_start() -> None:
    pilot = gated_pilot(GateDecision.GO, [-3], PhaseKind.SCALE)
    pilot.phase(PhaseKind.SCALE).planned_start = day(-1)
    assert keys(pilot) == ["gate_without_measurement"]
