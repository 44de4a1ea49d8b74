"""Catalogue tab: every programme in a table, searched, filtered and sorted, with its details.

Keys: ``/`` search, ``f`` filters, ``x`` clear them, ``s``/``S`` sort and reverse, ``n`` new,
``e`` edit, ``r`` retire, ``d`` delete, ``u`` copy the URL, Enter scores the programme.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar
from weakref import WeakKeyDictionary

from pydantic_core import PydanticCustomError
from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Select, Static

from workbench.core.catalogue import Level, PriceKind, Programme, Status
from workbench.core.rules import url
from workbench.storage.errors import InUseError
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.messages import OpenScoring
from workbench.ui.screens.pane import PaletteCommand, Pane
from workbench.ui.text import option_text, safe_str
from workbench.ui.widgets.catalogue_view import (
    LEVEL_ORDER,
    STATUS_ORDER,
    CatalogueTable,
    ProgrammeDetail,
    credential_label,
    hours_text,
    level_label,
    price_text,
    row_style,
    shorten_name,
    status_label,
)
from workbench.ui.widgets.filter_input import FilterInput
from workbench.ui.widgets.virtual_table import Cell, Column, Row

WIDE_PANE = 160
"""From this pane width the detail panel sits beside the table, else below it."""
ROOMY_PANE = 120
"""From this pane width the filters are wide enough for long provider and topic names."""
FULL_TABLE = 112
"""From this table width every column shows; below, credential and hours are left out."""

ALL_COLUMNS = ("name", "provider", "level", "credential", "hours", "price", "status")
COMPACT_COLUMNS = ("name", "provider", "level", "price", "status")
WIDTHS: dict[str, dict[str, int | None]] = {
    "full": {
        "name": None,
        "provider": 15,
        "level": 13,
        "credential": 12,
        "hours": 6,
        "price": 18,
        "status": 21,
    },
    "compact": {"name": None, "provider": 12, "level": 13, "price": 10, "status": 11},
}
NAME_MIN_WIDTH = 16
UNKNOWN_LEVEL = "-"
NOT_RETIRED = "current"

SortKey = tuple[Any, ...]


@dataclass(slots=True)
class CatalogueView:
    """What the user set up in the tab; kept across a language switch (which recomposes)."""

    search: str = ""
    level: str | None = None
    provider: str | None = None
    topic: str | None = None
    status: str | None = None
    sort: str = "name"
    reverse: bool = False
    cursor: str | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.search.strip()) or any(
            value is not None for value in (self.level, self.provider, self.topic, self.status)
        )


_VIEWS: WeakKeyDictionary[App[Any], CatalogueView] = WeakKeyDictionary()


def sort_value(programme: Programme, column: str, credential: str) -> SortKey | None:
    """The value a column sorts on; None when unknown (unknown values always sort last)."""
    p = programme
    if column == "name":
        return (p.name.casefold(),)
    if column == "provider":
        return (p.provider.casefold(),)
    if column == "level":
        return None if p.level is None else (LEVEL_ORDER[p.level],)
    if column == "credential":
        return (credential.casefold(),) if credential else None
    if column == "hours":
        low = p.hours_min if p.hours_min is not None else p.hours_max
        return None if low is None else (low, p.hours_max or low)
    if column == "price":
        if p.price.kind is PriceKind.FREE:
            return (Decimal(0), "")
        if p.price.kind is PriceKind.AMOUNT and p.price.amount is not None:
            return (p.price.amount, p.price.currency or "")
        return None
    return (STATUS_ORDER[p.status], p.status_date.isoformat() if p.status_date else "")


class CataloguePane(Pane):
    tab_id = "catalogue"
    WRITE_ACTIONS = frozenset({"new", "edit", "retire", "delete"})

    DEFAULT_CSS = """
    CataloguePane #catalogue-bar {
        height: 1;
    }
    CataloguePane #catalogue-search {
        width: 1fr;
        min-width: 12;
        background: $panel;
    }
    CataloguePane #catalogue-search:focus {
        background: $primary 20%;
    }
    CataloguePane .catalogue-filter {
        margin: 0 0 0 1;
        background: $panel;
    }
    CataloguePane .catalogue-filter SelectCurrent {
        background: $panel;
    }
    CataloguePane .catalogue-filter SelectCurrent #label {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CataloguePane .catalogue-filter SelectOverlay {
        width: 40;
    }
    CataloguePane #filter-level {
        width: 16;
    }
    CataloguePane #filter-provider {
        width: 19;  /* "Tout fournisseur" whole */
    }
    CataloguePane #filter-topic {
        width: 13;
    }
    CataloguePane #filter-status {
        width: 14;
    }
    CataloguePane #catalogue-summary {
        height: auto;
        max-height: 2;
        color: $text-muted;
    }
    CataloguePane #catalogue-count {
        width: 1fr;
    }
    CataloguePane #catalogue-count.-filtered {
        color: $text-warning;
    }
    CataloguePane #catalogue-sort {
        width: auto;
        padding: 0 0 0 1;
    }
    CataloguePane #catalogue-body {
        height: 1fr;
        layout: vertical;
    }
    CataloguePane #catalogue-table {
        height: 1fr;
        min-height: 5;
    }
    CataloguePane #catalogue-detail {
        height: 45%;
        min-height: 5;
        border-top: solid $primary;
        border-title-style: bold;
        border-title-align: left;
    }
    CataloguePane #catalogue-detail:focus {
        border-top: solid $accent;
    }
    CataloguePane.-wide #catalogue-body {
        layout: horizontal;
    }
    CataloguePane.-wide #catalogue-table {
        width: 1fr;
        height: 1fr;
    }
    CataloguePane.-wide #catalogue-detail {
        width: 34%;
        min-width: 44;
        height: 1fr;
        border-left: solid $primary;
    }
    CataloguePane.-wide #catalogue-detail:focus {
        border-left: solid $accent;
    }
    CataloguePane.-roomy #filter-level {
        width: 20;
    }
    CataloguePane.-roomy #filter-provider {
        width: 22;
    }
    CataloguePane.-roomy #filter-topic {
        width: 28;
    }
    CataloguePane.-roomy #filter-status {
        width: 18;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # "/" is shown in the search field's placeholder; the footer keeps room for F1.
        Binding("slash", "search", "catalogue.keys.search", show=False, id="catalogue-search"),
        Binding("n", "new", "catalogue.keys.new", id="catalogue-new"),
        Binding("e", "edit", "catalogue.keys.edit", id="catalogue-edit"),
        Binding("r", "retire", "catalogue.keys.retire", id="catalogue-retire"),
        Binding("d", "delete", "catalogue.keys.delete", id="catalogue-delete"),
        Binding("s", "sort", "catalogue.keys.sort", show=False, id="catalogue-sort"),
        Binding(
            "S,shift+s", "reverse", "catalogue.keys.reverse", show=False, id="catalogue-reverse"
        ),
        Binding("f", "filters", "catalogue.keys.filters", show=False, id="catalogue-filters"),
        Binding("x", "clear_filters", "catalogue.keys.clear", show=False, id="catalogue-clear"),
        Binding("u", "copy_url", "catalogue.keys.copy_url", show=False, id="catalogue-copy-url"),
        Binding("escape", "leave", "catalogue.keys.leave", show=False, id="catalogue-leave"),
        Binding("down", "to_table", "catalogue.keys.leave", show=False, id="catalogue-down"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._programmes: list[Programme] = []
        self._by_id: dict[str, Programme] = {}
        self._assessments: Counter[str] = Counter()
        self._pilots: Counter[str] = Counter()
        self._mode = "compact"
        self._name_width = 0
        self._rows: dict[str, tuple[Programme, Row]] = {}
        self._options: dict[str, list[tuple[str, str]]] = {}
        self._shown: tuple[Programme | None, str] | None = None

    @property
    def help_title(self) -> str:
        """How the help screen (F1) names this tab's keys."""
        return self.t("app.tabs.catalogue")

    @property
    def view(self) -> CatalogueView:
        view = _VIEWS.get(self.app)
        if view is None:
            view = _VIEWS[self.app] = CatalogueView()
        return view

    # building

    def compose(self) -> ComposeResult:
        t = self.t
        view = self.view
        self._load()
        with Horizontal(id="catalogue-bar"):
            search = FilterInput(
                view.search,
                placeholder=t("catalogue.search_placeholder"),
                id="catalogue-search",
                compact=True,
                select_on_focus=False,
            )
            search.tooltip = Content(t("catalogue.commands.search_help"))
            yield search
            for name, prompt in (
                ("level", "any_level"),
                ("provider", "any_provider"),
                ("topic", "any_topic"),
                ("status", "any_status"),
            ):
                options = self._filter_options(name)
                self._options[name] = options
                value = getattr(view, name)
                if value not in {option for _, option in options}:
                    value = None
                    setattr(view, name, None)
                yield Select(
                    [(option_text(label), option) for label, option in options],
                    prompt=t(f"catalogue.filters.{prompt}"),
                    value=Select.NULL if value is None else value,
                    id=f"filter-{name}",
                    classes="catalogue-filter",
                    compact=True,
                )
        with Horizontal(id="catalogue-summary"):
            yield Static("", id="catalogue-count")
            yield Static("", id="catalogue-sort")
        with Vertical(id="catalogue-body"):
            yield CatalogueTable(help_title=t("catalogue.keys.table"), id="catalogue-table")
            yield ProgrammeDetail(self.workbench.i18n, id="catalogue-detail")

    def on_mount(self) -> None:
        self._set_columns()
        self._apply()

    def focus_default(self) -> None:
        self.table.focus()

    @property
    def table(self) -> CatalogueTable:
        return self.query_one("#catalogue-table", CatalogueTable)

    @property
    def current(self) -> Programme | None:
        key = self.table.cursor_key
        return self._by_id.get(key) if key is not None else None

    # data

    def _load(self) -> None:
        repository = self.workbench.repository
        self._programmes = repository.programmes()
        self._by_id = {p.id: p for p in self._programmes}
        snapshot = repository.snapshot()
        self._assessments = Counter(a.programme_id for a in snapshot.assessments.values())
        self._pilots = Counter(p.programme_id for p in snapshot.pilots.values())

    def refresh_data(self) -> None:
        self._load()
        self._sync_filter_options()
        self._apply()

    def _filter_options(self, name: str) -> list[tuple[str, str]]:
        t = self.t
        if name == "level":
            i18n = self.workbench.i18n
            levels = [(level_label(i18n, level), level.value) for level in Level]
            return [*levels, (t("catalogue.filters.level_unknown"), UNKNOWN_LEVEL)]
        if name == "status":
            statuses = [(t(f"catalogue.status.{status.value}"), status.value) for status in Status]
            return [*statuses, (t("catalogue.filters.current"), NOT_RETIRED)]
        seen: dict[str, str] = {}
        for programme in self._programmes:
            values = [programme.provider] if name == "provider" else programme.topics
            for value in values:
                seen.setdefault(value.casefold(), value)
        return [(seen[key], key) for key in sorted(seen)]

    def _sync_filter_options(self) -> None:
        """New providers or topics appear in the filters; the chosen value is kept."""
        for name in ("provider", "topic"):
            options = self._filter_options(name)
            if options == self._options.get(name):
                continue
            self._options[name] = options
            select: Select[str] = self.query_one(f"#filter-{name}", Select)
            chosen = getattr(self.view, name)
            select.set_options([(option_text(label), value) for label, value in options])
            if chosen in {value for _, value in options}:
                select.value = chosen
            else:
                setattr(self.view, name, None)

    # filtering and sorting

    def _keep(self, p: Programme) -> bool:
        view = self.view
        if view.level is not None:
            level = p.level.value if p.level else UNKNOWN_LEVEL
            if level != view.level:
                return False
        if view.provider is not None and p.provider.casefold() != view.provider:
            return False
        if view.topic is not None and all(topic.casefold() != view.topic for topic in p.topics):
            return False
        if view.status == NOT_RETIRED:
            if p.status is Status.RETIRED:
                return False
        elif view.status is not None and p.status.value != view.status:
            return False
        return p.matches(view.search)

    def _sorted(self, programmes: list[Programme]) -> list[Programme]:
        view = self.view
        i18n = self.workbench.i18n
        known: list[tuple[SortKey, Programme]] = []
        unknown: list[Programme] = []
        for p in programmes:
            credential = credential_label(i18n, p.credential, short=True)
            value = sort_value(p, view.sort, credential)
            if value is None:
                unknown.append(p)
            else:
                known.append((value, p))
        known.sort(key=lambda item: item[0], reverse=view.reverse)
        return [p for _, p in known] + unknown

    def _apply(self) -> None:
        """Filter, sort and show; only the rows on screen are ever drawn."""
        view = self.view
        table = self.table
        visible = self._sorted([p for p in self._programmes if self._keep(p)])
        table.sorted_column = view.sort if view.sort in self._column_keys() else None
        table.sort_reverse = view.reverse
        table.empty_text = self.t("catalogue.none_match" if self._programmes else "catalogue.empty")
        table.set_rows([self._row(p) for p in visible], keep=view.cursor)
        # Fewer or more rows may hide or show the scrollbar: refit after the layout.
        self.call_after_refresh(self._fit_columns)
        self._show_summary(len(visible))
        self._show_detail(self.current)
        self.refresh_bindings_if_changed()

    def _show_summary(self, shown: int) -> None:
        t = self.t
        view = self.view
        total = len(self._programmes)
        count = self.query_one("#catalogue-count", Static)
        if not view.filtered:
            key = "catalogue.count_all_one" if total == 1 else "catalogue.count_all"
            count.update(Content(t(key, total=total)))
        else:
            parts: list[str] = []
            if view.search.strip():
                parts.append(
                    t("catalogue.filter_search", text=safe_str(view.search.strip(), limit=40))
                )
            for name in ("level", "provider", "topic", "status"):
                value = getattr(view, name)
                if value is not None:
                    label = {v: lab for lab, v in self._options.get(name, [])}.get(value, value)
                    parts.append(t(f"catalogue.filters.{name}", value=safe_str(label, limit=40)))
            text = t(
                "catalogue.summary",
                count=t("catalogue.count", shown=shown, total=total),
                filters=t(
                    "catalogue.filters_on", filters=t("catalogue.list_separator").join(parts)
                ),
                hint=t("catalogue.clear_hint"),
            )
            count.update(Content(text))
        count.set_class(view.filtered, "-filtered")
        column = t(f"catalogue.columns.{view.sort}").lower()
        arrow = "▼" if view.reverse else "▲"
        self.query_one("#catalogue-sort", Static).update(
            Content(t("catalogue.sorted_by", column=column, arrow=arrow))
        )

    # table rows and columns

    def _column_keys(self) -> tuple[str, ...]:
        return ALL_COLUMNS if self._mode == "full" else COMPACT_COLUMNS

    def _set_columns(self) -> None:
        widths = WIDTHS[self._mode]
        columns = [
            Column(
                key,
                self.t(f"catalogue.columns.{key}"),
                widths[key] if key != "name" else self._name_width or None,
                min_width=NAME_MIN_WIDTH,
                align="right" if key == "hours" else "left",
            )
            for key in self._column_keys()
        ]
        self.table.set_columns(columns)
        self._rows.clear()

    def _row(self, p: Programme) -> Row:
        cached = self._rows.get(p.id)
        if cached is not None and cached[0] is p:
            return cached[1]
        i18n = self.workbench.i18n
        full = self._mode == "full"
        unknown = Text(self.t("catalogue.unknown_short"), style="dim")

        def known(text: str) -> Cell:
            return text if text else unknown

        status = Text(status_label(i18n, p, with_date=full))
        if p.status in (Status.RETIRING, Status.RETIRED):
            status.stylize("italic")
        cells: dict[str, Cell] = {
            "name": shorten_name(safe_str(p.name), self._name_width),
            "provider": p.provider,
            "level": known(level_label(i18n, p.level)),
            "credential": known(credential_label(i18n, p.credential, short=True)),
            "hours": known(hours_text(i18n, p)),
            "price": known(price_text(i18n, p.price, with_note=full, unknown="")),
            "status": status,
        }
        row = Row(p.id, tuple(cells[key] for key in self._column_keys()), row_style(p))
        self._rows[p.id] = (p, row)
        return row

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE_PANE, "-wide")
        self.set_class(event.size.width >= ROOMY_PANE, "-roomy")

    @on(CatalogueTable.Resized, "#catalogue-table")
    def _table_resized(self, event: CatalogueTable.Resized) -> None:
        event.stop()
        self._fit_columns()

    def _fit_columns(self) -> None:
        # The scrollbar takes the last cell of the row: fit the columns in what is left.
        width = self.table.scrollable_content_region.width
        mode = "full" if width >= FULL_TABLE else "compact"
        widths = WIDTHS[mode]
        fixed = sum(value for value in widths.values() if value is not None) + len(widths) - 1
        name_width = max(width - fixed, NAME_MIN_WIDTH)
        if mode != self._mode or name_width != self._name_width:
            self._mode = mode
            self._name_width = name_width
            self._set_columns()
            self._apply()

    # detail

    def _used_by(self, programme: Programme) -> str:
        assessments = self._assessments[programme.id]
        pilots = self._pilots[programme.id]
        if not assessments and not pilots:
            return self.t("catalogue.detail.used_none")
        words = self.workbench.i18n
        return self.t(
            "catalogue.detail.used_counts",
            assessments=words.plural("catalogue.detail.used_assessments", assessments),
            pilots=words.plural("catalogue.detail.used_pilots", pilots),
        )

    def _show_detail(self, programme: Programme | None) -> None:
        used_by = self._used_by(programme) if programme is not None else ""
        shown = (programme, used_by)
        if self._shown is not None and self._shown[0] is programme and self._shown[1] == used_by:
            return
        self._shown = shown
        self.query_one("#catalogue-detail", ProgrammeDetail).show(programme, used_by)

    @on(CatalogueTable.Highlighted, "#catalogue-table")
    def _highlighted(self, event: CatalogueTable.Highlighted) -> None:
        event.stop()
        if event.key is not None:
            self.view.cursor = event.key
        self._show_detail(self.current)
        self.refresh_bindings_if_changed()

    @on(CatalogueTable.Selected, "#catalogue-table")
    def _selected(self, event: CatalogueTable.Selected) -> None:
        event.stop()
        self.post_message(OpenScoring(programme_id=event.key))

    @on(CatalogueTable.HeaderClicked, "#catalogue-table")
    def _header_clicked(self, event: CatalogueTable.HeaderClicked) -> None:
        event.stop()
        self._sort_by(event.column, toggle=True)

    # filters

    @on(Input.Changed, "#catalogue-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.input.value
        if value != self.view.search:
            self.view.search = value
            self._apply()

    @on(Input.Submitted, "#catalogue-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    @on(Select.Changed, ".catalogue-filter")
    def _filter_changed(self, event: Select.Changed) -> None:
        event.stop()
        select = event.select
        name = (select.id or "").removeprefix("filter-")
        value = select.selection
        chosen = None if value is None else str(value)
        if name and chosen != getattr(self.view, name):
            setattr(self.view, name, chosen)
            self._apply()
        if select.has_focus:
            # chosen: on to the rows it shows (the arrows would only reopen the list)
            self.table.focus()

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
            return self.screen.focused is not self.table
        if action == "to_table":
            return self.screen.focused is self.query_one("#catalogue-search")
        return True

    def action_search(self) -> None:
        search = self.query_one("#catalogue-search", Input)
        search.focus()
        search.cursor_position = len(search.value)

    def action_filters(self) -> None:
        self.query_one("#filter-level", Select).focus()

    def action_clear_filters(self) -> None:
        view = self.view
        view.search = ""
        view.level = view.provider = view.topic = view.status = None
        self.query_one("#catalogue-search", Input).value = ""
        for select in self.query(".catalogue-filter").results(Select):
            select.clear()
        self._apply()

    def action_leave(self) -> None:
        search = self.query_one("#catalogue-search", Input)
        if self.screen.focused is search and search.value:
            search.value = ""
            self.view.search = ""
            self._apply()
        self.table.focus()

    def action_to_table(self) -> None:
        self.table.focus()

    def action_sort(self) -> None:
        keys = self._column_keys()
        view = self.view
        index = keys.index(view.sort) + 1 if view.sort in keys else 0
        self._sort_by(keys[index % len(keys)], toggle=False)

    def action_reverse(self) -> None:
        self.view.reverse = not self.view.reverse
        self._apply()

    def _sort_by(self, column: str, *, toggle: bool) -> None:
        view = self.view
        if toggle and column == view.sort:
            view.reverse = not view.reverse
        else:
            view.sort = column
            view.reverse = False
        self._apply()

    def _open_form(self, programme: Programme | None) -> None:
        # Imported here: the form and its TextArea cost ~30 ms that start-up does not need.
        from workbench.ui.dialogs.programme_form import ProgrammeForm

        self.app.push_screen(ProgrammeForm(programme), self._saved)

    def action_new(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        programme = self.current
        if programme is not None:
            self._open_form(programme)

    def _saved(self, programme: Programme | None) -> None:
        if programme is None:
            return
        self.view.cursor = programme.id
        self.refresh_data()
        self.notify(self.t("catalogue.form.saved", name=programme.name), markup=False)

    def action_retire(self) -> None:
        programme = self.current
        if programme is None or programme.status is Status.RETIRED:
            return
        today = self.workbench.today
        name = programme.name

        def retire(yes: bool | None) -> None:
            if not yes:
                return
            on = datetime(today.year, today.month, today.day, tzinfo=UTC)
            done = self.workbench.store(lambda repo: repo.retire_programme(programme.id, on=on))
            if done is not None:
                self.notify(self.t("catalogue.retire.done", name=name), markup=False)

        self.app.push_screen(
            ConfirmDialog(
                self.t("catalogue.retire.title"),
                self.t("catalogue.retire.message", name=name, date=self.workbench.i18n.date(today)),
                confirm_label=self.t("catalogue.retire.confirm"),
                cancel_label=self.t("app.cancel"),
            ),
            retire,
        )

    def usage(self, programme_id: str) -> list[str]:
        """What still uses a programme, said in words: the reason a delete is refused."""
        snapshot = self.workbench.repository.snapshot()
        reasons: list[str] = []
        for assessment in snapshot.assessments.values():
            if assessment.programme_id == programme_id:
                team = snapshot.teams.get(assessment.team_id)
                reasons.append(
                    self.t(
                        "catalogue.delete.used_assessment",
                        team=team.name if team is not None else assessment.team_id,
                    )
                )
        for pilot in snapshot.pilots.values():
            if pilot.programme_id == programme_id:
                reasons.append(self.t("catalogue.delete.used_pilot", name=pilot.name))
        return reasons

    def _describe(self, used_by: list[str]) -> list[str]:
        """The storage layer's reasons ("assessment <id>", "pilot <name>") in words."""
        snapshot = self.workbench.repository.snapshot()
        described: list[str] = []
        for entry in used_by:
            kind, _, rest = entry.partition(" ")
            assessment = snapshot.assessments.get(rest) if kind == "assessment" else None
            if assessment is not None:
                team = snapshot.teams.get(assessment.team_id)
                described.append(
                    self.t(
                        "catalogue.delete.used_assessment",
                        team=team.name if team is not None else assessment.team_id,
                    )
                )
            elif kind == "pilot":
                described.append(self.t("catalogue.delete.used_pilot", name=rest))
            else:
                described.append(self.t("catalogue.delete.used_other", what=entry))
        return described

    def _refuse_delete(self, programme: Programme, reasons: list[str]) -> None:
        retired = programme.status is Status.RETIRED
        hint = (
            "catalogue.delete.refused_hint_retired" if retired else "catalogue.delete.refused_hint"
        )
        self.app.push_screen(
            MessageDialog(
                self.t("catalogue.delete.refused_title"),
                self.t("catalogue.delete.refused", name=programme.name),
                details=reasons,
                hint=self.t(hint),
            )
        )

    def action_delete(self) -> None:
        programme = self.current
        if programme is None:
            return
        name = programme.name
        reasons = self.usage(programme.id)
        if reasons:
            self._refuse_delete(programme, reasons)
            return

        def delete(yes: bool | None) -> None:
            if not yes:
                return
            done = self.workbench.store(lambda repo: _delete(repo, programme.id))
            if isinstance(done, InUseError):  # someone started using it meanwhile
                self._refuse_delete(programme, self._describe(done.used_by))
            elif done:
                self.notify(self.t("catalogue.delete.done", name=name), markup=False)

        self.app.push_screen(
            ConfirmDialog(
                self.t("catalogue.delete.title"),
                self.t("catalogue.delete.message", name=name),
                confirm_label=self.t("catalogue.delete.confirm"),
                cancel_label=self.t("app.cancel"),
                danger=True,
            ),
            delete,
        )

    def action_copy_url(self) -> None:
        programme = self.current
        if programme is None or programme.url is None:
            self.notify(self.t("catalogue.copy.none"), markup=False)
            return
        try:
            url(programme.url)  # today's rules: a hand-edited URL may hold anything
        except PydanticCustomError:
            self.notify(self.t("catalogue.copy.invalid"), severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(programme.url)
        self.notify(self.t("catalogue.copy.done", url=programme.url), markup=False)

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
        actions = {"clear": "clear_filters"}
        return [
            PaletteCommand(
                self.t(f"catalogue.commands.{name}"),
                self.t(f"catalogue.commands.{name}_help"),
                self._from_palette(actions.get(name, name)),
            )
            for name in names
        ]

    def _from_palette(self, action: str) -> Callable[[], None]:
        def run() -> None:
            self.workbench.action_show_tab(self.tab_id)
            self.call_after_refresh(getattr(self, f"action_{action}"))

        return run


def _delete(repository: Repository, programme_id: str) -> InUseError | bool:
    try:
        repository.delete_programme(programme_id)
    except InUseError as error:
        return error
    return True
