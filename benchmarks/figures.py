"""The figures of ``make bench``: samples, their baseline, the target, and the results table."""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

FIRST_BYTE = "first byte ms"
CPU = "cpu ms"
SECTIONS = ("start-up", "memory", "tmux keys", "command line", "keys", "storage")


@dataclass(slots=True)
class Figure:
    section: str
    data: str
    name: str
    unit: str = "ms"
    samples: list[float] = field(default_factory=list)
    baseline: str | None = None
    """The name of the figure (same section and data) this one is measured against."""
    target: float | None = None
    """The most the median may be: a ratio to the baseline; with ``absolute`` (and for MB)
    a value in ``unit``."""
    p90_target: float | None = None
    absolute: bool = False
    note: str = ""
    extra: dict[str, list[float]] = field(default_factory=dict)
    """Other samples taken with each one (the first byte of a redraw...), for the JSON."""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        return p90(self.samples)

    @property
    def is_absolute(self) -> bool:
        return self.absolute or self.unit == "MB"


def p90(samples: list[float]) -> float:
    """The smallest sample at or above 90 % of them (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(0.9 * len(ordered)) - 1)]


class Figures:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str], Figure] = {}

    def add(self, section: str, data: str, name: str, value: float, **options: Any) -> Figure:
        key = (section, data, name)
        figure = self.items.get(key)
        if figure is None:
            figure = self.items[key] = Figure(section, data, name, **options)
        figure.samples.append(value)
        return figure

    def of(self, figure: Figure) -> Figure | None:
        if figure.baseline is None:
            return None
        return self.items.get((figure.section, figure.data, figure.baseline))

    def ratio(self, figure: Figure) -> tuple[float | None, float | None]:
        base = self.of(figure)
        if base is None or not base.samples or not figure.samples:
            return None, None
        return figure.median / base.median, figure.p90 / base.p90

    def holds(self, figure: Figure) -> bool | None:
        if figure.target is None or not figure.samples:
            return None
        if figure.is_absolute:
            return figure.median <= figure.target
        ratio, p90_ratio = self.ratio(figure)
        if ratio is None:
            return None
        ok = ratio <= figure.target
        if figure.p90_target is not None and p90_ratio is not None:
            ok = ok and p90_ratio <= figure.p90_target
        return ok

    def baselines(self) -> set[tuple[str, str, str]]:
        """The figures other figures are measured against."""
        return {
            (f.section, f.data, f.baseline)
            for f in self.items.values()
            if f.baseline is not None and (f.section, f.data, f.baseline) in self.items
        }

    def rows(self) -> list[Figure]:
        """The figures of the table, by section: every one but the pure baselines."""
        hidden = self.baselines()
        shown = [
            f for key, f in self.items.items() if f.samples and (key not in hidden or f.target)
        ]
        order = {name: n for n, name in enumerate(SECTIONS)}
        return sorted(shown, key=lambda f: (order.get(f.section, len(order)), f.data != "sample"))

    def summary(self) -> tuple[int, int]:
        """Targets that hold, targets measured."""
        verdicts = [self.holds(f) for f in self.items.values()]
        return sum(v is True for v in verdicts), sum(v is not None for v in verdicts)

    def json_rows(self) -> list[dict[str, Any]]:
        rows = []
        for figure in self.items.values():
            if not figure.samples:
                continue
            ratio, p90_ratio = self.ratio(figure)
            base = self.of(figure)
            rows.append(
                {
                    **asdict(figure),
                    "median": figure.median,
                    "p90": figure.p90,
                    "baseline_median": base.median if base and base.samples else None,
                    "ratio": ratio,
                    "p90_ratio": p90_ratio,
                    "holds": self.holds(figure),
                }
            )
        return rows


def fmt(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def target_text(figure: Figure) -> str:
    if figure.target is None:
        return ""
    if figure.is_absolute:
        return f"≤ {figure.target:g} {figure.unit}"
    text = f"≤ {figure.target:g}x"
    if figure.p90_target is not None:
        text += f", p90 ≤ {figure.p90_target:g}x"
    return text


def verdict(figures: Figures, figure: Figure) -> str:
    holds = figures.holds(figure)
    if holds is None:
        return ""
    return "yes" if holds else "**no**"


def table(figures: Figures) -> list[str]:
    """One line per figure: median, p90, its baseline's median, the ratio, target, verdict."""
    lines = [
        "| figure | median | p90 | baseline (median) | ratio | target | holds |",
        "|---|---:|---:|---|---:|---|---|",
    ]
    for figure in figures.rows():
        unit = f" {figure.unit}"
        base = figures.of(figure)
        base_text = f"{base.name}: {fmt(base.median)}{unit}" if base and base.samples else ""
        ratio, p90_ratio = figures.ratio(figure)
        ratio_text = "" if ratio is None else f"{ratio:.2f}x"
        if p90_ratio is not None and figure.p90_target is not None:
            ratio_text += f" (p90 {p90_ratio:.2f}x)"
        name = f"{figure.section}, {figure.data}: {figure.name}"
        notes = [figure.note] if figure.note else []
        if first := figure.extra.get(FIRST_BYTE):
            notes.append(f"first byte {fmt(statistics.median(first))}{unit}")
        base_cpu = base.extra.get(CPU) if base else None
        if (cpu := figure.extra.get(CPU)) and base_cpu:
            ratio_cpu = statistics.median(cpu) / statistics.median(base_cpu)
            notes.append(f"CPU {fmt(statistics.median(cpu))}{unit}, {ratio_cpu:.2f}x")
        if notes:
            name += f" ({'; '.join(notes)})"
        lines.append(
            f"| {name} | {fmt(figure.median)}{unit} | {fmt(figure.p90)}{unit} | {base_text} | "
            f"{ratio_text} | {target_text(figure)} | {verdict(figures, figure)} |"
        )
    return lines
