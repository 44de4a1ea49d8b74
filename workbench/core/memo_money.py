"""The memo's money figures, in one place: the cost of a pair over its pilot, and how an
amount is written.

Every amount the memo shows goes through ``figure``; every cost it compares goes through
``comparable``. Today an amount is shown in its own currency and costs in several
currencies are not compared; converting at a stated rate plugs in here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from workbench.core.catalogue import Programme
from workbench.core.portfolio import pair_cost


class Writes(Protocol):
    def money(self, amount: Decimal | float | int, currency: str | None) -> str: ...


@dataclass(frozen=True, slots=True)
class Amount:
    amount: Decimal
    currency: str | None


def pilot_cost(programme: Programme, seats: int) -> Amount | None:
    """What the programme costs the team over its pilot; None when the price is unknown."""
    cost = pair_cost(programme.price, seats)
    if cost is None:
        return None
    return Amount(cost, programme.price.currency)


def figure(money: Amount, currency: str | None, t: Writes) -> str:
    """``money`` as the memo writes it for a reader who counts in ``currency`` (None: each
    amount in its own). Until exchange rates exist, an amount stays in its own currency."""
    return t.money(money.amount, money.currency)


def comparable(amounts: Sequence[Amount], currency: str | None) -> list[Decimal] | None:
    """The amounts as numbers that can be compared, or None when they cannot be (several
    currencies and no exchange rate)."""
    currencies = {a.currency for a in amounts if a.amount != 0}
    if len(currencies) > 1:
        return None
    return [a.amount for a in amounts]
