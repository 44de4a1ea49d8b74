"""Today's exhaustive portfolio search, kept as the oracle of the solver's tests.

The Pareto frontier of (cost, seats or hours, value) states, one team at a time: exact but
exponential (500 teams x 40 programmes took minutes). Only the tests and the benchmark's
baseline use it; the app and the command line use ``workbench.core.portfolio.choose``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import lcm

from workbench.core.money import Rates
from workbench.core.portfolio import (
    Cap,
    CapKind,
    Goal,
    NextStep,
    Pair,
    Portfolio,
    Reason,
    budget_cost,
    converted_cost,
    exclusion,
)

TODAY = date(2026, 12, 7)


def _cost(pairs: Iterable[Pair], costs: dict[str, Decimal]) -> Decimal:
    return sum((costs[pair.assessment_id] for pair in pairs), start=Decimal(0))


def _usage(pair: Pair, cap: Cap | None) -> Fraction:
    if cap is None:
        return Fraction(0)
    if cap.kind is CapKind.SEATS:
        return Fraction(pair.headcount)
    hours = pair.seat_hours
    return Fraction(0) if hours is None else hours


def _scale(values: Iterable[Fraction]) -> int:
    """The smallest factor that turns every value into a whole number."""
    return lcm(1, *(value.denominator for value in values))


# a state: (cost, usage, value, picks) where picks is a linked list (index, parent) or None
Picks = tuple[int, "Picks"] | None
State = tuple[int, int, int, Picks]


class _MaxTree:
    """A Fenwick tree of prefix maxima over usage ranks."""

    def __init__(self, size: int) -> None:
        self._tree = [-1] * (size + 1)

    def best(self, rank: int) -> int:
        best = -1
        rank += 1
        while rank > 0:
            best = max(best, self._tree[rank])
            rank -= rank & -rank
        return best

    def put(self, rank: int, value: int) -> None:
        rank += 1
        while rank < len(self._tree):
            if self._tree[rank] < value:
                self._tree[rank] = value
            rank += rank & -rank


def _frontier(states: list[State]) -> list[State]:
    """The states no other state beats: no cheaper-or-equal, lighter-or-equal, better-or-equal."""
    states.sort(key=lambda s: (s[0], s[1], -s[2]))
    usages = sorted({s[1] for s in states})
    if len(usages) == 1:
        kept: list[State] = []
        best = -1
        for state in states:
            if state[2] > best:
                kept.append(state)
                best = state[2]
        return kept
    rank = {usage: i for i, usage in enumerate(usages)}
    tree = _MaxTree(len(usages))
    kept = []
    for state in states:
        r = rank[state[1]]
        if tree.best(r) >= state[2]:
            continue
        kept.append(state)
        tree.put(r, state[2])
    return kept


def _picks(picks: Picks) -> list[int]:
    chosen = []
    while picks is not None:
        chosen.append(picks[0])
        picks = picks[1]
    return chosen


def choose_exact(
    pairs: Sequence[Pair],
    budget: Decimal,
    currency: str,
    *,
    goal: Goal = Goal.SCORE,
    cap: Cap | None = None,
    step: Decimal | None = None,
    rates: Rates | None = None,
    today: date | None = None,
) -> Portfolio:
    """The exact best portfolio within ``budget`` (and ``cap``), with what was left out and why.
    Pairs are costed as ``choose`` costs them (``converted_cost``, ``budget_cost``).

    ``step``: also say what ``step`` more budget would add. The next step (the smallest
    extra budget that adds anything) is searched up to the budget plus the dearest candidate.
    """
    if budget < 0:
        raise ValueError("the budget cannot be negative")
    currency = currency.upper()
    reasons: dict[str, Reason] = {}
    candidates: list[Pair] = []
    cost_of: dict[str, Decimal] = {}
    for pair in pairs:
        cost = budget_cost(converted_cost(pair, currency, rates or Rates(), today or TODAY))
        reason = exclusion(pair, currency, cap, cost)
        if reason is None and isinstance(cost, Decimal):
            candidates.append(pair)
            cost_of[pair.assessment_id] = cost
        else:
            reasons[pair.assessment_id] = reason or Reason.NO_PRICE

    costs = [Fraction(cost_of[pair.assessment_id]) for pair in candidates]
    usages = [_usage(pair, cap) for pair in candidates]
    scores = [Fraction(pair.total or 0) for pair in candidates]
    money_scale = _scale([*costs, Fraction(budget), Fraction(step or 0)])
    usage_scale = _scale([*usages, Fraction(cap.limit) if cap else Fraction(0)])
    score_scale = _scale(scores)
    int_costs = [int(c * money_scale) for c in costs]
    int_usages = [int(u * usage_scale) for u in usages]
    int_scores = [int(s * score_scale) for s in scores]
    # Goal.TEAMS: teams first, then the summed total, in one whole number.
    weight = sum(int_scores) + 1 if goal is Goal.TEAMS else 0
    values = [weight + s for s in int_scores]
    limit = int(Fraction(budget) * money_scale)
    step_limit = limit + int(Fraction(step or 0) * money_scale)
    usage_limit = int(Fraction(cap.limit) * usage_scale) if cap is not None else 0
    bound = max(limit + max(int_costs, default=0), step_limit)

    by_team: dict[str, list[int]] = {}
    for index, pair in enumerate(candidates):
        by_team.setdefault(pair.team_id, []).append(index)

    states: list[State] = [(0, 0, 0, None)]
    for options in by_team.values():
        grown = list(states)
        for cost, usage, value, picks in states:
            for index in options:
                new_cost = cost + int_costs[index]
                new_usage = usage + int_usages[index]
                if new_cost > bound or (cap is not None and new_usage > usage_limit):
                    continue
                grown.append((new_cost, new_usage, value + values[index], (index, picks)))
        states = _frontier(grown)

    def best_within(money: int) -> State:
        fitting = [s for s in states if s[0] <= money]
        return max(fitting, key=lambda s: (s[2], -s[0]))

    best = best_within(limit)
    chosen_indexes = sorted(_picks(best[3]))
    chosen = tuple(candidates[i] for i in chosen_indexes)
    funded = {pair.team_id for pair in chosen}
    left_money = limit - best[0]
    for index, pair in enumerate(candidates):
        if index in chosen_indexes:
            continue
        if pair.team_id in funded:
            reasons[pair.assessment_id] = Reason.ANOTHER_PROGRAMME
        elif int_costs[index] > left_money:
            reasons[pair.assessment_id] = Reason.OVER_BUDGET
        else:
            reasons[pair.assessment_id] = Reason.OVER_CAP

    def gains(state: State) -> tuple[int, Fraction]:
        picked = _picks(state[3])
        teams = len(picked) - len(chosen_indexes)
        total = sum((scores[i] for i in picked), start=Fraction(0)) - sum(
            (scores[i] for i in chosen_indexes), start=Fraction(0)
        )
        return teams, total

    next_step = None
    better = [s for s in states if s[0] > limit and s[2] > best[2]]
    if better:
        nearest = min(better, key=lambda s: (s[0], -s[2]))
        picked = set(_picks(nearest[3]))
        teams, total = gains(nearest)
        next_step = NextStep(
            extra=_cost((candidates[i] for i in picked), cost_of) - budget,
            adds=tuple(candidates[i] for i in sorted(picked - set(chosen_indexes))),
            drops=tuple(candidates[i] for i in sorted(set(chosen_indexes) - picked)),
            teams_gained=teams,
            total_gained=total,
        )
    step_teams = step_total = None
    if step is not None:
        step_teams, step_total = gains(best_within(step_limit))

    left_out = tuple((p, reasons[p.assessment_id]) for p in pairs if p.assessment_id in reasons)
    hours = sum((p.seat_hours or Fraction(0) for p in chosen), start=Fraction(0))
    return Portfolio(
        budget=budget,
        currency=currency,
        goal=goal,
        cap=cap,
        chosen=chosen,
        left_out=left_out,
        cost=_cost(chosen, cost_of),
        total=sum((Fraction(p.total or 0) for p in chosen), start=Fraction(0)),
        seats=sum(p.headcount for p in chosen),
        hours=hours,
        next_step=next_step,
        step=step,
        step_total_gained=step_total,
        step_teams_gained=step_teams,
        reasons=reasons,
    )
