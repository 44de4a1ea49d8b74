"""Pilot totals in one currency (issue 18, item 5): each pilot converts at its stated rate,
the totals are summed before rounding, the rates used are listed, a missing rate is said."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.memo_money import Exchange, reader_currency
from workbench.core.money import PRECISION, MissingRate, Money, Rate, Rates
from workbench.core.pilot import Benefit, Cost, CostKind, Phase, PhaseKind, Pilot
from workbench.core.pilot_overview import rates_lines, totals, totals_line
from workbench.i18n import Translator

TODAY = date(2026, 12, 7)
ON = date(2026, 12, 1)
CENT = Decimal("0.01")
RATES = Rates(
    [
        Rate(from_="USD", to="EUR", rate=Decimal("0.92"), on=ON, source="ECB reference rate"),
        Rate(from_="EUR", to="CHF", rate=Decimal("0.93"), on=ON, source="ECB reference rate"),
    ]
)


def pilot(currency: str, fees: Decimal, benefits: Decimal | None = None, planned: int = 0) -> Pilot:
    return Pilot(
        name=f"P {currency}",
        team_id="team",
        programme_id="prog",
        currency=currency,
        phases=[
            Phase(kind=PhaseKind.DIAGNOSE),
            Phase(kind=PhaseKind.PILOT, budget_planned=Decimal(planned), budget_spent=fees),
            Phase(kind=PhaseKind.SCALE),
        ],
        costs=[Cost(kind=CostKind.FEES, label="Fees", amount=fees)],
        benefits=[] if benefits is None else [Benefit(label="Saved", amount=benefits)],
    )


def test_two_currencies_give_one_line_at_the_stated_rate() -> None:
    pilots = [
        pilot("EUR", Decimal(1000), Decimal(1500), 2000),
        pilot("usd", Decimal(500), None, 1000),
    ]
    found = totals(pilots, Exchange("EUR", RATES, TODAY))
    assert (found.currency, found.pilots, found.valued) == ("EUR", 2, 1)
    assert found.budget == Decimal(2920)  # 2000 + 1000 x 0.92
    assert found.spent == Decimal(1460)
    assert found.roi == Decimal(50)  # over the valued pilot only
    [used] = found.rates
    assert used.original.currency == "USD"
    en, fr = Translator("en"), Translator("fr")
    assert totals_line(found, en).startswith(
        "2 pilots in EUR: budget 2,920\u00a0EUR · spent 1,460\u00a0EUR"
    )
    assert rates_lines(found, en) == [
        "USD converted at 0.92 EUR per USD, 2026-12-01, ECB reference rate"
    ]
    assert rates_lines(found, fr) == [
        "USD converti au taux de 0,92 EUR pour 1 USD, 2026-12-01, ECB reference rate"
    ]


def test_a_pilot_without_a_rate_is_left_out_and_says_why() -> None:
    pilots = [pilot("EUR", Decimal(10)), pilot("GBP", Decimal(20)), pilot("GBP", Decimal(5))]
    found = totals(pilots, Exchange("EUR", RATES, TODAY))
    assert found.pilots == 1
    assert found.missing == ((MissingRate("GBP", "EUR"), 2),)
    assert rates_lines(found, Translator("en")) == [
        "All pilots count in EUR: no exchange rate used.",
        "2 pilots left out of the totals: no GBP→EUR rate",
    ]
    assert rates_lines(found, Translator("fr"))[1] == (
        "2 pilotes laissés hors des totaux : pas de taux GBP→EUR"
    )


def test_an_inverse_rate_converts_too() -> None:
    found = totals([pilot("CHF", Decimal("9.30"))], Exchange("EUR", RATES, TODAY))
    assert found.spent == Decimal(10)
    assert "(1 / 0.93 CHF per EUR)" in rates_lines(found, Translator("en"))[0]


def test_the_reader_s_currency() -> None:
    assert reader_currency("usd", "GBP", ["EUR"]) == "USD"
    assert reader_currency(None, " gbp", ["EUR"]) == "GBP"
    assert reader_currency(None, None, ["usd", "USD"]) == "USD"
    assert reader_currency(None, None, ["USD", "EUR"]) == "EUR"
    assert reader_currency(None, None, []) == "EUR"


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
currencies = st.sampled_from(["EUR", "USD", "CHF"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(currencies, amounts), min_size=1, max_size=12))
def test_the_sum_of_converted_figures_is_the_converted_sum(
    found: list[tuple[str, Decimal]],
) -> None:
    """The rule: each pilot converts exactly (50 significant digits), the totals add the
    exact figures, and only the shown total is rounded (to the cent, half up). So the
    shown total is the rounded exact sum; adding the pilots' rounded figures instead
    differs from it by at most half a cent per pilot; and for one currency, the sum of
    the converted figures is the conversion of their sum."""
    pilots = [pilot(currency, amount) for currency, amount in found]
    exchange = Exchange("EUR", RATES, TODAY)
    total = totals(pilots, exchange)
    each = []
    for currency, amount in found:
        converted = RATES.convert(Money(amount, currency), "EUR", TODAY)
        assert not isinstance(converted, MissingRate)
        each.append(converted.money.amount)
    with localcontext() as context:
        context.prec = PRECISION
        exact = sum(each, start=Decimal(0))
    assert abs(total.costs - exact) < Decimal("1e-30")
    shown = total.costs.quantize(CENT, ROUND_HALF_UP)
    rounded = sum((e.quantize(CENT, ROUND_HALF_UP) for e in each), start=Decimal(0))
    assert abs(rounded - shown) <= CENT / 2 * len(found) + CENT / 2
    for currency in ("USD", "CHF"):
        mine = [amount for c, amount in found if c == currency]
        alone = totals([pilot(currency, a) for a in mine], exchange)
        mine_total = sum(mine, start=Decimal(0))  # exact: two places, at most 12 of them
        converted = RATES.convert(Money(mine_total, currency), "EUR", TODAY)
        assert not isinstance(converted, MissingRate)
        assert abs(alone.costs - converted.money.amount) < Decimal("1e-30")
