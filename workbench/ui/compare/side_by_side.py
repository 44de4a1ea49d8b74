"""View 1: the teams assessed on one programme, side by side or as bars.

The grid keeps its criterion column while the team columns scroll sideways; the panel under
it says what the cell under the cursor means. ``b`` shows a bar per team instead. Both
follow the sort, the filters and the search; Enter opens the assessment in Scoring.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.worker import get_current_worker

from workbench.core.assessment import Assessment
from workbench.core.comparison import Compared, Filters, SortBy, matches, sort_key
from workbench.core.scoring import Verdict
from workbench.ui.compare.bars import CompareBars
from workbench.ui.compare.cells import ROWS, SideBySide
from workbench.ui.compare.data import CompareData
from workbench.ui.compare.grid import CompareGrid
from workbench.ui.compare.state import View
from workbench.ui.compare.view import CompareView, ShowAgain
from workbench.ui.dialogs.picker import Choice
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.text_panel import TextPanel
from workbench.ui.widgets.verdict_style import verdict_key


class SideBySideView(CompareView):
    DEFAULT_CSS = """
    SideBySideView #compare-detail {
        height: 1fr;
        padding: 0 1;
        border-top: solid $primary-muted;
        color: $text;
    }
    SideBySideView #compare-bars { display: none; }
    SideBySideView.-bars #compare-bars { display: block; }
    SideBySideView.-bars #compare-grid, SideBySideView.-bars #compare-detail { display: none; }
    """

    def __init__(self, data: CompareData, show_again: ShowAgain, *, id: str) -> None:
        super().__init__(data, show_again, id=id)
        self.columns: list[Compared] = []
        """The assessments shown, in the order shown."""
        self.source: SideBySide | None = None

    def compose(self) -> ComposeResult:
        yield CompareGrid(empty_text=self.t("compare.empty"), id="compare-grid")
        yield TextPanel(id="compare-detail")
        yield CompareBars(empty_text=self.t("compare.empty"), id="compare-bars")

    @property
    def grid(self) -> CompareGrid:
        return self.query_one("#compare-grid", CompareGrid)

    @property
    def bars(self) -> CompareBars:
        return self.query_one("#compare-bars", CompareBars)

    def focus_target(self) -> Widget:
        return self.bars if self.state.view is View.BARS else self.grid

    def cursor_key(self) -> str | None:
        if self.state.view is View.BARS:
            return self.bars.cursor_key
        grid = self.grid
        if 0 <= grid.cursor_column < len(self.columns):
            return self.columns[grid.cursor_column].key
        return None

    def shows_any(self, changed: list[Assessment]) -> bool:
        return any(a.programme_id == self.state.programme_id for a in changed)

    def _items(self) -> list[Compared]:
        state = self.state
        assessments = self.data.by_programme.get(state.programme_id or "", [])
        items = [self.data.compared(a) for a in assessments]
        if state.filters.active:
            items = [item for item in items if matches(item, state.filters)]
        return sorted(items, key=lambda item: sort_key(item, state.sort))

    def title(self) -> list[Text]:
        state = self.state
        title = [Text(self.t("compare.title.teams"))]
        if state.programme_id is not None:
            title.append(safe_text(self.data.programme_name(state.programme_id), "bold"))
        title.append(Text(self.t("compare.title.sorted", by=self.t(f"compare.sort.{state.sort}"))))
        described = self._filters_text()
        if described:
            title.append(Text(self.t("compare.title.filtered", filters=described)))
        return title

    def _filters_text(self) -> str:
        filters = self.state.filters
        parts = []
        if filters.department is not None:
            parts.append(safe_str(filters.department))
        if filters.verdict is not None:
            parts.append(self.t(verdict_key(filters.verdict)))
        if filters.to_discuss:
            parts.append(self.t("compare.filter.to_discuss"))
        if filters.text.strip():
            parts.append(f"“{safe_str(filters.text.strip())}”")
        return ", ".join(parts)

    def show(self) -> None:
        items = self._items()
        keep = self.cursor_key()
        previous = {item.key: item.team.id for item in self.columns}
        kept_team = previous.get(keep or "")
        self.columns = items
        as_bars = self.state.view is View.BARS
        self.set_class(as_bars, "-bars")
        if as_bars:
            bars = self.bars
            width = max(bars.size.width or self.size.width, 40) - 1
            bars.show(items, self.words, width, keep=keep)
            return
        column = next((i for i, item in enumerate(items) if item.key == keep), None)
        if column is None:
            column = next((i for i, item in enumerate(items) if item.team.id == kept_team), None)
        self.source = SideBySide(items, self.words)
        self.grid.show(self.source, column=column)
        self._show_detail()
        if self.source.robustness_pending:
            self._compute_headlines(self.source)

    def on_resize(self, event: events.Resize) -> None:
        if self.data.snapshot is not None and self.state.view is View.BARS:
            self.show()

    def _compute_headlines(self, source: SideBySide) -> None:
        """Every column's robustness headline, off the screen's thread: the cells on screen
        compute theirs when drawn, the row's best value waits for all of them."""

        def compute() -> None:
            worker = get_current_worker()
            for item in source.items:
                if worker.is_cancelled:
                    return
                _ = item.headline
            if not worker.is_cancelled:
                self.app.call_from_thread(self._headlines_known, source)

        self.run_worker(compute, thread=True, group="compare-headlines", exclusive=True)

    def _headlines_known(self, source: SideBySide) -> None:
        if source is self.source and self.is_mounted:
            self.grid.invalidate_row(ROWS.index("robustness"))

    @on(CompareGrid.Moved)
    def _grid_moved(self, event: CompareGrid.Moved) -> None:
        self._show_detail()  # the pane refreshes the keys: not stopped

    def _show_detail(self) -> None:
        detail = self.query_one("#compare-detail", TextPanel)
        source = self.source or SideBySide([], self.words)
        detail.show(source.detail(self.grid.cursor_column, self.grid.cursor_row))

    @on(CompareGrid.Selected)
    def _grid_selected(self, event: CompareGrid.Selected) -> None:
        event.stop()
        if 0 <= event.column < len(self.columns):
            self.open(self.columns[event.column].assessment)

    # keys (bound in the pane)

    def sort(self) -> None:
        order = list(SortBy)
        self.state.sort = order[(order.index(self.state.sort) + 1) % len(order)]
        self.show_again(False)
        self.notify(
            self.t("compare.sorted", by=self.t(f"compare.sort.{self.state.sort}")), timeout=2
        )

    def pick_programme(self) -> None:
        def chosen(programme_id: str) -> None:
            self.state.programme_id = programme_id
            self.show_again(True)

        data = self.data
        counts = {p: len(a) for p, a in data.by_programme.items()}
        order = sorted(counts, key=lambda p: (-counts[p], data.programme_name(p).casefold()))
        choices = [
            Choice(
                p, safe_str(data.programme_name(p)), self.words.plural("compare.teams", counts[p])
            )
            for p in order
        ]
        self.pick(self.t("compare.pick.programme"), choices, self.state.programme_id, chosen)

    def filter(self) -> None:
        filters = self.state.filters
        choices = [Choice("clear", self.t("compare.filter.clear"))]
        choices.append(Choice("discuss", self.t("compare.filter.to_discuss")))
        choices += [
            Choice(
                f"verdict:{v.value}",
                self.t("compare.filter.verdict", verdict=self.t(verdict_key(v))),
            )
            for v in Verdict
        ]
        departments = sorted(
            {
                self.data.team(a.team_id).department or ""
                for a in self.data.by_programme.get(self.state.programme_id or "", [])
            }
            - {""},
            key=str.casefold,
        )
        choices += [
            Choice(f"department:{d}", self.t("compare.filter.department", department=safe_str(d)))
            for d in departments
        ]

        def chosen(value: str) -> None:
            kind, _, rest = value.partition(":")
            if kind == "clear":
                self.state.filters = Filters()
            elif kind == "discuss":
                self.state.filters = replace(filters, to_discuss=not filters.to_discuss)
            elif kind == "verdict":
                self.state.filters = replace(filters, verdict=Verdict(rest))
            else:
                self.state.filters = replace(filters, department=rest)
            self.show_again(True)

        self.pick(self.t("compare.pick.filter"), choices, None, chosen)

    def search(self) -> None:
        """/: show the teams whose name or department holds the text typed."""
        from workbench.ui.dialogs.search_dialog import SearchDialog

        def chosen(text: str | None) -> None:
            if text is not None:
                self.state.filters = replace(self.state.filters, text=text)
                self.show_again(True)

        self.app.push_screen(SearchDialog(self.state.filters.text), chosen)

    def clear_filters(self) -> None:
        self.state.filters = Filters()
        self.show_again(False)
