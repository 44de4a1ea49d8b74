"""The portfolio: exact against brute force, and each rule of the brief on its own."""

from __future__ import annotations

import itertools
import threading
import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Price, PriceBasis, PriceKind, Programme
from workbench.core.grid import CRITERION_KEYS
from workbench.core.portfolio import (
    Cap,
    CapKind,
    Goal,
    Pair,
    Reason,
    _recheck,
    _scaled,
    candidates_of,
    choose,
    pair_cost,
    pairs_of,
    usual_currency,
)
from workbench.core.portfolio_solver import Cancelled, Problem, Solution, _Model
from workbench.core.scoring import Evaluation, Verdict, evaluate
from workbench.core.team import Team

from .portfolio_exact import choose_exact


def priced(amount: int | str, currency: str = "EUR", **extra: object) -> Price:
    return Price(kind=PriceKind.AMOUNT, amount=Decimal(amount), currency=currency, **extra)


def pair(
    n: int,
    team: str,
    total: int | Fraction | None = 80,
    *,
    price: Price | None = None,
    headcount: int = 1,
    verdict: Verdict | None = Verdict.PILOT,
    hours: float | None = 10,
) -> Pair:
    return Pair(
        assessment_id=f"a{n}",
        team_id=team,
        programme_id=f"p{n}",
        verdict=verdict,
        total=total,
        headcount=headcount,
        price=price or priced(100),
        hours=hours,
    )


def test_a_retired_programme_is_never_funded_and_its_successor_is_named() -> None:
    from dataclasses import replace

    from workbench.core.portfolio_words import reason_text
    from workbench.i18n import Translator

    retired = replace(pair(1, "t1", total=115), retired=True, successor="AI-901")
    plain = replace(pair(2, "t2", total=20), retired=True)
    current = pair(3, "t3", total=60)
    result = choose([retired, plain, current], Decimal(1_000_000), "EUR")
    assert [chosen.assessment_id for chosen in result.chosen] == ["a3"]
    assert result.reasons == {"a1": Reason.RETIRED, "a2": Reason.RETIRED}
    assert reason_text(retired, Reason.RETIRED, "EUR", Translator("en")) == "✗ retired → AI-901"
    assert reason_text(plain, Reason.RETIRED, "EUR", Translator("fr")) == "✗ retiré"


def test_the_sample_s_retired_programmes_say_their_successor() -> None:
    from workbench.core.catalogue import Status
    from workbench.core.sample import load_sample

    sample = load_sample()
    programmes = {p.id: p for p in sample.programmes}
    teams = {t.id: t for t in sample.teams}
    retired = [p for p in programmes.values() if p.status is Status.RETIRED and p.successor_id]
    assert retired
    team = sample.teams[0]
    assessments = [Assessment(team_id=team.id, programme_id=p.id) for p in retired]
    found = pairs_of(assessments, teams, programmes, lambda a, t: evaluate(a.grid, {}))
    assert {p.successor for p in found} >= {"AI-901", "AI-103"}
    assert all(p.retired for p in found)


def test_unknown_price_is_never_free() -> None:
    unknown = pair(1, "t1", price=Price(kind=PriceKind.UNKNOWN))
    result = choose([unknown], Decimal(1_000_000), "EUR")
    assert result.chosen == ()
    assert result.reasons == {"a1": Reason.NO_PRICE}


def test_free_programme_costs_nothing_and_is_chosen() -> None:
    free = pair(1, "t1", price=Price(kind=PriceKind.FREE), headcount=40)
    result = choose([free], Decimal(0), "EUR")
    assert result.chosen == (free,)
    assert result.cost == 0


def test_cost_is_seat_price_times_headcount_or_the_team_price() -> None:
    assert pair_cost(priced("49.5"), 6) == Decimal("297.0")
    assert pair_cost(priced(900, basis=PriceBasis.TEAM), 6) == Decimal(900)
    assert pair_cost(Price(kind=PriceKind.UNKNOWN), 6) is None


