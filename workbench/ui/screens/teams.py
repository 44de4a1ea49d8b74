"""Teams tab: the teams, their business objective, and what the first rule says about it.

A table (name, department, headcount, objective or "⚠ Clarify the objective first",
assessments) and a detail panel for the highlighted team: below the table in a narrow
terminal, beside it when wide. Every user-typed string goes through ``rich.text.Text``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, VerticalScroll
from textual.theme import Theme
from textual.widgets import Input, Label, Static

from workbench.core.assessment import Assessment
from workbench.core.scoring import Evaluation, Verdict
from workbench.core.team import Team
from workbench.storage.errors import InUseError
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.team_form import TeamForm
from workbench.ui.messages import OpenScoring
from workbench.ui.screens.pane import PaletteCommand, Pane
from workbench.ui.text import FIELD_LIMIT, safe_text
from workbench.ui.widgets.filter_input import FilterInput
from workbench.ui.widgets.objective_badge import (
    missing_text,
    needs_clarifying,
    objective_cell,
    theme_style,
    warning_style,
)
from workbench.ui.widgets.verdict_style import verdict_key
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp

WIDE = 140
"""From this width the detail panel sits beside the table."""
ROOMY = 100
"""From this width (of the table itself) the table shows the verdicts of each team."""
OBJECTIVE_MIN = 30
"""Room for "⚠ Clarify the objective first" in English and in French."""
VERDICTS_WIDTH = 26
VERDICT_COLOUR = {
    Verdict.PILOT: "text-success",
    Verdict.INVESTIGATE: "text-warning",
    Verdict.ALTERNATIVES: "text-error",
    Verdict.CLARIFY_OBJECTIVE: "text-warning",
}


@dataclass(frozen=True, slots=True)
class Scored:
    """One assessment of a team, evaluated with the team's objective rule."""

    assessment: Assessment
    programme: str | None
    evaluation: Evaluation


@dataclass(frozen=True, slots=True)
class TeamView:
    team: Team
    scored: tuple[Scored, ...]
    pilots: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.team.id

    def matches(self, needle: str) -> bool:
        haystack = f"{self.team.name}\n{self.team.department or ''}".casefold()
        return needle in haystack


COLUMN_KEYS = ("name", "department", "headcount", "objective", "assessments", "verdicts")


def _sort_value(view: TeamView, column: str) -> str | int | tuple[bool, str] | None:
    """The value a column sorts on; None when unknown (unknown values always sort last)."""
    team = view.team
    if column == "name":
        return team.name.casefold()
    if column == "department":
        return team.department.casefold() if team.department else None
    if column == "headcount":
        return team.headcount
    if column == "objective":
        return (not team.objective.is_measurable, (team.objective.statement or "").casefold())
    return len(view.scored)


def _same_count(first: str, second: str) -> bool:
    """The last column is the assessments' count or, when roomy, their verdicts: one sort."""
    return {first, second} == {"assessments", "verdicts"}


def sort_teams(views: list[TeamView], column: str, *, reverse: bool) -> list[TeamView]:
    """Sorted on ``column`` (then by name), unknown values last whatever the order."""
    by_name = sorted(views, key=lambda view: view.team.name.casefold())
    known = [(value, view) for view in by_name if (value := _sort_value(view, column)) is not None]
    unknown = [view for view in by_name if _sort_value(view, column) is None]
    known.sort(key=lambda item: item[0], reverse=reverse)
    return [view for _, view in known] + unknown


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


