"""`workbench portfolio --budget AMOUNT --currency CUR [--goal score|teams]
[--cap seats:N|hours:N] [--format md|csv|json] [--out FILE] [--time-limit S]`.

The portfolio the Compare tab shows, for scripts and committee packs: on stdout (or in
FILE), saying "optimal" or "not proven optimal". The data file is only read. Bad input is
one line on stderr and exit code 2, as for the other commands.
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import CommandError
from workbench.cli.output import deliver, note
from workbench.cli.repository import repository_at
from workbench.core.text import visible
from workbench.settings import LANGUAGES

if TYPE_CHECKING:
    from workbench.i18n import Translator

CAP_KINDS = ("seats", "hours")


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    portfolio = commands.add_parser(
        "portfolio",
        parents=[common],
        help="the PILOT pairs to fund first under a budget (optimal, or said not proven)",
        description="Choose the PILOT pairs to fund within a budget, one programme per team, "
        "unknown prices never free, maximising the summed total (or the number of teams), "
        "exactly, with an integer-programming solver. Says 'optimal', or 'not proven "
        "optimal' with the solver's bound when its time limit stopped it. The data file is "
        "only read.",
    )
    portfolio.add_argument("--budget", required=True, metavar="AMOUNT", help="e.g. 12000.50")
    portfolio.add_argument("--currency", required=True, metavar="CUR", help="e.g. EUR")
    portfolio.add_argument("--goal", choices=("score", "teams"), default="score")
    portfolio.add_argument("--cap", metavar="KIND:N", help="seats:N or hours:N")
    portfolio.add_argument("--format", choices=("md", "csv", "json"), default="md")
    portfolio.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    portfolio.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds before answering with the best choice found (default: 10)",
    )
    portfolio.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    portfolio.set_defaults(run=run, error_prefix="portfolio")


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    from workbench.core.consensus import evaluate_consensus
    from workbench.core.diagnostic import visible_assessments
    from workbench.core.money import Rates
    from workbench.core.portfolio import Cap, CapKind, Goal, choose, pairs_of
    from workbench.exchange.portfolio_export import (
        portfolio_csv,
        portfolio_json,
        portfolio_markdown,
        status_word,
    )

    budget = _amount(args.budget)
    if budget is None:
        raise CommandError(
            f"bad budget {args.budget!r}", "portfolio.bad_budget", value=repr(visible(args.budget))
        )
    currency = args.currency.strip().upper()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        raise CommandError(
            f"bad currency {args.currency!r}",
            "portfolio.bad_currency",
            value=repr(visible(args.currency)),
        )
    cap = None
    if args.cap is not None:
        kind, _, limit = args.cap.partition(":")
        amount = _amount(limit)
        if kind.strip().lower() not in CAP_KINDS or amount is None:
            raise CommandError(
                f"bad cap {args.cap!r}", "portfolio.bad_cap", value=repr(visible(args.cap))
            )
        cap = Cap(CapKind(kind.strip().lower()), amount)
    if not 0 <= args.time_limit <= 3600:
        raise CommandError("bad time limit", "portfolio.bad_time_limit")
    snapshot = repository_at(path, read_only=True).snapshot()
    sessions = snapshot.diagnostics.values()  # an open blind round shows to nobody here
    pairs = pairs_of(
        visible_assessments(snapshot.assessments, sessions, None).values(),
        snapshot.teams,
        snapshot.programmes,
        lambda a, t: evaluate_consensus(a, objective_measurable=t.objective.is_measurable),
    )
    portfolio = choose(
        pairs,
        budget,
        currency,
        goal=Goal(args.goal),
        cap=cap,
        time_limit=args.time_limit,
        rates=Rates(snapshot.rates.values()),
        today=date.today(),
    )

    def team(team_id: str) -> str:
        found = snapshot.teams.get(team_id)
        return found.name if found is not None else team_id

    def programme(programme_id: str) -> str:
        found = snapshot.programmes.get(programme_id)
        return found.name if found is not None else programme_id

    if args.format == "csv":
        content = portfolio_csv(portfolio, team, programme)
    elif args.format == "json":
        content = portfolio_json(portfolio, team, programme)
    else:
        content = portfolio_markdown(portfolio, i18n, team, programme)
    deliver(content, args.out, i18n, data_file=path)
    if args.out is not None or args.format != "md":
        note(i18n("portfolio.said", status=status_word(portfolio)))
    return 0


def _amount(text: str) -> Decimal | None:
    """'12000.50' or '12 000,50' -> Decimal; None when not a sane amount."""
    cleaned = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value > Decimal(10) ** 12:
        return None
    return value
