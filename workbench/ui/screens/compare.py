"""Compare tab: which teams, which programme, and in what order.

Four views, a key away each: (1) teams side by side for one programme (a grid whose
criterion column stays put while the team columns scroll sideways, or a bar per team),
(2) one team across programmes, (3) two teams (or two programmes for one team) where they
differ most, (4) the portfolio to fund first under a budget. Enter opens the assessment in
Scoring. Evaluations come from the app's cache, computed once per data version.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Static
from textual.worker import get_current_worker

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.comparison import Compared, Filters, SortBy, matches, most_assessed, sort_key
from workbench.core.grid import CRITERIA_BY_KEY
from workbench.core.money import Rates
from workbench.core.portfolio import Goal, Pair, Portfolio, choose, pairs_of, usual_currency
from workbench.core.portfolio_solver import Cancelled
from workbench.core.scoring import Evaluation, Verdict
from workbench.core.team import Team
from workbench.storage.schema import Snapshot
from workbench.ui.compare_state import CompareState, View
from workbench.ui.dialogs.budget_dialog import BudgetChoice, BudgetDialog, BudgetKey, budget_key
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.focus import focus_now
from workbench.ui.messages import OpenScoring
from workbench.ui.panes.pane import PaletteCommand, Pane
from workbench.ui.pilot_start import start_pilot_from
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.compare_bars import CompareBars
from workbench.ui.widgets.compare_grid import CompareGrid
from workbench.ui.widgets.compare_lists import (
    team_columns,
    team_row,
    two_columns,
    two_rows,
)
from workbench.ui.widgets.compare_words import CompareWords, stack
from workbench.ui.widgets.portfolio_view import portfolio_columns, portfolio_head, portfolio_rows
from workbench.ui.widgets.side_by_side import ROWS, SideBySide
from workbench.ui.widgets.text_panel import TextPanel
from workbench.ui.widgets.verdict_style import verdict_key
from workbench.ui.widgets.virtual_table import Row, VirtualTable

DEFAULT_BUDGET = Decimal(10_000)
SOLVER_TIME_LIMIT = 5.0
"""Seconds before the portfolio shows its best choice found, "not proven optimal"."""
SOLVING_SHOWN_AFTER = 0.2


@dataclass(frozen=True, slots=True)
class Solving:
    """The portfolio being solved in a thread: for which budget, and its cancel switch."""

    key: BudgetKey
    cancel: threading.Event
    snapshot: Snapshot
    """The data version solved."""


@dataclass(frozen=True, slots=True)
class Solved:
    """A portfolio and its table rows (built in the solver's thread: 20,000 rows take a
    second), for the theme they were drawn in."""

    portfolio: Portfolio
    rows: list[Row]
    theme: str


SIDE_BY_SIDE = {View.TEAMS, View.BARS}


def _differ(before: Mapping[str, object], after: Mapping[str, object]) -> bool:
    """Whether two snapshots' records differ (models are replaced, never changed in place)."""
    if before is after:
        return False
    return len(before) != len(after) or any(after.get(k) is not v for k, v in before.items())


class CompareTable(VirtualTable):
    help_title = "compare.table_title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "compare.keys.open", id="compare-table-open"),
    ]


