"""Small drawings of a pilot's numbers: a progress bar and a sparkline, in plain characters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
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


def timeline(spans: Sequence[tuple[date | None, date | None, str]], today: date, width: int) -> str:
    """The phases side by side, each as wide as its planned length: ``█`` done or elapsed,
    ``░`` still to come, ``×`` cancelled; ``·`` for a phase without planned dates.

    ``spans`` holds (planned start, planned end, status value) for each phase.
    """
    known = [(s, e) for s, e, _ in spans if s is not None and e is not None]
    if width < len(spans) * 3 or not known:
        return ""
    days = [((e - s).days + 1) if s is not None and e is not None else 0 for s, e, _ in spans]
    total = sum(days) or 1
    room = width - 2 * len(spans)
    parts = []
    for (start, end, status), length in zip(spans, days, strict=True):
        cells = max(1, room * length // total)
        if start is None or end is None:
            body = "·" * cells
        elif status == "cancelled":
            body = "×" * cells
        elif status == "done":
            body = "█" * cells
        elif status == "planned":
            body = "░" * cells
        else:
            elapsed = min(max((today - start).days + 1, 0), length)
            filled = cells * elapsed // length if length else 0
            body = "█" * filled + "░" * (cells - filled)
        parts.append(f"▕{body}▏")
    return "".join(parts)
