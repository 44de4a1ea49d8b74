"""The portfolio is solved in a thread: keys are answered meanwhile, Esc cancels, results
are cached per data version and budget, and the next step reads as a sentence."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import AppFactory
from tests.ui.test_compare import open_compare, organisation
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.portfolio import Portfolio, choose
from workbench.core.portfolio_solver import Cancelled
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.compare.pane import ComparePane
from workbench.ui.compare.portfolio import PortfolioView
from workbench.ui.compare.state import View


class SlowSolver:
    """``choose`` that waits to be released (or cancelled) before it answers."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.cancelled = threading.Event()
        self.calls = 0

    def __call__(self, *args: Any, cancel: threading.Event, **options: Any) -> Portfolio:
        self.calls += 1
        self.started.set()
        while not self.release.wait(0.01):
            if cancel.is_set():
                self.cancelled.set()
                raise Cancelled
        return choose(*args, cancel=cancel, **options)


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> SlowSolver:
    solver = SlowSolver()
    monkeypatch.setattr(PortfolioView, "solve_portfolio", staticmethod(solver))
    return solver


async def portfolio_view(pilot: Pilot[None]) -> ComparePane:
    found = await open_compare(pilot)
    await pilot.press("4")
    await wait_until(pilot, lambda: found.state.view is View.PORTFOLIO)
    return found


async def test_keys_are_answered_while_a_slow_solve_runs(
    make_app: AppFactory, tmp_path: Path, slow: SlowSolver
) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        found = await portfolio_view(pilot)
        shown = await wait_for_text(pilot, "Solving… (Esc cancels)")
        assert "No assessment to fund" not in shown  # not said while it is being worked out
        assert slow.started.is_set()
        assert not slow.release.is_set()
        await pilot.press("1")  # the tab answers: back to the teams side by side
        await wait_for_text(pilot, "Teams side by side")
        assert found.state.view is View.TEAMS
        await pilot.press("4")
        await wait_for_text(pilot, "Solving… (Esc cancels)")
        assert slow.calls == 1  # the same solve goes on
        slow.release.set()
        await wait_for_text(pilot, "Funded: ")
        assert found.portfolio.shown is not None
        await pilot.press("1")
        await pilot.press("4")
        await wait_for_text(pilot, "Funded: ")
        assert slow.calls == 1  # cached: same data, same budget


async def test_escape_cancels_the_solve(
    make_app: AppFactory, tmp_path: Path, slow: SlowSolver
) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        found = await portfolio_view(pilot)
        await wait_for_text(pilot, "Solving… (Esc cancels)")
        await pilot.press("escape")
        await wait_for_text(pilot, "Solving cancelled")
        await wait_until(pilot, slow.cancelled.is_set)
        assert found.portfolio.solving is None
        assert found.state.view is View.PORTFOLIO
        slow.release.set()
        await pilot.press("g")  # another goal: solved again
        await wait_for_text(pilot, "Funded: ")
        assert slow.calls == 2


async def test_a_new_data_version_is_solved_again(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository, watch_interval=0.05).run_test(size=(120, 40)) as pilot:
        found = await portfolio_view(pilot)
        await wait_for_text(pilot, "Funded: ")
        first = found.portfolio.shown
        assert first is not None
        assert first.proven
        colleague = Repository(repository.path, author="marc")
        colleague.update(Team, "t3", lambda t: t.model_copy(update={"headcount": 50}))
        await wait_until(pilot, lambda: found.portfolio.shown is not first)
        assert found.portfolio.shown is not None
        assert found.portfolio.shown.budget == Decimal(10_000)
        assert (
            first.seats != found.portfolio.shown.seats or first.cost != found.portfolio.shown.cost
        )


async def test_a_solve_stopped_by_its_time_limit_says_not_proven_optimal(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stopped(*args: Any, **options: Any) -> Portfolio:
        return choose(*args, **{**options, "time_limit": 0})

    monkeypatch.setattr(PortfolioView, "solve_portfolio", staticmethod(stopped))
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        await portfolio_view(pilot)
        await wait_for_text(pilot, "Not proven optimal: the solver's time limit stopped it")
        await wait_for_text(pilot, "not worked out within the solver's time limit")
