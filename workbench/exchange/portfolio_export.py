"""The portfolio as a committee pack or for scripts: Markdown, CSV or JSON.

Each says whether the choice is optimal (proven by the solver) or not proven optimal
(its time limit stopped it; the bound says how far it could be from the best). Names come
from the data file: Markdown cells through ``inline``, CSV cells through ``cell`` (never a
formula), JSON as data.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from workbench.core.catalogue import PriceKind
from workbench.core.markdown import inline
from workbench.core.portfolio import Pair, Portfolio, Reason
from workbench.core.portfolio_words import (
    Name,
    Words,
    conversion_sentences,
    cost_text,
    next_step_sentence,
    proof_sentence,
    reason_text,
    summary_sentences,
)
from workbench.exchange.csv_format import cell

CSV_COLUMNS = (
    "status",
    "reason",
    "assessment_id",
    "team_id",
    "team",
    "programme_id",
    "programme",
    "cost",
    "currency",
    "budget_cost",
    "total",
    "solution",
)


def status_word(portfolio: Portfolio) -> str:
    """``optimal`` or ``not proven optimal``: what scripts look for."""
    return "optimal" if portfolio.proven else "not proven optimal"


def _number(value: Fraction | Decimal | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(float(value))
    return str(value)


def _cost(pair: Pair) -> Decimal | None:
    return pair.cost


def _counted(portfolio: Portfolio, pair: Pair) -> str:
    """The cost the solver counted, in the budget's currency ("" when not a candidate)."""
    counted = portfolio.costs.get(pair.assessment_id)
    return "" if counted is None else str(counted)


def _price(pair: Pair, portfolio: Portfolio, t: Words) -> str:
    cost = cost_text(pair, portfolio, t)
    if cost is None:
        return t("compare.price.unknown")
    if pair.price.kind is PriceKind.FREE:
        return t("compare.price.free")
    return cost


def portfolio_markdown(portfolio: Portfolio, t: Words, team: Name, programme: Name) -> str:
    money = portfolio.currency
    goal = t(f"compare.goal.{portfolio.goal}")
    lines = [
        "# " + t("portfolio.title", budget=t.money(portfolio.budget, money), goal=goal),
        "",
    ]
    if portfolio.proven:
        lines.append(f"**{t('portfolio.optimal')}**")
    else:
        lines.append(f"**{t('portfolio.not_proven')}** {proof_sentence(portfolio, t) or ''}")
    for sentence in summary_sentences(portfolio, t):
        lines += ["", sentence]
    for sentence in conversion_sentences(portfolio, t):
        lines += ["", inline(sentence)]
    lines.append("")
    if portfolio.next_step is not None:

        def plain(name: Name) -> Name:
            return lambda key: inline(name(key))

        lines.append(
            next_step_sentence(portfolio.next_step, money, t, plain(team), plain(programme))
        )
    elif portfolio.next_step_known:
        lines.append(t("compare.portfolio.no_next"))
    else:
        lines.append(t("compare.portfolio.next_unknown"))
    header = [
        t("compare.col.team"),
        t("compare.col.programme"),
        t("compare.col.cost"),
        t("compare.col.total"),
    ]
    lines += ["", f"## {t('portfolio.funded')}", ""]
    if portfolio.chosen:
        lines += ["| " + " | ".join(header) + " |", "|---|---|---:|---:|"]
        for pair in portfolio.chosen:
            cells = [
                inline(team(pair.team_id)),
                inline(programme(pair.programme_id)),
                _price(pair, portfolio, t),
                t.smart(pair.total) if pair.total is not None else "—",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    else:
        lines.append(t("portfolio.none_funded"))
    if portfolio.left_out:
        lines += ["", f"## {t('portfolio.left_out')}", ""]
        lines += [
            "| " + " | ".join([*header[:2], t("portfolio.col_reason"), header[3]]) + " |",
            "|---|---|---|---:|",
        ]
        for pair, reason in portfolio.left_out:
            cells = [
                inline(team(pair.team_id)),
                inline(programme(pair.programme_id)),
                reason_text(pair, reason, money, t).lstrip("✗· "),
                t.smart(pair.total) if pair.total is not None else "—",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _rows(portfolio: Portfolio) -> list[tuple[Pair, Reason | None]]:
    return [(pair, None) for pair in portfolio.chosen] + list(portfolio.left_out)


def portfolio_csv(portfolio: Portfolio, team: Name, programme: Name) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for pair, reason in _rows(portfolio):
        cost = _cost(pair)
        writer.writerow(
            [
                "funded" if reason is None else "left_out",
                "" if reason is None else reason.value,
                cell(pair.assessment_id),
                cell(pair.team_id),
                cell(team(pair.team_id)),
                cell(pair.programme_id),
                cell(programme(pair.programme_id)),
                "" if cost is None else str(cost),
                cell(pair.price.currency or ""),
                _counted(portfolio, pair),
                _number(pair.total),
                status_word(portfolio),
            ]
        )
    return out.getvalue()


def portfolio_json(portfolio: Portfolio, team: Name, programme: Name) -> str:
    def described(pair: Pair) -> dict[str, Any]:
        cost = _cost(pair)
        return {
            "assessment_id": pair.assessment_id,
            "team_id": pair.team_id,
            "team": team(pair.team_id),
            "programme_id": pair.programme_id,
            "programme": programme(pair.programme_id),
            "cost": None if cost is None else str(cost),
            "currency": pair.price.currency,
            "budget_cost": _counted(portfolio, pair) or None,
            "total": _number(pair.total),
        }

    step = portfolio.next_step
    document: dict[str, Any] = {
        "solution": status_word(portfolio),
        "budget": str(portfolio.budget),
        "currency": portfolio.currency,
        "goal": portfolio.goal.value,
        "cap": None
        if portfolio.cap is None
        else {"kind": portfolio.cap.kind.value, "limit": str(portfolio.cap.limit)},
        "bound": {
            "teams": portfolio.bound_teams,
            "total": _number(portfolio.bound_total),
        }
        if not portfolio.proven
        else None,
        "teams": portfolio.teams,
        "cost": str(portfolio.cost),
        "left": str(portfolio.left),
        "total": _number(portfolio.total),
        "seats": portfolio.seats,
        "hours": _number(portfolio.hours),
        "chosen": [described(pair) for pair in portfolio.chosen],
        "left_out": [
            {**described(pair), "reason": reason.value} for pair, reason in portfolio.left_out
        ],
        "next_step": None
        if step is None
        else {
            "extra": str(step.extra),
            "adds": [described(pair) for pair in step.adds],
            "drops": [described(pair) for pair in step.drops],
            "teams_gained": step.teams_gained,
            "total_gained": _number(step.total_gained),
        },
        "next_step_known": portfolio.next_step_known,
        "rates": [
            {
                "from": converted.original.currency,
                "to": converted.money.currency,
                "rate": str(converted.rate),
                "stored": None if converted.record is None else str(converted.record.rate),
                "inverse": converted.inverse,
                "date": None if converted.record is None else converted.record.on.isoformat(),
                "source": None if converted.record is None else converted.record.source,
                "stale": converted.stale,
            }
            for converted in portfolio.conversions
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
