"""The bar view of the Compare tab: one row per team, each built only when it is on screen.

A ``VirtualTable`` whose rows are placeholders (the key only): ``render_line`` asks for
the cells of the visible rows and keeps them until the next ``show``. With 500 teams a
screenful of bars is built, not 500.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.strip import Strip

from workbench.core.comparison import Compared
from workbench.ui.compare.words import CompareWords
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Cell, Column, Row, VirtualTable

NAME_MIN, NAME_MAX = 12, 28
PERCENT_WIDTH = 8
VERDICT_WIDTH = 13


def bar_layout(
    words: CompareWords, width: int, verdicts: int = VERDICT_WIDTH
) -> tuple[list[Column], int]:
    """The columns of the bar view for a table ``width`` cells wide, and the bar's width.

    ``verdicts`` is the widest verdict to show: an open grid's possible verdicts ("? pilot/
    invest.") are read whole, the bar gives up what they need (down to 20 cells)."""
    name = max(NAME_MIN, min(NAME_MAX, width // 4))
    spare = width - name - PERCENT_WIDTH - 4 - 20
    verdict = max(VERDICT_WIDTH, min(verdicts, spare))
    bar = max(10, width - name - PERCENT_WIDTH - verdict - 4)
    t = words.t
    columns = [
        Column("team", t("compare.col.team"), width=name),
        Column("percent", t("compare.col.percent"), width=PERCENT_WIDTH, align="right"),
        Column("bar", t("compare.col.bar", low=40, high=60), width=bar),
        Column("verdict", t("compare.col.verdict"), width=verdict),
    ]
    return columns, bar


def bar_row(item: Compared, words: CompareWords, bar_width: int) -> Row:
    cells = (
        safe_text(item.team.name),
        words.percent(item),
        words.bar(item, bar_width),
        words.verdict(item),
    )
    return Row(item.key, cells)


class CompareBars(VirtualTable):
    help_title = "compare.table_title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "compare.keys.open", id="compare-bars-open"),
    ]

    def __init__(self, *, empty_text: str = "", id: str | None = None) -> None:
        super().__init__(empty_text=empty_text, id=id)
        self.items: list[Compared] = []
        self._words: CompareWords | None = None
        self._bar_width = 10
        self._cells: dict[int, tuple[Cell, ...]] = {}
        self.built = 0
        """How many rows were built since the last ``show`` (the benchmark reads it)."""

    def show(
        self, items: list[Compared], words: CompareWords, width: int, *, keep: str | None
    ) -> None:
        """The bars of ``items`` for a table ``width`` cells wide; the cursor stays on ``keep``."""
        self.items = items
        self._words = words
        self._cells.clear()
        self.built = 0
        widest = max((words.verdict(item).cell_len for item in items), default=0)
        columns, self._bar_width = bar_layout(words, width, widest)
        self.set_columns(columns)
        self.set_rows([Row(item.key, ()) for item in items], keep=keep)

    def _row_cells(self, index: int) -> tuple[Cell, ...]:
        found = self._cells.get(index)
        if found is None:
            assert self._words is not None
            found = bar_row(self.items[index], self._words, self._bar_width).cells
            self._cells[index] = found
            self.built += 1
        return found

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y - 1
        if y == 0 or not 0 <= index < len(self.items):
            return super().render_line(y)
        width = self._inner_width
        base = self.rich_style
        style: Style = base
        overlay = None
        if index == self.cursor:
            overlay = self.get_component_rich_style("virtual-table--cursor")
            style = style + overlay
        cells = self._row_cells(index)
        line = self._line(cells, self._widths(width), style, overlay)
        return Strip(line).crop_extend(0, width, style)
