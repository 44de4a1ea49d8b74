"""How robust the verdict is: the score changes that flip it, each weight's stable range."""

from __future__ import annotations

from fractions import Fraction

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from workbench.core.grid import CRITERIA_BY_KEY, MAX_WEIGHT
from workbench.core.grid_report import GridReport
from workbench.core.robustness import WeightInterval
from workbench.i18n import Translator
from workbench.ui.context import WorkbenchNode
from workbench.ui.widgets.verdict_style import verdict_key


def interval_bounds(interval: WeightInterval, t: Translator) -> str:
    """'> 0', '< 9', '0.5 – 7' ... the real interval in which the verdict holds."""

    def number(value: Fraction) -> str:
        return t.smart(value)

    low = "" if interval.low == 0 and interval.low_closed else number(interval.low)
    if interval.high is None:
        if not low:
            return t("scoring.robustness.always")
        return f"{'≥' if interval.low_closed else '>'} {low}"
    high = number(interval.high)
    if not low:
        return f"{'≤' if interval.high_closed else '<'} {high}"
    left = "[" if interval.low_closed else "]"
    right = "]" if interval.high_closed else "["
    return f"{left}{low} ; {high}{right}"


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
        self.refresh(layout=True)

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
        evaluation = report.evaluation
        if not evaluation.complete:
            missing = ", ".join(CRITERIA_BY_KEY[k].label(lang) for k in evaluation.missing)
            parts.append(Text(t("scoring.robustness.incomplete", missing=missing), style="italic"))
            return Group(*parts)
        if report.smallest:
            parts.append(Text(t("scoring.robustness.smallest"), style="bold"))
            for flip in report.smallest:
                parts.append(
                    Text.assemble(
                        "  ",
                        CRITERIA_BY_KEY[flip.key].label(lang),
                        f"  {t.smart(flip.current)} → {flip.new}  ⇒  ",
                        (t(verdict_key(flip.verdict)).upper(), "bold"),
                    )
                )
            others = [f for f in report.flips if f not in report.smallest]
            if others:
                listed = "; ".join(
                    f"{CRITERIA_BY_KEY[f.key].label(lang)} {t.smart(f.current)} → {f.new}"
                    for f in others
                )
                parts.append(Text(t("scoring.robustness.other_flips", flips=listed), style="dim"))
        else:
            parts.append(Text(t("scoring.robustness.no_flip"), style="italic"))
        parts.append(Text(t("scoring.robustness.weights"), style="bold"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, overflow="ellipsis")
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True, style="dim")
        for interval in report.intervals:
            bounds = interval_bounds(interval, t)
            if interval.lowest == 0 and interval.highest == MAX_WEIGHT and interval.high is None:
                holds, detail = t("scoring.robustness.always"), ""
            else:
                whole = (
                    f"{interval.lowest}–{interval.highest}"
                    if interval.lowest != interval.highest
                    else str(interval.lowest)
                )
                holds, detail = t("scoring.robustness.whole", weights=whole), f"({bounds})"
            table.add_row(
                Text("  " + CRITERIA_BY_KEY[interval.key].label(lang)),
                Text(f"×{interval.weight}"),
                Text(holds),
                Text(detail),
            )
        parts.append(table)
        return Group(*parts)
