"""The portfolio to fund first under a budget: an exact choice of team x programme pairs.

Only pairs whose verdict is PILOT are candidates; a team gets at most one programme; a
pair costs its seat price x the team's headcount (or the one price of a programme sold
per team); an unknown price is never free. The choice maximises the summed weighted total
(or the number of teams, then the summed total) within the budget and an optional seat
or hours cap, and among equal choices the cheapest. It is exact: a multiple-choice
knapsack solved on the Pareto frontier of (cost, seats or hours, value) states, one team
at a time, never a greedy guess. All arithmetic is in integers and Fractions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from math import lcm

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Price, PriceKind, Programme
from workbench.core.money import Money
from workbench.core.pricing import cost_over_pilot
from workbench.core.scoring import Evaluation, Number, Verdict
from workbench.core.team import Team


class Goal(StrEnum):
    SCORE = "score"
    """The summed weighted total of the funded pairs."""
    TEAMS = "teams"
    """The number of teams funded (then the summed weighted total)."""


class CapKind(StrEnum):
    SEATS = "seats"
    HOURS = "hours"


class Reason(StrEnum):
    """Why a pair is not in the portfolio."""

    NOT_PILOT = "not_pilot"
    CLARIFY_OBJECTIVE = "clarify_objective"
    NO_PRICE = "no_price"
    OTHER_CURRENCY = "other_currency"
    NO_HOURS = "no_hours"
    OVER_BUDGET = "over_budget"
    OVER_CAP = "over_cap"
    ANOTHER_PROGRAMME = "another_programme"


@dataclass(frozen=True, slots=True)
class Pair:
    """One assessment as the portfolio sees it."""

    assessment_id: str
    team_id: str
    programme_id: str
    verdict: Verdict | None
    total: Number | None
    headcount: int
    price: Price
    hours: float | None = None
    """Hours per seat (the longest duration the catalogue gives), None when unknown."""
    months: int | None = None
    """The assessment's months of subscription, when it overrides the programme's."""

    @property
    def cost(self) -> Decimal | None:
        return pair_cost(self.price, self.headcount, self.months)

    @property
    def seat_hours(self) -> Fraction | None:
        if self.hours is None:
            return None
        return Fraction(str(self.hours)) * self.headcount


def pair_cost(price: Price, headcount: int, months: int | None = None) -> Decimal | None:
    """The pair's cost over its pilot (``workbench.core.pricing.cost_over_pilot``), in the
    price's currency; None if unknown."""
    cost = cost_over_pilot(price, headcount, months)
    return cost.amount if isinstance(cost, Money) else None


@dataclass(frozen=True, slots=True)
class Cap:
    kind: CapKind
    limit: Decimal


@dataclass(frozen=True, slots=True)
class NextStep:
    """The smallest extra budget that adds something, and what the portfolio becomes."""

    extra: Decimal
    adds: tuple[Pair, ...]
    drops: tuple[Pair, ...]
    teams_gained: int
    total_gained: Fraction


@dataclass(frozen=True, slots=True)
class Portfolio:
    budget: Decimal
    currency: str
    goal: Goal
    cap: Cap | None
    chosen: tuple[Pair, ...]
    left_out: tuple[tuple[Pair, Reason], ...]
    cost: Decimal
    total: Fraction
    seats: int
    hours: Fraction
    next_step: NextStep | None = None
    step: Decimal | None = None
    step_total_gained: Fraction | None = None
    step_teams_gained: int | None = None
    reasons: dict[str, Reason] = field(default_factory=dict)

    @property
    def teams(self) -> int:
        return len(self.chosen)

    @property
    def left(self) -> Decimal:
        return self.budget - self.cost


def _exclusion(pair: Pair, currency: str, cap: Cap | None) -> Reason | None:
    if pair.verdict is Verdict.CLARIFY_OBJECTIVE:
        return Reason.CLARIFY_OBJECTIVE
    if pair.verdict is not Verdict.PILOT or pair.total is None:
        return Reason.NOT_PILOT
    if pair.cost is None:
        return Reason.NO_PRICE
    if pair.price.kind is PriceKind.AMOUNT and pair.price.currency != currency:
        return Reason.OTHER_CURRENCY
    if cap is not None and cap.kind is CapKind.HOURS and pair.hours is None:
        return Reason.NO_HOURS
    return None


def _cost(pairs: Iterable[Pair]) -> Decimal:
    return sum((pair.cost or Decimal(0) for pair in pairs), start=Decimal(0))


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


def choose(
    pairs: Sequence[Pair],
    budget: Decimal,
    currency: str,
    *,
    goal: Goal = Goal.SCORE,
    cap: Cap | None = None,
    step: Decimal | None = None,
) -> Portfolio:
    """The exact best portfolio within ``budget`` (and ``cap``), with what was left out and why.

    ``step``: also say what ``step`` more budget would add. The next step (the smallest
    extra budget that adds anything) is searched up to the budget plus the dearest candidate.
    """
    if budget < 0:
        raise ValueError("the budget cannot be negative")
    currency = currency.upper()
    reasons: dict[str, Reason] = {}
    candidates: list[Pair] = []
    for pair in pairs:
        reason = _exclusion(pair, currency, cap)
        if reason is None:
            candidates.append(pair)
        else:
            reasons[pair.assessment_id] = reason

    costs = [Fraction(pair.cost or 0) for pair in candidates]
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
            extra=_cost(candidates[i] for i in picked) - budget,
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
        cost=_cost(chosen),
        total=sum((Fraction(p.total or 0) for p in chosen), start=Fraction(0)),
        seats=sum(p.headcount for p in chosen),
        hours=hours,
        next_step=next_step,
        step=step,
        step_total_gained=step_total,
        step_teams_gained=step_teams,
        reasons=reasons,
    )


def pairs_of(
    assessments: Iterable[Assessment],
    teams: Mapping[str, Team],
    programmes: Mapping[str, Programme],
    evaluation_of: Callable[[Assessment, Team], Evaluation],
) -> list[Pair]:
    """Every assessment whose team and programme exist, as the portfolio sees it; hours per
    seat are the programme's longest duration (its shortest when that is all it gives)."""
    pairs = []
    for assessment in assessments:
        team = teams.get(assessment.team_id)
        programme = programmes.get(assessment.programme_id)
        if team is None or programme is None:
            continue
        evaluation = evaluation_of(assessment, team)
        hours = programme.hours_max if programme.hours_max is not None else programme.hours_min
        pairs.append(
            Pair(
                assessment_id=assessment.id,
                team_id=team.id,
                programme_id=programme.id,
                verdict=evaluation.verdict,
                total=evaluation.total,
                headcount=team.headcount,
                price=programme.price,
                hours=hours,
                months=assessment.months,
            )
        )
    pairs.sort(key=lambda p: (teams[p.team_id].name.casefold(), p.assessment_id))
    return pairs


def usual_currency(pairs: Iterable[Pair], default: str = "EUR") -> str:
    """The currency most PILOT pairs are priced in: the budget's, until the user says."""
    counts = Counter(
        p.price.currency for p in pairs if p.verdict is Verdict.PILOT and p.price.currency
    )
    return counts.most_common(1)[0][0] if counts else default
