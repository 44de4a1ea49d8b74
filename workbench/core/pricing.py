"""What a programme costs a team over its pilot, from its price as sold.

- one-off per seat: seats x price;
- per seat per month: seats x price x months;
- per seat per year: seats x price x whole years, a started year paid in full
  (``ceil(months / 12)``: a 3-month pilot on a yearly seat pays one year, 13 months two);
- one price per team: the price, whatever the seats.

The months are the pilot's, else the assessment's, else the programme's typical number; a
subscription with none of them has no cost (``CostUnknown.NO_MONTHS``), never a guess.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum

from workbench.core.catalogue import Price, PriceBasis, PriceKind
from workbench.core.money import NO_CURRENCY, Converted, MissingRate, Money, Rates

MONTHS_PER_YEAR = 12


class CostUnknown(StrEnum):
    """Why a pair's cost over its pilot cannot be given."""

    NO_PRICE = "no_price"
    """The programme's price is unknown."""
    NO_MONTHS = "no_months"
    """A subscription whose number of months nobody gave."""


def billed_months(price: Price, *overrides: int | None) -> int | None:
    """The months a subscription is paid for: the first override given (the pilot's, then
    the assessment's), else the programme's typical number; None when none is known."""
    for months in overrides:
        if months is not None:
            return months
    return price.months


def billed_units(basis: PriceBasis, months: int) -> int:
    """How many times a subscription's price is paid over ``months``."""
    if basis is PriceBasis.SEAT_YEAR:
        return -(-months // MONTHS_PER_YEAR)
    return months


def cost_over_pilot(price: Price, seats: int, *months: int | None) -> Money | CostUnknown:
    """The cost of ``seats`` people taking a programme over its pilot (``months``: the
    overrides of ``billed_months``, most specific first). A free programme costs zero in
    its own currency, or in ``NO_CURRENCY`` when it has none (a zero converts to anything)."""
    if price.kind is PriceKind.FREE:
        return Money(Decimal(0), price.currency or NO_CURRENCY)
    if price.kind is not PriceKind.AMOUNT or price.amount is None or price.currency is None:
        return CostUnknown.NO_PRICE
    basis = price.basis or PriceBasis.SEAT
    if basis is PriceBasis.TEAM:
        return Money(price.amount, price.currency)
    if basis is PriceBasis.SEAT:
        return Money(price.amount * seats, price.currency)
    paid = billed_months(price, *months)
    if paid is None:
        return CostUnknown.NO_MONTHS
    return Money(price.amount * seats * billed_units(basis, paid), price.currency)


def cost_in(
    price: Price,
    seats: int,
    currency: str,
    rates: Rates,
    today: date,
    *months: int | None,
) -> Converted | MissingRate | CostUnknown:
    """``cost_over_pilot`` in ``currency``, at the rate it states; or why it cannot be."""
    cost = cost_over_pilot(price, seats, *months)
    if isinstance(cost, CostUnknown):
        return cost
    return rates.convert(cost, currency, today)


_MONTHLY = (
    r"per\s+month",
    r"/\s*month",
    r"/\s*mo\b",
    r"monthly",
    r"par\s+mois",
    r"/\s*mois",
    r"mensuel(?:le)?",
)
_YEARLY = (
    r"per\s+year",
    r"per\s+annum",
    r"/\s*year",
    r"/\s*yr\b",
    r"yearly",
    r"annual(?:ly)?",
    r"par\s+an\b",
    r"/\s*an\b",
    r"annuel(?:le)?",
)
_SEAT_WORDS = r"(?:\s*(?:per\s+seat|/\s*seat|par\s+(?:siège|personne)|per\s+(?:person|user)))?"


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_SEAT_WORDS + r"\s*(?:" + "|".join(words) + r")" + _SEAT_WORDS, re.I)


MONTHLY_NOTE = _pattern(_MONTHLY)
YEARLY_NOTE = _pattern(_YEARLY)


def basis_from_note(note: str | None) -> tuple[PriceBasis, str | None] | None:
    """The subscription a price's free-text note names ("per month", "par mois", "/month",
    "monthly", "per year"...) and the rest of the note (None when nothing is left); None
    when the note names neither, or both (unknown stays unknown)."""
    if not note:
        return None
    monthly, yearly = MONTHLY_NOTE.search(note), YEARLY_NOTE.search(note)
    if (monthly is None) == (yearly is None):
        return None
    basis = PriceBasis.SEAT_MONTH if monthly is not None else PriceBasis.SEAT_YEAR
    pattern = MONTHLY_NOTE if monthly is not None else YEARLY_NOTE
    rest = pattern.sub(" ", note)
    rest = re.sub(r"\s+", " ", rest).strip(" ,;:-–—()")
    return basis, rest or None
