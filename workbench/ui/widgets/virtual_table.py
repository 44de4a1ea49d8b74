"""A table that renders only the rows on screen (Line API), whatever the number of rows.

A DataTable measures every cell of every row it holds; this one keeps plain row tuples
and builds the few strips the terminal shows, so 10k rows cost nothing to display.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.ui.text import fit_cell, safe_str, safe_text

Cell = str | Text


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    width: int | None = None
    """Fixed width in cells; None shares the remaining width (at least ``min_width``)."""
    min_width: int = 8
    align: str = "left"


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    cells: tuple[Cell, ...]
    style: str = ""


class VirtualTable(ScrollView, can_focus=True):
    """Rows with a sticky header and a cursor; messages on highlight and on Enter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--sorted",
    }
    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    VirtualTable > .virtual-table--header {
        text-style: bold;
        color: $text-accent;
        background: $panel;
    }
    VirtualTable > .virtual-table--sorted {
        text-style: bold underline;
    }
    VirtualTable > .virtual-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "table.up", show=False, id="table-up"),
        Binding("down,j", "cursor(1)", "table.down", show=False, id="table-down"),
        Binding("pageup", "page(-1)", "table.page_up", show=False, id="table-page-up"),
        Binding("pagedown", "page(1)", "table.page_down", show=False, id="table-page-down"),
        Binding("home", "edge(0)", "table.first", show=False, id="table-first"),
        Binding("end", "edge(1)", "table.last", show=False, id="table-last"),
        Binding("enter", "select", "table.open", id="table-open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class TableMessage(Message):
        def __init__(self, table: VirtualTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> VirtualTable:
            return self.table

    class Highlighted(TableMessage):
        def __init__(self, table: VirtualTable, key: str | None) -> None:
            super().__init__(table)
            self.key = key

    class Selected(TableMessage):
        def __init__(self, table: VirtualTable, key: str) -> None:
            super().__init__(table)
            self.key = key

    class HeaderClicked(TableMessage):
        def __init__(self, table: VirtualTable, column: str) -> None:
            super().__init__(table)
            self.column = column

    def __init__(
        self,
        columns: Sequence[Column] = (),
        *,
        empty_text: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns: list[Column] = list(columns)
        self.rows: list[Row] = []
        self.empty_text = empty_text
        self.sorted_column: str | None = None
        self.sort_reverse = False
        self._index: dict[str, int] = {}
        self._laid_out: tuple[Size, Size, Size] | None = None

    # data

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self.refresh()

    def set_rows(self, rows: Sequence[Row], *, keep: str | None = None) -> None:
        """Replace every row; the cursor stays on ``keep`` (or on the same key) if present,
        on the same line of the screen as far as the rows allow (rows inserted above it
        scroll the table rather than move the cursor down the screen)."""
        current = keep if keep is not None else self.cursor_key
        line = self.cursor - round(self.scroll_y)
        on_screen = 0 <= line < self.size.height - 1
        self.rows = list(rows)
        self._index = {row.key: i for i, row in enumerate(self.rows)}
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        found = self._index.get(current) if current else None
        if found is not None and on_screen:
            self.scroll_to(y=max(found - line, 0), animate=False, immediate=True)
        index = found if found is not None else min(self.cursor, len(self.rows) - 1)
        self.cursor = max(index if current else 0, 0)
        self.refresh()

    def replace_row(self, row: Row) -> None:
        """Draw ``row`` in place of the row with the same key, if shown."""
        index = self._index.get(row.key)
        if index is not None:
            self.rows[index] = row
            self._refresh_row(index)

    def _refresh_row(self, index: int) -> None:
        """Draw one row again (the others keep their cached lines), if it is on screen."""
        y = index - round(self.scroll_y) + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    @property
    def cursor_key(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].key
        return None

    def move_to(self, key: str) -> bool:
        index = self._index.get(key)
        if index is None:
            return False
        self.cursor = index
        return True

    # cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        top = round(self.scroll_y)
        self._scroll_cursor_into_view()
        if round(self.scroll_y) != top:
            self.refresh()
        else:
            self._refresh_row(old)
            self._refresh_row(new)
        self.post_message(self.Highlighted(self, self.cursor_key))

    def _scroll_cursor_into_view(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual updates a scroll view's scrollbars after any layout of the screen, which
        repaints them in a frame of their own: only when this table's sizes changed."""
        sizes = (size, container_size, self.virtual_size)
        if sizes == self._laid_out:
            return False
        self._laid_out = sizes
        return super()._size_updated(size, virtual_size, container_size, layout)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._scroll_cursor_into_view()

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.size.height - 2, 1)

    def action_edge(self, end: int) -> None:
        self.cursor = len(self.rows) - 1 if end else 0

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            column = self._column_at(event.x)
            if column is not None:
                self.post_message(self.HeaderClicked(self, column))
            return
        index = round(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index

    # rendering

    def _widths(self, total: int) -> list[int]:
        gaps = max(len(self.columns) - 1, 0)
        fixed = sum(c.width for c in self.columns if c.width is not None)
        flex = [c for c in self.columns if c.width is None]
        spare = max(total - fixed - gaps, 0)
        widths = []
        share = spare // len(flex) if flex else 0
        extra = spare - share * len(flex) if flex else 0
        for column in self.columns:
            if column.width is not None:
                widths.append(column.width)
            else:
                widths.append(max(share + extra, column.min_width))
                extra = 0
        return widths

    def _column_at(self, x: int) -> str | None:
        position = 0
        for column, width in zip(self.columns, self._widths(self._inner_width), strict=True):
            if position <= x < position + width + 1:
                return column.key
            position += width + 1
        return None

    def _line(
        self, cells: Sequence[Cell], widths: list[int], base: Style, overlay: Style | None = None
    ) -> list[Segment]:
        """One row; ``overlay`` (the cursor) wins over the cells' own colours."""
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for i, (column, width) in enumerate(zip(self.columns, widths, strict=True)):
            cell = cells[i] if i < len(cells) else ""
            text = fit_cell(cell if isinstance(cell, Text) else safe_text(cell), width)
            text.align("right" if column.align == "right" else "left", width)
            if i:
                line.append(" ")
            line.append_text(text)
        return [
            Segment(seg.text, base + seg.style if seg.style else base)
            for seg in line.render(self.app.console)
        ]

    @property
    def _inner_width(self) -> int:
        """The width the rows get: the scrollbar takes its column from the table's width."""
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        width = self._inner_width
        widths = self._widths(width)
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("virtual-table--header")
            labels: list[Cell] = []
            for column, column_width in zip(self.columns, widths, strict=True):
                label = column.label
                if column.key == self.sorted_column:  # a cut label keeps its arrow
                    arrow = " ▼" if self.sort_reverse else " ▲"
                    cut = fit_cell(safe_text(label), max(column_width - len(arrow), 1))
                    label = cut.plain + arrow
                labels.append(label)
            segments = self._line(labels, widths, base + header)
            return Strip(segments).crop_extend(0, width, base + header)
        index = round(self.scroll_y) + y - 1
        if index >= len(self.rows):
            if not self.rows and y == 1 and self.empty_text:
                dim = base + Style(dim=True, italic=True)
                return Strip([Segment(safe_str(self.empty_text), dim)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base + Style.parse(row.style) if row.style else base
        overlay = None
        if index == self.cursor:
            overlay = self.get_component_rich_style("virtual-table--cursor")
            style = style + overlay
        return Strip(self._line(row.cells, widths, style, overlay)).crop_extend(0, width, style)