def test_only_pilot_pairs_are_candidates_with_the_reason() -> None:
    pairs = [
        pair(1, "t1", verdict=Verdict.INVESTIGATE),
        pair(2, "t2", verdict=Verdict.CLARIFY_OBJECTIVE),
        pair(3, "t3", verdict=None, total=None),
        pair(4, "t4", price=priced(10, "USD")),
        pair(5, "t5"),
    ]
    result = choose(pairs, Decimal(10_000), "eur")
    assert [p.assessment_id for p in result.chosen] == ["a5"]
    assert result.reasons == {
        "a1": Reason.NOT_PILOT,
        "a2": Reason.CLARIFY_OBJECTIVE,
        "a3": Reason.NOT_PILOT,
        "a4": Reason.NO_RATE,
    }
    assert [p.assessment_id for p, _ in result.left_out] == ["a1", "a2", "a3", "a4"]


def test_one_programme_per_team_and_the_reason_of_the_other() -> None:
    pairs = [pair(1, "t1", 90), pair(2, "t1", 70)]
    result = choose(pairs, Decimal(10_000), "EUR")
    assert [p.assessment_id for p in result.chosen] == ["a1"]
    assert result.reasons == {"a2": Reason.ANOTHER_PROGRAMME}


def test_exact_not_greedy() -> None:
    # Greedy by score per euro takes the small one first and then cannot afford the pair.
    pairs = [
        pair(1, "t1", 60, price=priced(51)),
        pair(2, "t2", 50, price=priced(50)),
        pair(3, "t3", 50, price=priced(50)),
    ]
    result = choose(pairs, Decimal(100), "EUR")
    assert {p.assessment_id for p in result.chosen} == {"a2", "a3"}
    assert result.total == 100
    assert result.reasons["a1"] is Reason.OVER_BUDGET


def test_goal_teams_prefers_more_teams_over_a_higher_total() -> None:
    pairs = [
        pair(1, "t1", 100, price=priced(100)),
        pair(2, "t2", 70, price=priced(50)),
        pair(3, "t3", 70, price=priced(50)),
    ]
    assert choose(pairs, Decimal(100), "EUR").total == 140
    by_teams = choose(pairs, Decimal(100), "EUR", goal=Goal.TEAMS)
    assert by_teams.teams == 2
    by_score = choose([*pairs[:1], pair(4, "t4", 20, price=priced(100))], Decimal(100), "EUR")
    assert [p.assessment_id for p in by_score.chosen] == ["a1"]


def test_seat_cap_and_hours_cap() -> None:
    pairs = [
        pair(1, "t1", 90, headcount=10, hours=5),
        pair(2, "t2", 80, headcount=4, hours=20),
        pair(3, "t3", 70, headcount=4, hours=None),
    ]
    seats = choose(pairs, Decimal(100_000), "EUR", cap=Cap(CapKind.SEATS, Decimal(8)))
    assert {p.assessment_id for p in seats.chosen} == {"a2", "a3"}
    assert seats.reasons["a1"] is Reason.OVER_CAP
    hours = choose(pairs, Decimal(100_000), "EUR", cap=Cap(CapKind.HOURS, Decimal(60)))
    assert [p.assessment_id for p in hours.chosen] == ["a1"]
    assert hours.reasons["a3"] is Reason.NO_HOURS
    assert hours.hours == 50


def test_next_step_and_next_unit() -> None:
    pairs = [pair(1, "t1", 80, price=priced(300)), pair(2, "t2", 75, price=priced(450))]
    result = choose(pairs, Decimal(500), "EUR", step=Decimal(100))
    assert [p.assessment_id for p in result.chosen] == ["a1"]
    assert result.next_step is not None
    assert result.next_step.extra == Decimal(250)
    assert [p.assessment_id for p in result.next_step.adds] == ["a2"]
    assert result.next_step.teams_gained == 1
    assert result.step_total_gained == 0
    everything = choose(pairs, Decimal(750), "EUR", step=Decimal(100))
    assert everything.next_step is None
    assert everything.left == 0


