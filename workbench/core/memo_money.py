"""The money figures of the memo and of the pilot totals, in one place: the cost of a pair
over its pilot, how an amount is written for a reader who counts in one currency, and how
costs in several currencies are compared.

Every amount the memo shows goes through ``figure``; every cost it compares goes through
``comparable``. A figure in another currency converts at the latest stored rate
(``money.Rates.convert``) and says which rate, once per memo section (``Stated``): "882 USD
≈ 811.44 EUR at 0.92 EUR per USD, 2026-12-01, ECB reference rate"; a missing rate is its
own reason ("882 USD (no USD→EUR rate)"), a stale one is flagged.

The reader's currency, when nobody chose one: the ``currency`` setting, else the one
currency the figures in play share (a team's pilot budgets, every pilot), else EUR.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from workbench.core.catalogue import PriceBasis, PriceKind, Programme
from workbench.core.money import (
    Converted,
    MissingRate,
    Money,
    Rates,
    Translate,
    code,
    missing_text,
    rate_text,
)
from workbench.core.pricing import CostUnknown, billed_months, billed_units, cost_over_pilot

DEFAULT_CURRENCY = "EUR"


def reader_currency(chosen: str | None, setting: str | None, in_play: Iterable[str]) -> str:
    """The currency the figures are given in: the one chosen (``--currency``), else the
    setting, else the one currency of ``in_play`` when they share one, else EUR."""
    for given in (chosen, setting):
        if given and given.strip():
            return code(given)
    found = {code(c) for c in in_play if c and c.strip()}
    return found.pop() if len(found) == 1 else DEFAULT_CURRENCY


@dataclass(frozen=True, slots=True)
class Exchange:
    """Who reads the figures: in which currency (None: each amount in its own), at which
    rates, on which day (a rate older than 30 days before it is flagged)."""

    currency: str | None
    rates: Rates
    today: date

    def convert(self, money: Money) -> Converted | MissingRate:
        if self.currency is None:
            return Converted(money, money)
        return self.rates.convert(money, self.currency, self.today)


@dataclass(slots=True)
class Stated:
    """The rates a memo section has already stated: each is said once, in full, beside the
    first figure that used it (``inline``), or in ``used`` for a line of its own when the
    figures sit in the middle of a sentence."""

    inline: bool = True
    used: list[Converted] = field(default_factory=list)

    def first(self, converted: Converted) -> bool:
        record = converted.record
        if record is None or any(u.record == record for u in self.used):
            return False
        self.used.append(converted)
        return True

    def lines(self, t: Translate) -> list[str]:
        """ "USD converted at 0.92 EUR per USD, 2026-12-01, ECB reference rate", per rate."""
        return [
            t("pilots.totals.rate", currency=u.original.currency, rate=rate_text(u, t))
            for u in self.used
        ]


@dataclass(frozen=True, slots=True)
class PilotCost:
    """A pair's cost over its pilot, and the arithmetic that gives it."""

    money: Money
    seats: int
    unit: Money | None
    """The price per seat (once, per month or per year); None for a free programme or
    one price per team."""
    basis: PriceBasis | None
    units: int | None
    """How many months or years are paid; None when the price is paid once."""
    months: int | None
    """The months of the pilot the units come from."""


def pilot_cost(programme: Programme, seats: int, *months: int | None) -> PilotCost | CostUnknown:
    """What the programme costs the team over its pilot (``months``: the pilot's, then the
    assessment's override; the programme's typical number otherwise), or why it is unknown."""
    price = programme.price
    cost = cost_over_pilot(price, seats, *months)
    if isinstance(cost, CostUnknown):
        return cost
    if price.kind is not PriceKind.AMOUNT or price.amount is None or price.currency is None:
        return PilotCost(cost, seats, None, None, None, None)
    basis = price.basis or PriceBasis.SEAT
    unit = Money(price.amount, price.currency)
    if basis is PriceBasis.TEAM:
        return PilotCost(cost, seats, None, basis, None, None)
    if basis is PriceBasis.SEAT:
        return PilotCost(cost, seats, unit, basis, None, None)
    paid = billed_months(price, *months)
    assert paid is not None  # cost_over_pilot said so
    return PilotCost(cost, seats, unit, basis, billed_units(basis, paid), paid)


def figure(
    money: Money,
    exchange: Exchange | None,
    t: Translate,
    stated: Stated | None = None,
) -> str:
    """``money`` as written for a reader who counts in ``exchange.currency`` (None: in its
    own currency): "882 USD ≈ 811.44 EUR at 0.92 EUR per USD, 2026-12-01, ECB reference
    rate" the first time ``stated`` meets that rate, "882 USD ≈ 811.44 EUR" after;
    "882 USD (no USD→EUR rate)" when there is none."""
    own = t.money(money.amount, money.currency)
    if exchange is None or exchange.currency is None:
        return own
    result = exchange.convert(money)
    if isinstance(result, MissingRate):
        return t("money.missing", original=own, reason=missing_text(result, t))
    if result.record is None:
        return t.money(result.money.amount, result.money.currency)
    shown = result.money.rounded()
    amount = t.money(shown.amount, shown.currency)
    if stated is not None and (not stated.first(result) or not stated.inline):
        return t("money.approx", original=own, amount=amount)
    return t("money.approx_rate", original=own, amount=amount, rate=rate_text(result, t))


def comparable(
    amounts: Sequence[Money], exchange: Exchange | None
) -> list[Decimal] | MissingRate | None:
    """The amounts as numbers that can be compared, in the reader's currency when there is
    one; the first missing rate when one is missing; None when no currency was chosen and
    the amounts are in several."""
    if exchange is None or exchange.currency is None:
        currencies = {a.currency for a in amounts if a.amount != 0}
        if len(currencies) > 1:
            return None
        return [a.amount for a in amounts]
    found = []
    for amount in amounts:
        result = exchange.convert(amount)
        if isinstance(result, MissingRate):
            return result
        found.append(result.money.amount)
    return found


def not_compared_text(reason: MissingRate | None, t: Translate) -> str:
    """Why costs are not compared per point: several currencies and no reader's currency,
    or the rate that is missing."""
    if reason is None:
        return t("reports.memo.not_compared")
    return t("reports.memo.not_compared_rate", reason=missing_text(reason, t))


class Counts(Translate, Protocol):
    def number(self, value: float | Decimal | int, decimals: int = 0) -> str: ...


def arithmetic(found: PilotCost, cost: str, t: Counts) -> str:
    """How ``cost`` (the total as written) comes from the price: "6 seats × 49 USD / month ×
    3 months = 882 USD", "6 seats × 165 USD = 990 USD", "900 USD for the team"."""
    if found.unit is None:
        return t("reports.memo.cost_team", cost=cost)
    price = t.money(found.unit.amount, found.unit.currency)
    seats = t.number(found.seats)
    if found.units is None or found.basis is None:
        return t("reports.memo.cost_seats", seats=seats, price=price, cost=cost)
    yearly = found.basis is PriceBasis.SEAT_YEAR
    count = t(
        ("reports.memo.years" if yearly else "reports.memo.months")
        + ("_one" if found.units == 1 else ""),
        n=t.number(found.units),
    )
    key = "reports.memo.cost_per_year" if yearly else "reports.memo.cost_per_month"
    return t(key, seats=seats, price=price, count=count, cost=cost, months=found.months)
