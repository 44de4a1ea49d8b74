"""Catalogue tab: every programme in a table, searched, filtered and sorted, with its details.

Keys: ``/`` search, ``f`` filters, ``x`` clear them, ``s``/``S`` sort and reverse, ``n`` new,
``e`` edit, ``r`` retire, ``d`` delete, ``u`` copy the URL, Enter scores the programme.
The table, the search, the sort keys and the detail panel's place come from ``TablePane``;
the columns and rows are in ``table``, the filters in ``filters``, the actions in ``actions``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Select, Static

from workbench.core.catalogue import Programme, Status
from workbench.ui.catalogue import actions
from workbench.ui.catalogue.filters import Filters, sort_line
from workbench.ui.catalogue.table import Layout
from workbench.ui.catalogue.uses import Uses
from workbench.ui.messages import OpenScoring
from workbench.ui.panes.listing import Listing
from workbench.ui.panes.pane import PaletteCommand
from workbench.ui.panes.table_pane import TablePane
from workbench.ui.widgets.catalogue_view import (
    FILTERS,
    CatalogueTable,
    CatalogueView,
    ProgrammeDetail,
    credential_label,
    old_facts_text,
    sort_value,
)
from workbench.ui.widgets.virtual_table import Column, Row

WIDE_PANE = 160
"""From this pane width the detail panel sits beside the table, else below it."""
ROOMY_PANE = 120
"""From this pane width the filters are wide enough for long provider and topic names."""

RATES_KEY = "c"
"""Opens the exchange rates (a Catalogue key: the prices are there)."""


class CataloguePane(TablePane[Programme]):
    tab_id = "catalogue"
    WRITE_ACTIONS = frozenset({"new", "edit", "retire", "delete"})
    TABLE = CatalogueTable
    TABLE_ID = "catalogue-table"
    FILTER_ID = "catalogue-search"
    FILTER_PLACEHOLDER = "catalogue.search_placeholder"
    BODY_ID = "catalogue-body"
    EMPTY = "catalogue.empty"
    NO_MATCH = "catalogue.none_match"
    WIDE = WIDE_PANE

    DEFAULT_CSS = """
    CataloguePane #catalogue-bar { height: 1; }
    CataloguePane #catalogue-search { width: 1fr; min-width: 12; background: $panel; }
    CataloguePane #catalogue-search:focus { background: $primary 20%; }
    CataloguePane .catalogue-filter { margin: 0 0 0 1; background: $panel; }
    CataloguePane .catalogue-filter SelectCurrent { background: $panel; }
    CataloguePane .catalogue-filter SelectCurrent #label {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CataloguePane .catalogue-filter SelectOverlay { width: 40; }
    CataloguePane #filter-level { width: 16; }
    CataloguePane #filter-provider { width: 19; }  /* "Tout fournisseur" whole */
    CataloguePane #filter-topic { width: 13; }
    CataloguePane #filter-status { width: 14; }
    CataloguePane #catalogue-summary { height: auto; max-height: 2; color: $text-muted; }
    CataloguePane #catalogue-count { width: 1fr; }
    CataloguePane #catalogue-count.-filtered { color: $text-warning; }
    CataloguePane #catalogue-sort { width: auto; padding: 0 0 0 1; }
    CataloguePane #catalogue-body { height: 1fr; layout: vertical; }
    CataloguePane #catalogue-table { height: 1fr; min-height: 5; }
    CataloguePane #catalogue-detail {
        height: 45%;
        min-height: 5;
        border-top: solid $primary;
        border-title-style: bold;
        border-title-align: left;
    }
    CataloguePane #catalogue-detail:focus { border-top: solid $accent; }
    CataloguePane.-wide #catalogue-body { layout: horizontal; }
    CataloguePane.-wide #catalogue-table { width: 1fr; height: 1fr; }
    CataloguePane.-wide #catalogue-detail {
        width: 34%;
        min-width: 44;
        height: 1fr;
        border-left: solid $primary;
    }
    CataloguePane.-wide #catalogue-detail:focus { border-left: solid $accent; }
    CataloguePane.-roomy #filter-level { width: 20; }
    CataloguePane.-roomy #filter-provider { width: 22; }
    CataloguePane.-roomy #filter-topic { width: 28; }
    CataloguePane.-roomy #filter-status { width: 18; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # "/" is shown in the search field's placeholder; the footer keeps room for F1.
        Binding("slash", "filter", "catalogue.keys.search", show=False, id="catalogue-search"),
        Binding("n", "new", "catalogue.keys.new", id="catalogue-new"),
        Binding("e", "edit", "catalogue.keys.edit", id="catalogue-edit"),
        Binding("r", "retire", "catalogue.keys.retire", id="catalogue-retire"),
        Binding("d,delete", "delete", "catalogue.keys.delete", id="catalogue-delete"),
        Binding("s", "sort", "catalogue.keys.sort", show=False, id="catalogue-sort"),
        Binding(
            "S,shift+s", "reverse", "catalogue.keys.reverse", show=False, id="catalogue-reverse"
        ),
        Binding("f", "filters", "catalogue.keys.filters", show=False, id="catalogue-filters"),
        Binding("x", "clear_filters", "catalogue.keys.clear", show=False, id="catalogue-clear"),
        Binding("u", "copy_url", "catalogue.keys.copy_url", show=False, id="catalogue-copy-url"),
        Binding(
            RATES_KEY, "app.exchange_rates", "money.keys.open", show=False, id="catalogue-rates"
        ),
        Binding("escape", "leave", "catalogue.keys.leave", show=False, id="catalogue-leave"),
        Binding("ctrl+z", "undo", "app.keys.undo", show=False, id="catalogue-undo"),
        Binding("down", "to_table", "catalogue.keys.leave", show=False, id="catalogue-down"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._uses = Uses()
        self._layout = Layout()
        self._filters = Filters()
        self._shown: tuple[Programme | None, str] | None = None
        self._by_id: dict[str, Programme] = {}

    @property
    def help_title(self) -> str:
        """How the help screen (F1) names this tab's keys."""
        return self.t("app.tabs.catalogue")

    @property
    def view(self) -> CatalogueView:
        view = super().view
        assert isinstance(view, CatalogueView)
        return view

    def new_view(self) -> Listing:
        return CatalogueView(sort=self.DEFAULT_SORT)

    # building

    def compose_filters(self) -> ComposeResult:
        with Horizontal(id="catalogue-bar"):
            search = self.filter_field()
            search.tooltip = Content(self.t("catalogue.commands.search_help"))
            yield search
            yield from self._filters.selects(self.workbench.i18n, self.view, self.records)
        with Horizontal(id="catalogue-summary"):
            yield Static("", id="catalogue-count")
            yield Static("", id="catalogue-sort")

    def compose_detail(self) -> ComposeResult:
        yield ProgrammeDetail(self.workbench.i18n, id="catalogue-detail")

    # data

    def key(self, record: Programme) -> str:
        return record.id

    def load(self) -> list[Programme]:
        look = self.workbench.repository.first_look()  # the records validated after the paint
        self._uses = Uses(look)
        self.view.today = self.workbench.today
        self.view.max_age = self.workbench.settings.facts_max_age_days
        programmes = sorted(look.part.programmes.values(), key=lambda p: p.name.casefold())
        self._by_id = {programme.id: programme for programme in programmes}
        return programmes

    def refresh_data(self) -> None:
        self.load_records()
        self._filters.sync(
            self.workbench.i18n,
            self.view,
            self.records,
            lambda name: self.query_one(f"#filter-{name}", Select),
        )
        self.show_rows()

    # filtering and sorting

    def keeps(self, record: Programme) -> bool:
        return self.view.keeps(record)

    @on(Select.Changed, ".catalogue-filter")
    def _filter_changed(self, event: Select.Changed) -> None:
        event.stop()
        select = event.select
        name = (select.id or "").removeprefix("filter-")
        value = select.selection
        chosen = None if value is None else str(value)
        if name and chosen != getattr(self.view, name):
            setattr(self.view, name, chosen)
            self.show_rows()
        if select.has_focus:
            # chosen: on to the rows it shows (the arrows would only reopen the list)
            self.table.focus()

    def sort_value(self, record: Programme, column: str) -> object:
        credential = credential_label(self.workbench.i18n, record.credential, short=True)
        return sort_value(record, column, credential)

    def shown(self, count: int) -> None:
        # Fewer or more rows may hide or show the scrollbar: refit after the layout.
        self.call_after_refresh(self._fit_columns)
        i18n = self.workbench.i18n
        view = self.view
        summary = self._filters.summary(i18n, view, len(self.records), count)
        line = self.query_one("#catalogue-count", Static)
        line.update(Content(summary))
        line.set_class(view.filtered, "-filtered")
        self.query_one("#catalogue-sort", Static).update(Content(sort_line(i18n, view)))

    # table rows and columns

    def columns(self) -> list[Column]:
        return self._layout.columns(self.workbench.i18n)

    def rows_context(self) -> Hashable:
        return self._layout.mode

    def row(self, record: Programme) -> Row:
        old = self.view.facts_old(record)
        return self._layout.row(self.workbench.i18n, record, old_facts=old, by_id=self._by_id)

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self.set_class(event.size.width >= ROOMY_PANE, "-roomy")

    @on(CatalogueTable.Resized, "#catalogue-table")
    def _table_resized(self, event: CatalogueTable.Resized) -> None:
        event.stop()
        self._fit_columns()

    def _fit_columns(self) -> None:
        # The scrollbar takes the last cell of the row: fit the columns in what is left.
        layout = Layout.fitting(self.table.scrollable_content_region.width)
        if layout != self._layout:
            self._layout = layout
            self.show_rows()

    # detail

    def show_detail(self, record: Programme | None) -> None:
        i18n = self.workbench.i18n
        used_by = self._uses.text(i18n, record.id) if record is not None else ""
        if self._shown is not None and self._shown[0] is record and self._shown[1] == used_by:
            return
        self._shown = (record, used_by)
        view = self.view
        old = old_facts_text(i18n, record, view.today, view.max_age) if record is not None else ""
        detail = self.query_one("#catalogue-detail", ProgrammeDetail)
        detail.show(record, used_by, old, self._by_id)

    def open_record(self, key: str) -> None:
        self.post_message(OpenScoring(programme_id=key))

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if self.read_only_blocks(action):
            return None
        programme = self.current
        if action in ("edit", "delete"):
            return programme is not None
        if action == "retire":
            return programme is not None and programme.status is not Status.RETIRED
        if action == "copy_url":
            return programme is not None  # without a URL, u says so
        if action == "clear_filters":
            return self.view.filtered
        if action == "leave":
            return self.screen.focused is not self.table or self.view.filtered
        if action == "to_table":
            return self.screen.focused is self.filter_input
        return True

    def action_filters(self) -> None:
        self.query_one("#filter-level", Select).focus()

    def action_clear_filters(self) -> None:
        view = self.view
        for name in FILTERS:
            setattr(view, name, None)
        for select in self.query(".catalogue-filter").results(Select):
            select.clear()
        self.action_clear_filter()

    def action_leave(self) -> None:
        """Esc: back to the table; from the search field, clear the search first; on the
        table, clear the search and the filters."""
        search = self.filter_input
        if self.screen.focused is self.table:
            self.action_clear_filters()
            return
        if self.screen.focused is search and search.value:
            self.action_clear_filter()
        self.table.focus()

    def action_new(self) -> None:
        actions.open_form(self, None)

    def action_edit(self) -> None:
        if self.current is not None:
            actions.open_form(self, self.current)

    def action_retire(self) -> None:
        if self.current is not None:
            actions.retire(self, self.current)

    def action_delete(self) -> None:
        if self.current is not None:
            actions.delete(self, self.current)

    def action_copy_url(self) -> None:
        actions.copy_url(self, self.current)

    # palette

    def palette_commands(self) -> list[PaletteCommand]:
        names = ["new", "search", "filters", "clear", "sort", "reverse"]
        programme = self.current if self.is_mounted else None
        if programme is not None:
            names[1:1] = ["edit", "delete"]
            if programme.status is not Status.RETIRED:
                names.insert(2, "retire")
            if programme.url is not None:
                names.append("copy_url")
        commands = {"clear": "clear_filters", "search": "filter"}
        return [
            PaletteCommand(
                self.t(f"catalogue.commands.{name}"),
                self.t(f"catalogue.commands.{name}_help"),
                self.here(getattr(self, f"action_{commands.get(name, name)}")),
            )
            for name in names
        ]
