"""Small drawings of a pilot's numbers: a progress bar and a sparkline, in plain characters."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

BLOCKS = "▁▂▃▄▅▆▇█"


def progress_bar(value: Fraction | None, width: int) -> str:
    """``█`` for the part of the way from baseline to target, ``░`` for the rest; the bar is
    clamped to 0..1 (the percentage beside it says when the target is beaten or missed)."""
    if width <= 0:
        return ""
    if value is None:
        return "·" * width
    share = min(max(value, Fraction(0)), Fraction(1))
    filled = int(share * width)
    return "█" * filled + "░" * (width - filled)


def sparkline(values: Sequence[float], width: int) -> str:
    """The last ``width`` values, each as a block from lowest to highest."""
    if width <= 0 or not values:
        return ""
    shown = list(values)[-width:]
    low, high = min(shown), max(shown)
    if high == low:
        return BLOCKS[3] * len(shown)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[round((value - low) / (high - low) * top)] for value in shown)