def test_half_points_of_a_median_stay_exact() -> None:
    pairs = [pair(1, "t1", Fraction(161, 2)), pair(2, "t2", 80)]
    result = choose(pairs, Decimal(100), "EUR")
    assert [p.assessment_id for p in result.chosen] == ["a1"]
    assert result.total == Fraction(161, 2)


def brute_force(
    pairs: list[Pair], budget: Decimal, goal: Goal, cap: Cap | None
) -> tuple[int, Fraction, Decimal]:
    """(teams, total, cost) of the best assignment, trying every one."""
    candidates = [p for p in pairs if p.verdict is Verdict.PILOT and p.cost is not None and p.total]
    teams = sorted({p.team_id for p in candidates})
    options = [[None, *(p for p in candidates if p.team_id == t)] for t in teams]
    best: tuple[object, ...] | None = None
    best_result = (0, Fraction(0), Decimal(0))
    for combo in itertools.product(*options):
        picked = [p for p in combo if p is not None]
        cost = sum((p.cost or Decimal(0) for p in picked), start=Decimal(0))
        if cost > budget:
            continue
        if cap is not None:
            used = sum(
                (
                    Fraction(p.headcount) if cap.kind is CapKind.SEATS else p.seat_hours or 0
                    for p in picked
                ),
                start=Fraction(0),
            )
            if used > Fraction(cap.limit):
                continue
        total = sum((Fraction(p.total or 0) for p in picked), start=Fraction(0))
        key = (len(picked), total, -cost) if goal is Goal.TEAMS else (total, -cost)
        if best is None or key > best:
            best = key
            best_result = (len(picked), total, cost)
    return best_result


@st.composite
def portfolios(draw: st.DrawFn) -> tuple[list[Pair], Decimal, Goal, Cap | None]:
    count = draw(st.integers(0, 8))
    pairs = []
    for n in range(count):
        verdict = draw(st.sampled_from([Verdict.PILOT, Verdict.PILOT, Verdict.INVESTIGATE]))
        kind = draw(st.sampled_from(["amount", "amount", "amount", "free", "unknown"]))
        price = (
            priced(draw(st.integers(0, 400))) if kind == "amount" else Price(kind=PriceKind(kind))
        )
        pairs.append(
            pair(
                n,
                f"t{draw(st.integers(0, 4))}",
                Fraction(draw(st.integers(140, 230)), 2),
                price=price,
                headcount=draw(st.integers(1, 6)),
                verdict=verdict,
                hours=draw(st.integers(1, 12)),
            )
        )
    budget = Decimal(draw(st.integers(0, 2000)))
    goal = draw(st.sampled_from(list(Goal)))
    cap_kind = draw(st.sampled_from([None, CapKind.SEATS, CapKind.HOURS]))
    cap = None if cap_kind is None else Cap(cap_kind, Decimal(draw(st.integers(0, 60))))
    return pairs, budget, goal, cap


@settings(max_examples=300, deadline=None)
@given(portfolios())
def test_knapsack_matches_brute_force(case: tuple[list[Pair], Decimal, Goal, Cap | None]) -> None:
    pairs, budget, goal, cap = case
    result = choose(pairs, budget, "EUR", goal=goal, cap=cap)
    teams, total, cost = brute_force(pairs, budget, goal, cap)
    assert (result.teams, result.total, result.cost) == (teams, total, cost) or (
        goal is Goal.SCORE and (result.total, result.cost) == (total, cost)
    )
    assert result.cost <= budget
    assert len({p.team_id for p in result.chosen}) == len(result.chosen)
    assert all(p.verdict is Verdict.PILOT for p in result.chosen)
    chosen = {p.assessment_id for p in result.chosen}
    assert chosen.isdisjoint(result.reasons)
    assert chosen | set(result.reasons) == {p.assessment_id for p in pairs}