class TeamsTable(VirtualTable):
    """The teams; Enter scores the highlighted team."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "teams.keys.score", id="teams-score"),
    ]

    @property
    def help_title(self) -> str:
        return cast("WorkbenchApp", self.app).i18n("teams.table_title")


class TeamsPane(Pane):
    tab_id = "teams"
    WRITE_ACTIONS = frozenset({"new_team", "edit_team", "delete_team"})

    DEFAULT_CSS = """
    TeamsPane #teams-filter-row {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    TeamsPane #teams-filter-row > Label {
        width: auto;
        padding-right: 1;
        text-style: bold;
        color: $text-accent;
    }
    TeamsPane #teams-filter {
        width: 1fr;
    }
    TeamsPane #teams-body {
        layout: vertical;
        height: 1fr;
    }
    TeamsPane #teams-table {
        height: auto;
        min-height: 3;
        max-height: 50%;
    }
    TeamsPane #team-detail {
        height: 1fr;
        border-top: solid $primary-muted;
        padding: 0 1;
        background: $surface;
    }
    TeamsPane #team-detail:focus {
        border-top: solid $primary;
    }
    TeamsPane.-wide #teams-body {
        layout: horizontal;
    }
    TeamsPane.-wide #teams-table {
        width: 1fr;
        height: 1fr;
        max-height: 100%;
    }
    TeamsPane.-wide #team-detail {
        width: 36%;
        min-width: 42;
        max-width: 72;
        border-top: none;
        border-left: solid $primary-muted;
    }
    TeamsPane.-wide #team-detail:focus {
        border-top: none;
        border-left: solid $primary;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_team", "teams.keys.new", id="teams-new"),
        Binding("e", "edit_team", "teams.keys.edit", id="teams-edit"),
        Binding("d", "delete_team", "teams.keys.delete", id="teams-delete"),
        # "/" is shown in the filter row; the footer keeps room for F1 in French.
        Binding("slash", "filter", "teams.keys.filter", show=False, id="teams-filter"),
        Binding("escape", "clear_filter", "teams.keys.clear_filter", id="teams-clear-filter"),
        Binding("s", "sort", "keys.sort", show=False, id="teams-sort"),
        Binding("S,shift+s", "reverse", "keys.reverse", show=False, id="teams-reverse"),
        Binding("M,shift+m", "memo", "reports.keys.memo", show=False, id="teams-memo"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._views: list[TeamView] = []
        self._by_id: dict[str, TeamView] = {}
        self._roomy = False
        self._table_width = 80
        self._select_after_refresh: str | None = None
        self._shown: dict[str, int] = {}
        self._styled_cursor: str | None = None
        self._rows: dict[str, tuple[TeamView, Row]] = {}
        """Each team's row (without the cursor), while the view, width and theme stay."""
        self._rows_for: tuple[bool, Style] | None = None
        self._sort = "name"
        self._reverse = False

    # layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="teams-filter-row"):
            yield Label(Text(self.t("teams.filter_label")))
            yield FilterInput(
                placeholder=self.t("teams.filter_placeholder"), id="teams-filter", compact=True
            )
        with Container(id="teams-body"):
            yield TeamsTable(self._columns(), empty_text=self.t("teams.empty"), id="teams-table")
            with VerticalScroll(id="team-detail"):
                yield Static(id="team-detail-text", markup=False)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.refresh_data()
        if self.workbench.state.tab == self.tab_id:
            # recomposed (language switch) while shown: keep the keys working
            self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        if self.screen.focused is None:
            self.focus_default()

    def _theme_changed(self, theme: Theme) -> None:
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        width = event.size.width
        self.set_class(width >= WIDE, "-wide")
        detail = _clamp(width * 36 // 100, 42, 72) + 1 if width >= WIDE else 0
        self._table_width = width - detail
        self._roomy = self._table_width >= ROOMY
        self.call_after_refresh(self._show_rows)

    def _columns(self) -> list[Column]:
        """Department and name as wide as the data needs, within limits; the objective
        keeps room for the whole flag; verdicts when the table is roomy, else a count."""
        labels = {key: self.t(f"teams.columns.{key}") for key in COLUMN_KEYS}
        roomy = self._roomy
        departments = max((len(v.team.department or "") for v in self._views), default=8)
        department = _clamp(max(departments, len(labels["department"])), 8, 18 if roomy else 10)
        headcount = len(labels["headcount"])
        last = Column(
            "assessments", labels["assessments"], len(labels["assessments"]), align="right"
        )
        if roomy:
            last = Column("verdicts", labels["verdicts"], VERDICTS_WIDTH)
        fixed = department + headcount + (last.width or 0) + len(COLUMN_KEYS) - 2
        room = self._table_width - 1 - fixed - OBJECTIVE_MIN
        names = max((len(v.team.name) for v in self._views), default=12)
        name = _clamp(names, 12, max(16, min(room, 32)))
        return [
            Column("name", labels["name"], name),
            Column("department", labels["department"], department),
            Column("headcount", labels["headcount"], headcount, align="right"),
            Column("objective", labels["objective"], min_width=20),
            last,
        ]

    @property
    def table(self) -> TeamsTable:
        return self.query_one("#teams-table", TeamsTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#teams-filter", Input)

    @property
    def help_title(self) -> str:
        return self.t("teams.help_title")

    def focus_default(self) -> None:
        self.table.focus()

    # data

    def refresh_data(self) -> None:
        repository = self.workbench.repository
        snapshot = repository.snapshot()
        programmes = snapshot.programmes
        by_team: dict[str, list[Assessment]] = {}
        for assessment in snapshot.assessments.values():
            by_team.setdefault(assessment.team_id, []).append(assessment)
        pilots: dict[str, list[str]] = {}
        for pilot in snapshot.pilots.values():
            pilots.setdefault(pilot.team_id, []).append(pilot.name)
        evaluations = self.evaluations
        evaluations.forget_missing(snapshot.assessments)
        previous = self._by_id
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
                view = before  # unchanged: its cached row stays valid
            views.append(view)
        self._views = views
        self._by_id = {view.key: view for view in views}
        if len(self._rows) > len(self._by_id):  # deleted teams
            self._rows = {key: row for key, row in self._rows.items() if key in self._by_id}
        self._show_rows()

    def _show_rows(self) -> None:
        needle = self.filter_input.value.strip().casefold()
        shown = sort_teams(
            [view for view in self._views if not needle or view.matches(needle)],
            self._sort,
            reverse=self._reverse,
        )
        table = self.table
        columns = self._columns()
        table.sorted_column = next(
            (c.key for c in columns if c.key == self._sort or _same_count(c.key, self._sort)), None
        )
        table.sort_reverse = self._reverse
        table.empty_text = self.t("teams.no_match" if needle else "teams.empty")
        keep, self._select_after_refresh = self._select_after_refresh, None
        table.set_columns(columns)
        self._row_style()
        self._shown = {view.key: index for index, view in enumerate(shown)}
        self._styled_cursor = None
        table.set_rows([self._cached_row(view) for view in shown], keep=keep)
        self._restyle_cursor_row()
        self._show_detail()
        self.refresh_bindings_if_changed()

    def _restyle_cursor_row(self) -> None:
        """The cursor row shows the flag in the cursor's own colours (bold, no warning
        colour): yellow on the light cursor of a 16-colour terminal cannot be read."""
        table = self.table
        current = table.cursor_key
        if current == self._styled_cursor:
            return
        for key in (self._styled_cursor, current):
            if key is None or key not in self._shown or key not in self._by_id:
                continue
            index = self._shown[key]
            if index < len(table.rows):
                view = self._by_id[key]
                highlighted = key == current
                table.rows[index] = (
                    self._row(view, highlighted=True) if highlighted else self._cached_row(view)
                )
        self._styled_cursor = current
        table.refresh()

    def _row_style(self) -> Style:
        """The flag's colour in the rows; forgets the cached rows when it or the width changed."""
        style = warning_style(self.app)
        if self._rows_for != (self._roomy, style):
            self._rows.clear()
            self._rows_for = (self._roomy, style)
        return style

    def _cached_row(self, view: TeamView) -> Row:
        """``_row(view)``, built again only when the view, the width or the theme changed."""
        if self._rows_for is None or self._rows_for[0] != self._roomy:
            self._row_style()
        assert self._rows_for is not None
        cached = self._rows.get(view.key)
        if cached is not None and cached[0] is view:
            return cached[1]
        row = self._row(view, flag_style=self._rows_for[1])
        self._rows[view.key] = (view, row)
        return row

    def _row(
        self, view: TeamView, *, highlighted: bool = False, flag_style: Style | None = None
    ) -> Row:
        team = view.team
        i18n = self.workbench.i18n
        if highlighted:
            flag_style = Style(bold=True)
        elif flag_style is None:
            flag_style = warning_style(self.app)
        objective = objective_cell(team, i18n, style=flag_style)
        last: Text | str
        if self._roomy:
            last = self._verdicts_summary(view)
        else:
            last = str(len(view.scored)) if view.scored else i18n("teams.detail.unset")
        return Row(
            team.id,
            (
                safe_text(team.name),
                safe_text(team.department or ""),
                i18n.number(team.headcount),
                objective,
                last,
            ),
        )

    def _verdicts_summary(self, view: TeamView) -> Text:
        counts: Counter[str] = Counter()
        for scored in view.scored:
            verdict = scored.evaluation.verdict
            counts[verdict.value if verdict is not None else "open"] += 1
        order = [*(v.value for v in Verdict), "open"]
        parts = [
            self.t(
                "teams.verdict_short.count",
                count=counts[key],
                verdict=self.t(f"teams.verdict_short.{key}"),
            )
            for key in order
            if counts[key]
        ]
        if not parts:
            return Text(self.t("teams.detail.unset"))
        return Text(self.t("teams.verdict_short.separator").join(parts))

    # the highlighted team

    @property
    def current(self) -> TeamView | None:
        key = self.table.cursor_key
        return self._by_id.get(key) if key is not None else None

    @on(VirtualTable.Highlighted, "#teams-table")
    def _highlighted(self, event: VirtualTable.Highlighted) -> None:
        self._restyle_cursor_row()
        self._show_detail()
        self.refresh_bindings_if_changed()

    @on(VirtualTable.Selected, "#teams-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.post_message(OpenScoring(team_id=event.key))

    def _show_detail(self) -> None:
        detail = self.query_one("#team-detail-text", Static)
        view = self.current
        if view is None:
            detail.update(Text(self.t("teams.detail.no_team"), style="italic"))
            return
        detail.update(self._detail(view))

    def _detail(self, view: TeamView) -> RenderableType:
        t = self.t
        i18n = self.workbench.i18n
        team = view.team
        objective = team.objective
        flag_style = warning_style(self.app)
        unset = Text(t("teams.detail.unset"), style="dim")

        def value(text: str | None) -> Text:
            return safe_text(text, limit=FIELD_LIMIT, wrap=True) if text else unset

        def number(amount: float | None) -> Text:
            return Text(i18n.smart(amount)) if amount is not None else unset

        people_key = "teams.detail.people_one" if team.headcount == 1 else "teams.detail.people"
        separator = t("teams.detail.separator")
        heading = safe_text(team.name, "bold", limit=FIELD_LIMIT, wrap=True)
        if team.department:
            heading.append(separator)
            heading.append_text(safe_text(team.department, limit=FIELD_LIMIT, wrap=True))
        heading.append(separator)
        heading.append(t(people_key, count=i18n.number(team.headcount)))

        fields = Table.grid(padding=(0, 1), expand=True)
        fields.add_column(style="bold", no_wrap=True)
        fields.add_column(ratio=1)
        fields.add_row(Text(t("teams.detail.statement")), value(objective.statement))
        fields.add_row(Text(t("teams.detail.metric")), value(objective.metric))
        fields.add_row(Text(t("teams.detail.unit")), value(objective.unit))
        fields.add_row(Text(t("teams.detail.baseline")), number(objective.baseline))
        fields.add_row(Text(t("teams.detail.target")), number(objective.target))
        horizon = objective.horizon_months
        fields.add_row(
            Text(t("teams.detail.horizon")),
            Text(t(f"teams.detail.months{'_one' if horizon == 1 else ''}", months=horizon))
            if horizon is not None
            else unset,
        )

        objective_title = Text.assemble((t("teams.detail.objective"), "bold underline"), "  ")
        parts: list[RenderableType] = [heading, Text(), objective_title]
        if needs_clarifying(team):
            objective_title.append(t("teams.flag.clarify"), style=flag_style)
            parts.append(
                Text.assemble(
                    (t("teams.detail.to_fix"), flag_style),
                    t("teams.flag.missing_intro"),
                    missing_text(team, i18n),
                )
            )
        else:
            objective_title.append(t("teams.flag.measurable"), style="bold")
        parts.append(fields)

        parts.append(Text())
        parts.append(
            Text(t("teams.detail.assessments", count=len(view.scored)), style="bold underline")
        )
        if view.scored:
            grid = Table.grid(padding=(0, 1), expand=True)
            grid.add_column(ratio=1)
            grid.add_column(no_wrap=True)
            grid.add_column(no_wrap=True, justify="right")
            for scored in view.scored:
                verdict, percent = self._verdict_cells(scored.evaluation)
                name = scored.programme or t("teams.detail.unknown_programme")
                grid.add_row(safe_text(name), verdict, percent)
            parts.append(grid)
        else:
            parts.append(Text(t("teams.detail.no_assessments"), style="italic"))
        if view.pilots:
            parts.append(Text())
            parts.append(
                Text(t("teams.detail.pilots", count=len(view.pilots)), style="bold underline")
            )
            parts += [
                safe_text(t("teams.detail.bullet", what=name), wrap=True) for name in view.pilots
            ]
        return Group(*parts)

    def _verdict_cells(self, evaluation: Evaluation) -> tuple[Text, Text]:
        i18n = self.workbench.i18n
        verdict = evaluation.verdict
        if verdict is not None and evaluation.percent is not None:
            return (
                Text(self.t(verdict_key(verdict)).upper(), style=self._verdict_style(verdict)),
                Text(i18n.percent(evaluation.percent)),
            )
        possible = self.t("teams.detail.or").join(
            self.t(f"teams.verdict_short.{v.value}") for v in evaluation.possible
        )
        span = self.t(
            "teams.detail.percent_range",
            low=i18n.number(evaluation.low_percent, 1),
            high=i18n.percent(evaluation.high_percent),
        )
        return Text(self.t("teams.detail.open", possible=possible), style="italic"), Text(span)

    def _verdict_style(self, verdict: Verdict) -> Style:
        return theme_style(self.app, VERDICT_COLOUR[verdict])

    # bindings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only_blocks(action):
            return None
        if action in {"edit_team", "delete_team", "memo"}:
            return self.current is not None
        if action == "clear_filter":
            return bool(self.filter_input.value) or self.filter_input.has_focus
        return True

    # filter

    def action_filter(self) -> None:
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        self.filter_input.value = ""
        self.table.focus()
        self._show_rows()

    # sort

    def action_sort(self) -> None:
        """Sort on the next column (s), as in the Catalogue."""
        keys = [column.key for column in self._columns()]
        current = next((k for k in keys if k == self._sort or _same_count(k, self._sort)), None)
        index = keys.index(current) + 1 if current is not None else 0
        self._sort_by(keys[index % len(keys)], toggle=False)

    def action_reverse(self) -> None:
        self._reverse = not self._reverse
        self._show_rows()

    @on(TeamsTable.HeaderClicked, "#teams-table")
    def _header_clicked(self, event: TeamsTable.HeaderClicked) -> None:
        event.stop()
        self._sort_by(event.column, toggle=True)

    def _sort_by(self, column: str, *, toggle: bool) -> None:
        if toggle and (column == self._sort or _same_count(column, self._sort)):
            self._reverse = not self._reverse
        else:
            self._sort, self._reverse = column, False
        self._show_rows()

    @on(Input.Changed, "#teams-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._show_rows()

    @on(Input.Submitted, "#teams-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

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
        needle = self.filter_input.value.strip().casefold()
        if needle and needle not in f"{team.name}\n{team.department or ''}".casefold():
            self.filter_input.value = ""
        self._select_after_refresh = team.id
        self.refresh_data()
        self.table.focus()
        self.notify(self.t("teams.saved", name=team.name), timeout=3, markup=False)

    def action_delete_team(self) -> None:
        view = self.current
        if view is None:
            return
        uses = self._uses(view)
        if uses:
            self._refuse(view.team, uses)
            return
        self.app.push_screen(
            ConfirmDialog(
                self.t("teams.delete.title"),
                self.t("teams.delete.question", name=view.team.name),
                confirm_label=self.t("teams.delete.confirm"),
                cancel_label=self.t("teams.delete.cancel"),
                danger=True,
            ),
            lambda yes: self._delete(view.team) if yes else None,
        )

    def _uses(self, view: TeamView) -> list[str]:
        """What keeps the team from being deleted, in words (from the data we show)."""
        uses = [
            self.t(
                "teams.delete.used_assessment",
                programme=scored.programme or self.t("teams.detail.unknown_programme"),
            )
            for scored in view.scored
        ]
        uses += [self.t("teams.delete.used_pilot", name=name) for name in view.pilots]
        return uses

    def _describe(self, used_by: list[str]) -> list[str]:
        """The storage layer's reasons ("assessment <id>", "pilot <name>") in words."""
        snapshot = self.workbench.repository.snapshot()
        described = []
        for entry in used_by:
            kind, _, rest = entry.partition(" ")
            if kind == "assessment" and rest in snapshot.assessments:
                programme = snapshot.programmes.get(snapshot.assessments[rest].programme_id)
                name = programme.name if programme else self.t("teams.detail.unknown_programme")
                described.append(self.t("teams.delete.used_assessment", programme=name))
            elif kind == "pilot":
                described.append(self.t("teams.delete.used_pilot", name=rest))
            else:
                described.append(entry)
        return described

    def _refuse(self, team: Team, uses: list[str]) -> None:
        self.app.push_screen(
            MessageDialog(
                self.t("teams.delete.in_use_title"),
                self.t("teams.delete.in_use", name=team.name),
                details=uses,
                hint=self.t("teams.delete.in_use_hint"),
            )
        )

    def _delete(self, team: Team) -> None:
        def delete(repository: Repository) -> InUseError | bool:
            try:
                repository.delete_team(team.id)
            except InUseError as error:  # someone started using it meanwhile
                return error
            return True

        outcome = self.workbench.store(delete)
        if isinstance(outcome, InUseError):
            self._refuse(team, self._describe(outcome.used_by))
        elif outcome:
            self.refresh_data()
            self.table.focus()
            self.notify(self.t("teams.deleted", name=team.name), timeout=3, markup=False)

    def action_memo(self) -> None:
        from workbench.ui.reports import open_memo

        view = self.current
        if view is not None:
            open_memo(self.workbench, view.team.id)

    # palette

    def palette_commands(self) -> list[PaletteCommand]:
        t = self.t
        commands = [
            PaletteCommand(
                t("teams.commands.new"),
                t("teams.commands.new_help"),
                self._here(self.action_new_team),
            ),
            PaletteCommand(
                t("keys.teams_sort"), t("keys.teams_sort_help"), self._here(self.action_sort)
            ),
        ]
        if self.current is not None:
            commands += [
                PaletteCommand(
                    t("teams.commands.edit"),
                    t("teams.commands.edit_help"),
                    self._here(self.action_edit_team),
                ),
                PaletteCommand(
                    t("teams.commands.delete"),
                    t("teams.commands.delete_help"),
                    self._here(self.action_delete_team),
                ),
                PaletteCommand(
                    t("reports.commands.memo_this"),
                    t("reports.commands.memo_this_help"),
                    self._here(self.action_memo),
                ),
            ]
        return commands

    def _here(self, action: Callable[[], None]) -> Callable[[], None]:
        """Run ``action`` in the Teams tab, switching to it first."""

        def run() -> None:
            self.workbench.action_show_tab(self.tab_id)
            self.call_after_refresh(action)

        return run
