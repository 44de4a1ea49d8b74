"""Teams tab: the teams, their business objective, and what the first rule says about it.

A table (name, department, headcount, objective or "⚠ Clarify the objective first", the
verdicts of its assessments) and a detail panel for the highlighted team: below the table
in a narrow terminal, beside it when wide. The table, the filter, the sort keys and the
detail panel's place come from ``TablePane``. User text goes through ``rich.text.Text``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.theme import Theme
from textual.widgets import Static

from workbench.core.assessment import Assessment
from workbench.core.team import Team
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.team_form import TeamForm
from workbench.ui.messages import OpenScoring
from workbench.ui.panes.pane import PaletteCommand
from workbench.ui.panes.table_pane import TablePane, describe_uses
from workbench.ui.text import safe_text
from workbench.ui.widgets.drawn_once import DrawnOnce
from workbench.ui.widgets.objective_badge import (
    objective_cell,
    warning_style,
)
from workbench.ui.widgets.team_view import MARKS_WIDTH, Scored, TeamView, TeamWords, sort_value
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable

WIDE = 140
"""From this width the detail panel sits beside the table."""
ROOMY = 100
"""From this width (of the table itself) the verdicts are counted in words, else marked."""
VERDICTS_WIDTH = 26


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


class TeamsTable(VirtualTable):
    """The teams; Enter scores the highlighted team."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "teams.keys.score", id="teams-score"),
    ]
    help_title = "teams.table_title"


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
        with VerticalScroll(id="team-detail"):
            yield Static(id="team-detail-text", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        self.show_rows()

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        width = event.size.width
        detail = _clamp(width * 36 // 100, 42, 72) + 1 if width >= WIDE else 0
        self._table_width = width - detail
        self._roomy = self._table_width >= ROOMY
        self.call_after_refresh(self.show_rows)

    def columns(self) -> list[Column]:
        """Department and name as wide as the data needs, within limits; the objective
        keeps room for the whole flag; the verdicts in words when roomy, else marked."""
        t = self.t
        roomy = self._roomy
        labels = {key: t(f"teams.columns.{key}") for key in ("name", "department", "headcount")}
        departments = max((len(v.team.department or "") for v in self.records), default=8)
        department = _clamp(max(departments, len(labels["department"])), 8, 18 if roomy else 10)
        headcount = len(labels["headcount"])
        if roomy:
            last = Column("verdicts", t("teams.columns.verdicts"), VERDICTS_WIDTH)
        else:
            label = t("teams.columns.marks")
            marks = max((cell_len(self.words.marks(v).plain) for v in self.records), default=0)
            last = Column("verdicts", label, _clamp(marks, cell_len(label), MARKS_WIDTH))
        fixed = department + headcount + (last.width or 0) + 4
        # the objective keeps room for the whole "⚠ Clarify the objective first"
        room = self._table_width - 1 - fixed - cell_len(t("teams.flag.clarify"))
        names = max((len(v.team.name) for v in self.records), default=12)
        name = _clamp(names, 12, max(12, min(room, 32)))
        return [
            Column("name", labels["name"], name),
            Column("department", labels["department"], department),
            Column("headcount", labels["headcount"], headcount, align="right"),
            Column("objective", t("teams.columns.objective"), min_width=20),
            last,
        ]

    # data

    def key(self, record: TeamView) -> str:
        return record.key

    def load(self) -> list[TeamView]:
        repository = self.workbench.repository
        snapshot = self.workbench.visible_snapshot()
        programmes = snapshot.programmes
        by_team: dict[str, list[Assessment]] = {}
        for assessment in snapshot.assessments.values():
            by_team.setdefault(assessment.team_id, []).append(assessment)
        pilots: dict[str, list[str]] = {}
        for pilot in snapshot.pilots.values():
            pilots.setdefault(pilot.team_id, []).append(pilot.name)
        evaluations = self.evaluations
        evaluations.forget_missing(snapshot.assessments)
        previous = self.by_key
        views = []
        for team in repository.teams():
            measurable = team.objective.is_measurable
            scored = []
            for assessment in by_team.get(team.id, []):
                programme = programmes.get(assessment.programme_id)
                scored.append(
                    Scored(
                        assessment,
                        programme.name if programme is not None else None,
                        evaluations.of(assessment, objective_measurable=measurable),
                    )
                )
            scored.sort(key=lambda s: (s.programme or "").casefold())
            view = TeamView(team, tuple(scored), tuple(sorted(pilots.get(team.id, []))))
            before = previous.get(team.id)
            if before is not None and before.team is team and before == view:
                view = before  # unchanged: its remembered row stays valid
            views.append(view)
        return sorted(views, key=lambda view: view.team.name.casefold())

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
        return self._row(record, highlighted=False)

    def cursor_row(self, record: TeamView) -> Row:
        """The cursor row shows the flag and the verdicts in the cursor's own colours (bold):
        yellow on the light cursor of a 16-colour terminal cannot be read."""
        return self._row(record, highlighted=True)

    def _row(self, view: TeamView, *, highlighted: bool) -> Row:
        team = view.team
        i18n = self.workbench.i18n
        flag_style = Style(bold=True) if highlighted else warning_style(self.app)
        last: Text
        if not view.scored:
            last = Text(i18n("teams.detail.unset"))
        elif self._roomy:
            last = self.words.verdicts_summary(view)
        else:
            last = self.words.marks(view, coloured=not highlighted)
        return Row(
            team.id,
            (
                safe_text(team.name),
                safe_text(team.department or ""),
                i18n.number(team.headcount),
                objective_cell(team, i18n, style=flag_style),
                last,
            ),
        )

    def open_record(self, key: str) -> None:
        self.post_message(OpenScoring(team_id=key))

    def show_detail(self, record: TeamView | None) -> None:
        detail = self.query_one("#team-detail-text", Static)
        if record is None:
            detail.update(Text(self.t("teams.detail.no_team"), style="italic"))
            return
        detail.update(DrawnOnce(self.words.detail(record)))

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
        if view is None:
            return
        team = view.team
        unknown = self.t("teams.detail.unknown_programme")

        def refuse(uses: list[str]) -> None:
            self.app.push_screen(
                MessageDialog(
                    self.t("teams.delete.in_use_title"),
                    self.t("teams.delete.in_use", name=team.name),
                    details=uses,
                    hint=self.t("teams.delete.in_use_hint"),
                )
            )

        def used_by(programme: str | None) -> str:
            return self.t("teams.delete.used_assessment", programme=programme or unknown)

        def used_by_assessment(assessment: Assessment) -> str:
            snapshot = self.workbench.repository.snapshot()
            programme = snapshot.programmes.get(assessment.programme_id)
            return used_by(programme.name if programme else None)

        def pilot(name: str) -> str:
            return self.t("teams.delete.used_pilot", name=name)

        def deleted() -> None:
            self.refresh_data()
            self.table.focus()
            self.notify(self.t("teams.deleted", name=team.name), timeout=3, markup=False)

        self.delete_unless_used(
            [used_by(scored.programme) for scored in view.scored] + list(map(pilot, view.pilots)),
            question=ConfirmDialog(
                self.t("teams.delete.title"),
                self.t("teams.delete.question", name=team.name),
                confirm_label=self.t("teams.delete.confirm"),
                cancel_label=self.t("teams.delete.cancel"),
                danger=True,
            ),
            delete=lambda repository: repository.delete_team(team.id),
            refuse=refuse,
            describe=lambda uses: describe_uses(
                uses,
                self.workbench.repository.snapshot().assessments,
                assessment=used_by_assessment,
                pilot=pilot,
                other=str,
            ),
            deleted=deleted,
        )

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