@settings(max_examples=150, deadline=None)
@given(portfolios(), st.integers(1, 500))
def test_next_unit_matches_a_bigger_budget(
    case: tuple[list[Pair], Decimal, Goal, Cap | None], unit: int
) -> None:
    pairs, budget, goal, cap = case
    result = choose(pairs, budget, "EUR", goal=goal, cap=cap, step=Decimal(unit))
    bigger = choose(pairs, budget + unit, "EUR", goal=goal, cap=cap)
    assert result.step_total_gained == bigger.total - result.total
    assert result.step_teams_gained == bigger.teams - result.teams
    if result.next_step is not None:
        at_next = choose(pairs, budget + result.next_step.extra, "EUR", goal=goal, cap=cap)
        assert (at_next.teams, at_next.total) != (result.teams, result.total)
        just_before = choose(pairs, budget + result.next_step.extra - 1, "EUR", goal=goal, cap=cap)
        assert (just_before.teams, just_before.total) == (result.teams, result.total)


def test_pairs_of_the_data_and_the_usual_currency() -> None:
    teams = {"t1": Team(id="t1", name="b team", headcount=4), "t2": Team(id="t2", name="A team")}
    programmes = {
        "p1": Programme(id="p1", name="P1", provider="X", price=priced(10, "USD"), hours_min=3),
        "p2": Programme(id="p2", name="P2", provider="X", hours_min=2, hours_max=6),
    }
    assessments = [
        Assessment(id="a1", team_id="t1", programme_id="p1"),
        Assessment(id="a2", team_id="t2", programme_id="p2"),
        Assessment(id="a3", team_id="gone", programme_id="p2"),
    ]
    full = dict.fromkeys(CRITERION_KEYS, 5)

    def evaluation_of(assessment: Assessment, team: Team) -> Evaluation:
        return evaluate(assessments[0].grid, full if team.id == "t1" else {})

    found = pairs_of(assessments, teams, programmes, evaluation_of)
    assert [p.assessment_id for p in found] == ["a2", "a1"]  # by team name, deleted team out
    assert found[1].verdict is Verdict.PILOT
    assert found[1].hours == 3
    assert found[0].hours == 6
    assert found[0].verdict is None
    assert usual_currency(found) == "USD"
    assert usual_currency([]) == "EUR"


@st.composite
def tied_portfolios(draw: st.DrawFn) -> tuple[list[Pair], Decimal, Goal, Cap | None]:
    """Few prices, few totals, few headcounts: many choices are equally good."""
    count = draw(st.integers(0, 10))
    pairs = [
        pair(
            n,
            f"t{draw(st.integers(0, 5))}",
            Fraction(draw(st.integers(140, 143)), 2),
            price=priced(draw(st.sampled_from([0, 10, 20, 30, 50]))),
            headcount=draw(st.integers(1, 3)),
            hours=draw(st.integers(1, 3)),
        )
        for n in range(count)
    ]
    budget = Decimal(draw(st.integers(0, 300)))
    goal = draw(st.sampled_from(list(Goal)))
    cap_kind = draw(st.sampled_from([None, CapKind.SEATS, CapKind.HOURS]))
    cap = None if cap_kind is None else Cap(cap_kind, Decimal(draw(st.integers(0, 12))))
    return pairs, budget, goal, cap


def same_as_the_oracle(
    pairs: list[Pair], budget: Decimal, goal: Goal, cap: Cap | None, step: Decimal | None
) -> None:
    found = choose(pairs, budget, "EUR", goal=goal, cap=cap, step=step)
    expected = choose_exact(pairs, budget, "EUR", goal=goal, cap=cap, step=step)
    assert found.proven
    assert found.ties_broken
    assert found.next_step_known
    assert [p.assessment_id for p in found.chosen] == [p.assessment_id for p in expected.chosen]
    assert (found.cost, found.total, found.seats, found.hours) == (
        expected.cost,
        expected.total,
        expected.seats,
        expected.hours,
    )
    assert found.reasons == expected.reasons
    assert found.next_step == expected.next_step
    assert (found.step_teams_gained, found.step_total_gained) == (
        expected.step_teams_gained,
        expected.step_total_gained,
    )


