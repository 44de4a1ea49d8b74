"""Catalogue tab: every programme in a table, searched, filtered and sorted, with its details.

Keys: ``/`` search, ``f`` filters, ``x`` clear them, ``s``/``S`` sort and reverse, ``n`` new,
``e`` edit, ``r`` retire, ``d`` delete, ``u`` copy the URL, Enter scores the programme.
The table, the search, the sort keys and the detail panel's place come from ``TablePane``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from datetime import UTC, datetime
from typing import ClassVar

from pydantic_core import PydanticCustomError
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Select, Static

from workbench.core.catalogue import Level, Programme, Status
from workbench.core.rules import url
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.messages import OpenScoring
from workbench.ui.panes.pane import PaletteCommand
from workbench.ui.panes.table_pane import Listing, TablePane, describe_uses
from workbench.ui.text import option_text, safe_str
from workbench.ui.widgets.catalogue_view import (
    FILTERS,
    NOT_RETIRED,
    OLD_FACTS,
    OLD_FACTS_MARK,
    UNKNOWN_LEVEL,
    CatalogueTable,
    CatalogueView,
    ProgrammeDetail,
    credential_label,
    fitted_price,
    hours_text,
    level_label,
    old_facts_text,
    price_text,
    row_style,
    sort_value,
    status_label,
    with_successor,
)
from workbench.ui.widgets.virtual_table import Cell, Column, Row

WIDE_PANE = 160
"""From this pane width the detail panel sits beside the table, else below it."""
ROOMY_PANE = 120
"""From this pane width the filters are wide enough for long provider and topic names."""
FULL_TABLE = 112
"""From this table width every column shows; below, credential and hours are left out."""

RATES_KEY = "c"
"""Opens the exchange rates (a Catalogue key: the prices are there)."""

ALL_COLUMNS = ("name", "provider", "level", "credential", "hours", "price", "status")
COMPACT_COLUMNS = ("name", "provider", "level", "price", "status")
WIDTHS: dict[str, dict[str, int | None]] = {
    "full": {
        "name": None,
        "provider": 15,
        "level": 13,
        "credential": 12,
        "hours": 6,
        "price": 21,
        "status": 21,
    },
    "compact": {"name": None, "provider": 12, "level": 13, "price": 14, "status": 16},
}
NAME_MIN_WIDTH = 16


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
        self._assessments: Counter[str] = Counter()
        self._pilots: Counter[str] = Counter()
        self._mode = "compact"
        self._name_width = 0
        self._options: dict[str, list[tuple[str, str]]] = {}
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
        t = self.t
        view = self.view
        with Horizontal(id="catalogue-bar"):
            search = self.filter_field()
            search.tooltip = Content(t("catalogue.commands.search_help"))
            yield search
            for name, prompt in zip(
                FILTERS, ("any_level", "any_provider", "any_topic", "any_status"), strict=True
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

    def compose_detail(self) -> ComposeResult:
        yield ProgrammeDetail(self.workbench.i18n, id="catalogue-detail")

    # data

    def key(self, record: Programme) -> str:
        return record.id

    def load(self) -> list[Programme]:
        repository = self.workbench.repository
        snapshot = repository.snapshot()
        self._assessments = Counter(a.programme_id for a in snapshot.assessments.values())
        self._pilots = Counter(p.programme_id for p in snapshot.pilots.values())
        self.view.today = self.workbench.today
        self.view.max_age = self.workbench.settings.facts_max_age_days
        programmes = repository.programmes()
        self._by_id = {programme.id: programme for programme in programmes}
        return programmes

    def refresh_data(self) -> None:
        self.load_records()
        self._sync_filter_options()
        self.show_rows()

    def _filter_options(self, name: str) -> list[tuple[str, str]]:
        t = self.t
        if name == "level":
            i18n = self.workbench.i18n
            levels = [(level_label(i18n, level), level.value) for level in Level]
            return [*levels, (t("catalogue.filters.level_unknown"), UNKNOWN_LEVEL)]
        if name == "status":
            statuses = [(t(f"catalogue.status.{status.value}"), status.value) for status in Status]
            return [
                *statuses,
                (t("catalogue.filters.current"), NOT_RETIRED),
                (t("catalogue.filters.old_facts"), OLD_FACTS),
            ]
        seen: dict[str, str] = {}
        for programme in self.records:
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
        self._show_summary(count)

    def _show_summary(self, shown: int) -> None:
        t = self.t
        view = self.view
        total = len(self.records)
        count = self.query_one("#catalogue-count", Static)
        if not view.filtered:
            count.update(Content(self.workbench.i18n.plural("catalogue.count_all", total)))
        else:
            parts: list[str] = []
            if view.search.strip():
                parts.append(
                    t("catalogue.filter_search", text=safe_str(view.search.strip(), limit=40))
                )
            for name in FILTERS:
                value = getattr(view, name)
                if value is not None:
                    label = {v: lab for lab, v in self._options.get(name, [])}.get(value, value)
                    parts.append(t(f"catalogue.filters.{name}", value=safe_str(label, limit=40)))
            text = t(
                "catalogue.summary",
                count=self.workbench.i18n.plural("catalogue.count", total, shown=shown),
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

    def columns(self) -> list[Column]:
        widths = WIDTHS[self._mode]
        return [
            Column(
                key,
                self.t(f"catalogue.columns.{key}"),
                widths[key] if key != "name" else self._name_width or None,
                min_width=NAME_MIN_WIDTH,
                align="right" if key == "hours" else "left",
            )
            for key in self._column_keys()
        ]

    def _column_keys(self) -> tuple[str, ...]:
        return ALL_COLUMNS if self._mode == "full" else COMPACT_COLUMNS

    def rows_context(self) -> Hashable:
        return self._mode

    def row(self, record: Programme) -> Row:
        p = record
        i18n = self.workbench.i18n
        full = self._mode == "full"
        unknown = Text(self.t("catalogue.unknown_short"), style="dim")

        def known(text: str) -> Cell:
            return text if text else unknown

        # with a successor the date gives way to it ("retired → AI-901"): the detail has both
        dated = full and p.successor_id is None
        status = Text(with_successor(i18n, status_label(i18n, p, with_date=dated), p, self._by_id))
        if p.status in (Status.RETIRING, Status.RETIRED):
            status.stylize("italic")
        name: Cell = safe_str(p.name)
        if self.view.facts_old(p):
            name = Text.assemble((OLD_FACTS_MARK, "bold"), name)
        cells: dict[str, Cell] = {
            "name": name,
            "provider": p.provider,
            "level": known(level_label(i18n, p.level)),
            "credential": known(credential_label(i18n, p.credential, short=True)),
            "hours": known(hours_text(i18n, p)),
            "price": known(
                fitted_price(i18n, p.price, WIDTHS["full"]["price"] or 0)
                if full
                else price_text(i18n, p.price, short=True)
            ),
            "status": status,
        }
        return Row(p.id, tuple(cells[key] for key in self._column_keys()), row_style(p))

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
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
            self.show_rows()

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

    def show_detail(self, record: Programme | None) -> None:
        used_by = self._used_by(record) if record is not None else ""
        if self._shown is not None and self._shown[0] is record and self._shown[1] == used_by:
            return
        self._shown = (record, used_by)
        old = (
            old_facts_text(self.workbench.i18n, record, self.view.today, self.view.max_age)
            if record is not None
            else ""
        )
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
        self.show_record(programme.id)
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

    def _used_by_assessment(self, team_id: str) -> str:
        team = self.workbench.repository.snapshot().teams.get(team_id)
        return self.t(
            "catalogue.delete.used_assessment", team=team.name if team is not None else team_id
        )

    def usage(self, programme_id: str) -> list[str]:
        """What still uses a programme, said in words: the reason a delete is refused."""
        snapshot = self.workbench.repository.snapshot()
        reasons = [
            self._used_by_assessment(assessment.team_id)
            for assessment in snapshot.assessments.values()
            if assessment.programme_id == programme_id
        ]
        for pilot in snapshot.pilots.values():
            if pilot.programme_id == programme_id:
                reasons.append(self.t("catalogue.delete.used_pilot", name=pilot.name))
        return reasons

    def action_delete(self) -> None:
        programme = self.current
        if programme is None:
            return
        name = programme.name
        retired = programme.status is Status.RETIRED
        hint = "refused_hint_retired" if retired else "refused_hint"

        def refuse(reasons: list[str]) -> None:
            self.app.push_screen(
                MessageDialog(
                    self.t("catalogue.delete.refused_title"),
                    self.t("catalogue.delete.refused", name=name),
                    details=reasons,
                    hint=self.t(f"catalogue.delete.{hint}"),
                )
            )

        self.delete_unless_used(
            self.usage(programme.id),
            question=ConfirmDialog(
                self.t("catalogue.delete.title"),
                self.t("catalogue.delete.message", name=name),
                confirm_label=self.t("catalogue.delete.confirm"),
                cancel_label=self.t("app.cancel"),
                danger=True,
            ),
            delete=lambda repository: repository.delete_programme(programme.id),
            refuse=refuse,
            describe=lambda used_by: describe_uses(
                used_by,
                self.workbench.repository.snapshot().assessments,
                assessment=lambda assessment: self._used_by_assessment(assessment.team_id),
                pilot=lambda pilot: self.t("catalogue.delete.used_pilot", name=pilot),
                other=lambda entry: self.t("catalogue.delete.used_other", what=entry),
            ),
            deleted=lambda: self.notify(self.t("catalogue.delete.done", name=name), markup=False),
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
        actions = {"clear": "clear_filters", "search": "filter"}
        return [
            PaletteCommand(
                self.t(f"catalogue.commands.{name}"),
                self.t(f"catalogue.commands.{name}_help"),
                self.here(getattr(self, f"action_{actions.get(name, name)}")),
            )
            for name in names
        ]
