"""The portfolio's integer programme, solved by HiGHS (``highspy``, imported when first used).

One binary x per candidate pair; at most one per team; the summed cost within the budget
and the summed usage within the cap, all in whole numbers (the caller scales them). The
choice is lexicographic, one solve per level, each level's optimum kept as a constraint of
the next: the best value, then the cheapest, then the lightest on the cap, then today's
order among what is still equal (``tie_ranks``). Only the first level's optimality is
essential; a later level stopped by the time limit keeps the answer of the level before
(still best in value), and says its ties were not all broken.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

TIE_WEIGHT_LIMIT = 10**6
"""The largest weight of one tie-breaking solve: a few teams at a time, in exact integers."""


class Cancelled(Exception):
    """The caller cancelled the solve (``Cancel.is_set``)."""


class Cancel(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Problem:
    """Whole numbers only: the caller scales money, seats or hours and points."""

    teams: Sequence[int]
    """The team of each candidate, numbered 0.. in the order of the tie-break."""
    costs: Sequence[int]
    usages: Sequence[int]
    values: Sequence[int]
    budget: int
    cap: int | None = None

    def __len__(self) -> int:
        return len(self.costs)


@dataclass(frozen=True, slots=True)
class Solution:
    picks: tuple[int, ...]
    proven: bool
    """The first level (the value, or the cost of the next step) is proven optimal."""
    bound: float | None
    """The solver's bound on the first level's objective when not proven."""
    reported: float | None = None
    """The first level's objective as the solver reported it (the caller re-checks it)."""
    ties_broken: bool = True
    """Every later level was solved to the end (cheapest, lightest, then today's order)."""


def tie_ranks(problem: Problem) -> list[int]:
    """Each candidate's rank among its team's (1 is preferred; 0 stands for "none"): the
    dearer first, then the heavier on the cap, then the earlier, as the old search kept
    among equals, the later teams deciding first."""
    ranks = [0] * len(problem)
    by_team: dict[int, list[int]] = {}
    for index, team in enumerate(problem.teams):
        by_team.setdefault(team, []).append(index)
    for options in by_team.values():
        ordered = sorted(options, key=lambda i: (-problem.costs[i], -problem.usages[i], i))
        for rank, index in enumerate(ordered, start=1):
            ranks[index] = rank
    return ranks


class _Model:
    def __init__(self, problem: Problem, deadline: float, cancel: Cancel | None) -> None:
        import highspy
        import numpy as np

        self.hs = highspy
        self.np = np
        self.problem = problem
        self.deadline = deadline
        self.cancel = cancel
        self.size = n = len(problem)
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1e-6)
        h.setOptionValue("threads", 1)
        self.h = h
        self.everything = np.arange(n, dtype=np.int32)
        h.addVars(n, np.zeros(n), np.ones(n))
        h.changeColsIntegrality(
            n, self.everything, np.full(n, highspy.HighsVarType.kInteger, dtype=np.uint8)
        )
        by_team: dict[int, list[int]] = {}
        for index, team in enumerate(problem.teams):
            by_team.setdefault(team, []).append(index)
        self.by_team = by_team
        for options in by_team.values():
            if len(options) > 1:
                self.add_row(options, [1] * len(options), upper=1)
        self.add_row(range(n), problem.costs, upper=problem.budget)
        if problem.cap is not None:
            self.add_row(range(n), problem.usages, upper=problem.cap)
        if cancel is not None:

            def interrupt(event: Any) -> None:
                if cancel.is_set():
                    event.interrupt()

            h.cbMipInterrupt.subscribe(interrupt)
            h.cbSimplexInterrupt.subscribe(interrupt)
        self.hint: list[int] | None = None

    def add_row(
        self,
        columns: Sequence[int] | range,
        coefficients: Sequence[int],
        *,
        lower: float | None = None,
        upper: float | None = None,
    ) -> None:
        np = self.np
        low = -self.hs.kHighsInf if lower is None else lower
        high = self.hs.kHighsInf if upper is None else upper
        index = np.asarray(list(columns), dtype=np.int32)
        values = np.asarray(coefficients, dtype=np.float64)
        self.h.addRow(low, high, len(index), index, values)

    def fix(self, columns: Sequence[int], values: Sequence[int]) -> None:
        np = self.np
        if columns:
            fixed = np.asarray(values, dtype=np.float64)
            index = np.asarray(columns, dtype=np.int32)
            self.h.changeColsBounds(len(index), index, fixed, fixed)

    def optimise(self, objective: Sequence[int], *, maximise: bool) -> tuple[bool, list[int]]:
        """(proven optimal, the picks) of the best choice found; [] picks when none."""
        h, np = self.h, self.np
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return False, []
        h.setOptionValue("time_limit", remaining)
        h.changeColsCost(self.size, self.everything, np.asarray(objective, dtype=np.float64))
        sense = self.hs.ObjSense.kMaximize if maximise else self.hs.ObjSense.kMinimize
        h.changeObjectiveSense(sense)
        if self.hint is not None:
            start = np.zeros(self.size)
            start[self.hint] = 1.0
            solution = self.hs.HighsSolution()
            solution.col_value = list(start)
            h.setSolution(solution)
        h.run()
        status = h.getModelStatus()
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled
        info = h.getInfo()
        if info.primal_solution_status != 2:  # no feasible solution found
            return False, []
        values = h.getSolution().col_value
        picks = [i for i in range(self.size) if values[i] > 0.5]
        return status == self.hs.HighsModelStatus.kOptimal, picks

    def infeasible(self) -> bool:
        return bool(self.h.getModelStatus() == self.hs.HighsModelStatus.kInfeasible)

    def objective(self) -> float:
        return float(self.h.getInfo().objective_function_value)

    def bound(self) -> float | None:
        bound = self.h.getInfo().mip_dual_bound
        return None if abs(bound) >= self.hs.kHighsInf else float(bound)


