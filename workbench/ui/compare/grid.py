"""A grid of rows x many columns that builds only the cells on screen (Line API).

The first column (the row labels) stays put; the other columns scroll sideways one
column at a time. Cells come from a ``GridSource`` asked only for the visible ones, and
are kept until ``invalidate()``: with 500 teams the grid builds a screenful, not 6,000.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from workbench.ui.text import fit_cell

HEADER_LINES = 2


class GridSource(Protocol):
    @property
    def row_count(self) -> int: ...

    @property
    def column_count(self) -> int: ...

    def row_label(self, row: int) -> Text: ...

    def header(self, column: int) -> tuple[Text, Text]: ...

    def cell(self, row: int, column: int) -> Text: ...


class EmptySource:
    row_count = 0
    column_count = 0

    def row_label(self, row: int) -> Text:
        return Text()

    def header(self, column: int) -> tuple[Text, Text]:
        return Text(), Text()

    def cell(self, row: int, column: int) -> Text:
        return Text()


class CompareGrid(Widget, can_focus=True):
    """Arrows move a cell cursor; Enter posts ``Selected`` with the cell."""

    help_title = "compare.grid_title"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-grid--header",
        "compare-grid--label",
        "compare-grid--cursor",
        "compare-grid--cursor-line",
    }
    DEFAULT_CSS = """
    CompareGrid {
        height: auto;
        background: $surface;
    }
    CompareGrid > .compare-grid--header {
        text-style: bold;
        color: $text-accent;
        background: $panel;
    }
    CompareGrid > .compare-grid--label { text-style: bold; }
    CompareGrid > .compare-grid--cursor-line { background: $boost; }
    CompareGrid > .compare-grid--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    CompareGrid:focus > .compare-grid--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(0, -1)", "compare.keys.left", show=False, id="compare-left"),
        Binding("right,l", "move(0, 1)", "compare.keys.right", show=False, id="compare-right"),
        Binding("up,k", "move(-1, 0)", "compare.keys.up", show=False, id="compare-up"),
        Binding("down,j", "move(1, 0)", "compare.keys.down", show=False, id="compare-down"),
        Binding("home", "edge(0)", "compare.keys.first", show=False, id="compare-first"),
        Binding("end", "edge(1)", "compare.keys.last", show=False, id="compare-last"),
        Binding("pageup", "page(-1)", "compare.keys.page_left", show=False, id="compare-page-left"),
        Binding(
            "pagedown", "page(1)", "compare.keys.page_right", show=False, id="compare-page-right"
        ),
        Binding("enter", "select", "compare.keys.open", id="compare-open"),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)
    cursor_column: reactive[int] = reactive(0, always_update=True)

    class Moved(Message):
        def __init__(self, grid: CompareGrid) -> None:
            super().__init__()
            self.grid = grid

        @property
        def control(self) -> CompareGrid:
            return self.grid

    class Selected(Message):
        def __init__(self, grid: CompareGrid, row: int, column: int) -> None:
            super().__init__()
            self.grid = grid
            self.row = row
            self.column = column

        @property
        def control(self) -> CompareGrid:
            return self.grid

    def __init__(
        self,
        *,
        label_width: int = 27,
        column_width: int = 14,
        max_column_width: int = 28,
        empty_text: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.source: GridSource = EmptySource()
        self.label_width = label_width
        self.min_column_width = column_width
        self.max_column_width = max_column_width
        self.empty_text = empty_text
        self.first_column = 0
        self._cells: dict[tuple[int, int], Text] = {}
        self._headers: dict[int, tuple[Text, Text]] = {}
        self._segments: dict[tuple[tuple[object, ...], int], list[Segment]] = {}
        self._labels: dict[int, list[Segment]] = {}
        self.built = 0
        """How many cells were built since the last ``invalidate`` (the benchmark reads it)."""

    # data

    def show(self, source: GridSource, *, column: int | None = None) -> None:
        self.source = source
        self.invalidate()
        if column is not None:
            self.cursor_column = column
        else:
            self.cursor_column = self.cursor_column
        self.cursor_row = self.cursor_row
        self.styles.height = HEADER_LINES + max(source.row_count, 1)
        self.refresh()

    def invalidate(self) -> None:
        self._cells.clear()
        self._headers.clear()
        self._segments.clear()
        self._labels.clear()
        self.built = 0
        self.refresh()

    def invalidate_row(self, row: int) -> None:
        """Forget one row's label and cells (the others stay built)."""
        self._labels.pop(row, None)
        for cell in [cell for cell in self._cells if cell[0] == row]:
            del self._cells[cell]
        for rendered in [r for r in self._segments if r[0][:2] == ("cell", row)]:
            del self._segments[rendered]
        self.refresh()

    # geometry

    @property
    def column_width(self) -> int:
        """At least the minimum; wider (up to the maximum) when every column fits."""
        count = max(self.source.column_count, 1)
        share = (self.size.width - self.label_width) // count - 1
        return max(self.min_column_width, min(self.max_column_width, share))

    @property
    def visible_columns(self) -> int:
        room = self.size.width - self.label_width
        return max(1, room // (self.column_width + 1))

    def validate_cursor_row(self, value: int) -> int:
        return max(0, min(value, self.source.row_count - 1))

    def validate_cursor_column(self, value: int) -> int:
        return max(0, min(value, self.source.column_count - 1))

    def watch_cursor_column(self) -> None:
        self._scroll_into_view()
        self.refresh()
        self.post_message(self.Moved(self))

    def watch_cursor_row(self) -> None:
        self.refresh()
        self.post_message(self.Moved(self))

    def _scroll_into_view(self) -> None:
        shown = self.visible_columns
        if self.cursor_column < self.first_column:
            self.first_column = self.cursor_column
        elif self.cursor_column >= self.first_column + shown:
            self.first_column = self.cursor_column - shown + 1
        self.first_column = max(0, min(self.first_column, self.source.column_count - shown))

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_into_view()

    # actions

    def action_move(self, rows: int, columns: int) -> None:
        if rows:
            self.cursor_row += rows
        if columns:
            self.cursor_column += columns

    def action_edge(self, end: int) -> None:
        self.cursor_column = self.source.column_count - 1 if end else 0

    def action_page(self, direction: int) -> None:
        self.cursor_column += direction * self.visible_columns

    def action_select(self) -> None:
        if self.source.column_count and self.source.row_count:
            self.post_message(self.Selected(self, self.cursor_row, self.cursor_column))

    def on_click(self, event: events.Click) -> None:
        if event.x < self.label_width:
            if event.y >= HEADER_LINES:
                self.cursor_row = event.y - HEADER_LINES
            return
        column = self.first_column + (event.x - self.label_width) // (self.column_width + 1)
        if column >= self.source.column_count:
            return
        row = event.y - HEADER_LINES if event.y >= HEADER_LINES else self.cursor_row
        again = column == self.cursor_column and row == self.cursor_row
        self.cursor_column = column
        self.cursor_row = row
        if again and event.chain >= 2:
            self.action_select()

    # rendering

    def _header(self, column: int) -> tuple[Text, Text]:
        found = self._headers.get(column)
        if found is None:
            found = self.source.header(column)
            self._headers[column] = found
        return found

    def _cell(self, row: int, column: int) -> Text:
        found = self._cells.get((row, column))
        if found is None:
            found = self.source.cell(row, column)
            self._cells[(row, column)] = found
            self.built += 1
        return found

    def _fit(self, text: Text, width: int, *, right: bool = False) -> Text:
        fitted = fit_cell(text, width)
        fitted.align("right" if right else "left", width)
        return fitted

    def _position(self) -> Text:
        total = self.source.column_count
        if total == 0:
            return Text()
        last = min(total, self.first_column + self.visible_columns)
        left = "◂ " if self.first_column > 0 else "  "
        right = " ▸" if last < total else ""
        return Text(f"{left}{self.first_column + 1}–{last}/{total}{right}")

    def _rendered(self, key: tuple[object, ...], text: Text, width: int) -> list[Segment]:
        """A cell fitted to ``width`` and rendered once: moving the cursor re-renders nothing."""
        found = self._segments.get((key, width))
        if found is None:
            found = list(self._fit(text, width).render(self.app.console))
            self._segments[(key, width)] = found
        return found

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        source = self.source
        if source.column_count == 0:
            if y == 0 and self.empty_text:
                dim = base + Style(dim=True, italic=True)
                return Strip([Segment(self.empty_text, dim)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        column_width = self.column_width
        columns = range(
            self.first_column, min(source.column_count, self.first_column + self.visible_columns)
        )
        parts: list[tuple[list[Segment], Style | None]] = []
        if y < HEADER_LINES:
            style = base + self.get_component_rich_style("compare-grid--header")
            label = self._position() if y == 0 else Text()
            parts.append((list(self._fit(label, self.label_width).render(self.app.console)), None))
            marked = Style(reverse=True) if y == 0 else Style(bold=True)
            for column in columns:
                text = self._header(column)[y]
                rendered = self._rendered(("head", y, column), text, column_width)
                parts.append((rendered, marked if column == self.cursor_column else None))
        else:
            row = y - HEADER_LINES
            if row >= source.row_count:
                return Strip.blank(width, base)
            style = base
            on_row = row == self.cursor_row
            if on_row:
                style = base + self.get_component_rich_style("compare-grid--cursor-line")
            label_style = self.get_component_rich_style("compare-grid--label")
            labelled = self._labels.get(row)
            if labelled is None:
                fitted = self._fit(source.row_label(row), self.label_width)
                labelled = list(fitted.render(self.app.console))
                self._labels[row] = labelled
            parts.append((labelled, label_style))
            cursor = self.get_component_rich_style("compare-grid--cursor")
            for column in columns:
                cell = self._cell(row, column)
                rendered = self._rendered(("cell", row, column), cell, column_width)
                parts.append(
                    (rendered, cursor if on_row and column == self.cursor_column else None)
                )
        segments: list[Segment] = []
        for index, (rendered, overlay) in enumerate(parts):
            if index:
                segments.append(Segment(" ", style))
            for segment in rendered:
                combined = style + segment.style if segment.style else style
                if overlay is not None:
                    combined = combined + overlay
                segments.append(Segment(segment.text, combined))
        return Strip(segments).crop_extend(0, width, style)
