"""The live result: "74 / 115 · 64.3 % · PILOT" over a bar marking the two thresholds."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from workbench.core.scoring import Evaluation, Verdict
from workbench.ui.context import WorkbenchNode
from workbench.ui.widgets.verdict_style import VERDICT_STYLE, verdict_key

CRITERIA_COUNT = 6

FULL, EMPTY, SPAN, MARK = "█", "░", "▒", "┃"
BOLD = Style(bold=True)


class VerdictBar(WorkbenchNode, Widget):
    DEFAULT_CSS = """
    VerdictBar {
        height: auto;
        padding: 0 1;
    }
    VerdictBar > .verdict-bar--pilot { color: $text-success; }
    VerdictBar > .verdict-bar--investigate { color: $text-warning; }
    VerdictBar > .verdict-bar--alternatives { color: $text-error; }
    VerdictBar > .verdict-bar--clarify { color: $text-accent; }
    VerdictBar > .verdict-bar--empty { color: $foreground-darken-3; }
    VerdictBar > .verdict-bar--mark { color: $foreground; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "verdict-bar--pilot",
        "verdict-bar--investigate",
        "verdict-bar--alternatives",
        "verdict-bar--clarify",
        "verdict-bar--empty",
        "verdict-bar--mark",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.evaluation: Evaluation | None = None

    def show(self, evaluation: Evaluation | None) -> None:
        self.evaluation = evaluation
        self.refresh()

    def _style(self, verdict: Verdict | None) -> Style:
        if verdict is None:
            return Style()
        name = VERDICT_STYLE[verdict]
        return self.get_component_rich_style(f"verdict-bar--{name}")

    def summary(self) -> Text:
        e = self.evaluation
        t = self.workbench.i18n
        if e is None:
            return Text(t("scoring.no_selection"), style="italic")
        if e.complete:
            assert e.total is not None
            assert e.percent is not None
            assert e.verdict is not None
            text = Text.assemble(
                (f"{t.smart(e.total)} / {e.maximum}", "bold"),
                "  ·  ",
                (t.percent(e.percent), "bold"),
                "  ·  ",
                (t(verdict_key(e.verdict)).upper(), BOLD + self._style(e.verdict)),
            )
            return text
        scored = CRITERIA_COUNT - len(e.missing)
        text = Text.assemble(
            (t("scoring.incomplete", scored=scored, total=CRITERIA_COUNT), "bold"),
            "  ·  ",
            t("scoring.possible"),
            " ",
        )
        for i, verdict in enumerate(e.possible):
            if i:
                text.append(" / ")
            text.append(t(verdict_key(verdict)).upper(), BOLD + self._style(verdict))
        text.append(f"  ({t.percent(e.low_percent)} – {t.percent(e.high_percent)})")
        return text

    def bar(self, width: int) -> Text:
        e = self.evaluation
        if e is None or width < 10:
            return Text()
        grid = e.grid

        def at(percent: float) -> int:
            return min(width - 1, max(0, round(percent / 100 * width)))

        empty = self.get_component_rich_style("verdict-bar--empty")
        mark = self.get_component_rich_style("verdict-bar--mark")
        low = at(float(e.low_percent))
        high = at(float(e.high_percent))
        verdict = e.verdict if e.complete else None
        fill = self._style(verdict) if verdict else self._style(e.possible[0])
        cells = []
        for x in range(width):
            if x < low:
                cells.append((FULL, fill))
            elif x < high:
                cells.append((SPAN, fill))
            else:
                cells.append((EMPTY, empty))
        for threshold in (grid.alternatives_below, grid.pilot_above):
            cells[at(threshold)] = (MARK, mark)
        text = Text()
        for char, style in cells:
            text.append(char, style)
        return text

    def render(self) -> RenderResult:
        width = max(self.content_size.width, 10)
        return Group(self.summary(), self.bar(width))
