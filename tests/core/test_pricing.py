"""The cost of a pair over its pilot, for each billing basis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.catalogue import Price, PriceBasis, PriceKind
from workbench.core.money import NO_CURRENCY, Converted, MissingRate, Money, Rate, Rates
from workbench.core.portfolio import pair_cost
from workbench.core.pricing import CostUnknown, billed_months, cost_in, cost_over_pilot

ON = date(2026, 12, 1)


def priced(amount: str, basis: PriceBasis | None = None, months: int | None = None) -> Price:
    return Price(
        kind=PriceKind.AMOUNT, amount=Decimal(amount), currency="USD", basis=basis, months=months
    )


def test_one_off_per_seat_is_seats_times_price() -> None:
    assert cost_over_pilot(priced("165"), 6) == Money(Decimal(990), "USD")
    assert cost_over_pilot(priced("165", PriceBasis.SEAT), 6, 3) == Money(Decimal(990), "USD")


def test_per_month_is_seats_times_price_times_months() -> None:
    """The seed's pilot: 6 people x 3 months of Google AI Essentials at 49 USD a month."""
    essentials = priced("49", PriceBasis.SEAT_MONTH, months=3)
    assert cost_over_pilot(essentials, 6) == Money(Decimal(882), "USD")
    assert cost_over_pilot(essentials, 15) == Money(Decimal(2205), "USD")  # not 15 x 49 = 735


def test_the_pilot_then_the_assessment_then_the_programme_give_the_months() -> None:
    essentials = priced("49", PriceBasis.SEAT_MONTH, months=3)
    assert cost_over_pilot(essentials, 6, 2) == Money(Decimal(588), "USD")
    assert cost_over_pilot(essentials, 6, None, 4) == Money(Decimal(1176), "USD")
    assert cost_over_pilot(essentials, 6, 1, 4) == Money(Decimal(294), "USD")
    assert billed_months(essentials, None, None) == 3


@pytest.mark.parametrize(
    ("months", "years"), [(1, 1), (3, 1), (11, 1), (12, 1), (13, 2), (24, 2), (25, 3)]
)
def test_per_year_pays_every_started_year_in_full(months: int, years: int) -> None:
    yearly = priced("300", PriceBasis.SEAT_YEAR)
    assert cost_over_pilot(yearly, 4, months) == Money(Decimal(1200 * years), "USD")


def test_a_subscription_without_months_has_no_cost_never_a_guess() -> None:
    assert cost_over_pilot(priced("49", PriceBasis.SEAT_MONTH), 6) is CostUnknown.NO_MONTHS
    assert cost_over_pilot(priced("300", PriceBasis.SEAT_YEAR), 6) is CostUnknown.NO_MONTHS
    assert pair_cost(priced("49", PriceBasis.SEAT_MONTH), 6) is None


def test_a_team_price_is_paid_once_whatever_the_seats_and_months() -> None:
    team = priced("900", PriceBasis.TEAM, months=6)
    assert cost_over_pilot(team, 1) == cost_over_pilot(team, 40, 12) == Money(Decimal(900), "USD")


def test_free_costs_zero_and_unknown_is_a_reason() -> None:
    assert cost_over_pilot(Price(kind=PriceKind.FREE), 6) == Money(Decimal(0), NO_CURRENCY)
    assert cost_over_pilot(Price(kind=PriceKind.FREE, currency="eur"), 6) == Money(
        Decimal(0), "EUR"
    )
    assert cost_over_pilot(Price(), 6) is CostUnknown.NO_PRICE


def test_the_portfolio_delegates_to_the_cost_over_the_pilot() -> None:
    essentials = priced("49", PriceBasis.SEAT_MONTH, months=3)
    assert pair_cost(essentials, 15) == Decimal(2205)
    assert pair_cost(essentials, 15, 1) == Decimal(735)


@given(
    amount=st.decimals(min_value=0, max_value=10**5, places=2),
    seats=st.integers(min_value=1, max_value=5000),
    months=st.integers(min_value=1, max_value=120),
)
def test_cost_grows_with_seats_and_months_exactly(amount: Decimal, seats: int, months: int) -> None:
    monthly = cost_over_pilot(priced(str(amount), PriceBasis.SEAT_MONTH), seats, months)
    yearly = cost_over_pilot(priced(str(amount), PriceBasis.SEAT_YEAR), seats, months)
    assert isinstance(monthly, Money)
    assert isinstance(yearly, Money)
    assert monthly.amount == amount * seats * months
    assert yearly.amount == amount * seats * ((months + 11) // 12)
    assert yearly.amount * 12 >= monthly.amount  # a started year is never cheaper than its months


def test_the_cost_in_another_currency_states_its_rate() -> None:
    rates = Rates([Rate(from_="USD", to="EUR", rate=Decimal("0.92"), on=ON, source="ECB")])
    essentials = priced("49", PriceBasis.SEAT_MONTH, months=3)
    converted = cost_in(essentials, 6, "EUR", rates, ON, None)
    assert isinstance(converted, Converted)
    assert converted.money == Money(Decimal("811.44"), "EUR")
    assert converted.original == Money(Decimal(882), "USD")
    assert converted.record is not None
    assert converted.record.source == "ECB"
    gbp = Price(kind=PriceKind.AMOUNT, amount=Decimal(65), currency="GBP")
    assert cost_in(gbp, 6, "EUR", rates, ON) == MissingRate("GBP", "EUR")
    assert cost_in(Price(), 6, "EUR", rates, ON) is CostUnknown.NO_PRICE
    assert cost_in(priced("49", PriceBasis.SEAT_MONTH), 6, "EUR", rates, ON) is (
        CostUnknown.NO_MONTHS
    )
    free = cost_in(Price(kind=PriceKind.FREE), 6, "EUR", rates, ON)
    assert isinstance(free, Converted)
    assert free.money == Money(Decimal(0), "EUR")
