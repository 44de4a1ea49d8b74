"""Teams tab: the teams, their business objective, and what the first rule says about it.

A table (``table``) and a detail panel for the highlighted team (``detail``): below the
table in a narrow terminal, beside it when wide. The table, the filter, the sort keys and
the detail panel's place come from ``TablePane``; the team form is ``form``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.theme import Theme

from workbench.core.team import Team
from workbench.ui.messages import OpenScoring
from workbench.ui.panes.pane import PaletteCommand
from workbench.ui.panes.table_pane import TablePane
from workbench.ui.teams.deleting import delete_team
from workbench.ui.teams.detail import team_detail
from workbench.ui.teams.form import TeamForm
from workbench.ui.teams.records import TeamView, sort_value, team_views
from workbench.ui.teams.table import (
    ROOMY,
    WIDE,
    TeamsTable,
    table_width,
    team_columns,
    team_row,
)
from workbench.ui.teams.words import TeamWords
from workbench.ui.widgets.detail_view import DetailView
from workbench.ui.widgets.objective_badge import warning_style
from workbench.ui.widgets.virtual_table import Column, Row


class TeamsPane(TablePane[TeamView]):
    tab_id = "teams"
    WRITE_ACTIONS = frozenset({"new_team", "edit_team", "delete_team"})
    TABLE = TeamsTable
    TABLE_ID = "teams-table"
    FILTER_ID = "teams-filter"
    FILTER_LABEL = "teams.filter_label"
    FILTER_PLACEHOLDER = "teams.filter_placeholder"
    BODY_ID = "teams-body"
    EMPTY = "teams.empty"
    NO_MATCH = "teams.no_match"
    WIDE = WIDE
    STYLED_CURSOR = True

    DEFAULT_CSS = """
    TeamsPane #teams-body { layout: vertical; height: 1fr; }
    TeamsPane #teams-table { height: auto; min-height: 3; max-height: 50%; }
    TeamsPane #team-detail {
        height: 1fr;
        border-top: solid $primary-muted;
        padding: 0 1;
        background: $surface;
    }
    TeamsPane #team-detail:focus { border-top: solid $primary; }
    TeamsPane.-wide #teams-body { layout: horizontal; }
    TeamsPane.-wide #teams-table { width: 1fr; height: 1fr; max-height: 100%; }
    TeamsPane.-wide #team-detail {
        width: 36%;
        min-width: 42;
        max-width: 72;
        border-top: none;
        border-left: solid $primary-muted;
    }
    TeamsPane.-wide #team-detail:focus { border-top: none; border-left: solid $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_team", "teams.keys.new", id="teams-new"),
        Binding("e", "edit_team", "teams.keys.edit", id="teams-edit"),
        Binding("d,delete", "delete_team", "teams.keys.delete", id="teams-delete"),
        # "/" is shown in the filter row; the footer keeps room for F1 in French.
        Binding("slash", "filter", "teams.keys.filter", show=False, id="teams-filter"),
        Binding("escape", "clear_filter", "teams.keys.clear_filter", id="teams-clear-filter"),
        Binding("s", "sort", "keys.sort", show=False, id="teams-sort"),
        Binding("S,shift+s", "reverse", "keys.reverse", show=False, id="teams-reverse"),
        Binding("M,shift+m", "memo", "reports.keys.memo", show=False, id="teams-memo"),
        Binding("g", "diagnostic", "diagnostic.keys.open", show=False, id="teams-diagnostic"),
        Binding("ctrl+z", "undo", "app.keys.undo", show=False, id="teams-undo"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._roomy = False
        self._table_width = 80

    @property
    def _views(self) -> list[TeamView]:
        return self.records

    @property
    def help_title(self) -> str:
        return self.t("teams.help_title")

    @property
    def words(self) -> TeamWords:
        return TeamWords(self.workbench.i18n, self.app)

    # layout

    def compose_detail(self) -> ComposeResult:
        yield DetailView(id="team-detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        self.show_rows()

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self._table_width = table_width(event.size.width)
        self._roomy = self._table_width >= ROOMY
        self.call_after_refresh(self.show_rows)

    def columns(self) -> list[Column]:
        return team_columns(self.words, self.records, width=self._table_width, roomy=self._roomy)

    # data

    def key(self, record: TeamView) -> str:
        return record.key

    def load(self) -> list[TeamView]:
        return team_views(
            self.workbench.repository.teams(),
            self.workbench.visible_snapshot(),
            self.evaluations,
            self.by_key,
        )

    def matches(self, record: TeamView, needle: str) -> bool:
        return record.matches(needle)

    def sort_value(self, record: TeamView, column: str) -> object:
        return sort_value(record, column)

    def sorted_column(self) -> str | None:
        # "assessments" was the name of the verdicts' column: one sort, on their number
        sort = "verdicts" if self.view.sort == "assessments" else self.view.sort
        return sort if sort in {column.key for column in self.table.columns} else None

    # rows

    def rows_context(self) -> Hashable:
        return (self._roomy, warning_style(self.app))

    def row(self, record: TeamView) -> Row:
        return team_row(self.words, record, roomy=self._roomy, highlighted=False)

    def cursor_row(self, record: TeamView) -> Row:
        return team_row(self.words, record, roomy=self._roomy, highlighted=True)

    def open_record(self, key: str) -> None:
        self.post_message(OpenScoring(team_id=key))

    def show_detail(self, record: TeamView | None) -> None:
        detail = self.query_one("#team-detail", DetailView)
        if record is None:
            detail.update(Text(self.t("teams.detail.no_team"), style="italic"))
            return
        detail.update(team_detail(self.words, record))

    # bindings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only_blocks(action):
            return None
        if action in {"edit_team", "delete_team", "memo", "diagnostic"}:
            return self.current is not None
        if action == "clear_filter":
            return self.filter_clearable()
        return True

    # new, edit, delete

    def action_new_team(self) -> None:
        self.app.push_screen(TeamForm(), self._saved)

    def action_edit_team(self) -> None:
        view = self.current
        if view is not None:
            self.app.push_screen(TeamForm(view.team), self._saved)

    def _saved(self, team: Team | None) -> None:
        if team is None:
            return
        needle = self.view.search.strip().casefold()
        if needle and needle not in f"{team.name}\n{team.department or ''}".casefold():
            self.filter_input.value = ""
            self.view.search = ""
        self.show_record(team.id)
        self.table.focus()
        self.notify(self.t("teams.saved", name=team.name), timeout=3, markup=False)

    def action_delete_team(self) -> None:
        view = self.current
        if view is not None:
            delete_team(self, view)

    def action_memo(self) -> None:
        from workbench.ui.reports import open_memo

        view = self.current
        if view is not None:
            open_memo(self.workbench, view.team.id)

    def action_diagnostic(self) -> None:
        from workbench.ui.diagnostic.screen import open_diagnostic

        view = self.current
        if view is not None:
            open_diagnostic(self.workbench, view.team.id)

    # palette

    def palette_commands(self) -> list[PaletteCommand]:
        t = self.t
        commands = [
            PaletteCommand(
                t("teams.commands.new"),
                t("teams.commands.new_help"),
                self.here(self.action_new_team),
            ),
            PaletteCommand(
                t("keys.teams_sort"), t("keys.teams_sort_help"), self.here(self.action_sort)
            ),
        ]
        if self.current is not None:
            commands += [
                PaletteCommand(
                    t("teams.commands.edit"),
                    t("teams.commands.edit_help"),
                    self.here(self.action_edit_team),
                ),
                PaletteCommand(
                    t("teams.commands.delete"),
                    t("teams.commands.delete_help"),
                    self.here(self.action_delete_team),
                ),
                PaletteCommand(
                    t("reports.commands.memo_this"),
                    t("reports.commands.memo_this_help"),
                    self.here(self.action_memo),
                ),
                PaletteCommand(
                    t("diagnostic.commands.open"),
                    t("diagnostic.commands.open_help"),
                    self.here(self.action_diagnostic),
                ),
            ]
        return commands