@settings(max_examples=400, deadline=None)
@given(portfolios(), st.sampled_from([None, Decimal(50), Decimal(300)]))
def test_the_solver_chooses_what_the_old_search_chose(
    case: tuple[list[Pair], Decimal, Goal, Cap | None], step: Decimal | None
) -> None:
    """The optimum, the tie-break, the next step and the step, against the old search."""
    same_as_the_oracle(*case, step)


@settings(max_examples=400, deadline=None)
@given(tied_portfolios(), st.sampled_from([None, Decimal(10), Decimal(40)]))
def test_ties_are_broken_as_the_old_search_broke_them(
    case: tuple[list[Pair], Decimal, Goal, Cap | None], step: Decimal | None
) -> None:
    same_as_the_oracle(*case, step)


def test_the_cheapest_of_equal_choices() -> None:
    pairs = [
        pair(1, "t1", 80, price=priced(300)),
        pair(2, "t1", 80, price=priced(200)),
        pair(3, "t2", 80, price=priced(250)),
    ]
    result = choose(pairs, Decimal(500), "EUR")
    assert [p.assessment_id for p in result.chosen] == ["a2", "a3"]
    assert result.cost == 450


def test_a_time_limit_answers_with_the_best_found_and_says_not_proven() -> None:
    pairs = [pair(n, f"t{n}", 80 + n % 7, price=priced(100 + n % 13)) for n in range(60)]
    result = choose(pairs, Decimal(2_000), "EUR", time_limit=0)
    assert not result.proven
    assert result.cost <= 2_000
    assert not result.next_step_known
    proven = choose(pairs, Decimal(2_000), "EUR")
    assert proven.proven
    assert proven.total >= result.total


def test_a_cancelled_solve_raises() -> None:
    cancel = threading.Event()
    cancel.set()
    pairs = [pair(n, f"t{n}", 80 + n % 7, price=priced(100 + n % 13)) for n in range(30)]
    with pytest.raises(Cancelled):
        choose(pairs, Decimal(1_000), "EUR", cancel=cancel)


def test_the_recheck_cuts_a_set_over_budget_and_withdraws_the_proof() -> None:
    """What the solver returns is checked again exactly; a wrong answer is not "optimal"."""
    pairs = [pair(1, "t1", 80, price=priced(300)), pair(2, "t2", 70, price=priced(300))]
    candidates, _reasons = candidates_of(pairs, "EUR", None)
    scaled = _scaled(candidates, Decimal(500), Goal.SCORE, None, None)
    wrong = Solution((0, 1), True, None, 150.0)
    picks, proven = _recheck(wrong, scaled, Decimal(500), None)
    assert picks == (0,)
    assert not proven
    misreported = Solution((0,), True, None, 99.0)
    assert _recheck(misreported, scaled, Decimal(500), None) == ((0,), False)


def test_a_model_solves_again_after_an_interrupt() -> None:
    """HiGHS keeps a solve's interrupt flag for the next solve of the same model: the
    fallback after a stopped first solve must still get its time."""
    costs = [100 + n % 13 for n in range(60)]
    values = [160 + (n * 7) % 31 for n in range(60)]
    problem = Problem(list(range(60)), costs, [0] * 60, values, 2_000)
    cancel = threading.Event()
    cancel.set()
    model = _Model(problem, time.monotonic() + 30, cancel)
    with pytest.raises(Cancelled):
        model.optimise(values, maximise=True)
    cancel.clear()
    proven, picks = model.optimise(values, maximise=True)
    assert proven
    assert sum(costs[i] for i in picks) <= 2_000
