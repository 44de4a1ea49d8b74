"""What deleting a row of a pilot's page means: the question to ask (defaulting to Cancel),
the change to make, and its name for undo.

A KPI goes with its measurements, and the question says how many; a cost or a benefit
names its amount, since the ROI changes without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.pilot import Kpi, Measurement, Pilot
from workbench.core.pilot_changes import (
    remove_benefit,
    remove_cost,
    remove_kpi,
    remove_measurement,
    remove_participant,
)
from workbench.i18n import Translator
from workbench.ui.dialogs.confirm import ConfirmDialog


@dataclass(frozen=True, slots=True)
class Removal:
    title: str
    question: str
    confirm: str
    undo_label: str
    change: Callable[[Pilot], Pilot]

    def dialog(self, t: Translator) -> ConfirmDialog:
        return ConfirmDialog(
            self.title,
            f"{self.question} {t('pilots.delete.undo_hint')}",
            confirm_label=self.confirm,
            cancel_label=t("pilots.delete.cancel"),
            danger=True,
        )


def row_removal(pilot: Pilot, section: str, key: str | None, t: Translator) -> Removal | None:
    """The removal of the row ``key`` of ``section`` (kpis, people, money); None if none."""
    if key is None:
        return None
    if section == "kpis":
        kpi = next((k for k in pilot.kpis if k.id == key), None)
        return kpi_removal(kpi, t) if kpi else None
    if section == "people":
        person = next((p for p in pilot.participants if p.id == key), None)
        if person is None:
            return None
        return Removal(
            t("pilots.delete.participant_title"),
            t("pilots.delete.participant_question", name=person.name),
            t("pilots.delete.remove"),
            t("pilots.undo.remove_participant", name=person.name),
            lambda p: remove_participant(p, person.id),
        )
    if section == "money":
        kind, _, item_id = key.partition(":")
        if kind == "cost":
            cost = next((c for c in pilot.costs if c.id == item_id), None)
            if cost is None:
                return None
            amount = t.money(cost.total, pilot.currency)
            return Removal(
                t("pilots.delete.cost_title"),
                t("pilots.delete.cost_question", label=cost.label, amount=amount),
                t("pilots.delete.confirm"),
                t("pilots.undo.remove_cost", label=cost.label),
                lambda p: remove_cost(p, cost.id),
            )
        if kind == "benefit":
            benefit = next((b for b in pilot.benefits if b.id == item_id), None)
            if benefit is None:
                return None
            amount = t.money(benefit.amount, pilot.currency)
            return Removal(
                t("pilots.delete.benefit_title"),
                t("pilots.delete.benefit_question", label=benefit.label, amount=amount),
                t("pilots.delete.confirm"),
                t("pilots.undo.remove_benefit", label=benefit.label),
                lambda p: remove_benefit(p, benefit.id),
            )
    return None


def kpi_removal(kpi: Kpi, t: Translator) -> Removal:
    count = len(kpi.measurements)
    if count:
        question = t.plural("pilots.delete.kpi_with_measurements", count, name=kpi.name)
    else:
        question = t("pilots.delete.kpi_question", name=kpi.name)
    return Removal(
        t("pilots.delete.kpi_title"),
        question,
        t("pilots.delete.confirm"),
        t("pilots.undo.delete_kpi", name=kpi.name),
        lambda p: remove_kpi(p, kpi.id),
    )


def measurement_removal(kpi: Kpi, measurement: Measurement, t: Translator) -> Removal:
    return Removal(
        t("pilots.delete.measurement_title"),
        t(
            "pilots.delete.measurement_question",
            date=measurement.on.isoformat(),
            value=t.smart(measurement.value),
            kpi=kpi.name,
        ),
        t("pilots.delete.remove"),
        t("pilots.undo.remove_measurement", kpi=kpi.name),
        lambda p: remove_measurement(p, kpi.id, measurement.id),
    )