class ComparePane(Pane):
    tab_id = "compare"

    DEFAULT_CSS = """
    ComparePane #compare-title {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text-accent;
        text-style: bold;
    }
    ComparePane #compare-views { height: 1fr; }
    ComparePane #compare-teams { height: 1fr; }
    ComparePane #compare-detail {
        height: 1fr;
        padding: 0 1;
        border-top: solid $primary-muted;
        color: $text;
    }
    ComparePane #compare-two-head, ComparePane #compare-portfolio-head {
        height: auto;
        padding: 0 1;
    }
    ComparePane VirtualTable { height: 1fr; }
    ComparePane #compare-two { height: auto; max-height: 9; }
    ComparePane #compare-two-detail {
        height: 1fr;
        padding: 0 1;
        border-top: solid $primary-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "view('teams')", "compare.keys.view_teams", id="compare-view-teams"),
        Binding("2", "view('team')", "compare.keys.view_team", id="compare-view-team"),
        Binding("3", "view('two')", "compare.keys.view_two", id="compare-view-two"),
        Binding("4", "view('portfolio')", "compare.keys.view_portfolio", id="compare-view-money"),
        Binding("b", "bars", "compare.keys.bars", id="compare-bars"),
        Binding("p", "pick_programme", "compare.keys.programme", id="compare-programme"),
        Binding("t", "pick_team", "compare.keys.team", id="compare-team"),
        Binding("s", "sort", "compare.keys.sort", id="compare-sort"),
        Binding("f", "filter", "compare.keys.filter", id="compare-filter"),
        Binding("x", "clear_filters", "compare.keys.clear", id="compare-clear"),
        Binding("e", "budget", "compare.keys.budget", id="compare-budget"),
        Binding("g", "goal", "compare.keys.goal", id="compare-goal"),
        Binding("P,shift+p", "start_pilot", "compare.keys.pilot", id="compare-start-pilot"),
        Binding("ctrl+z", "undo", "app.keys.undo", show=False, id="compare-undo"),
        Binding("escape", "cancel_solve", "compare.keys.cancel", id="compare-cancel-solve"),
        # Esc when nothing is being solved: clear the filters, as in every tab
        Binding("escape", "clear_filters", "compare.keys.clear", show=False, id="compare-escape"),
        Binding("slash", "search", "compare.keys.search", show=False, id="compare-search"),
    ]
    WRITE_ACTIONS = frozenset({"start_pilot"})
    solve_portfolio: Callable[..., Portfolio] = staticmethod(choose)
    """The portfolio's solver (``choose``); tests put a slow one in its place."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._snapshot: Snapshot | None = None
        self._loaded = False
        self._by_programme: dict[str, list[Assessment]] = {}
        self._by_team: dict[str, list[Assessment]] = {}
        self._compared: dict[str, Compared] = {}
        self._columns: list[Compared] = []
        self._source: SideBySide | None = None
        self._portfolio: Portfolio | None = None
        self._solving: Solving | None = None
        self._solved: dict[BudgetKey, Solved] = {}
        self._pairs_of: tuple[Snapshot, list[Pair]] | None = None
        self._cache_of: Snapshot | None = None

    @property
    def words(self) -> CompareWords:
        return CompareWords(self.app, self.workbench.i18n)

    @property
    def state(self) -> CompareState:
        return self.workbench.state.compare

    # layout

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title", markup=False)
        with ContentSwitcher(initial="compare-teams-view", id="compare-views"):
            with Vertical(id="compare-teams-view"):
                yield CompareGrid(empty_text=self.t("compare.empty"), id="compare-grid")
                yield TextPanel(id="compare-detail")
            yield CompareBars(empty_text=self.t("compare.empty"), id="compare-bars")
            yield CompareTable(empty_text=self.t("compare.team_empty"), id="compare-team")
            with Vertical(id="compare-two-view"):
                yield Static(id="compare-two-head", markup=False)
                yield CompareTable(empty_text=self.t("compare.two_empty"), id="compare-two")
                yield TextPanel(id="compare-two-detail")
            with Vertical(id="compare-portfolio-view"):
                yield Static(id="compare-portfolio-head", markup=False)
                yield CompareTable(empty_text=self.t("compare.portfolio_empty"), id="compare-money")

    def on_mount(self) -> None:
        if self.workbench.state.tab == self.tab_id:
            self.refresh_data()

    def on_unmount(self) -> None:
        self._cancel_solve()  # a closing app does not wait for the solver's time limit

    def on_show(self, event: events.Show) -> None:
        if not self._loaded:
            self.refresh_data()

    @property
    def grid(self) -> CompareGrid:
        return self.query_one("#compare-grid", CompareGrid)

    @property
    def bars(self) -> CompareBars:
        return self.query_one("#compare-bars", CompareBars)

    def _table(self, name: str) -> CompareTable:
        return self.query_one(f"#compare-{name}", CompareTable)

    def focus_default(self) -> None:
        if not self._loaded:
            self.refresh_data()
        self._focus_view()

    def _focus_view(self) -> None:
        widget = {
            View.TEAMS: self.grid,
            View.BARS: self.bars,
            View.TEAM: self._table("team"),
            View.TWO: self._table("two"),
            View.PORTFOLIO: self._table("money"),
        }[self.state.view]
        focus_now(widget)

    @property
    def help_title(self) -> str:
        return self.t("compare.help_title")

    # data

    def refresh_data(self) -> None:
        """Take the repository's snapshot; rebuild the view on screen only when what it
        shows changed (a save elsewhere changes one assessment, not the tab)."""
        snapshot = self.workbench.visible_snapshot()
        previous = self._snapshot
        self._snapshot = snapshot
        first = not self._loaded
        self._loaded = True
        if previous is snapshot and not first:
            return
        changed = None if first or previous is None else self._reindex(previous, snapshot)
        if changed is None:
            self._index_all(snapshot)
        self.evaluations.forget_missing(snapshot.assessments)
        state = self.state
        if state.programme_id not in self._by_programme:
            state.programme_id = most_assessed(list(snapshot.assessments.values()))
        if state.team_id not in self._by_team:
            state.team_id = self._default_team()
        if state.pair is not None and not all(k in snapshot.assessments for k in state.pair):
            state.pair = None
        if changed is None or self._shows_any(changed):
            self._show_view()

    def _index_all(self, snapshot: Snapshot) -> None:
        by_programme: dict[str, list[Assessment]] = {}
        by_team: dict[str, list[Assessment]] = {}
        for assessment in snapshot.assessments.values():
            if assessment.team_id in snapshot.teams:
                by_programme.setdefault(assessment.programme_id, []).append(assessment)
                by_team.setdefault(assessment.team_id, []).append(assessment)
        self._by_programme = by_programme
        self._by_team = by_team
        self._compared = {
            k: v
            for k, v in self._compared.items()
            if snapshot.assessments.get(k) is v.assessment
            and snapshot.teams.get(v.team.id) is v.team
        }

    def _reindex(self, previous: Snapshot, snapshot: Snapshot) -> list[Assessment] | None:
        """The assessments that changed between two snapshots (old and new versions), with
        the indexes brought up to date; None when teams or programmes changed (the whole
        tab is rebuilt: names, departments and objectives show in many places)."""
        if _differ(previous.teams, snapshot.teams) or _differ(
            previous.programmes, snapshot.programmes
        ):
            return None
        before, after = previous.assessments, snapshot.assessments
        changed = [a for key, a in after.items() if before.get(key) is not a]
        changed += [a for key, a in before.items() if after.get(key) is not a]
        for assessment in changed:
            self._compared.pop(assessment.id, None)
            for index, key in (
                (self._by_programme, assessment.programme_id),
                (self._by_team, assessment.team_id),
            ):
                kept = [a for a in index.get(key, []) if a.id != assessment.id]
                if kept:
                    index[key] = kept
                else:
                    index.pop(key, None)
        for assessment in changed:
            if after.get(assessment.id) is assessment and assessment.team_id in snapshot.teams:
                self._by_programme.setdefault(assessment.programme_id, []).append(assessment)
                self._by_team.setdefault(assessment.team_id, []).append(assessment)
        return changed

    def _shows_any(self, changed: list[Assessment]) -> bool:
        """Whether the view on screen shows one of the ``changed`` assessments."""
        state = self.state
        view = state.view
        if view in SIDE_BY_SIDE:
            return any(a.programme_id == state.programme_id for a in changed)
        if view is View.TEAM:
            return any(a.team_id == state.team_id for a in changed)
        if view is View.TWO:
            return state.pair is None or any(a.id in state.pair for a in changed)
        return bool(changed)

    def _default_team(self) -> str | None:
        if not self._by_team:
            return None
        return max(sorted(self._by_team), key=lambda team: len(self._by_team[team]))

    def compared(self, assessment: Assessment) -> Compared:
        """One assessment with its team and cached evaluation (the team's objective rule)."""
        found = self._compared.get(assessment.id)
        team = self._team(assessment.team_id)
        if found is not None and found.assessment is assessment and found.team is team:
            return found
        evaluation = self.evaluations.of(
            assessment, objective_measurable=team.objective.is_measurable
        )
        found = Compared(assessment, team, evaluation)
        self._compared[assessment.id] = found
        return found

    def _team(self, team_id: str) -> Team:
        assert self._snapshot is not None
        return self._snapshot.teams[team_id]

    def _programme(self, programme_id: str) -> Programme | None:
        assert self._snapshot is not None
        return self._snapshot.programmes.get(programme_id)

    def _programme_name(self, programme_id: str) -> str:
        programme = self._programme(programme_id)
        return programme.name if programme is not None else self.t("compare.unknown_programme")

    def _show_view(self) -> None:
        view = self.state.view
        switcher = self.query_one(ContentSwitcher)
        switcher.current = {
            View.TEAMS: "compare-teams-view",
            View.BARS: "compare-bars",
            View.TEAM: "compare-team",
            View.TWO: "compare-two-view",
            View.PORTFOLIO: "compare-portfolio-view",
        }[view]
        if view in SIDE_BY_SIDE:
            self._show_side_by_side()
        elif view is View.TEAM:
            self._show_team()
        elif view is View.TWO:
            self._show_two()
        else:
            self._show_portfolio()
        self.refresh_bindings_if_changed()

    def _set_title(self, *parts: Text | str) -> None:
        title = Text(no_wrap=True, overflow="ellipsis")
        for part in parts:
            title.append_text(part if isinstance(part, Text) else Text(part))
        self.query_one("#compare-title", Static).update(title)

    # view 1: teams side by side

    def _side_by_side(self) -> list[Compared]:
        state = self.state
        assessments = self._by_programme.get(state.programme_id or "", [])
        items = [self.compared(a) for a in assessments]
        if state.filters.active:
            items = [item for item in items if matches(item, state.filters)]
        return sorted(items, key=lambda item: sort_key(item, state.sort))

    def _show_side_by_side(self) -> None:
        state = self.state
        items = self._side_by_side()
        keep = self._cursor_assessment()
        previous = {item.key: item.team.id for item in self._columns}
        kept_team = previous.get(keep or "")
        self._columns = items
        title = [Text(self.t("compare.title.teams"))]
        if state.programme_id is not None:
            title.append(safe_text(self._programme_name(state.programme_id), "bold"))
        title.append(Text(self.t("compare.title.sorted", by=self.t(f"compare.sort.{state.sort}"))))
        described = self._filters_text()
        if described:
            title.append(Text(self.t("compare.title.filtered", filters=described)))
        self._set_title(*title)
        if state.view is View.BARS:
            self._show_bars(items, keep)
            return
        column = next((i for i, item in enumerate(items) if item.key == keep), None)
        if column is None:
            column = next((i for i, item in enumerate(items) if item.team.id == kept_team), None)
        self._source = SideBySide(items, self.words)
        self.grid.show(self._source, column=column)
        self._show_detail()
        if self._source.robustness_pending:
            self._compute_headlines(self._source)

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
        if source is self._source and self.is_mounted:
            self.grid.invalidate_row(ROWS.index("robustness"))

    def _cursor_assessment(self) -> str | None:
        if self.state.view is View.BARS:
            return self.bars.cursor_key
        grid = self.grid
        if 0 <= grid.cursor_column < len(self._columns):
            return self._columns[grid.cursor_column].key
        return None

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

    @on(CompareGrid.Moved)
    def _grid_moved(self, event: CompareGrid.Moved) -> None:
        self._show_detail()
        self.refresh_bindings_if_changed()

    @on(VirtualTable.Highlighted)
    def _row_moved(self, event: VirtualTable.Highlighted) -> None:
        self.refresh_bindings_if_changed()

    def _show_detail(self) -> None:
        detail = self.query_one("#compare-detail", TextPanel)
        source = self._source or SideBySide([], self.words)
        detail.show(source.detail(self.grid.cursor_column, self.grid.cursor_row))

    # bars

    def _show_bars(self, items: list[Compared], keep: str | None) -> None:
        bars = self.bars
        width = max(bars.size.width or self.size.width, 40) - 1
        bars.show(items, self.words, width, keep=keep)

    def on_resize(self, event: events.Resize) -> None:
        if self._loaded and self.state.view is View.BARS:
            self._show_side_by_side()

    # view 2: one team across programmes

    def _show_team(self) -> None:
        state = self.state
        table = self._table("team")
        words = self.words
        table.set_columns(team_columns(words))
        if state.team_id is None:
            self._set_title(self.t("compare.title.team_none"))
            table.set_rows([])
            return
        team = self._team(state.team_id)
        self._set_title(
            Text(self.t("compare.title.team")),
            safe_text(team.name, "bold"),
            Text(words.plural("compare.headcount_title", team.headcount)),
        )
        items = [self.compared(a) for a in self._by_team.get(state.team_id, [])]
        items.sort(key=lambda item: sort_key(item, SortBy.PERCENT))
        rows = []
        for item in items:
            programme_id = item.assessment.programme_id
            programme = self._programme(programme_id)
            name = self._programme_name(programme_id)
            catalogue = self._snapshot.programmes if self._snapshot else {}
            successor = programme.successor_name(catalogue) if programme else None
            if successor is not None:  # the status column is narrow: the name says it
                name = self.t("catalogue.with_successor", status=name, successor=successor)
            rows.append(team_row(item, programme, name, words))
        table.set_rows(rows)

    # view 3: two side by side

    def _show_two(self) -> None:
        state = self.state
        head = self.query_one("#compare-two-head", Static)
        table = self._table("two")
        table.set_columns(two_columns(self.words))
        if state.pair is None or self._snapshot is None:
            self._set_title(self.t("compare.title.two"))
            head.update(Text(self.t("compare.two_empty"), style="italic"))
            table.set_rows([])
            self._show_two_detail(None)
            return
        assessments = self._snapshot.assessments
        left = self.compared(assessments[state.pair[0]])
        right = self.compared(assessments[state.pair[1]])
        same_team = left.team.id == right.team.id
        subject = (
            left.team.name if same_team else self._programme_name(left.assessment.programme_id)
        )
        self._set_title(
            Text(self.t("compare.title.two_programmes" if same_team else "compare.title.two")),
            safe_text(subject, "bold"),
        )
        head.update(stack([self._side("A", left, same_team), self._side("B", right, same_team)]))
        table.set_rows(two_rows(left, right, self.words))
        self._show_two_detail(table.cursor_key)

    @on(VirtualTable.Highlighted, "#compare-two")
    def _two_moved(self, event: VirtualTable.Highlighted) -> None:
        self._show_two_detail(event.key)
        self.refresh_bindings_if_changed()

    def _show_two_detail(self, key: str | None) -> None:
        detail = self.query_one("#compare-two-detail", TextPanel)
        state = self.state
        if key not in CRITERIA_BY_KEY or state.pair is None or self._snapshot is None:
            detail.show("")
            return
        assessments = self._snapshot.assessments
        lines = [Text(CRITERIA_BY_KEY[key].label(self.workbench.i18n.lang), style="underline")]
        for letter, assessment_id in zip("AB", state.pair, strict=True):
            item = self.compared(assessments[assessment_id])
            reasons = item.reasons(key)
            line = Text(f"{letter}: ", style="bold")
            if not reasons:
                line.append(self.t("compare.detail.no_reason"), style="italic")
            for index, (assessor, reason) in enumerate(reasons):
                if index:
                    line.append("\n   ")
                line.append_text(safe_text(assessor, "bold"))
                line.append(" ")
                line.append_text(safe_text(reason, "italic", one_line=False))
            lines.append(line)
        detail.show(stack(lines))

    def _side(self, letter: str, item: Compared, same_team: bool) -> Text:
        text = Text(f"{letter}: ", style="bold")
        if same_team:
            text.append_text(safe_text(self._programme_name(item.assessment.programme_id)))
        else:
            text.append_text(safe_text(item.team.name))
        text.append("  ")
        text.append_text(self.words.verdict(item, full=True))
        return text

    # view 4: the portfolio

    def _pairs(self) -> list[Pair]:
        """Every assessment as the portfolio sees it, once per data version."""
        assert self._snapshot is not None
        snapshot = self._snapshot
        if self._pairs_of is not None and self._pairs_of[0] is snapshot:
            return self._pairs_of[1]

        def evaluation_of(assessment: Assessment, team: Team) -> Evaluation:
            return self.compared(assessment).evaluation

        pairs = pairs_of(
            snapshot.assessments.values(), snapshot.teams, snapshot.programmes, evaluation_of
        )
        self._pairs_of = (snapshot, pairs)
        return pairs

    def _budget(self, pairs: list[Pair]) -> BudgetChoice:
        if self.state.budget is not None:
            return self.state.budget
        return BudgetChoice(DEFAULT_BUDGET, usual_currency(pairs))

    def _show_portfolio(self) -> None:
        """The cached portfolio of this data version and budget, else a solve in a
        thread: the tab keeps answering keys, says "Solving…" after a moment, Esc cancels."""
        pairs = self._pairs()
        budget = self._budget(pairs)
        words = self.words
        self._set_title(
            Text(self.t("compare.title.portfolio")),
            safe_text(words.i18n.money(budget.amount, budget.currency), style="bold"),
            Text(self.t("compare.title.goal", goal=self.t(f"compare.goal.{budget.goal}"))),
        )
        if self._cache_of is not self._snapshot:
            self._cache_of = self._snapshot
            self._solved.clear()
        key = budget_key(budget)
        found = self._solved.get(key)
        if found is not None:
            self._cancel_solve()
            self._show_solved(found)
            return
        solving = self._solving
        if solving is not None and solving.key == key and solving.snapshot is self._snapshot:
            return
        self._start_solve(pairs, budget, key)

    def _start_solve(self, pairs: list[Pair], budget: BudgetChoice, key: BudgetKey) -> None:
        self._cancel_solve()
        assert self._snapshot is not None
        solving = Solving(key, threading.Event(), self._snapshot)
        self._solving = solving
        solver = self.solve_portfolio
        rows_of = self._rows_maker(solving.snapshot)
        theme = self.app.theme
        rates = Rates(solving.snapshot.rates.values())
        today = self.workbench.today

        def ended(found: Solved | None, error: Exception | None) -> None:
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.app.call_from_thread(self._solve_ended, solving, found, error)

        def run() -> None:
            try:
                found = solver(
                    pairs,
                    budget.amount,
                    budget.currency,
                    goal=budget.goal,
                    cap=budget.cap,
                    step=budget.step,
                    time_limit=SOLVER_TIME_LIMIT,
                    cancel=solving.cancel,
                    rates=rates,
                    today=today,
                )
                solved = Solved(found, rows_of(found), theme)
            except Cancelled:
                ended(None, None)
            except Exception as error:  # a solver failure is a message, not a crash
                ended(None, error)
            else:
                ended(solved, None)

        self.run_worker(run, thread=True, group="portfolio", exit_on_error=False)
        self.set_timer(SOLVING_SHOWN_AFTER, lambda: self._say_solving(solving))
        self.refresh_bindings_if_changed()

    def _say_solving(self, solving: Solving) -> None:
        if self._solving is not solving or solving.cancel.is_set():
            return
        head = self.query_one("#compare-portfolio-head", Static)
        head.update(Text(self.t("compare.portfolio.solving"), style="italic"))
        table = self._table("money")
        table.empty_text = ""  # not "No assessment to fund yet" while it is being worked out
        table.set_rows([])

    def _cancel_solve(self) -> None:
        if self._solving is not None:
            self._solving.cancel.set()
            self._solving = None

    def _rows_maker(self, snapshot: Snapshot) -> Callable[[Portfolio], list[Row]]:
        """The table rows of a portfolio, from ``snapshot`` alone (safe in another thread)."""
        words = self.words
        unknown = self.t("compare.unknown_programme")

        def team_name(team_id: str) -> str:
            return snapshot.teams[team_id].name

        def programme_name(programme_id: str) -> str:
            programme = snapshot.programmes.get(programme_id)
            return programme.name if programme is not None else unknown

        def rows(portfolio: Portfolio) -> list[Row]:
            return portfolio_rows(portfolio, words, team_name, programme_name)

        return rows

    def _solve_ended(self, solving: Solving, found: Solved | None, error: Exception | None) -> None:
        if found is not None and solving.snapshot is self._cache_of:
            self._solved[solving.key] = found
        if self._solving is not solving:
            return  # cancelled, or another budget asked since
        self._solving = None
        self.refresh_bindings_if_changed()
        if found is not None and self.state.view is View.PORTFOLIO:
            self._show_solved(found)
        elif error is not None:
            message = self.t("compare.portfolio.failed", error=safe_str(error))
            self.query_one("#compare-portfolio-head", Static).update(Text(message))

    def _show_solved(self, solved: Solved) -> None:
        portfolio = solved.portfolio
        self._portfolio = portfolio
        words = self.words
        rows = solved.rows
        if solved.theme != self.app.theme:
            assert self._snapshot is not None
            rows = self._rows_maker(self._snapshot)(portfolio)

        def team_name(team_id: str) -> str:
            return self._team(team_id).name

        head = portfolio_head(portfolio, words, team_name, self._programme_name)
        self.query_one("#compare-portfolio-head", Static).update(head)
        table = self._table("money")
        table.empty_text = self.t("compare.portfolio_empty")
        table.set_columns(portfolio_columns(words))
        table.set_rows(rows)

    def action_cancel_solve(self) -> None:
        """Esc while the portfolio is being solved: stop the solver, say so."""
        if self._solving is None:
            return
        self._cancel_solve()
        self.refresh_bindings_if_changed()
        head = self.query_one("#compare-portfolio-head", Static)
        head.update(Text(self.t("compare.portfolio.cancelled")))

    # opening in Scoring

    @on(CompareGrid.Selected)
    def _grid_selected(self, event: CompareGrid.Selected) -> None:
        event.stop()
        if 0 <= event.column < len(self._columns):
            self._open(self._columns[event.column].assessment)

    @on(VirtualTable.Selected)
    def _table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        if self._snapshot is None:
            return
        key = event.key
        if self.state.view is View.TWO and self.state.pair is not None:
            key = self.state.pair[0]
        assessment = self._snapshot.assessments.get(key)
        if assessment is not None:
            self._open(assessment)

    def _open(self, assessment: Assessment) -> None:
        self.post_message(OpenScoring(assessment.team_id, assessment.programme_id))

    # keys

    def unavailable(self, action: str) -> str | None:
        """Why ``action`` cannot run on what the cursor is on (a message), or None."""
        if action != "start_pilot":
            return None
        if self.read_only_blocks(action):
            return self.t("sharing.why.read_only")
        assessment = self._current_assessment()
        if assessment is None or assessment.team_id not in self._snapshot_teams():
            return self.t("compare.why.no_assessment")
        verdict = self.compared(assessment).evaluation.verdict
        if verdict is not Verdict.PILOT:
            shown = self.t(verdict_key(verdict)).upper() if verdict else self.t("compare.why.open")
            return self.t("compare.why.not_pilot", verdict=shown)
        assert self._snapshot is not None
        following = [p for p in self._snapshot.pilots.values() if p.assessment_id == assessment.id]
        if following:
            return self.t("compare.why.pilot_exists", name=safe_str(following[0].name))
        return None

    def _snapshot_teams(self) -> Mapping[str, Team]:
        return self._snapshot.teams if self._snapshot is not None else {}

    def on_key(self, event: events.Key) -> None:
        """A key whose action cannot run on this cell says why instead of doing nothing."""
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            reason = self.unavailable(binding.action.split("(")[0])
            if reason is not None:
                event.stop()
                self.notify(reason, severity="warning", timeout=4, markup=False)
                return

    def action_start_pilot(self) -> None:
        """Start the pilot of the PILOT assessment under the cursor (P): a pilot follows
        the PILOT verdict at once (``workbench.ui.pilot_start``)."""
        reason = self.unavailable("start_pilot")
        if reason is not None:
            self.notify(reason, severity="warning", timeout=4, markup=False)
            return
        assessment = self._current_assessment()
        assert assessment is not None
        assert self._snapshot is not None
        programme = self._snapshot.programmes.get(assessment.programme_id)
        if programme is None:
            self.notify(self.t("compare.why.no_programme"), severity="warning", timeout=4)
            return
        item = self.compared(assessment)
        start_pilot_from(self, assessment, item.team, programme, item.evaluation.verdict)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.state.view
        if action == "start_pilot":
            return None if self.unavailable(action) else True
        if action == "view":
            return View(str(parameters[0])) is not view
        if action in {"bars", "sort", "filter", "search", "pick_programme"}:
            return view in SIDE_BY_SIDE
        if action == "clear_filters":
            return view in SIDE_BY_SIDE and self.state.filters.active
        if action == "pick_team":
            return view is View.TEAM
        if action in {"budget", "goal"}:
            return view is View.PORTFOLIO
        if action == "cancel_solve":
            return self._solving is not None
        return True

    def action_view(self, name: str) -> None:
        view = View(name)
        if view is View.TWO:
            self._pick_two()
            return
        if view is View.TEAM:
            current = self._current_assessment()
            if current is not None and self.state.view in SIDE_BY_SIDE:
                self.state.team_id = current.team_id
        self.state.view = view
        self._show_view()
        self._focus_view()

    def _current_assessment(self) -> Assessment | None:
        if self._snapshot is None:
            return None
        view = self.state.view
        key: str | None = None
        if view is View.TEAMS:
            key = self._cursor_assessment()
        elif view is View.BARS:
            key = self.bars.cursor_key
        elif view is View.TEAM:
            key = self._table("team").cursor_key
        elif view is View.PORTFOLIO:
            key = self._table("money").cursor_key
        elif self.state.pair is not None:
            key = self.state.pair[0]
        return self._snapshot.assessments.get(key or "")

    def action_bars(self) -> None:
        self.state.view = View.TEAMS if self.state.view is View.BARS else View.BARS
        self._show_view()
        self._focus_view()

    def action_sort(self) -> None:
        order = list(SortBy)
        self.state.sort = order[(order.index(self.state.sort) + 1) % len(order)]
        self._show_view()
        self.notify(
            self.t("compare.sorted", by=self.t(f"compare.sort.{self.state.sort}")), timeout=2
        )

    def _pick(
        self, title: str, choices: list[Choice], current: str | None, done: Callable[[str], None]
    ) -> None:
        def chosen(value: str | None) -> None:
            if value is not None:
                done(value)

        self.app.push_screen(PickerDialog(title, choices, current=current), chosen)

    def action_pick_programme(self) -> None:
        def chosen(programme_id: str) -> None:
            self.state.programme_id = programme_id
            self._show_view()
            self._focus_view()

        counts = {p: len(a) for p, a in self._by_programme.items()}
        order = sorted(counts, key=lambda p: (-counts[p], self._programme_name(p).casefold()))
        choices = [
            Choice(
                p, safe_str(self._programme_name(p)), self.words.plural("compare.teams", counts[p])
            )
            for p in order
        ]
        self._pick(self.t("compare.pick.programme"), choices, self.state.programme_id, chosen)

    def action_pick_team(self) -> None:
        def chosen(team_id: str) -> None:
            self.state.team_id = team_id
            self._show_view()
            self._focus_view()

        order = sorted(self._by_team, key=lambda t: self._team(t).name.casefold())
        choices = [
            Choice(
                t,
                safe_str(self._team(t).name),
                self.words.plural("compare.programmes", len(self._by_team[t])),
            )
            for t in order
        ]
        self._pick(self.t("compare.pick.team"), choices, self.state.team_id, chosen)

    def _pick_two(self) -> None:
        """Two teams on the current programme, or two programmes for the current team."""
        first = self._current_assessment()
        if first is None:
            self.notify(self.t("compare.two_nothing"), severity="warning", timeout=3)
            return
        across_programmes = self.state.view is View.TEAM
        if across_programmes:
            others = [a for a in self._by_team.get(first.team_id, []) if a.id != first.id]
            choices = [
                Choice(a.id, safe_str(self._programme_name(a.programme_id)), self._percent(a))
                for a in others
            ]
            title = self.t("compare.pick.other_programme")
        else:
            others = [a for a in self._by_programme.get(first.programme_id, []) if a.id != first.id]
            others.sort(key=lambda a: self._team(a.team_id).name.casefold())
            choices = [
                Choice(a.id, safe_str(self._team(a.team_id).name), self._percent(a)) for a in others
            ]
            title = self.t("compare.pick.other_team", name=safe_str(self._team(first.team_id).name))
        if not choices:
            self.notify(self.t("compare.two_alone"), severity="warning", timeout=3)
            return

        def chosen(other: str) -> None:
            self.state.pair = (first.id, other)
            self.state.view = View.TWO
            self._show_view()
            self._focus_view()

        self._pick(title, choices, None, chosen)

    def _percent(self, assessment: Assessment) -> str:
        percent = self.compared(assessment).percent
        return self.workbench.i18n.percent(percent) if percent is not None else "–"

    def action_filter(self) -> None:
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
                self._team(a.team_id).department or ""
                for a in self._by_programme.get(self.state.programme_id or "", [])
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
            self._show_view()
            self._focus_view()

        self._pick(self.t("compare.pick.filter"), choices, None, chosen)

    def action_search(self) -> None:
        """/: show the teams whose name or department holds the text typed."""
        from workbench.ui.dialogs.search_dialog import SearchDialog

        def chosen(text: str | None) -> None:
            if text is not None:
                self.state.filters = replace(self.state.filters, text=text)
                self._show_view()
                self._focus_view()

        self.app.push_screen(SearchDialog(self.state.filters.text), chosen)

    def action_clear_filters(self) -> None:
        self.state.filters = Filters()
        self._show_view()

    def action_budget(self) -> None:
        def chosen(choice: BudgetChoice | None) -> None:
            if choice is not None:
                self.state.budget = choice
                self._show_view()
                self._focus_view()

        self.app.push_screen(BudgetDialog(self._budget(self._pairs())), chosen)

    def action_goal(self) -> None:
        current = self._budget(self._pairs())
        goal = Goal.TEAMS if current.goal is Goal.SCORE else Goal.SCORE
        self.state.budget = BudgetChoice(
            current.amount, current.currency, goal, current.cap, current.step
        )
        self._show_view()

    # palette

    def palette_commands(self) -> list[PaletteCommand]:
        t = self.t
        commands = [
            PaletteCommand(
                t(f"compare.commands.{name}"),
                t(f"compare.commands.{name}_help"),
                self._here(action),
            )
            for name, action in (
                ("teams", lambda: self.action_view("teams")),
                ("bars", self.action_bars),
                ("team", lambda: self.action_view("team")),
                ("two", lambda: self.action_view("two")),
                ("portfolio", lambda: self.action_view("portfolio")),
                ("programme", self._side_then(self.action_pick_programme)),
                ("pick_team", self._team_then(self.action_pick_team)),
                ("sort", self._side_then(self.action_sort)),
                ("filter", self._side_then(self.action_filter)),
                ("search", self._side_then(self.action_search)),
                ("budget", self._portfolio_then(self.action_budget)),
            )
        ]
        if self._solving is not None:
            commands.append(
                PaletteCommand(
                    t("compare.commands.cancel"),
                    t("compare.commands.cancel_help"),
                    self._here(self.action_cancel_solve),
                )
            )
        reason = self.unavailable("start_pilot")
        commands.append(
            PaletteCommand(
                t("compare.commands.pilot"),
                reason or t("compare.commands.pilot_help"),
                self._here(self.action_start_pilot),
            )
        )
        return commands

    def _side_then(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.state.view not in SIDE_BY_SIDE:
                self.action_view("teams")
            action()

        return run

    def _team_then(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.state.view is not View.TEAM:
                self.action_view("team")
            action()

        return run

    def _portfolio_then(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.state.view is not View.PORTFOLIO:
                self.action_view("portfolio")
            action()

        return run

    def _here(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            self.workbench.action_show_tab(self.tab_id)
            self.call_after_refresh(action)

        return run
