"""The one rounding rule for every percentage shown: half-up (away from zero on a tie),
exactly, and never a "-0".

The grid's percentage, a pilot's ROI and a KPI's progress all go through ``rounded``, so
74/115 is 64.3 %, an ROI of 12.25 % is 12.3 % and an ROI of −0.04 % is 0.0 %, never −0.0 %.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import floor

PERCENT_DECIMALS = 1
"""Every percentage is shown with one decimal unless a caller needs more."""


def exact(value: Decimal | Fraction | float | int) -> Fraction:
    """A float as its shortest decimal spelling (0.1 is one tenth), anything else exactly."""
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


def rounded(value: Decimal | Fraction | float | int, decimals: int = PERCENT_DECIMALS) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places; zero is always positive."""
    number = exact(value)
    scale = 10**decimals
    magnitude = floor(abs(number) * scale + Fraction(1, 2))
    negative = number < 0 and magnitude != 0
    digits = tuple(int(digit) for digit in str(magnitude))
    return Decimal((1 if negative else 0, digits, -decimals))  # exact, whatever the context
