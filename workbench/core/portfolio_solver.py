"""The portfolio's integer programme, solved by HiGHS (``highspy``, imported when first used).

One binary x per candidate pair; at most one per team; the summed cost within the budget
and the summed usage within the cap, all in whole numbers (the caller scales them). The
choice is lexicographic: the best value, then the cheapest, then the lightest on the cap,
then the old search's order among what is still equal (``tie_ranks``). Consecutive levels
are solved together as one weighted objective while its numbers stay exact in a double
(``_groups``), with a zero gap; each group's optimum is then kept as a constraint. Only the
first level's optimality is essential: a later level that cannot be solved in time keeps
the answer before it (still the best value) and says its ties were not all broken. The
time limit is HiGHS's own and an interrupt callback (which also serves cancelling).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import Any, Protocol

EXACT_LIMIT = 2**50
"""Weighted objectives stay below this: every whole number is exact in a double."""
FOLDED_SHARE = 0.3
"""The share of the time limit for the levels solved together (see ``best``)."""
TIE_WEIGHT_LIMIT = 10**6
"""The largest weight of one tie-breaking solve: a few teams at a time, in exact integers."""
TIE_TEAMS = 24
"""Today's order among equal choices is sought up to this many teams: beyond, each of its
solves (equal value, cost and usage fixed) can take seconds, and the choice stays the
solver's among the equally good, cheapest (and, when it fits, lightest) ones."""


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
    bound: int | None
    """best(), not proven: no choice is worth more than this."""
    reported: float | None = None
    """The first level's value as the solver reported it (the caller re-checks it: the
    weight of the next levels makes it differ by less than one)."""
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
        h = highspy.Highs()  # type: ignore[no-untyped-call]
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
        shared = [options for options in by_team.values() if len(options) > 1]
        if shared:  # one programme per team: one row per team with several
            starts = np.cumsum([0] + [len(options) for options in shared[:-1]])
            members = np.fromiter((i for options in shared for i in options), dtype=np.int32)
            h.addRows(
                len(shared),
                np.full(len(shared), -highspy.kHighsInf),
                np.ones(len(shared)),
                len(members),
                starts.astype(np.int32),
                members,
                np.ones(len(members)),
            )
        self.add_row(range(n), problem.costs, upper=problem.budget)
        if problem.cap is not None:
            self.add_row(range(n), problem.usages, upper=problem.cap)

        def interrupt(event: Any) -> None:
            # HiGHS's own time limit is not looked at everywhere (a long LP, presolve); the
            # flag is said each time: HiGHS keeps it from one solve of the model to the next
            late = time.monotonic() > self.deadline
            event.interrupt((cancel is not None and cancel.is_set()) or late)

        h.cbMipInterrupt.subscribe(interrupt)
        h.cbSimplexInterrupt.subscribe(interrupt)
        self.hint: list[int] | None = None
        self.first_bound: int | None = None
        self.first_reported: float | None = None

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
        # HiGHS's clock runs on across the solves of one model
        h.setOptionValue("time_limit", h.getRunTime() + remaining)
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


@dataclass(frozen=True, slots=True)
class _Level:
    """One objective of the lexicographic order, and the most it can differ between two
    choices (per team at most its largest coefficient; within ``limit`` when given)."""

    coefficients: Sequence[int]
    maximise: bool
    span: int

    def signed(self, index: int) -> int:
        return self.coefficients[index] if self.maximise else -self.coefficients[index]


def _level(problem: Problem, of: Sequence[int], *, maximise: bool, limit: int | None) -> _Level:
    most: dict[int, int] = {}
    for index, team in enumerate(problem.teams):
        most[team] = max(most.get(team, 0), of[index])
    span = sum(most.values())
    return _Level(of, maximise, span if limit is None else min(span, limit))


