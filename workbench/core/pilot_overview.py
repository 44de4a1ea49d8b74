"""Every pilot at a glance: budget, spend, benefits and ROI across pilots, in one currency.

Each pilot's figures convert into the reader's currency at the latest stored rate
(``money.Rates.convert``), exactly (50 significant digits); the totals are summed before
any rounding and rounded to the cent, half up, only when shown. The rates used are listed;
a pilot whose currency has no rate is left out of the totals, and its reason said
("no GBP→EUR rate"). Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import Protocol

from workbench.core.markdown import inline
from workbench.core.memo_money import Exchange, figure
from workbench.core.money import (
    PRECISION,
    Converted,
    MissingRate,
    Money,
    Translate,
    missing_text,
    rate_text,
)
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
    """The pilots counted in one currency, added up (unrounded)."""

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
    rates: tuple[Converted, ...] = ()
    """One conversion per rate used, by currency (empty: every pilot in ``currency``)."""
    missing: tuple[tuple[MissingRate, int], ...] = ()
    """The rates that are missing, and how many pilots each leaves out of the totals."""

    @property
    def roi(self) -> Decimal | None:
        """(benefits − costs) / costs x 100 over the pilots whose benefits are valued."""
        if self.valued == 0 or self.valued_costs == 0:
            return None
        return (self.valued_benefits - self.valued_costs) * HUNDRED / self.valued_costs


@dataclass(frozen=True, slots=True)
class _Figures:
    budget: Decimal
    spent: Decimal
    costs: Decimal
    benefits: Decimal
    valued: bool


def totals(pilots: Iterable[Pilot], exchange: Exchange) -> Totals:
    """Every pilot's budget, spend, costs and benefits in ``exchange.currency``, converted
    at its stated rate; the pilots without a rate are left out, and counted in ``missing``."""
    currency = exchange.currency or "EUR"
    counted: list[_Figures] = []
    used: dict[str, Converted] = {}
    missing: dict[MissingRate, int] = {}
    for pilot in pilots:
        figures = (
            budget(pilot).planned or ZERO,
            budget(pilot).spent or ZERO,
            total_costs(pilot),
            total_benefits(pilot),
        )
        found = [exchange.convert(Money(amount, pilot.currency)) for amount in figures]
        lacking = next((f for f in found if isinstance(f, MissingRate)), None)
        if lacking is not None:
            missing[lacking] = missing.get(lacking, 0) + 1
            continue
        converted = [f for f in found if isinstance(f, Converted)]
        for item in converted:
            if item.record is not None:
                used.setdefault(item.original.currency, item)
        planned, spent, costs, benefits = (item.money.amount for item in converted)
        counted.append(_Figures(planned, spent, costs, benefits, roi_so_far(pilot) is not None))
    valued = [f for f in counted if f.valued]
    with localcontext() as context:
        context.prec = PRECISION  # the conversions' own digits: adding them loses none
        return Totals(
            currency=currency,
            pilots=len(counted),
            budget=sum((f.budget for f in counted), start=ZERO),
            spent=sum((f.spent for f in counted), start=ZERO),
            costs=sum((f.costs for f in counted), start=ZERO),
            benefits=sum((f.benefits for f in counted), start=ZERO),
            valued=len(valued),
            valued_costs=sum((f.costs for f in valued), start=ZERO),
            valued_benefits=sum((f.benefits for f in valued), start=ZERO),
            rates=tuple(used[key] for key in sorted(used)),
            missing=tuple(sorted(missing.items(), key=lambda m: (m[0].from_, m[0].to))),
        )


class Words(Says, Translate, Protocol):
    lang: str


def totals_line(found: Totals, t: Words) -> str:
    """'2 pilots in EUR: budget 55,500 EUR · spent 13,352 EUR · benefits 6,000 EUR ·
    ROI 32.3 % (1 of 2 with valued benefits)', each total rounded to the cent."""

    def money(amount: Decimal) -> str:
        shown = Money(amount, found.currency).rounded()
        return t.money(shown.amount, shown.currency)

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


def rates_lines(found: Totals, t: Words) -> list[str]:
    """Which rates the totals used ("USD at 0.92 EUR per USD, 2026-12-01, ECB reference
    rate"), or that none was needed; then each pilot left out for want of a rate."""
    lines = []
    if not found.rates:
        lines.append(t("pilots.totals.one_currency", currency=found.currency))
    for item in found.rates:
        lines.append(
            t("pilots.totals.rate", currency=item.original.currency, rate=rate_text(item, t))
        )
    for missing, count in found.missing:
        lines.append(
            t(
                "pilots.totals.left_out_one" if count == 1 else "pilots.totals.left_out",
                count=count,
                reason=missing_text(missing, t),
            )
        )
    return lines


def overview_report(
    pilots: Sequence[Pilot],
    teams: Mapping[str, str],
    programmes: Mapping[str, str],
    t: Words,
    *,
    today: date,
    exchange: Exchange,
) -> str:
    """`workbench report pilots`: a table of every pilot in its own currency, then the
    totals in ``exchange.currency`` with the rates they used (cancelled pilots are listed,
    marked, and left out of the totals)."""
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
            return "—" if amount is None else figure(Money(amount, currency), None, t)

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
    found = totals([p for p in ordered if not p.cancelled], exchange)
    lines += ["", f"## {t('pilots.totals.heading')}", "", f"- {totals_line(found, t)}", ""]
    if cancelled := sum(p.cancelled for p in ordered):
        lines += [f"- {t('pilots.totals.cancelled_left_out', count=cancelled)}", ""]
    lines += [f"- {line}" for line in rates_lines(found, t)]
    lines.append("")
    if any(p.start_reason for p in ordered):
        lines += [t("pilots.totals.mark_legend"), ""]
    return "\n".join(lines)
