"""The portfolio to fund first under a budget: an exact choice of team x programme pairs.

Only pairs whose verdict is PILOT are candidates; a team gets at most one programme; a
pair costs its seat price x the team's headcount (or the one price of a programme sold
per team); an unknown price is never free. The choice maximises the summed weighted total
(or the number of teams, then the summed total) within the budget and an optional seat
or hours cap, and among equal choices the cheapest. It is exact: an integer programme
(``portfolio_solver``, HiGHS) on whole numbers (money in its smallest unit, half points
doubled) with a zero gap, its answer checked again in Decimal and Fractions; a choice its
time limit stopped says so, with the solver's bound. The solver takes candidates already
costed (``candidates_of``): a pair's cost over its pilot (``Pair.cost``) in the budget's
currency, converted at the latest stored rate when it is priced in another one and then
rounded up to the cent (a converted cost never under-counts; the rate is stated,
``Portfolio.conversions``). A pair whose currency has no rate is left out for that reason
("no GBP→EUR rate"), never as free.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from fractions import Fraction
from math import lcm

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Price, Programme, Status
from workbench.core.money import Converted, MissingRate, Money, Rates
from workbench.core.portfolio_solver import Cancel, Problem, Solution, best, cheapest_better
from workbench.core.pricing import CostUnknown, cost_over_pilot
from workbench.core.scoring import Evaluation, Number, Verdict
from workbench.core.team import Team

DEFAULT_TIME_LIMIT = 10.0
"""Seconds the solver may take before answering with the best choice found."""
CENT = Decimal("0.01")
"""A converted cost is rounded up to this (the minor unit of the budget's currency)."""


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
    RETIRED = "retired"
    """The programme is no longer sold: its successor, if any, is named instead."""
    NO_PRICE = "no_price"
    NO_RATE = "no_rate"
    """Priced in another currency, with no exchange rate to the budget's."""
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
    retired: bool = False
    successor: str | None = None
    """What a retired programme's successor is called ("AI-901"), when it names one."""

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
    proven: bool = True
    """The solver proved the choice optimal (else its time limit stopped it)."""
    bound_teams: int | None = None
    """Not proven, goal teams: no choice funds more teams than this."""
    bound_total: Fraction | None = None
    """Not proven, goal score: no choice reaches a higher total than this."""
    ties_broken: bool = True
    """Among the best choices, the cheapest was proven chosen, then the lightest on the
    cap, then the first in the old search's order (up to ``TIE_TEAMS`` teams)."""
    next_step_known: bool = True
    """``next_step`` was worked out to the end (None then means more adds nothing)."""
    costs: dict[str, Decimal] = field(default_factory=dict)
    """Each candidate's cost in the budget's currency, by assessment id (converted ones
    rounded up to the cent)."""
    conversions: tuple[Converted, ...] = ()
    """One conversion per currency converted: the rate each used, to state it."""

    @property
    def teams(self) -> int:
        return len(self.chosen)

    @property
    def left(self) -> Decimal:
        return self.budget - self.cost


def exclusion(
    pair: Pair, currency: str, cap: Cap | None, cost: Decimal | MissingRate | None
) -> Reason | None:
    """Why ``pair`` (whose cost in ``currency`` is ``cost``: ``budget_cost``) cannot be
    funded, or None."""
    if pair.verdict is Verdict.CLARIFY_OBJECTIVE:
        return Reason.CLARIFY_OBJECTIVE
    if pair.verdict is not Verdict.PILOT or pair.total is None:
        return Reason.NOT_PILOT
    if pair.retired:
        return Reason.RETIRED
    if cost is None:
        return Reason.NO_PRICE
    if isinstance(cost, MissingRate):
        return Reason.NO_RATE
    if cap is not None and cap.kind is CapKind.HOURS and pair.hours is None:
        return Reason.NO_HOURS
    return None


def converted_cost(
    pair: Pair, currency: str, rates: Rates, today: date
) -> Converted | MissingRate | None:
    """The pair's cost over its pilot in ``currency``, at the latest stored rate (or why
    there is none); None when the cost is unknown."""
    cost = cost_over_pilot(pair.price, pair.headcount, pair.months)
    if isinstance(cost, CostUnknown):
        return None
    return rates.convert(cost, currency, today)


def budget_cost(found: Converted | MissingRate | None) -> Decimal | MissingRate | None:
    """What the solver counts: a cost in the budget's currency as it is, a converted one
    rounded up to the cent, so that the chosen set never costs more than it says."""
    if not isinstance(found, Converted):
        return found
    if found.record is None:
        return found.money.amount
    return found.money.amount.quantize(CENT, ROUND_CEILING)


def _cost(candidates: Iterable[Candidate]) -> Decimal:
    return sum((candidate.cost for candidate in candidates), start=Decimal(0))


def _usage(pair: Pair, cap: Cap | None, known: dict[float, Fraction]) -> Fraction | int:
    """Seats or seat-hours (``Pair.seat_hours``; ``known``: each duration as a Fraction)."""
    hours = pair.hours
    if cap is None:
        return 0
    if cap.kind is CapKind.SEATS:
        return pair.headcount
    if hours is None:
        return 0
    per_seat = known.get(hours)
    if per_seat is None:
        per_seat = known[hours] = Fraction(str(hours))
    return per_seat * pair.headcount


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair the portfolio may fund, already costed: its exact cost, its use of the cap,
    its total."""

    pair: Pair
    cost: Decimal
    usage: Fraction | int
    score: Fraction | int
    converted: Converted | None = None
    """The conversion that gave ``cost``, when the pair is priced in another currency."""


def candidates_of(
    pairs: Sequence[Pair],
    currency: str,
    cap: Cap | None,
    rates: Rates | None = None,
    today: date | None = None,
) -> tuple[list[Candidate], dict[str, Reason]]:
    """The pairs that can be funded, costed in ``currency`` (``converted_cost``, then
    ``budget_cost``: a converted cost rounded up to the cent), and why each other cannot."""
    rates = rates if rates is not None else Rates()
    today = today or date.today()
    reasons: dict[str, Reason] = {}
    found: list[Candidate] = []
    hours: dict[float, Fraction] = {}
    for pair in pairs:
        converted = converted_cost(pair, currency, rates, today)
        cost = budget_cost(converted)
        reason = exclusion(pair, currency, cap, cost)
        if reason is None and isinstance(cost, Decimal):
            usage = _usage(pair, cap, hours)
            rate = converted if isinstance(converted, Converted) and converted.record else None
            found.append(Candidate(pair, cost, usage, pair.total or 0, rate))
        else:
            reasons[pair.assessment_id] = reason or Reason.NO_PRICE
    return found, reasons


@dataclass(frozen=True, slots=True)
class _Scaled:
    """The candidates in whole numbers: the solver's problem and the way back."""

    candidates: list[Candidate]
    money: int
    usage: int
    points: int
    weight: int
    """Goal.TEAMS: one team is worth more than any choice's total (teams first)."""
    budget: int
    cap: int | None
    teams: list[int]
    costs: list[int]
    usages: list[int]
    values: list[int]

    def problem(self, budget: int | None = None) -> Problem:
        return Problem(
            self.teams,
            self.costs,
            self.usages,
            self.values,
            self.budget if budget is None else budget,
            self.cap,
        )

    def money_of(self, amount: Decimal) -> int:
        scaled = Fraction(amount) * self.money
        return scaled.numerator // scaled.denominator


Exact = Decimal | Fraction | int


def _whole(values: Sequence[Exact], extra: Sequence[Exact] = ()) -> tuple[int, list[int]]:
    """The smallest factor that makes every value whole, and the values times it."""
    known: dict[Exact, tuple[int, int]] = {}
    ratios = []
    for value in values:
        ratio = known.get(value)
        if ratio is None:
            ratio = known[value] = value.as_integer_ratio()
        ratios.append(ratio)
    scale = lcm(1, *{d for _, d in ratios}, *(v.as_integer_ratio()[1] for v in extra))
    return scale, [n * (scale // d) for n, d in ratios]


def _times(value: Exact, scale: int) -> int:
    """``value`` x ``scale``, a whole number when ``scale`` came from ``_whole``."""
    numerator, denominator = value.as_integer_ratio()
    return numerator * (scale // denominator)


def _scaled(
    candidates: list[Candidate], budget: Decimal, goal: Goal, cap: Cap | None, step: Decimal | None
) -> _Scaled:
    limit = cap.limit if cap is not None else 0
    money, costs = _whole([c.cost for c in candidates], (budget, step or 0))
    usage, usages = _whole([c.usage for c in candidates], (limit,))
    points, scores = _whole([c.score for c in candidates])
    most: dict[str, int] = {}
    for candidate, score in zip(candidates, scores, strict=True):
        team = candidate.pair.team_id
        most[team] = max(most.get(team, 0), score)
    weight = sum(most.values()) + 1 if goal is Goal.TEAMS else 0
    team_numbers: dict[str, int] = {}
    for candidate in candidates:
        team_numbers.setdefault(candidate.pair.team_id, len(team_numbers))
    return _Scaled(
        candidates=candidates,
        money=money,
        usage=usage,
        points=points,
        weight=weight,
        budget=_times(budget, money),
        cap=_times(limit, usage) if cap is not None else None,
        teams=[team_numbers[c.pair.team_id] for c in candidates],
        costs=costs,
        usages=usages,
        values=[weight + s for s in scores],
    )


def _recheck(
    solution: Solution, scaled: _Scaled, budget: Decimal, cap: Cap | None
) -> tuple[tuple[int, ...], bool]:
    """The chosen set checked again in Decimal and Fraction (budget, cap, one per team) and
    its value recomputed; a set that fails is cut down (least valuable first) and is no
    longer called optimal, nor is one whose value is not the solver's."""
    picks = list(solution.picks)
    proven = solution.proven

    def fits(chosen: list[int]) -> bool:
        items = [scaled.candidates[i] for i in chosen]
        teams = [c.pair.team_id for c in items]
        used = sum((c.usage for c in items), start=Fraction(0))
        return (
            len(set(teams)) == len(teams)
            and sum((c.cost for c in items), start=Decimal(0)) <= budget
            and (cap is None or used <= Fraction(cap.limit))
        )

    while not fits(picks):
        proven = False
        picks.remove(min(picks, key=lambda i: (scaled.values[i], -scaled.costs[i], -i)))
    value = sum(scaled.values[i] for i in picks)
    if solution.reported is not None and abs(solution.reported - value) >= 1:
        proven = False
    return tuple(picks), proven


def choose(
    pairs: Sequence[Pair],
    budget: Decimal,
    currency: str,
    *,
    goal: Goal = Goal.SCORE,
    cap: Cap | None = None,
    step: Decimal | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    cancel: Cancel | None = None,
    next_step: bool = True,
    rates: Rates | None = None,
    today: date | None = None,
) -> Portfolio:
    """The best portfolio within ``budget`` (and ``cap``), with what was left out and why.
    A pair priced in another currency is costed at the latest of ``rates`` (see
    ``candidates_of``).

    ``step``: also say what ``step`` more budget would add. The next step (the smallest
    extra budget that adds anything) is searched up to the budget plus the dearest
    candidate. ``time_limit`` (seconds) bounds the whole call: the best choice found by
    then is returned and not called optimal. ``Cancelled`` when ``cancel`` is set.
    ``next_step=False``: the choice alone (``next_step_known`` is then False).
    """
    if budget < 0:
        raise ValueError("the budget cannot be negative")
    started = time.monotonic()
    currency = currency.upper()
    candidates, reasons = candidates_of(pairs, currency, cap, rates, today)
    time_limit -= time.monotonic() - started
    return solve(
        pairs,
        candidates,
        reasons,
        budget,
        currency,
        goal=goal,
        cap=cap,
        step=step,
        time_limit=time_limit,
        cancel=cancel,
        next_step=next_step,
    )


def solve(
    pairs: Sequence[Pair],
    candidates: list[Candidate],
    reasons: dict[str, Reason],
    budget: Decimal,
    currency: str,
    *,
    goal: Goal,
    cap: Cap | None,
    step: Decimal | None,
    time_limit: float,
    cancel: Cancel | None = None,
    next_step: bool = True,
) -> Portfolio:
    """``choose`` on already-costed candidates (``candidates_of``)."""
    deadline = time.monotonic() + time_limit
    scaled = _scaled(candidates, budget, goal, cap, step)

    def remaining() -> float:
        return max(0.0, deadline - time.monotonic())

    solution = best(scaled.problem(), time_limit=remaining(), cancel=cancel)
    picks, proven = _recheck(solution, scaled, budget, cap)
    chosen_indexes = sorted(picks)
    chosen = tuple(candidates[i].pair for i in chosen_indexes)
    funded = {pair.team_id for pair in chosen}
    reasons = dict(reasons)
    left_money = scaled.budget - sum(scaled.costs[i] for i in chosen_indexes)
    for index, candidate in enumerate(candidates):
        if index in picks:
            continue
        pair = candidate.pair
        if pair.team_id in funded:
            reasons[pair.assessment_id] = Reason.ANOTHER_PROGRAMME
        elif scaled.costs[index] > left_money:
            reasons[pair.assessment_id] = Reason.OVER_BUDGET
        else:
            reasons[pair.assessment_id] = Reason.OVER_CAP
    value = sum(scaled.values[i] for i in chosen_indexes)
    total = Fraction(sum((candidates[i].score for i in chosen_indexes), start=Fraction(0)))

    def gains(other: Sequence[int]) -> tuple[int, Fraction]:
        teams = len(other) - len(chosen_indexes)
        extra = Fraction(sum((candidates[i].score for i in other), start=Fraction(0))) - total
        return teams, extra

    found_step = None
    next_known = False
    if proven and next_step:
        dearest = max(scaled.costs, default=0)
        step_limit = scaled.budget + scaled.money_of(step or Decimal(0))
        reach = scaled.problem(max(scaled.budget + dearest, step_limit))
        # the best choice at the furthest budget looked at: if it is worth no more, more
        # budget adds nothing (proven); else it is a first guess of the cheapest better one
        furthest = best(reach, time_limit=remaining(), cancel=cancel)
        worth = sum(scaled.values[i] for i in furthest.picks)
        if furthest.proven and worth <= value:
            next_known = True
        elif furthest.proven:
            further = cheapest_better(
                reach,
                value + 1,
                time_limit=remaining(),
                cancel=cancel,
                start=chosen_indexes,
                better_than=furthest.picks,
            )
            next_known = further is None or further.proven
            if further is not None and further.proven:
                picked = set(further.picks)
                teams_gained, total_gained = gains(further.picks)
                found_step = NextStep(
                    extra=_cost(candidates[i] for i in picked) - budget,
                    adds=tuple(candidates[i].pair for i in sorted(picked - set(chosen_indexes))),
                    drops=tuple(candidates[i].pair for i in sorted(set(chosen_indexes) - picked)),
                    teams_gained=teams_gained,
                    total_gained=total_gained,
                )
    step_teams = step_total = None
    if step is not None and proven:
        bigger = best(
            scaled.problem(scaled.budget + scaled.money_of(step)),
            time_limit=remaining(),
            cancel=cancel,
        )
        if bigger.proven:
            step_teams, step_total = gains(bigger.picks)

    bound_teams = bound_total = None
    if not proven and solution.bound is not None:
        bound_teams, bound_total = _bound(solution.bound, scaled, goal)
    left_out = tuple((p, reasons[p.assessment_id]) for p in pairs if p.assessment_id in reasons)
    hours = sum((p.seat_hours or Fraction(0) for p in chosen), start=Fraction(0))
    return Portfolio(
        budget=budget,
        currency=currency,
        goal=goal,
        cap=cap,
        chosen=chosen,
        left_out=left_out,
        cost=_cost(candidates[i] for i in chosen_indexes),
        total=total,
        seats=sum(p.headcount for p in chosen),
        hours=hours,
        next_step=found_step,
        step=step,
        step_total_gained=step_total,
        step_teams_gained=step_teams,
        reasons=reasons,
        proven=proven,
        bound_teams=bound_teams,
        bound_total=bound_total,
        ties_broken=solution.ties_broken,
        next_step_known=next_known,
        costs={c.pair.assessment_id: c.cost for c in candidates},
        conversions=_conversions(candidates),
    )


def _bound(bound: int, scaled: _Scaled, goal: Goal) -> tuple[int | None, Fraction | None]:
    """The solver's bound in teams (goal teams) or points (goal score)."""
    if goal is Goal.TEAMS:
        return bound // scaled.weight, None
    return None, Fraction(bound, scaled.points)


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
                retired=programme.status is Status.RETIRED,
                successor=programme.successor_name(programmes),
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


def _conversions(candidates: Iterable[Candidate]) -> tuple[Converted, ...]:
    """One conversion per currency converted, by currency code."""
    found: dict[str, Converted] = {}
    for candidate in candidates:
        if candidate.converted is not None:
            found.setdefault(candidate.converted.original.currency, candidate.converted)
    return tuple(found[key] for key in sorted(found))
