"""``workbench memo TEAM``: the committee's decision memo of a team, in Markdown."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.options import add_currency_option
from workbench.cli.output import deliver
from workbench.cli.records import programme_id, team_id
from workbench.cli.repository import repository_at
from workbench.settings import LANGUAGES

if TYPE_CHECKING:
    from workbench.core.catalogue import Programme
    from workbench.core.team import Team
    from workbench.i18n import Translator


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    memo = commands.add_parser(
        "memo",
        parents=[common],
        help="the decision memo of one team, in Markdown",
        description="The committee's decision memo of TEAM (an id or its exact name).",
    )
    memo.add_argument("team", metavar="TEAM")
    memo.add_argument("--programme", metavar="ID", help="only this programme (id or name)")
    memo.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    memo.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="write to this file, or into this folder under a name made of the team's and "
        "programme's names and the date (not stdout)",
    )
    add_currency_option(memo)
    memo.set_defaults(run=run, error_prefix="memo")


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    """The memo to stdout, or to ``--out``: a file, or a folder where it gets its own name."""
    from workbench.exchange.memo_file import memo_path

    content, team, programme, today = memo_text(args, path, i18n)
    out: Path | None = args.out
    if out is not None and out.expanduser().is_dir():
        out = memo_path(out.expanduser(), team, programme, today, i18n.lang)
    deliver(content, out, i18n, data_file=path)
    return 0


def memo_text(
    args: argparse.Namespace, path: Path, i18n: Translator
) -> tuple[str, Team, Programme | None, date]:
    """The memo of ``args.team`` (and ``args.programme``), with the team's pilots."""
    from workbench.core.diagnostic import visible_assessments
    from workbench.core.memo import memo, sections
    from workbench.core.memo_money import reader_currency
    from workbench.core.money import Rates
    from workbench.settings import Settings

    repository = repository_at(path, read_only=True)
    snapshot = repository.snapshot()
    team_key = team_id(snapshot, args.team)
    assert team_key is not None
    programme_key = programme_id(snapshot, args.programme)
    team = snapshot.teams[team_key]
    assessments = visible_assessments(snapshot.assessments, snapshot.diagnostics.values(), None)
    today = date.today()
    pilots = [
        p
        for p in snapshot.pilots.values()
        if programme_key is None or p.programme_id == programme_key
    ]
    parts = sections(team, assessments.values(), snapshot.programmes, programme_key, pilots)
    settings = Settings.load()[0]
    currency = reader_currency(
        getattr(args, "currency", None),
        settings.currency,
        (p.currency for p in pilots if p.team_id == team.id),
    )
    content = memo(
        team,
        parts,
        i18n,
        today=today,
        pilots=pilots,
        programmes=snapshot.programmes,
        prepared_by=repository.author,
        facts_max_age_days=settings.facts_max_age_days,
        currency=currency,
        rates=Rates(snapshot.rates.values()),
    )
    programme = snapshot.programmes[programme_key] if programme_key else None
    return content, team, programme, today
