"""What people type in the pilot forms: ISO dates only, numbers and amounts with a comma."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.pilot_input import InputError, parse_amount, parse_date, parse_number


def test_iso_dates_and_nothing_else() -> None:
    assert parse_date("2026-11-23") == date(2026, 11, 23)
    assert parse_date("  2026-11-23 ") == date(2026, 11, 23)
    assert parse_date("") is None
    for bad, key in [
        ("23/11/2026", "date_format"),
        ("20261123", "date_format"),
        ("2026-11-23T10:00", "date_format"),
        ("tomorrow", "date_format"),
        ("2026-02-30", "date_invalid"),
        ("2026-13-01", "date_invalid"),
    ]:
        with pytest.raises(InputError) as refused:
            parse_date(bad)
        assert refused.value.key == key, bad


def test_numbers_with_a_decimal_comma() -> None:
    assert parse_number("12,5") == 12.5
    assert parse_number("1 200.5") == 1200.5
    assert parse_number("-3") == -3
    assert parse_number(" ") is None
    for bad in ["1,2,3", "1.2,3", "abc", "nan", "inf", "1e5"]:
        with pytest.raises(InputError):
            parse_number(bad)


def test_amounts_in_the_pilots_currency() -> None:
    assert parse_amount("1 200,50", "EUR") == Decimal("1200.50")
    assert parse_amount("1200.50 EUR", "EUR") == Decimal("1200.50")
    assert parse_amount("eur 12", "EUR") == Decimal(12)
    assert parse_amount("€12", "EUR") == Decimal(12)
    assert parse_amount("", "EUR") is None
    with pytest.raises(InputError) as refused:
        parse_amount("12 USD", "EUR")
    assert refused.value.key == "currency_mismatch"
    assert refused.value.params == {"given": "USD", "currency": "EUR"}
    with pytest.raises(InputError) as refused:
        parse_amount("$12", "EUR")
    assert refused.value.key == "currency_mismatch"
    for bad, key in [
        ("-5", "negative"),
        ("EUR", "amount"),
        ("12 euros", "amount"),
        ("1,2,3", "number"),
    ]:
        with pytest.raises(InputError) as refused:
            parse_amount(bad, "EUR")
        assert refused.value.key == key, bad


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_an_amount_reads_back_the_french_and_the_english_way(amount: Decimal) -> None:
    english = f"{amount:,.2f}"
    french = english.replace(",", " ").replace(".", ",")
    assert parse_amount(english.replace(",", ""), "EUR") == amount
    assert parse_amount(french + " EUR", "EUR") == amount
