"""One rounding rule for every percentage: half-up to one decimal, never "-0"."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.percent import rounded
from workbench.core.pilot_report import percent_or_none, roi_text
from workbench.core.scoring import percent_tenths
from workbench.i18n import Translator


def test_roi_just_below_zero_is_not_minus_zero() -> None:
    en, fr = Translator("en"), Translator("fr")
    assert roi_text(Decimal("-0.04"), en) == "0.0\u00a0%"
    assert roi_text(Decimal("-0.4"), en) == "-0.4\u00a0%"
    assert en.percent(Decimal("-0.4"), 0) == "0\u00a0%"
    assert fr.percent(Decimal("-0.04"), 1) == "0,0\u00a0%"


def test_a_kpi_just_below_its_baseline_is_not_minus_zero() -> None:
    assert percent_or_none(Fraction(-1, 3000), Translator("en")) == "0.0\u00a0%"


def test_roi_and_kpi_round_half_up_as_the_grid_does() -> None:
    en = Translator("en")
    assert roi_text(Decimal("12.25"), en) == "12.3\u00a0%"  # half-even gave 12.2
    assert roi_text(Decimal("-12.25"), en) == "-12.3\u00a0%"
    assert percent_or_none(Fraction(1, 8), en) == "12.5\u00a0%"
    assert percent_or_none(Fraction(249, 2000), en) == "12.5\u00a0%"  # 12.45 -> 12.5
    assert en.percent(2.5, 0) == "3\u00a0%"  # a float tie, read as written


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_the_grid_percentage_uses_the_same_rule(total: int, maximum: int) -> None:
    assert percent_tenths(total, maximum) == rounded(Fraction(total * 100, maximum), 1)


@given(st.fractions(), st.integers(0, 3))
def test_rounded_is_half_up_and_never_negative_zero(value: Fraction, decimals: int) -> None:
    result = rounded(value, decimals)
    assert not (result == 0 and result.is_signed())
    step = Fraction(1, 10**decimals)
    assert abs(Fraction(result) - value) <= step / 2
    if abs(Fraction(result) - value) == step / 2:  # a tie goes away from zero
        assert abs(Fraction(result)) > abs(value)