def _groups(levels: list[_Level]) -> list[list[tuple[_Level, int]]]:
    """Consecutive levels folded into one weighted objective while its values stay exact
    in floating point (the first level of a group weighs more than all the next ones)."""
    groups: list[list[tuple[_Level, int]]] = []
    index = 0
    while index < len(levels):
        group = [levels[index]]
        while index + len(group) < len(levels):
            candidate = [*group, levels[index + len(group)]]
            if _magnitude(candidate) >= EXACT_LIMIT:
                break
            group = candidate
        index += len(group)
        weight = 1
        weighted: list[tuple[_Level, int]] = []
        for level in reversed(group):
            weighted.append((level, weight))
            weight *= level.span + 1
        groups.append(weighted[::-1])
    return groups


def _magnitude(group: list[_Level]) -> int:
    weight = 1
    for level in group:
        weight *= level.span + 1
    return weight


def _solve_levels(
    model: _Model, levels: list[_Level], picks: list[int] | None
) -> tuple[bool, list[int], bool]:
    """(first level proven, picks, every level proven): each group's optimum is kept as a
    constraint of the next (its levels' totals)."""
    n = model.size
    first_proven = False
    groups = _groups(levels)
    # the levels after value and cost (usage, today's order) are sought only when they fit
    # in a group already solved: alone, each can take many seconds at scale
    complete = len(groups) == 1
    groups = groups[:1] if len(groups[0]) >= 2 else groups[:2]
    for number, group in enumerate(groups):
        objective = [sum(weight * level.signed(i) for level, weight in group) for i in range(n)]
        model.hint = picks
        proven, found = model.optimise(objective, maximise=True)
        if number == 0:
            # the first level's own value: the next levels of the group weigh less than one
            # of its units, and best()'s are minimised (they only lower the objective)
            weight = group[0][1]
            bound = model.bound()
            model.first_bound = None if bound is None else ceil(bound / weight - 1e-9)
            model.first_reported = model.objective() / weight
        if (found or proven) and (
            picks is None or _total(found, objective) >= _total(picks, objective)
        ):
            picks = found
        if number == 0:
            first_proven = proven
        if not proven or picks is None:
            return first_proven, picks or [], False
        for level, _ in group:
            total = _total(picks, level.coefficients)
            if level.maximise:
                model.add_row(range(n), level.coefficients, lower=total)
            else:
                model.add_row(range(n), level.coefficients, upper=total)
    picks, ties = _break_ties(model, picks or [])
    return first_proven, picks, ties and complete


def _break_ties(model: _Model, picks: list[int]) -> tuple[list[int], bool]:
    """Today's order among equal choices: from the last team back, a team left out comes
    first, then its dearer option; a few teams per solve, their ranks as exact weights."""
    if len(model.by_team) > TIE_TEAMS:
        return picks, False
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


def _order(problem: Problem, first: _Level) -> list[_Level]:
    """``first``, then the value or the cost (whichever is not first), then the usage."""
    value = _level(problem, problem.values, maximise=True, limit=None)
    cost = _level(problem, problem.costs, maximise=False, limit=problem.budget)
    levels = [first, cost if first.maximise else value]
    if problem.cap is not None:
        levels.append(_level(problem, problem.usages, maximise=False, limit=problem.cap))
    return levels


def greedy(problem: Problem) -> list[int]:
    """A first feasible choice for the solver to start from: the most value per unit of
    money and cap first, one per team, while it fits."""
    cap = problem.cap

    def density(index: int) -> float:
        weight = problem.costs[index] / max(problem.budget, 1)
        if cap is not None:
            weight += problem.usages[index] / max(cap, 1)
        return problem.values[index] / (weight + 1e-9)

    picks: list[int] = []
    teams: set[int] = set()
    spent = used = 0
    for index in sorted(range(len(problem)), key=lambda i: (-density(i), i)):
        cost, usage = problem.costs[index], problem.usages[index]
        if problem.teams[index] in teams or spent + cost > problem.budget:
            continue
        if cap is not None and used + usage > cap:
            continue
        picks.append(index)
        teams.add(problem.teams[index])
        spent += cost
        used += usage
    return sorted(picks)


