"""The six criteria as rows: weight, each assessor's score side by side, the median, your
column (the one you edit), a 5-step gauge and the reasons."""

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
from workbench.ui.context import WorkbenchNode
from workbench.ui.scoring.fitting import fit
from workbench.ui.text import safe_text

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
    ScoreGrid > .score-grid--mine { text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "score-grid--header",
        "score-grid--cursor",
        "score-grid--gauge",
        "score-grid--disputed",
        "score-grid--missing",
        "score-grid--mine",
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
        self.wrap_reasons = False

    @property
    def key(self) -> str:
        return CRITERIA[self.cursor].key

    def show(self, report: GridReport | None, assessment: Assessment | None, assessor: str) -> None:
        self.report = report
        self.assessment = assessment
        self.assessor = assessor
        self.refresh()
        fit(self)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(CRITERIA) - 1))

    def columns(self) -> list[str]:
        """Whose scores are shown side by side: every assessor, and you (the one you edit)."""
        names = list(self.assessment.assessors) if self.assessment else []
        if self.assessor not in names:
            names.append(self.assessor)
        return names

    def _gauge(self, rating: Rating) -> Text:
        style = self.get_component_rich_style("score-grid--gauge")
        muted = self.get_component_rich_style("score-grid--missing")
        gauge = Text()
        score = rating.score
        low, high = rating.bounds
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
        names = self.columns()
        others = [n for n in names if n != self.assessor]
        header = self.get_component_rich_style("score-grid--header")
        disputed_style = self.get_component_rich_style("score-grid--disputed")
        muted = self.get_component_rich_style("score-grid--missing")
        cursor_style = self.get_component_rich_style("score-grid--cursor")
        mine_style = self.get_component_rich_style("score-grid--mine")
        table = Table.grid(padding=(0, 1), expand=True)
        name_width = 6 if width < 100 else 10
        table.add_column(width=1, no_wrap=True)
        table.add_column(ratio=2, no_wrap=True, overflow="ellipsis", min_width=12)
        table.add_column(width=3, justify="right", no_wrap=True)
        for _ in others:
            table.add_column(width=name_width, justify="center", no_wrap=True, overflow="ellipsis")
        if others:
            table.add_column(width=5, justify="center", no_wrap=True)
        table.add_column(width=name_width, justify="center", no_wrap=True, overflow="ellipsis")
        show_gauge = width >= 60 + 7 * len(others)
        if show_gauge:
            table.add_column(width=5, no_wrap=True)
        used = 3 + 14 + 4 + (name_width + 1) * (len(others) + 1) + (6 if others else 0)
        show_reason = width - used - (6 if show_gauge else 0) >= 20
        if show_reason:
            wrap = self.wrap_reasons
            table.add_column(ratio=4, no_wrap=not wrap, overflow="fold" if wrap else "ellipsis")
        short = self._too_narrow(table, width)
        labels: list[Text] = [
            Text(""),
            Text(t("scoring.col.criterion"), style=header),
            Text(t("scoring.col.weight"), style=header),
        ]
        labels += [safe_text(name, header, limit=name_width) for name in others]
        if others:
            labels.append(Text(t("scoring.col.median"), style=header))
        labels.append(
            Text("✎ ", style=header + mine_style).append_text(
                safe_text(self.assessor, limit=name_width)
            )
        )
        if show_gauge:
            labels.append(Text(t("scoring.col.gauge"), style=header))
        if show_reason:
            labels.append(Text(t("scoring.col.reason"), style=header))
        table.add_row(*labels)
        for index, criterion in enumerate(CRITERIA):
            key = criterion.key
            spread = report.spread(key) if report else None
            disputed = bool(spread and spread.disputed)
            label = Text(t(f"scoring.criterion_short.{key}") if short else criterion.label(lang))
            if disputed:
                label.append(" ⚑", disputed_style)
            weight = report.grid.weight(key) if report else criterion.default_weight
            cells: list[Text] = [
                Text("›" if index == self.cursor else " "),
                label,
                Text(f"×{weight}"),
            ]
            for name in others:
                cells.append(rating_cell(self._rating(name, key), muted))
            if others:
                median = spread.median if spread else None
                cell = Text(t.smart(median) if median is not None else "–", style="bold")
                if disputed:
                    cell.stylize(disputed_style)
                cells.append(cell)
            mine = self._rating(self.assessor, key)
            cells.append(rating_cell(mine, muted, bold=True))
            if show_gauge:
                cells.append(self._gauge(mine))
            if show_reason:
                cells.append(self._reasons(key, names))
            style = Style()
            if index == self.cursor:
                style = cursor_style
                # the cursor's colours win over a cell's own (a disputed median's yellow on
                # the light cursor of 16 colours reads at 1.3:1): the mark ⚑ and bold stay
                on_cursor = Style(color=cursor_style.color, bgcolor=cursor_style.bgcolor)
                for cell in cells:
                    cell.stylize(on_cursor)
            table.add_row(*cells, style=style + Style.from_meta({ROW_META: index}))
        return table

    def _too_narrow(self, table: Table, width: int) -> bool:
        """Whether the criterion column is too narrow for the full labels: then the short
        ones ("Impact", "Levier"), whole, rather than "Impact busi…" (the full label and
        the question show below the grid for the criterion under the cursor).

        The column's ratio shares what the fixed columns leave, whatever the rows hold:
        the table's columns alone give its width."""
        lang = self.workbench.i18n.lang
        longest = max(len(criterion.label(lang)) for criterion in CRITERIA)
        console = self.app.console
        widths = table._calculate_column_widths(console, console.options.update_width(width))
        return widths[1] - 2 < longest  # a column's width holds its padding, one each side

    def _rating(self, name: str, key: str) -> Rating:
        if self.assessment is None:
            return Rating()
        return self.assessment.rating(name, key)

    def _reasons(self, key: str, names: list[str]) -> Text:
        """Every assessor's reason for this criterion, your own first."""
        given = [(n, self._rating(n, key).reason) for n in names]
        given = [(n, r) for n, r in given if r]
        given.sort(key=lambda item: item[0] != self.assessor)
        text = Text(style="italic", no_wrap=not self.wrap_reasons)
        for i, (name, reason) in enumerate(given):
            if i:
                text.append(" · ")
            if len(names) > 1:
                text.append_text(safe_text(name, limit=20))
                text.append(": ")
            text.append_text(safe_text(reason, limit=1000))
        return text

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


def rating_cell(rating: Rating, missing: Style | str = "dim", *, bold: bool = False) -> Text:
    """A score (4), a range (2-4) or a dash."""
    if rating.score is not None:
        return Text(str(rating.score), style="bold" if bold else "")
    if rating.low is not None:
        return Text(f"{rating.low}-{rating.high}")
    return Text("–", style=missing)
