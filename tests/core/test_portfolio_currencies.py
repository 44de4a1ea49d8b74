"""The portfolio in one currency (issue 18, item 2): a EUR budget funds USD programmes at
the stated rate, a missing rate is its own reason, a converted cost is rounded up to the
cent before the solver sees it, and the chosen set is checked again exactly."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.catalogue import Price, PriceBasis
from workbench.core.money import Converted, Money, Rate, Rates
from workbench.core.portfolio import Cap, CapKind, Goal, Pair, Reason, choose
from workbench.core.portfolio_words import conversion_sentences, cost_text, reason_text
from workbench.i18n import Translator

from .portfolio_exact import choose_exact
from .test_portfolio import pair, priced

TODAY = date(2026, 12, 7)
ON = date(2026, 12, 1)
ECB = "ECB reference rate"
RATES = Rates(
    [
        Rate(from_="USD", to="EUR", rate=Decimal("0.92"), on=ON, source=ECB),
        Rate(from_="EUR", to="CHF", rate=Decimal("0.93"), on=ON, source=ECB),
    ]
)


def test_a_euro_budget_funds_a_dollar_programme_at_the_stated_rate() -> None:
    monthly = priced(49, "USD", basis=PriceBasis.SEAT_MONTH, months=3)
    dollars = pair(1, "t1", 92, price=monthly, headcount=6)
    result = choose([dollars], Decimal(1000), "EUR", rates=RATES, today=TODAY)
    assert result.chosen == (dollars,)
    assert result.cost == Decimal("811.44")  # 6 x 49 USD x 3 months x 0.92
    assert result.costs == {"a1": Decimal("811.44")}
    [used] = result.conversions
    assert used.record is not None
    assert used.record.rate == Decimal("0.92")
    en, fr = Translator("en"), Translator("fr")
    assert conversion_sentences(result, en)[0] == (
        "USD costs converted at 0.92 EUR per USD, 2026-12-01, ECB reference rate."
    )
    assert "arrondi au centime supérieur" in conversion_sentences(result, fr)[1]
    assert cost_text(dollars, result, en) == "≈ 811.44\u00a0EUR"
    assert choose([dollars], Decimal("811.43"), "EUR", rates=RATES, today=TODAY).chosen == ()


def test_a_pound_programme_without_a_rate_is_left_out_for_that_reason() -> None:
    pounds = pair(1, "t1", 92, price=priced(65, "GBP"))
    result = choose([pounds], Decimal(10_000), "eur", rates=RATES, today=TODAY)
    assert result.reasons == {"a1": Reason.NO_RATE}
    assert reason_text(pounds, Reason.NO_RATE, result.currency, Translator("en")) == (
        "✗ no GBP→EUR rate"
    )
    assert reason_text(pounds, Reason.NO_RATE, "EUR", Translator("fr")) == "✗ pas de taux GBP→EUR"
    assert result.conversions == ()


def test_a_converted_cost_is_rounded_up_to_the_cent() -> None:
    rates = Rates([Rate(from_="USD", to="EUR", rate=Decimal("0.923456"), on=ON, source=ECB)])
    dollars = pair(1, "t1", 80, price=priced(10, "USD"))  # 9.23456 EUR
    assert choose([dollars], Decimal("9.23"), "EUR", rates=rates, today=TODAY).chosen == ()
    funded = choose([dollars], Decimal("9.24"), "EUR", rates=rates, today=TODAY)
    assert funded.chosen == (dollars,)
    assert funded.cost == Decimal("9.24")
    # the inverse of a stored rate: 100 CHF / 0.93 = 107.526... EUR, counted 107.53
    francs = pair(2, "t2", 80, price=priced(100, "CHF"))
    assert choose([francs], Decimal(200), "EUR", rates=RATES, today=TODAY).cost == Decimal("107.53")


@st.composite
def mixed(draw: st.DrawFn) -> tuple[list[Pair], Decimal, Goal, Cap | None]:
    count = draw(st.integers(0, 7))
    pairs = []
    for n in range(count):
        currency = draw(st.sampled_from(["EUR", "USD", "CHF", "GBP"]))
        amount = Decimal(draw(st.integers(0, 40_000))) / 100
        pairs.append(
            pair(
                n,
                f"t{draw(st.integers(0, 4))}",
                Fraction(draw(st.integers(140, 230)), 2),
                price=Price(kind="amount", amount=amount, currency=currency),
                headcount=draw(st.integers(1, 6)),
                hours=draw(st.integers(1, 12)),
            )
        )
    budget = Decimal(draw(st.integers(0, 200_000))) / 100
    goal = draw(st.sampled_from(list(Goal)))
    cap_kind = draw(st.sampled_from([None, CapKind.SEATS]))
    cap = None if cap_kind is None else Cap(cap_kind, Decimal(draw(st.integers(0, 20))))
    return pairs, budget, goal, cap


@settings(max_examples=200, deadline=None)
@given(mixed())
def test_in_several_currencies_the_solver_chooses_what_the_old_search_chose(
    case: tuple[list[Pair], Decimal, Goal, Cap | None],
) -> None:
    pairs, budget, goal, cap = case
    options = {"goal": goal, "cap": cap, "rates": RATES, "today": TODAY}
    found = choose(pairs, budget, "EUR", **options)  # type: ignore[arg-type]
    expected = choose_exact(pairs, budget, "EUR", **options)  # type: ignore[arg-type]
    assert found.proven
    assert [p.assessment_id for p in found.chosen] == [p.assessment_id for p in expected.chosen]
    assert (found.cost, found.total) == (expected.cost, expected.total)
    assert found.reasons == expected.reasons
    # every cost the solver counted is the exact conversion rounded up to the cent
    for candidate in pairs:
        counted = found.costs.get(candidate.assessment_id)
        currency = candidate.price.currency
        if currency == "GBP" and candidate.cost:  # zero is worth zero in any currency
            assert counted is None
            assert found.reasons[candidate.assessment_id] is Reason.NO_RATE
            continue
        assert counted is not None
        exact = RATES.convert(Money(candidate.cost or Decimal(0), str(currency)), "EUR", TODAY)
        assert isinstance(exact, Converted)
        amount = exact.money.amount
        rounded = amount if currency == "EUR" else amount.quantize(Decimal("0.01"), ROUND_CEILING)
        assert counted == rounded >= amount
    # the chosen set, checked again exactly in Decimal: within the budget
    assert sum((found.costs[p.assessment_id] for p in found.chosen), Decimal(0)) == found.cost
    assert found.cost <= budget
