"""The six criteria as rows: label, weight, score, a 5-step gauge, the median, the reason."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workbench.core.assessment import Assessment, Rating
from workbench.core.grid import CRITERIA, MAX_SCORE
from workbench.core.grid_report import GridReport
from workbench.core.scoring import Number
from workbench.ui.context import WorkbenchNode

GAUGE_ON, GAUGE_OFF, GAUGE_MAYBE = "■", "□", "▫"
ROW_META, SCORE_META = "criterion-row", "score-step"
"""Style meta of each row, and of each square of a gauge: what a click landed on."""


class ScoreGrid(WorkbenchNode, Widget, can_focus=True):
    """Up/down moves between criteria; the pane's keys act on ``cursor``."""

    help_title = "scoring.grid_title"
    DEFAULT_CSS = """
    ScoreGrid {
        height: auto;
        padding: 0 1;
    }
    ScoreGrid > .score-grid--header { color: $text-muted; text-style: bold; }
    ScoreGrid > .score-grid--cursor { background: $block-cursor-blurred-background; }
    ScoreGrid:focus > .score-grid--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    ScoreGrid > .score-grid--gauge { color: $text-primary; }
    ScoreGrid > .score-grid--disputed { color: $text-warning; text-style: bold; }
    ScoreGrid > .score-grid--missing { color: $text-muted; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "score-grid--header",
        "score-grid--cursor",
        "score-grid--gauge",
        "score-grid--disputed",
        "score-grid--missing",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "scoring.keys.up", show=False, id="scoring-up"),
        Binding("down,j", "move(1)", "scoring.keys.down", show=False, id="scoring-down"),
        Binding("home", "move(-6)", "scoring.keys.first", show=False, id="scoring-first"),
        Binding("end", "move(6)", "scoring.keys.last", show=False, id="scoring-last"),
    ]

    cursor: reactive[int] = reactive(0)

    class Moved(Message):
        """The cursor moved to another criterion."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: GridReport | None = None
        self.assessment: Assessment | None = None
        self.assessor = ""

    @property
    def key(self) -> str:
        return CRITERIA[self.cursor].key

    def show(self, report: GridReport, assessment: Assessment | None, assessor: str) -> None:
        self.report = report
        self.assessment = assessment
        self.assessor = assessor
        self.refresh(layout=True)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(CRITERIA) - 1))

    def _rating(self, key: str) -> Rating:
        if self.assessment is None or (self.report and self.report.consensus):
            return Rating()
        return self.assessment.rating(self.assessor, key)

    def _gauge(self, score: Number | None, rating: Rating) -> Text:
        style = self.get_component_rich_style("score-grid--gauge")
        muted = self.get_component_rich_style("score-grid--missing")
        gauge = Text()
        low, high = rating.bounds if score is None else (score, score)
        for step in range(1, MAX_SCORE + 1):
            clickable = Style.from_meta({SCORE_META: step})
            if score is not None and step <= score:
                gauge.append(GAUGE_ON, style + clickable)
            elif score is None and rating.low is not None and low <= step <= high:
                gauge.append(GAUGE_MAYBE, style + clickable)
            else:
                gauge.append(GAUGE_OFF, muted + clickable)
        return gauge

    def render(self) -> RenderResult:
        t = self.workbench.i18n
        lang = t.lang
        report = self.report
        width = self.content_size.width
        show_median = bool(report and not report.consensus and len(report_assessors(report)) > 1)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=1, no_wrap=True)
        table.add_column(ratio=2, no_wrap=True, overflow="ellipsis", min_width=14)
        table.add_column(width=3, justify="right", no_wrap=True)
        table.add_column(width=5, justify="center", no_wrap=True)
        table.add_column(width=5, no_wrap=True)
        if show_median:
            table.add_column(width=5, justify="right", no_wrap=True)
        if width >= 70:
            table.add_column(ratio=3, no_wrap=True, overflow="ellipsis")
        header = self.get_component_rich_style("score-grid--header")
        labels = ["", t("scoring.col.criterion"), t("scoring.col.weight"), t("scoring.col.score")]
        labels.append(t("scoring.col.gauge"))
        if show_median:
            labels.append(t("scoring.col.median"))
        if width >= 70:
            labels.append(t("scoring.col.reason"))
        table.add_row(*(Text(label, style=header) for label in labels))
        disputed_style = self.get_component_rich_style("score-grid--disputed")
        muted = self.get_component_rich_style("score-grid--missing")
        cursor_style = self.get_component_rich_style("score-grid--cursor")
        for index, criterion in enumerate(CRITERIA):
            key = criterion.key
            score = report.scores.get(key) if report else None
            rating = self._rating(key)
            spread = report.spread(key) if report else None
            disputed = bool(spread and spread.disputed)
            label = Text(criterion.label(lang))
            if disputed:
                label.append(" ⚑", disputed_style)
            if score is not None:
                shown = Text(t.smart(score), style="bold")
            elif rating.low is not None:
                shown = Text(f"{rating.low}-{rating.high}")
            else:
                shown = Text("–", style=muted)
            weight = report.grid.weight(key) if report else criterion.default_weight
            cells: list[Text] = [
                Text("›" if index == self.cursor else " "),
                label,
                Text(f"×{weight}"),
                shown,
                self._gauge(score, rating),
            ]
            if show_median and spread is not None:
                median = Text(t.smart(spread.median) if spread.median is not None else "–")
                if disputed:
                    median.stylize(disputed_style)
                cells.append(median)
            if width >= 70:
                reason = rating.reason if not (report and report.consensus) else ""
                cells.append(Text(reason, style="italic"))
            style = cursor_style if index == self.cursor else Style()
            table.add_row(*cells, style=style + Style.from_meta({ROW_META: index}))
        return table

    async def on_click(self, event: events.Click) -> None:
        """A click on a row selects its criterion; on the n-th square of the gauge, scores n."""
        meta = event.style.meta
        if ROW_META not in meta:
            return
        self.focus()
        self.cursor = int(meta[ROW_META])
        if SCORE_META in meta:
            pane = next((node for node in self.ancestors if hasattr(node, "action_score")), None)
            if pane is not None:
                await self.app.run_action(f"score({int(meta[SCORE_META])})", pane)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def watch_cursor(self) -> None:
        self.refresh()
        self.post_message(self.Moved())


def report_assessors(report: GridReport) -> set[str]:
    names: set[str] = set()
    for spread in report.spreads:
        names.update(spread.scores)
    return names
