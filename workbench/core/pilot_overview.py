"""Every pilot at a glance: budget, spend, benefits and ROI across pilots.

Until exchange rates exist, pilots are totalled per currency (one line each); every amount
goes through ``memo_money.figure``, where conversion at a stated rate plugs in. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from workbench.core.markdown import inline
from workbench.core.memo_money import Amount, Writes, figure
from workbench.core.pilot import Pilot
from workbench.core.pilot_metrics import (
    budget,
    current_phase,
    pilot_status,
    roi_so_far,
    total_benefits,
    total_costs,
    warnings,
)
from workbench.core.pilot_report import Says, roi_text

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Totals:
    """The pilots of one currency, added up."""

    currency: str
    pilots: int
    budget: Decimal
    spent: Decimal
    costs: Decimal
    benefits: Decimal
    valued: int
    """How many pilots have monetised benefits (the ROI counts only those)."""
    valued_costs: Decimal
    valued_benefits: Decimal

    @property
    def roi(self) -> Decimal | None:
        """(benefits − costs) / costs x 100 over the pilots whose benefits are valued."""
        if self.valued == 0 or self.valued_costs == 0:
            return None
        return (self.valued_benefits - self.valued_costs) * HUNDRED / self.valued_costs


def totals(pilots: Iterable[Pilot]) -> list[Totals]:
    """One ``Totals`` per currency, by currency code."""
    groups: dict[str, list[Pilot]] = {}
    for pilot in pilots:
        groups.setdefault(pilot.currency.upper(), []).append(pilot)
    found = []
    for currency in sorted(groups):
        group = groups[currency]
        valued = [p for p in group if roi_so_far(p) is not None]
        found.append(
            Totals(
                currency=currency,
                pilots=len(group),
                budget=sum((budget(p).planned or ZERO for p in group), start=ZERO),
                spent=sum((budget(p).spent or ZERO for p in group), start=ZERO),
                costs=sum((total_costs(p) for p in group), start=ZERO),
                benefits=sum((total_benefits(p) for p in group), start=ZERO),
                valued=len(valued),
                valued_costs=sum((total_costs(p) for p in valued), start=ZERO),
                valued_benefits=sum((total_benefits(p) for p in valued), start=ZERO),
            )
        )
    return found


class Words(Says, Writes, Protocol):
    lang: str


def totals_line(found: Totals, t: Words) -> str:
    """'2 pilots in EUR: budget 55,500 EUR · spent 13,352 EUR · benefits 6,000 EUR ·
    ROI 32.3 % (1 of 2 with valued benefits)'."""

    def money(amount: Decimal) -> str:
        return figure(Amount(amount, found.currency), None, t)

    return t(
        "pilots.totals.line",
        pilots=t(
            "pilots.totals.pilots_one" if found.pilots == 1 else "pilots.totals.pilots",
            count=found.pilots,
            currency=found.currency,
        ),
        budget=money(found.budget),
        spent=money(found.spent),
        benefits=money(found.benefits),
        roi=roi_text(found.roi, t),
        valued=found.valued,
        count=found.pilots,
    )


def rates_line(found: Sequence[Totals], t: Words) -> str:
    """Which rates the totals used: none yet, so one line per currency."""
    if len(found) <= 1:
        return t("pilots.totals.one_currency")
    return t("pilots.totals.per_currency")


def overview_report(
    pilots: Sequence[Pilot],
    teams: Mapping[str, str],
    programmes: Mapping[str, str],
    t: Words,
    *,
    today: date,
) -> str:
    """`workbench report pilots`: a table of every pilot, then the totals."""
    lines = [f"# {t('pilots.totals.title')}", "", t("pilots.report.as_of") + f": {today}", ""]
    ordered = sorted(pilots, key=lambda p: (teams.get(p.team_id, "").casefold(), p.name, p.id))
    if not ordered:
        return "\n".join([*lines, t("pilots.empty"), ""])
    header = [
        t("pilots.columns.team"),
        t("pilots.columns.programme"),
        t("pilots.columns.phase"),
        t("pilots.columns.status"),
        t("pilots.totals.budget"),
        t("pilots.totals.spent"),
        t("pilots.totals.benefits"),
        t("pilots.columns.roi"),
        "⚠",
    ]
    lines += ["| " + " | ".join(header) + " |", "|---|---|---|---|---:|---:|---:|---:|---:|"]
    for pilot in ordered:
        phase = current_phase(pilot)
        spent = budget(pilot)

        def money(amount: Decimal | None, currency: str = pilot.currency) -> str:
            return "—" if amount is None else figure(Amount(amount, currency), None, t)

        mark = " ⚑" if pilot.start_reason else ""
        lines.append(
            "| "
            + " | ".join(
                [
                    inline(teams.get(pilot.team_id, pilot.team_id)),
                    inline(programmes.get(pilot.programme_id, pilot.programme_id)) + mark,
                    t(f"pilots.phase.{phase.kind.value}") if phase else "—",
                    t(f"pilots.status.{pilot_status(pilot)}"),
                    money(spent.planned),
                    money(spent.spent),
                    money(total_benefits(pilot)),
                    roi_text(roi_so_far(pilot), t),
                    str(len(warnings(pilot, today))),
                ]
            )
            + " |"
        )
    found = totals(ordered)
    lines += ["", f"## {t('pilots.totals.heading')}", ""]
    lines += [f"- {totals_line(item, t)}" for item in found]
    lines += ["", rates_line(found, t), ""]
    if any(p.start_reason for p in ordered):
        lines += [t("pilots.totals.mark_legend"), ""]
    return "\n".join(lines)
