"""`workbench report pilot ID`, `report pilots` and `report memo TEAM`.

- ``pilot``: a pilot's status report in Markdown, to standard output or to ``--out``.
- ``pilots``: every pilot at a glance (budget, spend, benefits, ROI), with the totals.
- ``memo``: a team's decision memo, written as a file into the reports folder (``--out``,
  else the ``reports_folder`` setting, else beside the data file); its path is printed.

The data file is only read. Problems (no such pilot or team, a file that cannot be read or
written) go to standard error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import CommandError, say_error
from workbench.cli.options import add_currency_option, currency_code
from workbench.cli.output import say, show, write_file
from workbench.cli.repository import repository_at
from workbench.core.text import visible
from workbench.settings import LANGUAGES

if TYPE_CHECKING:
    from workbench.i18n import Translator

UNWRITTEN = 1
"""The exit code of a report that could not be written to ``--out``, or of a pilot not found."""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    report = commands.add_parser(
        "report", parents=[common], help="write a report (pilot: a pilot's status report)"
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    pilot = kinds.add_parser(
        "pilot",
        parents=[common],
        help="a pilot's status report in Markdown",
        description="Print the status report of one pilot in Markdown (phases, gates, KPIs, "
        "participants, costs, benefits, ROI, warnings). The data file is only read.",
    )
    pilot.add_argument("pilot_id", metavar="ID", help="the pilot's id")
    add_lang_and_out(pilot)
    pilot.set_defaults(run=run_pilot)
    pilots = kinds.add_parser(
        "pilots",
        parents=[common],
        help="every pilot at a glance, with the totals, in Markdown",
        description="Print every pilot with its phase, budget, spend, benefits and ROI, "
        "then the totals across pilots in one currency, with the exchange rates used. "
        "The data file is only read.",
    )
    add_lang_and_out(pilots)
    pilots.add_argument(
        "--currency",
        type=currency_code,
        metavar="CUR",
        help="the totals' currency (default: the currency setting, else the pilots' own "
        "when they share one, else EUR); each pilot converts at the latest stored rate",
    )
    pilots.set_defaults(run=run_pilots)
    memo = kinds.add_parser(
        "memo",
        parents=[common],
        help="a team's decision memo, written into the reports folder",
        description="Write the committee's decision memo of TEAM (an id or its exact name) "
        "into the reports folder, under a name made of the team's and programme's names and "
        "the date, and print its path.",
    )
    memo.add_argument("team", metavar="TEAM")
    memo.add_argument("--programme", metavar="ID", help="only this programme (id or name)")
    memo.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="en or fr (default: $LANG)"
    )
    memo.add_argument(
        "--out",
        type=Path,
        metavar="FOLDER",
        help="the reports folder (default: the reports_folder setting, else beside the data file)",
    )
    add_currency_option(memo)
    memo.set_defaults(run=run_memo, error_prefix="report")


def add_lang_and_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="en or fr (default: $LANG)"
    )
    parser.add_argument("--out", type=Path, metavar="PATH", help="write to this file")


def delivered(text: str, out: Path | None, i18n: Translator, *, data_file: Path) -> int:
    """A report to stdout, or into ``out`` (with the data file's access) and its path
    printed; 1 when it cannot be written."""
    if out is None:
        show(text)
        return 0
    try:
        write_file(out, text, i18n, data_file=data_file)
    except CommandError as error:
        from workbench.i18n.messages import storage_message

        say_error(storage_message(error, i18n), i18n)
        return UNWRITTEN
    say(out)
    return 0


def run_pilots(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    from workbench.core.memo_money import Exchange, reader_currency
    from workbench.core.money import Rates
    from workbench.core.pilot_overview import overview_report
    from workbench.settings import Settings

    snapshot = repository_at(path, read_only=True).snapshot()
    pilots = list(snapshot.pilots.values())
    currency = reader_currency(
        args.currency, Settings.load()[0].currency, (p.currency for p in pilots)
    )
    day = date.today()
    text = overview_report(
        pilots,
        {team.id: team.name for team in snapshot.teams.values()},
        {programme.id: programme.name for programme in snapshot.programmes.values()},
        i18n,
        today=day,
        exchange=Exchange(currency, Rates(snapshot.rates.values()), day),
    )
    return delivered(text, args.out, i18n, data_file=path)


def run_pilot(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    from workbench.core.pilot_report import pilot_report

    snapshot = repository_at(path, read_only=True).snapshot()
    pilot = snapshot.pilots.get(args.pilot_id)
    if pilot is None:
        say_error(i18n("cli.no_pilot", id=repr(visible(args.pilot_id))), i18n)
        known = sorted(snapshot.pilots.values(), key=lambda p: p.id)
        if known:
            print(i18n("cli.pilots_here"), file=sys.stderr)
            for item in known:
                print(f"  {visible(item.id)}  {visible(item.name)}", file=sys.stderr)
        return UNWRITTEN
    team = snapshot.teams.get(pilot.team_id)
    programme = snapshot.programmes.get(pilot.programme_id)
    text = pilot_report(
        pilot,
        team=team.name if team else pilot.team_id,
        programme=programme.name if programme else pilot.programme_id,
        today=date.today(),
        i18n=i18n,
    )
    return delivered(text, args.out, i18n, data_file=path)


def run_memo(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    """``workbench report memo``: the memo as a file in the reports folder; prints its path."""
    from workbench.cli.memo import memo_text
    from workbench.exchange.memo_file import memo_path, reports_folder
    from workbench.settings import Settings

    content, team, programme, today = memo_text(args, path, i18n)
    folder = reports_folder(path, Settings.load()[0].reports_folder, args.out)
    if not folder.is_dir():
        raise CommandError(f"no folder {folder}", "cli.no_folder", path=folder)
    out = memo_path(folder, team, programme, today, i18n.lang)
    write_file(out, content, i18n, data_file=path)
    say(out)
    return 0
