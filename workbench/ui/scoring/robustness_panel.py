"""How robust the verdict is: the headline a manager reads, and the details behind it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from workbench.core.grid import CRITERIA_BY_KEY, MAX_WEIGHT, Grid
from workbench.core.grid_report import GridReport
from workbench.core.robustness import Direction, Headline, MinimalFlip, WeightInterval
from workbench.core.robustness_words import headline_parts, moves_text, points_text, verdict_name
from workbench.core.scoring import Number
from workbench.i18n import Translator
from workbench.ui.context import WorkbenchNode
from workbench.ui.scoring.fitting import fit
from workbench.ui.text import safe_text

EXACT_DECIMALS = 3


def exact_number(value: Number, t: Translator) -> str:
    """The value exactly: 2.5, 0.125, or 8/3 when no short decimal is exact."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    scaled = value * 10**EXACT_DECIMALS
    if scaled.denominator == 1:
        text = f"{Decimal(value.numerator) / Decimal(value.denominator):f}"
        return text.replace(".", ",") if t.lang == "fr" else text
    return f"{value.numerator}/{value.denominator}"


def interval_bounds(interval: WeightInterval, t: Translator) -> str:
    """'w > 0', 'w < 9', '8/3 ≤ w ≤ 20.5': the exact interval in which the verdict holds."""
    low = "" if interval.low == 0 and interval.low_closed else exact_number(interval.low, t)
    if interval.high is None:
        if not low:
            return t("scoring.robustness.always")
        return f"w {'≥' if interval.low_closed else '>'} {low}"
    high = exact_number(interval.high, t)
    below = f"w {'≤' if interval.high_closed else '<'} {high}"
    if not low:
        return below
    return f"{low} {'≤' if interval.low_closed else '<'} {below}"


def headline_text(headline: Headline, t: Translator) -> Text:
    """The headline's words (``robustness_words.headline_parts``, shared with Compare and
    the memo) as a Text."""
    return Text.assemble(*headline_parts(headline, t))


def thresholds_text(grid: Grid, t: Translator) -> Text:
    return Text(
        t(
            "scoring.thresholds.words",
            pilot=grid.pilot_above,
            alternatives=grid.alternatives_below,
        )
    )


def discuss_text(report: GridReport, t: Translator) -> Text:
    """'⚑ Discuss: Technical applicability (ana 3, bob 5)' for each disputed criterion."""
    text = Text()
    for key in report.disputed:
        spread = report.spread(key)
        if spread is None:
            continue
        text.append("\n" if text.plain else "")
        text.append(f"⚑ {t('scoring.discuss')} ", "bold")
        text.append(CRITERIA_BY_KEY[key].label(t.lang))
        text.append(" (")
        for i, (who, score) in enumerate(sorted(spread.scores.items())):
            text.append(", " if i else "")
            text.append_text(safe_text(who, limit=40))
            text.append(f" {score}")
        text.append(")")
    return text


def flip_line(direction: Direction, flip: MinimalFlip | None, t: Translator) -> Text:
    arrow = "↑" if direction is Direction.UP else "↓"
    line = Text(f"  {arrow} ")
    if flip is None:
        line.append(t(f"scoring.robustness.none_{direction.value}"), "italic")
        return line
    line.append(points_text(flip.points, t), "bold")
    line.append(f"{t('scoring.headline.colon')}{moves_text(flip.moves, t)}  ⇒  ")
    line.append(verdict_name(flip.verdict, t), "bold")
    return line


class RobustnessPanel(WorkbenchNode, Widget):
    DEFAULT_CSS = """
    RobustnessPanel {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: GridReport | None = None

    def show(self, report: GridReport | None) -> None:
        self.report = report
        self.refresh()
        fit(self)

    def render(self) -> RenderResult:
        t = self.workbench.i18n
        lang = t.lang
        report = self.report
        title = t(
            "scoring.robustness.title_median"
            if report and report.consensus
            else "scoring.robustness.title"
        )
        parts: list[Text | Table] = [Text(title, style="bold underline")]
        if report is None:
            return Group(*parts)
        parts.append(thresholds_text(report.grid, t))
        evaluation = report.evaluation
        if not evaluation.complete:
            missing = ", ".join(CRITERIA_BY_KEY[k].label(lang) for k in evaluation.missing)
            parts.append(Text(t("scoring.robustness.incomplete", missing=missing), style="italic"))
            return Group(*parts)
        headline = report.headline
        parts.append(Text(t("scoring.robustness.smallest"), style="bold"))
        by_direction = {f.direction: f for f in headline.flips} if headline else {}
        for direction in Direction:
            parts.append(flip_line(direction, by_direction.get(direction), t))
        if report.flips:
            parts.append(Text(t("scoring.robustness.single"), style="bold"))
            for flip in report.flips:
                parts.append(
                    Text.assemble(
                        "  ",
                        CRITERIA_BY_KEY[flip.key].label(lang),
                        f" {t.smart(flip.current)} → {flip.new}  ⇒  ",
                        (verdict_name(flip.verdict, t), "bold"),
                    )
                )
        parts.append(Text(t("scoring.robustness.weights"), style="bold"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, overflow="ellipsis")
        table.add_column(justify="right", no_wrap=True)
        table.add_column()
        for interval in report.intervals:
            if interval.lowest == 0 and interval.highest == MAX_WEIGHT and interval.high is None:
                holds = Text(t("scoring.robustness.always"))
            else:
                whole = (
                    f"{interval.lowest}–{interval.highest}"
                    if interval.lowest != interval.highest
                    else str(interval.lowest)
                )
                holds = Text(t("scoring.robustness.whole", weights=whole))
                holds.append(
                    f"  ({t('scoring.robustness.exact')} {interval_bounds(interval, t)})", "dim"
                )
            table.add_row(
                Text("  " + CRITERIA_BY_KEY[interval.key].label(lang)),
                Text(f"×{interval.weight}"),
                holds,
            )
        parts.append(table)
        return Group(*parts)
