"""Amounts in a currency, the exchange rates of the data file, and conversion at a stated rate.

Decimal throughout, never a float. A rate ``from → to`` of 0.92 says 1 unit of ``from`` is
worth 0.92 of ``to`` ("0.92 EUR per USD"). A conversion names the rate it used (its date,
source, whether it was read the other way round and whether it is stale); a missing rate
is its own answer (``MissingRate``), never a silent zero or exclusion.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from workbench.core.rules import Identifier, fail, is_stored, new_id, non_blank, required_currency
from workbench.core.text import visible

STALE_DAYS = 30
"""A rate dated more than this many days before today is stale."""
NO_CURRENCY = "XXX"
"""ISO 4217's code for "no currency": the currency of a free programme's zero cost."""
PRECISION = 50
"""Significant digits of a conversion: products are exact, an inverse's quotient is exact
whenever it can be (a round trip through the same rate gives the amount back)."""
MAX_RATE = Decimal(1_000_000)


def code(value: str) -> str:
    """A currency code as compared: trimmed, upper case (a stored "eur" is EUR)."""
    return value.strip().upper()


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in a currency (the code is upper-cased: ``Money(1, "eur").currency == "EUR"``)."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", code(self.currency))
        if not isinstance(self.amount, Decimal):
            object.__setattr__(self, "amount", Decimal(str(self.amount)))

    def rounded(self, places: int = 2) -> Money:
        """The amount to ``places`` decimals, half up (as an invoice rounds)."""
        return Money(self.amount.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), self.currency)

    def minor_units(self, places: int = 2) -> int:
        """The amount in cents (``places`` decimals), half up: an integer for solvers."""
        return int(self.rounded(places).amount.scaleb(places))


class Rate(BaseModel):
    """One exchange rate of the data file: 1 ``from_`` is worth ``rate`` ``to``, on a date,
    from a named source. Stored with the keys ``from`` and ``to``."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        serialize_by_alias=True,
    )

    id: Identifier = Field(default_factory=new_id)
    from_: str = Field(alias="from")
    to: str
    rate: Decimal
    on: date
    source: str

    @field_validator("from_", "to")
    @classmethod
    def _currency(cls, value: str, info: ValidationInfo) -> str:
        checked = required_currency(value, info)
        # What people type is held to the rules below; a stored bad rate still opens
        # (conversion skips it, ``workbench check`` names it).
        source = info.data.get("from_")
        same = isinstance(source, str) and code(source) == code(checked)
        if info.field_name == "to" and same and not is_stored(info):
            raise fail("rate_same_currency", RATE_PROBLEM_TEXT["rate_same_currency"])
        return checked

    @field_validator("rate")
    @classmethod
    def _rate(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        if not is_stored(info):
            problem = _factor_problem(value)
            if problem is not None:
                raise fail(problem, RATE_PROBLEM_TEXT[problem])
        return value

    @field_validator("source")
    @classmethod
    def _source(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @property
    def pair(self) -> tuple[str, str]:
        return code(self.from_), code(self.to)


RATE_PROBLEM_TEXT = {
    "rate_not_positive": "A rate is more than 0",
    "rate_too_large": "A rate is at most 1000000",
    "rate_same_currency": "A rate converts between two different currencies",
}


def _factor_problem(value: Decimal) -> str | None:
    if not value.is_finite() or value <= 0:
        return "rate_not_positive"
    if value > MAX_RATE:
        return "rate_too_large"
    return None


def rate_problems(rate: Rate) -> list[str]:
    """What makes a stored rate unusable (keys of ``errors.*``): not positive, absurdly
    large, or from a currency to itself."""
    problems = []
    factor = _factor_problem(rate.rate)
    if factor is not None:
        problems.append(factor)
    if code(rate.from_) == code(rate.to):
        problems.append("rate_same_currency")
    return problems


def is_stale(rate: Rate, today: date) -> bool:
    return (today - rate.on).days > STALE_DAYS


@dataclass(frozen=True, slots=True)
class Converted:
    """A figure in the chosen currency and how it was obtained.

    ``rate`` is the factor applied (``to`` per ``from``); ``record`` the stored rate it came
    from, None when no conversion was needed (same currency, or a zero without a rate);
    ``inverse`` when the stored rate goes the other way (``to → from``) and 1/rate was used."""

    money: Money
    original: Money
    rate: Decimal | None = None
    record: Rate | None = None
    inverse: bool = False
    stale: bool = False

    @property
    def converted(self) -> bool:
        return self.record is not None


@dataclass(frozen=True, slots=True)
class MissingRate:
    """No rate between two currencies: the reason a figure cannot be given."""

    from_: str
    to: str


class Rates:
    """The exchange rates of a data file, and conversion at the latest one for a pair."""

    def __init__(self, rates: Iterable[Rate] = ()) -> None:
        self._rates = [rate for rate in rates if not rate_problems(rate)]
        self._best: dict[tuple[str, str], tuple[date, bool, Rate]] = {}
        for rate in self._rates:
            for pair, direct in ((rate.pair, True), (rate.pair[::-1], False)):
                known = self._best.get(pair)
                if known is None or (rate.on, direct) > known[:2]:
                    self._best[pair] = (rate.on, direct, rate)

    def __iter__(self) -> Iterator[Rate]:
        return iter(self._rates)

    def find(self, from_: str, to: str) -> tuple[Rate, bool] | None:
        """The rate to use from ``from_`` to ``to`` and whether it is read inverted: the
        latest dated of the direct and inverse rates, the direct one on a tie."""
        best = self._best.get((code(from_), code(to)))
        if best is None:
            return None
        return best[2], not best[1]

    def convert(self, money: Money, to_currency: str, today: date) -> Converted | MissingRate:
        """``money`` in ``to_currency`` at the latest rate, or why it cannot be."""
        target = code(to_currency)
        if money.currency == target:
            return Converted(Money(money.amount, target), money)
        found = self.find(money.currency, target)
        if found is None:
            if money.amount == 0:  # nothing is worth nothing in any currency
                return Converted(Money(money.amount, target), money)
            return MissingRate(money.currency, target)
        record, inverse = found
        with localcontext() as context:
            context.prec = PRECISION
            if inverse:
                factor = Decimal(1) / record.rate
                amount = money.amount / record.rate
            else:
                factor = record.rate
                amount = money.amount * record.rate
        return Converted(
            Money(amount, target),
            money,
            rate=factor,
            record=record,
            inverse=inverse,
            stale=is_stale(record, today),
        )


class Translate(Protocol):
    """What phrasing needs of a translator (``workbench.i18n.Translator`` has it)."""

    lang: str

    def __call__(self, key: str, **params: object) -> str: ...
    def date(self, value: date | None) -> str: ...
    def money(self, amount: Decimal, currency: str | None) -> str: ...


def rate_factor_text(value: Decimal, i18n: Translate) -> str:
    """A rate as people read it: up to 6 significant decimals, no trailing zeros."""
    text = f"{value.quantize(Decimal('0.000001'), ROUND_HALF_UP).normalize():f}"
    if i18n.lang == "fr":
        text = text.replace(".", ",")
    return text


def rate_text(converted: Converted, i18n: Translate) -> str:
    """ "at 0.92 EUR per USD, 2026-12-01, ECB reference rate", saying so when the stored
    rate was read the other way round or is stale; "" when nothing was converted."""
    record = converted.record
    if record is None or converted.rate is None:
        return ""
    text = i18n(
        "money.at_inverse_rate" if converted.inverse else "money.at_rate",
        rate=rate_factor_text(converted.rate, i18n),
        stored=rate_factor_text(record.rate, i18n),
        to=converted.money.currency,
        from_=converted.original.currency,
        on=i18n.date(record.on),
        source=visible(record.source),
    )
    if converted.stale:
        text = i18n("money.stale", text=text, days=STALE_DAYS)
    return text


def missing_text(missing: MissingRate, i18n: Translate) -> str:
    """ "no GBP→EUR rate"."""
    return i18n("money.no_rate", from_=missing.from_, to=missing.to)


def figure_text(result: Converted | MissingRate, i18n: Translate) -> str:
    """A figure as a committee reads it: "811.44 EUR (882 USD at 0.92 EUR per USD,
    2026-12-01, ECB reference rate)", "49 EUR" when nothing was converted, "no GBP→EUR rate"."""
    if isinstance(result, MissingRate):
        return missing_text(result, i18n)
    shown = result.money.rounded()
    amount = i18n.money(shown.amount, shown.currency)
    if result.record is None:
        return amount
    return i18n(
        "money.converted",
        amount=amount,
        original=i18n.money(result.original.amount, result.original.currency),
        rate=rate_text(result, i18n),
    )
