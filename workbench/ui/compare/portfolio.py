"""View 4: the portfolio to fund first under a budget.

Solved in a thread (HiGHS, at most ``SOLVER_TIME_LIMIT`` seconds): the tab keeps answering
keys, says "Solving…" after a moment, and Esc cancels. Each answer is kept for its data
version and budget, so coming back to a budget shows it at once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from workbench.core.assessment import Assessment
from workbench.core.money import Rates
from workbench.core.portfolio import Goal, Pair, Portfolio, choose, pairs_of, usual_currency
from workbench.core.portfolio_solver import Cancelled
from workbench.core.scoring import Evaluation
from workbench.core.team import Team
from workbench.storage.schema import Snapshot
from workbench.ui.compare.budget_dialog import BudgetChoice, BudgetDialog, BudgetKey, budget_key
from workbench.ui.compare.data import CompareData
from workbench.ui.compare.portfolio_rows import portfolio_columns, portfolio_head, portfolio_rows
from workbench.ui.compare.state import View
from workbench.ui.compare.view import CompareTable, CompareView, ShowAgain
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.virtual_table import Row

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


class PortfolioView(CompareView):
    DEFAULT_CSS = """
    PortfolioView #compare-portfolio-head {
        height: auto;
        padding: 0 1;
    }
    """
    table_id = "compare-money"
    solve_portfolio: Callable[..., Portfolio] = staticmethod(choose)
    """The portfolio's solver (``choose``); tests put a slow one in its place."""

    def __init__(self, data: CompareData, show_again: ShowAgain, *, id: str) -> None:
        super().__init__(data, show_again, id=id)
        self.shown: Portfolio | None = None
        """The portfolio on screen."""
        self.solving: Solving | None = None
        self._solved: dict[BudgetKey, Solved] = {}
        self._solved_of: Snapshot | None = None
        self._pairs_of: tuple[Snapshot, list[Pair]] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="compare-portfolio-head", markup=False)
        yield CompareTable(empty_text=self.t("compare.portfolio_empty"), id=self.table_id)

    def on_unmount(self) -> None:
        self._cancel_solve()  # a closing app does not wait for the solver's time limit

    @property
    def head(self) -> Static:
        return self.query_one("#compare-portfolio-head", Static)

    def _pairs(self) -> list[Pair]:
        """Every assessment as the portfolio sees it, once per data version."""
        snapshot = self.data.snapshot
        assert snapshot is not None
        if self._pairs_of is not None and self._pairs_of[0] is snapshot:
            return self._pairs_of[1]

        def evaluation_of(assessment: Assessment, team: Team) -> Evaluation:
            return self.data.compared(assessment).evaluation

        pairs = pairs_of(
            snapshot.assessments.values(), snapshot.teams, snapshot.programmes, evaluation_of
        )
        self._pairs_of = (snapshot, pairs)
        return pairs

    def budget(self) -> BudgetChoice:
        """The budget chosen, else 10,000 in the currency most prices are in."""
        if self.state.budget is not None:
            return self.state.budget
        return BudgetChoice(DEFAULT_BUDGET, usual_currency(self._pairs()))

    def title(self) -> list[Text]:
        budget = self.budget()
        return [
            Text(self.t("compare.title.portfolio")),
            safe_text(self.workbench.i18n.money(budget.amount, budget.currency), style="bold"),
            Text(self.t("compare.title.goal", goal=self.t(f"compare.goal.{budget.goal}"))),
        ]

    def show(self) -> None:
        """The kept portfolio of this data version and budget, else a solve in a thread."""
        pairs = self._pairs()
        budget = self.budget()
        snapshot = self.data.snapshot
        if self._solved_of is not snapshot:
            self._solved_of = snapshot
            self._solved.clear()
        key = budget_key(budget)
        found = self._solved.get(key)
        if found is not None:
            self._cancel_solve()
            self._show_solved(found)
            return
        solving = self.solving
        if solving is not None and solving.key == key and solving.snapshot is snapshot:
            return
        self._start_solve(pairs, budget, key)

    def _start_solve(self, pairs: list[Pair], budget: BudgetChoice, key: BudgetKey) -> None:
        self._cancel_solve()
        assert self.data.snapshot is not None
        solving = Solving(key, threading.Event(), self.data.snapshot)
        self.solving = solving
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
        self.refresh_keys()

    def _say_solving(self, solving: Solving) -> None:
        if self.solving is not solving or solving.cancel.is_set():
            return
        self.head.update(Text(self.t("compare.portfolio.solving"), style="italic"))
        table = self.table
        table.empty_text = ""  # not "No assessment to fund yet" while it is being worked out
        table.set_rows([])

    def _cancel_solve(self) -> None:
        if self.solving is not None:
            self.solving.cancel.set()
            self.solving = None

    def cancel_solve(self) -> None:
        """Esc while the portfolio is being solved: stop the solver, say so."""
        if self.solving is None:
            return
        self._cancel_solve()
        self.refresh_keys()
        self.head.update(Text(self.t("compare.portfolio.cancelled")))

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
        if found is not None and solving.snapshot is self._solved_of:
            self._solved[solving.key] = found
        if self.solving is not solving:
            return  # cancelled, or another budget asked since
        self.solving = None
        self.refresh_keys()
        if found is not None and self.state.view is View.PORTFOLIO:
            self._show_solved(found)
        elif error is not None:
            self.head.update(Text(self.t("compare.portfolio.failed", error=safe_str(error))))

    def _show_solved(self, solved: Solved) -> None:
        portfolio = solved.portfolio
        self.shown = portfolio
        rows = solved.rows
        snapshot = self.data.snapshot
        assert snapshot is not None
        if solved.theme != self.app.theme:
            rows = self._rows_maker(snapshot)(portfolio)

        def team_name(team_id: str) -> str:
            return self.data.team(team_id).name

        words = self.words
        self.head.update(portfolio_head(portfolio, words, team_name, self.data.programme_name))
        table = self.table
        table.empty_text = self.t("compare.portfolio_empty")
        table.set_columns(portfolio_columns(words))
        table.set_rows(rows)

    # keys (bound in the pane)

    def choose_budget(self) -> None:
        def chosen(choice: BudgetChoice | None) -> None:
            if choice is not None:
                self.state.budget = choice
                self.show_again(True)

        self.app.push_screen(BudgetDialog(self.budget()), chosen)

    def switch_goal(self) -> None:
        current = self.budget()
        goal = Goal.TEAMS if current.goal is Goal.SCORE else Goal.SCORE
        self.state.budget = BudgetChoice(
            current.amount, current.currency, goal, current.cap, current.step
        )
        self.show_again(False)
