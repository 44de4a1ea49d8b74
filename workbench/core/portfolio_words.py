"""The portfolio said in sentences, for the Compare tab and the command line.

"Next step: 200 USD more funds Sales team 0164 instead of Engineering team 0147: +1 team":
a team whose programme changes is said to move, never listed as both added and removed.
Names come from the data file: the caller passes them already made printable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from workbench.core.money import rate_text
from workbench.core.portfolio import CapKind, Goal, NextStep, Pair, Portfolio, Reason
from workbench.core.robustness_words import singular

Name = Callable[[str], str]
"""An id to the printable name to say (a team's, a programme's)."""


class Words(Protocol):
    """What these sentences need of a translator (``workbench.i18n.Translator`` has it)."""

    lang: str

    def __call__(self, key: str, **params: object) -> str: ...

    def smart(self, value: float | Decimal | Fraction | int) -> str: ...

    def money(self, amount: Decimal | float | int, currency: str | None) -> str: ...

    def date(self, value: date | None) -> str: ...


def plural(t: Words, key: str, count: int, **params: object) -> str:
    """``key_one`` for one (and zero, in French), ``key`` otherwise."""
    one = count in (0, 1) if t.lang == "fr" else count == 1
    return t(f"{key}_one" if one else key, count=count, **params)


def gain_text(t: Words, teams: int, points: Fraction) -> str:
    """ "+1 team, +78 points": what a larger budget adds."""
    signed = ("+" if points >= 0 else "") + t.smart(points)
    teams_text = plural(t, "compare.portfolio.gain_teams", abs(teams))
    if teams:
        teams_text = ("+" if teams > 0 else "−") + teams_text
    one = singular(abs(points), t)
    points_key = "compare.portfolio.gain_points" + ("_one" if one else "")
    return f"{teams_text}, {t(points_key, count=signed)}"


def next_step_sentence(step: NextStep, currency: str, t: Words, team: Name, programme: Name) -> str:
    """What the smallest extra budget that adds anything does, in one sentence."""
    added = {pair.team_id: pair for pair in step.adds}
    dropped = {pair.team_id: pair for pair in step.drops}
    moved = [team_id for team_id in added if team_id in dropped]
    new = [team(team_id) for team_id in added if team_id not in dropped]
    gone = [team(team_id) for team_id in dropped if team_id not in added]
    joiner = t("compare.portfolio.list_and")
    clauses = []
    if new and gone:
        clauses.append(
            t(
                "compare.portfolio.clause_funds_instead",
                added=joiner.join(new),
                dropped=joiner.join(gone),
            )
        )
    elif new:
        clauses.append(t("compare.portfolio.clause_funds", added=joiner.join(new)))
    elif gone:
        clauses.append(t("compare.portfolio.clause_stops", dropped=joiner.join(gone)))
    for team_id in moved:
        clauses.append(
            t(
                "compare.portfolio.clause_moves",
                team=team(team_id),
                old=programme(dropped[team_id].programme_id),
                new=programme(added[team_id].programme_id),
            )
        )
    return t(
        "compare.portfolio.next_sentence",
        extra=t.money(step.extra, currency),
        clauses=t("compare.portfolio.and").join(clauses),
        gain=gain_text(t, step.teams_gained, step.total_gained),
    )


def summary_sentences(portfolio: Portfolio, t: Words) -> list[str]:
    """What was funded, for how much, and the cap's use when there is a cap."""
    money = portfolio.currency
    said = [
        t(
            "compare.portfolio.summary",
            teams=portfolio.teams,
            cost=t.money(portfolio.cost, money),
            left=t.money(portfolio.left, money),
            total=t.smart(portfolio.total),
            seats=portfolio.seats,
        )
    ]
    cap = portfolio.cap
    if cap is not None:
        used = portfolio.seats if cap.kind is CapKind.SEATS else portfolio.hours
        limit = t.smart(cap.limit)
        said.append(t(f"compare.portfolio.cap_{cap.kind}", limit=limit, used=t.smart(used)))
    return said


def proof_sentence(portfolio: Portfolio, t: Words) -> str | None:
    """None when the choice is proven optimal; else "not proven optimal", with the bound."""
    if portfolio.proven:
        return None
    if portfolio.goal is Goal.TEAMS and portfolio.bound_teams is not None:
        return t("compare.portfolio.bound_teams", bound=portfolio.bound_teams)
    if portfolio.goal is Goal.SCORE and portfolio.bound_total is not None:
        return t("compare.portfolio.bound_points", bound=t.smart(portfolio.bound_total))
    return t("compare.portfolio.not_proven")


def reason_text(pair: Pair, reason: Reason, currency: str, t: Words) -> str:
    """Why a pair is left out: "✗ over budget", "✗ no GBP→EUR rate"."""
    if reason is Reason.NO_RATE:
        return t("compare.reason.no_rate", from_=pair.price.currency or "?", to=currency)
    if reason is Reason.RETIRED and pair.successor:
        return t("compare.reason.retired_to", successor=pair.successor)
    return t(f"compare.reason.{reason}")


def cost_text(pair: Pair, portfolio: Portfolio, t: Words) -> str | None:
    """A pair's cost as counted: in the budget's currency ("≈ 811.44 EUR" when converted),
    else in its own; None when unknown."""
    counted = portfolio.costs.get(pair.assessment_id)
    own = pair.price.currency
    if counted is not None and own is not None and own.upper() != portfolio.currency:
        return "≈ " + t.money(counted, portfolio.currency)
    cost = pair.cost
    if cost is None:
        return None
    return t.money(cost, own)


def conversion_sentences(portfolio: Portfolio, t: Words) -> list[str]:
    """The rates the costs were converted at, and how a converted cost is rounded."""
    said = [
        t(
            "compare.portfolio.converted",
            currency=converted.original.currency,
            rate=rate_text(converted, t),
        )
        for converted in portfolio.conversions
    ]
    if said:
        said.append(t("compare.portfolio.rounded_up"))
    return said
