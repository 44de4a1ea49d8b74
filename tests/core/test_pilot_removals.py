"""Editing and removing a pilot's KPIs, measurements, participants, costs and benefits: pure
changes, never in place, refused with a stable key when the row is gone; the ROI follows."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from workbench.core.pilot import (
    Benefit,
    Cost,
    CostKind,
    Kpi,
    KpiLevel,
    Measurement,
    Participant,
    Pilot,
)
from workbench.core.pilot_changes import (
    correct_measurement,
    default_schedule,
    edit_benefit,
    edit_cost,
    edit_kpi,
    record_measurement,
    remove_benefit,
    remove_cost,
    remove_kpi,
    remove_measurement,
    remove_participant,
)
from workbench.core.pilot_input import InputError
from workbench.core.pilot_metrics import roi_so_far, warnings
from workbench.core.pilot_report import pilot_report, warning_text
from workbench.i18n import Translator

TODAY = date(2026, 11, 23)


def pilot() -> Pilot:
    measured = [
        Measurement(id="m1", on=TODAY - timedelta(days=14), value=50),
        Measurement(id="m2", on=TODAY - timedelta(days=7), value=70),
    ]
    return Pilot(
        name="p",
        team_id="t",
        programme_id="p",
        phases=default_schedule(TODAY - timedelta(days=30)),
        kpis=[
            Kpi(
                id="k",
                name="Output",
                level=KpiLevel.RESULTS,
                baseline=40,
                target=120,
                measurements=measured,
            ),
            Kpi(id="r", name="Satisfaction", level=KpiLevel.REACTION, baseline=3, target=4),
        ],
        participants=[Participant(id="a", name="Ana"), Participant(id="b", name="Bo")],
        costs=[Cost(id="c", kind=CostKind.FEES, label="Seats", amount=Decimal(1000))],
        benefits=[Benefit(id="g", label="Time saved", amount=Decimal(1500))],
    )


def test_edit_a_kpi_keeps_the_measurements_stored_now() -> None:
    original = pilot()
    form = Kpi(id="k", name="Output per week", level=KpiLevel.RESULTS, baseline=40, target=100)
    meanwhile = record_measurement(original, "k", Measurement(on=TODAY, value=90))
    edited = edit_kpi(meanwhile, form)
    kpi = edited.kpis[0]
    assert (kpi.name, kpi.target) == ("Output per week", 100)
    assert [m.value for m in kpi.measurements] == [50, 70, 90]
    assert original.kpis[0].name == "Output"
    with pytest.raises(ValidationError):
        edit_kpi(original, form.model_copy(update={"target": 10}))  # wrong side, refused
    with pytest.raises(InputError, match="kpi_gone"):
        edit_kpi(remove_kpi(original, "k"), form)


def test_remove_a_kpi_takes_its_measurements_and_the_warnings_follow() -> None:
    original = pilot()
    without = remove_kpi(original, "k")
    assert [k.id for k in without.kpis] == ["r"]
    assert len(original.kpis) == 2
    assert "reaction_only" not in [w.key for w in warnings(original, TODAY)]
    assert "reaction_only" in [w.key for w in warnings(without, TODAY)]
    with pytest.raises(InputError, match="kpi_gone"):
        remove_kpi(without, "k")


def test_the_one_reaction_kpi_is_not_called_all_1_kpis() -> None:
    only = remove_kpi(pilot(), "k")
    for lang, expected in (("en", "the one KPI of p"), ("fr", "le seul indicateur de p")):
        text = warning_text(warnings(only, TODAY)[0], Translator(lang))
        assert expected in text
        assert " 1 " not in text


def test_correct_and_remove_a_measurement_by_its_id() -> None:
    original = pilot()
    fixed = correct_measurement(
        original, "k", Measurement(id="m1", on=TODAY - timedelta(days=21), value=55, note="typo")
    )
    assert [(m.id, m.value) for m in fixed.kpis[0].measurements] == [("m1", 55), ("m2", 70)]
    assert fixed.kpis[0].measurements[0].note == "typo"
    removed = remove_measurement(fixed, "k", "m2")
    assert [m.id for m in removed.kpis[0].measurements] == ["m1"]
    with pytest.raises(InputError, match="measurement_gone"):
        remove_measurement(removed, "k", "m2")
    with pytest.raises(InputError, match="measurement_gone"):
        correct_measurement(removed, "k", Measurement(id="m2", on=TODAY, value=1))
    with pytest.raises(InputError, match="kpi_gone"):
        remove_measurement(removed, "nope", "m1")
    assert [m.id for m in original.kpis[0].measurements] == ["m1", "m2"]


def test_two_measurements_of_a_kpi_cannot_share_an_id() -> None:
    with pytest.raises(ValidationError, match="same id"):
        record_measurement(pilot(), "k", Measurement(id="m1", on=TODAY, value=1))


def test_remove_a_participant() -> None:
    assert [p.id for p in remove_participant(pilot(), "a").participants] == ["b"]
    with pytest.raises(InputError, match="participant_gone"):
        remove_participant(pilot(), "z")


def test_costs_and_benefits_edited_and_removed_move_the_roi() -> None:
    original = pilot()
    assert roi_so_far(original) == Decimal(50)
    dearer = edit_cost(
        original, Cost(id="c", kind=CostKind.FEES, label="Seats", amount=Decimal(1500))
    )
    assert roi_so_far(dearer) == Decimal(0)
    richer = edit_benefit(original, Benefit(id="g", label="Time saved", amount=Decimal(3000)))
    assert roi_so_far(richer) == Decimal(200)
    assert roi_so_far(remove_benefit(original, "g")) is None  # not computable: never -100 %
    assert roi_so_far(remove_cost(original, "c")) is None
    for change, key in (
        (lambda p: remove_cost(p, "z"), "cost_gone"),
        (lambda p: remove_benefit(p, "z"), "benefit_gone"),
        (
            lambda p: edit_cost(p, Cost(id="z", kind=CostKind.FEES, label="x", amount=1)),
            "cost_gone",
        ),
        (lambda p: edit_benefit(p, Benefit(id="z", label="x", amount=1)), "benefit_gone"),
    ):
        with pytest.raises(InputError, match=key):
            change(original)
    report = pilot_report(
        remove_benefit(original, "g"), team="T", programme="P", today=TODAY, i18n=Translator("en")
    )
    assert "Time saved" not in report