def best(problem: Problem, *, time_limit: float, cancel: Cancel | None = None) -> Solution:
    """The most valuable choice, then the cheapest, the lightest, today's order.

    The levels are first solved together (one weighted objective), within a share of the
    time: usually proven at once. Else the value alone has the rest of the time: its bound
    is much tighter, and its answer the better one to give when time runs out."""
    if not len(problem):
        return Solution((), True, None)
    started = time.monotonic()
    model = _Model(problem, started + time_limit * FOLDED_SHARE, cancel)
    first = _level(problem, problem.values, maximise=True, limit=None)
    start = greedy(problem)
    proven, picks, ties = _solve_levels(model, _order(problem, first), start)
    if proven:
        return Solution(tuple(picks), True, None, model.first_reported, ties)
    model.deadline = started + time_limit
    if _total(picks, problem.values) < _total(start, problem.values):
        picks = start
    model.hint = picks
    proven, found = model.optimise(problem.values, maximise=True)
    if found and _total(found, problem.values) >= _total(picks, problem.values):
        picks = found
    bound = model.bound()
    return Solution(
        tuple(picks),
        proven,
        None if proven or bound is None else ceil(bound - 1e-9),
        model.objective() if found else None,
        ties_broken=False,
    )


def one_more(problem: Problem, base: Sequence[int]) -> list[int] | None:
    """``base`` with the cheapest single change that makes it worth more (a team added, or
    a funded team's programme changed for a more valuable one) within the cap: a start for
    the next step's solve; None when no single change does."""
    chosen = {problem.teams[i]: i for i in base}
    used = sum(problem.usages[i] for i in base)
    found: tuple[int, int] | None = None
    for index in range(len(problem)):
        current = chosen.get(problem.teams[index])
        extra_cost = problem.costs[index] - (problem.costs[current] if current is not None else 0)
        extra_value = problem.values[index] - (
            problem.values[current] if current is not None else 0
        )
        extra_use = problem.usages[index] - (problem.usages[current] if current is not None else 0)
        if extra_value <= 0 or (problem.cap is not None and used + extra_use > problem.cap):
            continue
        if found is None or extra_cost < found[0]:
            found = (extra_cost, index)
    if found is None:
        return None
    index = found[1]
    current = chosen.get(problem.teams[index])
    picks = [i for i in base if i != current] + [index]
    if _total(picks, problem.costs) > problem.budget:
        return None
    return sorted(picks)


def cheapest_better(
    problem: Problem,
    value: int,
    *,
    time_limit: float,
    cancel: Cancel | None = None,
    start: Sequence[int] = (),
    better_than: Sequence[int] | None = None,
) -> Solution | None:
    """The cheapest choice worth at least ``value`` (within ``problem.budget``), then the
    most valuable of those, the lightest, today's order; None when there is none.
    ``start``: the best choice under the smaller budget (one change to it is a first
    guess); ``better_than``: a choice known to be worth ``value`` (another guess)."""
    if not len(problem):
        return None
    model = _Model(problem, time.monotonic() + time_limit, cancel)
    if len(model.by_team) > TIE_TEAMS:
        # at scale, presolve spends seconds on this row without looking at the clock
        model.h.setOptionValue("presolve", "off")
    model.add_row(range(model.size), problem.values, lower=value)
    first = _level(problem, problem.costs, maximise=False, limit=problem.budget)
    levels = _order(problem, first)
    small = len(model.by_team) <= TIE_TEAMS
    # at scale, the cost alone: folded with the value its weights slow presolve for seconds
    guess = one_more(problem, start)
    if better_than is not None and (
        guess is None or _total(better_than, problem.costs) < _total(guess, problem.costs)
    ):
        guess = list(better_than)
    proven, picks, ties = _solve_levels(model, levels if small else levels[:1], guess)
    ties = ties and small
    if not picks:
        if proven or model.infeasible():
            return None
        return Solution((), False, model.first_bound, None, ties_broken=False)
    bound = None if proven else model.first_bound
    return Solution(tuple(picks), proven, bound, model.first_reported, ties)


__all__ = ["Cancel", "Cancelled", "Problem", "Solution", "best", "cheapest_better", "tie_ranks"]
