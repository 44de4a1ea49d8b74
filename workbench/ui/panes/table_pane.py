"""One pane for every table tab: a filter row, a table of records and a detail panel.

The Catalogue, Teams and Pilots tabs show their records alike: ``/`` goes to the filter,
Enter there goes back to the table, Esc clears the filter, ``s`` sorts on the next column
and ``S`` reverses (a click on a header does both), j/k and the arrows move, Enter acts on
the highlighted record, and the detail panel (below the table, beside it when the pane is
wide) follows the cursor. A subclass says what is particular to its tab: how records are
loaded, filtered, sorted and drawn, the detail, and what Enter does. It declares its own
key bindings (their ids belong to the keymap) on the actions defined here.

What the user set up (filter text, sort, highlighted record) is kept per app: a language
switch (which recomposes the panes) and a reload after a colleague's save keep it, and the
highlighted record is followed by its key wherever new rows put it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label

from workbench.storage.errors import InUseError
from workbench.storage.repository import Repository
from workbench.ui.focus import focus_now
from workbench.ui.panes.deleting import delete_unless_used
from workbench.ui.panes.deleting import describe_uses as describe_uses
from workbench.ui.panes.listing import Listing as Listing
from workbench.ui.panes.listing import RowCache, listing_of, sort_records
from workbench.ui.panes.pane import Pane
from workbench.ui.widgets.filter_input import FilterInput
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable

R = TypeVar("R")


class TablePane(Pane, Generic[R]):
    """A tab of records in a :class:`VirtualTable`, filtered, sorted, with a detail panel."""

    TABLE: ClassVar[type[VirtualTable]] = VirtualTable
    TABLE_ID: ClassVar[str] = ""
    FILTER_ID: ClassVar[str] = ""
    FILTER_LABEL: ClassVar[str] = ""
    """The i18n key of the label before the filter field ('' for none)."""
    FILTER_PLACEHOLDER: ClassVar[str] = ""
    BODY_ID: ClassVar[str] = ""
    EMPTY: ClassVar[str] = ""
    """The i18n key said by an empty table when there is no record at all."""
    NO_MATCH: ClassVar[str] = ""
    """... and when the filters hide every record."""
    DEFAULT_SORT: ClassVar[str] = "name"
    WIDE: ClassVar[int] = 0
    """From this pane width the detail panel sits beside the table (class ``-wide``)."""
    STYLED_CURSOR: ClassVar[bool] = False
    """The highlighted row is drawn by ``cursor_row`` (its own colours under the cursor)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.records: list[R] = []
        self.by_key: dict[str, R] = {}
        self._rows: RowCache[R] = RowCache()
        self._styled_cursor: str | None = None

    # what a subclass says

    def key(self, record: R) -> str:
        raise NotImplementedError

    def load(self) -> list[R]:
        """The records, from the repository, in their natural order (ties keep it)."""
        raise NotImplementedError

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def row(self, record: R) -> Row:
        raise NotImplementedError

    def sort_value(self, record: R, column: str) -> Any:
        """What ``column`` sorts on; None when unknown (unknown values sort last)."""
        raise NotImplementedError

    def matches(self, record: R, needle: str) -> bool:
        """Whether the casefolded filter text is found in the record."""
        raise NotImplementedError

    def open_record(self, key: str) -> None:
        """Enter on a row."""

    def keeps(self, record: R) -> bool:
        needle = self.view.search.strip().casefold()
        return not needle or self.matches(record, needle)

    def rows_context(self) -> Hashable:
        """What every row depends on besides its record (widths, theme): when it changes,
        the remembered rows are built again."""
        return None

    def cursor_row(self, record: R) -> Row:
        """The highlighted record's row, with ``STYLED_CURSOR``."""
        return self.row(record)

    def show_detail(self, record: R | None) -> None:
        """Show the highlighted record (None: none) in the detail panel."""

    def shown(self, count: int) -> None:
        """Called after the rows changed, with how many are shown."""

    def sort_keys(self) -> list[str]:
        """The columns ``s`` cycles through, in order."""
        return [column.key for column in self.table.columns]

    def sorted_column(self) -> str | None:
        """The column whose header shows the sort arrow."""
        keys = {column.key for column in self.table.columns}
        return self.view.sort if self.view.sort in keys else None

    def new_view(self) -> Listing:
        return Listing(sort=self.DEFAULT_SORT)

    # building

    @property
    def view(self) -> Listing:
        return listing_of(self.app, self.tab_id, self.new_view)

    @property
    def table(self) -> VirtualTable:
        return self.query_one(f"#{self.TABLE_ID}", VirtualTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one(f"#{self.FILTER_ID}", Input)

    @property
    def current(self) -> R | None:
        key = self.table.cursor_key
        return self.by_key.get(key) if key is not None else None

    def compose(self) -> ComposeResult:
        yield from self.compose_listing()

    def compose_listing(self) -> ComposeResult:
        """The filter row, the table and the detail panel."""
        self.load_records()
        yield from self.compose_filters()
        with Container(id=self.BODY_ID):
            yield self.TABLE(empty_text=self.t(self.EMPTY), id=self.TABLE_ID)
            yield from self.compose_detail()

    def compose_filters(self) -> ComposeResult:
        with Horizontal(id=f"{self.tab_id}-filter-row", classes="table-pane--filter-row"):
            if self.FILTER_LABEL:
                yield Label(Text(self.t(self.FILTER_LABEL)))
            yield self.filter_field()

    def filter_field(self) -> FilterInput:
        return FilterInput(
            self.view.search,
            placeholder=self.t(self.FILTER_PLACEHOLDER),
            id=self.FILTER_ID,
            compact=True,
            select_on_focus=False,
        )

    def compose_detail(self) -> ComposeResult:
        yield from ()

    DEFAULT_CSS = """
    TablePane .table-pane--filter-row { height: 1; padding: 0 1; background: $boost; }
    TablePane .table-pane--filter-row > Label {
        width: auto;
        padding-right: 1;
        text-style: bold;
        color: $text-accent;
    }
    TablePane .table-pane--filter-row > Input { width: 1fr; }
    """

    def on_mount(self) -> None:
        self.show_rows()
        if self.workbench.state.tab == self.tab_id:
            # recomposed (language switch) while shown: keep the keys working
            self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        # only while this tab is shown: a hidden tab's widget taking the focus would
        # bring its tab back in front of the one the user just chose
        shown = getattr(self.screen, "active_tab", None) == self.tab_id
        if shown and self.screen.focused is None:
            self.focus_default()

    def focus_default(self) -> None:
        focus_now(self.table)

    def on_resize(self, event: events.Resize) -> None:
        if self.WIDE:
            self.set_class(event.size.width >= self.WIDE, "-wide")

    # data

    def load_records(self) -> None:
        self.records = self.load()
        self.by_key = {self.key(record): record for record in self.records}
        self._rows.keep_only(self.by_key)

    def refresh_data(self) -> None:
        self.load_records()
        self.show_rows()

    def row_for(self, record: R) -> Row:
        """``row(record)``, built again only when the record or the rows' context changed."""
        return self._rows.row(self.key(record), record, self.rows_context(), self.row)

    def show_rows(self) -> None:
        """Filter, sort and show; the highlighted record stays highlighted if shown."""
        view = self.view
        table = self.table
        table.set_columns(self.columns())
        sort = view.sort
        shown = sort_records(
            (record for record in self.records if self.keeps(record)),
            lambda record: self.sort_value(record, sort),
            reverse=view.reverse,
        )
        table.sorted_column = self.sorted_column()
        table.sort_reverse = view.reverse
        table.empty_text = self.t(self.NO_MATCH if self.records else self.EMPTY)
        self._styled_cursor = None
        table.set_rows([self.row_for(record) for record in shown], keep=view.cursor)
        self._restyle_cursor()
        self.shown(len(shown))
        self.show_detail(self.current)
        self.refresh_bindings_if_changed()

    def _restyle_cursor(self) -> None:
        if not self.STYLED_CURSOR:
            return
        table = self.table
        current = table.cursor_key
        if current == self._styled_cursor:
            return
        for key in (self._styled_cursor, current):
            record = self.by_key.get(key) if key is not None else None
            if record is not None:
                table.replace_row(
                    self.cursor_row(record) if key == current else self.row_for(record)
                )
        self._styled_cursor = current

    # the table

    @on(VirtualTable.Highlighted)
    def _table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        if event.control.id != self.TABLE_ID:
            return
        event.stop()
        if event.key is not None:
            self.view.cursor = event.key
        self._restyle_cursor()
        self.show_detail(self.current)
        self.refresh_bindings_if_changed()

    @on(VirtualTable.Selected)
    def _table_selected(self, event: VirtualTable.Selected) -> None:
        if event.control.id != self.TABLE_ID:
            return
        event.stop()
        self.open_record(event.key)

    @on(VirtualTable.HeaderClicked)
    def _header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        if event.control.id != self.TABLE_ID:
            return
        event.stop()
        if event.column in self.sort_keys():
            self.sort_by(event.column, toggle=True)

    # filter

    @on(Input.Changed)
    def _filter_typed(self, event: Input.Changed) -> None:
        if event.input.id != self.FILTER_ID:
            return
        event.stop()
        if event.value != self.view.search:
            self.view.search = event.value
            self.show_rows()

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != self.FILTER_ID:
            return
        event.stop()
        self.table.focus()

    def filter_clearable(self) -> bool:
        """Esc clears the filter: there is text in it, or the focus is in it."""
        field = self.filter_input
        return bool(field.value) or field.has_focus

    def action_filter(self) -> None:
        field = self.filter_input
        focus_now(field)
        field.cursor_position = len(field.value)

    def action_clear_filter(self) -> None:
        self.filter_input.value = ""
        self.view.search = ""
        self.table.focus()
        self.show_rows()

    def action_to_table(self) -> None:
        self.table.focus()

    # sort

    def action_sort(self) -> None:
        """Sort on the next column."""
        keys = self.sort_keys()
        current = self.sorted_column()
        index = keys.index(current) + 1 if current in keys else 0
        self.sort_by(keys[index % len(keys)], toggle=False)

    def action_reverse(self) -> None:
        self.view.reverse = not self.view.reverse
        self.show_rows()

    def sort_by(self, column: str, *, toggle: bool) -> None:
        view = self.view
        if toggle and column == self.sorted_column():
            view.reverse = not view.reverse
        else:
            view.sort, view.reverse = column, False
        self.show_rows()

    def show_record(self, key: str) -> None:
        """Highlight a record just saved (after the data is shown again)."""
        self.view.cursor = key
        self.refresh_data()

    def delete_unless_used(
        self,
        uses: list[str],
        *,
        question: Screen[bool],
        delete: Callable[[Repository], object],
        refuse: Callable[[list[str]], None],
        describe: Callable[[list[str]], list[str]],
        deleted: Callable[[], None],
    ) -> None:
        """Delete a record unless something uses it: then ``refuse`` says what does. Else
        ``question`` asks, and the delete runs; when someone started using the record in
        the meantime, the storage layer's reasons are described and refused too."""
        if uses:
            refuse(uses)
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            outcome = self.workbench.store(partial(delete_unless_used, delete))
            if isinstance(outcome, InUseError):
                refuse(describe(outcome.used_by))
            elif outcome:
                deleted()

        self.app.push_screen(question, answer)

    # palette

    def here(self, action: Callable[[], object]) -> Callable[[], None]:
        """Run ``action`` in this tab, switching to it first (for the palette)."""

        def run() -> None:
            self.workbench.action_show_tab(self.tab_id)
            self.call_after_refresh(action)

        return run