def _total(picks: Sequence[int], of: Sequence[int]) -> int:
    return sum(of[i] for i in picks)


def _lexicographic(model: _Model, picks: list[int], cost_first: bool) -> tuple[list[int], bool]:
    """After the first level: the value (or the cost), then the cost (or the value), then
    the usage, then today's order among equals. (picks, every level solved to the end)."""
    problem = model.problem
    n = model.size
    levels: list[tuple[Sequence[int], bool]] = []
    if cost_first:
        model.add_row(range(n), problem.costs, upper=_total(picks, problem.costs))
        levels.append((problem.values, True))
    else:
        model.add_row(range(n), problem.values, lower=_total(picks, problem.values))
        levels.append((problem.costs, False))
    if problem.cap is not None:
        levels.append((problem.usages, False))
    for objective, maximise in levels:
        model.hint = picks
        proven, found = model.optimise(objective, maximise=maximise)
        if found and _total(found, objective) * (1 if maximise else -1) >= _total(
            picks, objective
        ) * (1 if maximise else -1):
            picks = found
        if not proven:
            return picks, False
        if maximise:
            model.add_row(range(n), objective, lower=_total(picks, objective))
        else:
            model.add_row(range(n), objective, upper=_total(picks, objective))
    return _break_ties(model, picks)


def _break_ties(model: _Model, picks: list[int]) -> tuple[list[int], bool]:
    """Today's order among equal choices: from the last team back, a team left out comes
    first, then its dearer option; a few teams per solve, their ranks as exact weights."""
    problem = model.problem
    ranks = tie_ranks(problem)
    teams = sorted(model.by_team, reverse=True)
    chosen = set(picks)
    start = 0
    while start < len(teams):
        block: list[int] = []
        product = 1
        for team in teams[start:]:
            radix = len(model.by_team[team]) + 1
            if block and product * radix > TIE_WEIGHT_LIMIT:
                break
            block.append(team)
            product *= radix
        start += len(block)
        scale: dict[int, int] = {}
        weight = 1
        for team in reversed(block):  # the last team in the order weighs the most
            scale[team] = weight
            weight *= len(model.by_team[team]) + 1
        columns = [i for team in block for i in model.by_team[team]]
        if any(i in chosen for i in columns):
            objective = [0] * model.size
            for i in columns:
                objective[i] = scale[problem.teams[i]] * ranks[i]
            model.hint = sorted(chosen)
            proven, found = model.optimise(objective, maximise=False)
            if found and _total(found, objective) <= _total(sorted(chosen), objective):
                chosen = set(found)
            if not proven:
                return sorted(chosen), False
        model.fix(columns, [1 if i in chosen else 0 for i in columns])
    return sorted(chosen), True


def best(problem: Problem, *, time_limit: float, cancel: Cancel | None = None) -> Solution:
    """The most valuable choice, then the cheapest, the lightest, today's order."""
    if not len(problem):
        return Solution((), True, None)
    model = _Model(problem, time.monotonic() + time_limit, cancel)
    proven, picks = model.optimise(problem.values, maximise=True)
    reported = model.objective()
    if not proven:
        return Solution(tuple(picks), False, model.bound(), reported, ties_broken=False)
    picks, ties = _lexicographic(model, picks, cost_first=False)
    return Solution(tuple(picks), True, None, reported, ties)


def cheapest_better(
    problem: Problem, value: int, *, time_limit: float, cancel: Cancel | None = None
) -> Solution | None:
    """The cheapest choice worth at least ``value`` (within ``problem.budget``), then the
    most valuable of those, the lightest, today's order; None when there is none."""
    if not len(problem):
        return None
    model = _Model(problem, time.monotonic() + time_limit, cancel)
    model.add_row(range(model.size), problem.values, lower=value)
    proven, picks = model.optimise(problem.costs, maximise=False)
    if not picks:
        if proven or model.infeasible():
            return None
        return Solution((), False, model.bound(), ties_broken=False)
    reported = model.objective()
    if not proven:
        return Solution(tuple(picks), False, model.bound(), reported, ties_broken=False)
    picks, ties = _lexicographic(model, picks, cost_first=True)
    return Solution(tuple(picks), True, None, reported, ties)


__all__ = ["Cancel", "Cancelled", "Problem", "Solution", "best", "cheapest_better", "tie_ranks"]
