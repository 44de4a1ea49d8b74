"""Teams tab: the teams, their business objective, and what the first rule says about it.

A table (name, department, headcount, objective or "⚠ Clarify the objective first", the
verdicts of its assessments) and a detail panel for the highlighted team: below the table
in a narrow terminal, beside it when wide. The table, the filter, the sort keys and the
detail panel's place come from ``TablePane``. User text goes through ``rich.text.Text``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.theme import Theme
from textual.widgets import Static

from workbench.core.assessment import Assessment
from workbench.core.scoring import Evaluation, Verdict
from workbench.core.team import Team
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.team_form import TeamForm
from workbench.ui.messages import OpenScoring
from workbench.ui.panes.table_pane import TablePane, describe_uses
from workbench.ui.screens.pane import PaletteCommand
from workbench.ui.text import FIELD_LIMIT, safe_text
from workbench.ui.widgets.objective_badge import (
    missing_text,
    needs_clarifying,
    objective_cell,
    theme_style,
    warning_style,
)
from workbench.ui.widgets.verdict_style import verdict_key
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable

WIDE = 140
"""From this width the detail panel sits beside the table."""
ROOMY = 100
"""From this width (of the table itself) the verdicts are counted in words, else marked."""
VERDICTS_WIDTH = 26
MARKS_MAX = 6
"""Up to this many assessments, one mark each; beyond, a count per verdict ("5✓ 2?")."""
MARKS_WIDTH = 12
VERDICT_COLOUR = {
    Verdict.PILOT: "text-success",
    Verdict.INVESTIGATE: "text-warning",
    Verdict.ALTERNATIVES: "text-error",
    Verdict.CLARIFY_OBJECTIVE: "text-warning",
}
VERDICT_ORDER = [*(v.value for v in Verdict), "open"]


@dataclass(frozen=True, slots=True)
class Scored:
    """One assessment of a team, evaluated with the team's objective rule."""

    assessment: Assessment
    programme: str | None
    evaluation: Evaluation

    @property
    def verdict(self) -> str:
        """The verdict's value, or "open" while the scores leave it open."""
        verdict = self.evaluation.verdict
        return verdict.value if verdict is not None else "open"


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
        self._roomy = False
        self._table_width = 80

    @property
    def _views(self) -> list[TeamView]:
        return self.records

    @property
    def help_title(self) -> str:
        return self.t("teams.help_title")

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
            marks = max((cell_len(self._marks(v).plain) for v in self.records), default=0)
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
        return _sort_value(record, column)

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
            last = self._verdicts_summary(view)
        else:
            last = self._marks(view, coloured=not highlighted)
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

    def _verdicts_summary(self, view: TeamView) -> Text:
        counts = Counter(scored.verdict for scored in view.scored)
        i18n = self.workbench.i18n
        parts = [
            i18n.plural(f"teams.verdict_count.{key}", counts[key])
            for key in VERDICT_ORDER
            if counts[key]
        ]
        return Text(self.t("teams.verdict_short.separator").join(parts))

    def _marks(self, view: TeamView, *, coloured: bool = False) -> Text:
        """One mark per assessed programme, in the detail panel's order ("✓✓✗"); a count
        per verdict when there are many ("5✓ 2?")."""
        text = Text(no_wrap=True)
        if len(view.scored) <= MARKS_MAX:
            for scored in view.scored:
                text.append(self._mark(scored.verdict), self._mark_style(scored, coloured))
            return text
        counts = Counter(scored.verdict for scored in view.scored)
        separator = ""
        for key in VERDICT_ORDER:
            if counts[key]:
                text.append(separator)
                text.append(self.t("teams.verdict_mark.count", count=counts[key], mark=""))
                text.append(self._mark(key), self._mark_style(key, coloured))
                separator = self.t("teams.verdict_mark.separator")
        return text

    def _mark(self, verdict: str) -> str:
        return self.t(f"teams.verdict_mark.{verdict}")

    def _mark_style(self, scored: Scored | str, coloured: bool) -> Style:
        verdict = scored if isinstance(scored, str) else scored.verdict
        if not coloured or verdict == "open":
            return Style(bold=True)
        return self._verdict_style(Verdict(verdict))

    # the highlighted team

    def open_record(self, key: str) -> None:
        self.post_message(OpenScoring(team_id=key))

    def show_detail(self, record: TeamView | None) -> None:
        detail = self.query_one("#team-detail-text", Static)
        if record is None:
            detail.update(Text(self.t("teams.detail.no_team"), style="italic"))
            return
        detail.update(self._detail(record))

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

        separator = t("teams.detail.separator")
        heading = safe_text(team.name, "bold", limit=FIELD_LIMIT, wrap=True)
        if team.department:
            heading.append(separator)
            heading.append_text(safe_text(team.department, limit=FIELD_LIMIT, wrap=True))
        heading.append(separator)
        heading.append(
            i18n.plural("teams.detail.people", team.headcount, number=i18n.number(team.headcount))
        )

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
            Text(i18n.plural("teams.detail.months", horizon)) if horizon is not None else unset,
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
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1)
            grid.add_column(no_wrap=True)
            grid.add_column(no_wrap=True, justify="right")
            for scored in view.scored:
                verdict, percent = self._verdict_cells(scored.evaluation)
                name = scored.programme or t("teams.detail.unknown_programme")
                mark = Text(self._mark(scored.verdict), self._mark_style(scored, True))
                grid.add_row(mark, safe_text(name), verdict, percent)
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
            ]
        return commands
