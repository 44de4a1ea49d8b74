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

from workbench.settings import LANGUAGES, chosen_language
from workbench.storage.errors import StorageError

if TYPE_CHECKING:
    from workbench.storage.schema import Snapshot


def add_report_parser(
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
    pilot.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="en or fr (default: $LANG)"
    )
    pilot.add_argument("--out", type=Path, metavar="PATH", help="write to this file")
    pilots = kinds.add_parser(
        "pilots",
        parents=[common],
        help="every pilot at a glance, with the totals, in Markdown",
        description="Print every pilot with its phase, budget, spend, benefits and ROI, "
        "then the totals across pilots in one currency, with the exchange rates used. "
        "The data file is only read.",
    )
    pilots.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="en or fr (default: $LANG)"
    )
    pilots.add_argument("--out", type=Path, metavar="PATH", help="write to this file")
    pilots.add_argument(
        "--currency",
        type=currency_code,
        metavar="CUR",
        help="the totals' currency (default: the currency setting, else the pilots' own "
        "when they share one, else EUR); each pilot converts at the latest stored rate",
    )
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


def currency_code(value: str) -> str:
    """``--currency``: three letters, any case (``eur`` is EUR)."""
    found = value.strip().upper()
    if len(found) != 3 or not found.isascii() or not found.isalpha():
        raise argparse.ArgumentTypeError(f"not a currency code: {value!r} (e.g. EUR, USD)")
    return found


def add_currency_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--currency",
        type=currency_code,
        metavar="CUR",
        help="the memo's currency: every cost converts at the latest stored rate and says "
        "so (default: the currency setting, else the team's pilot budgets' currency, else EUR)",
    )


def run_report(args: argparse.Namespace, path: Path, *, today: date | None = None) -> int:
    if args.report_kind == "memo":
        from workbench.cli_exchange import run

        return run(args, path)
    if args.report_kind == "pilots":
        return _run_pilots(args, path, today=today)
    return _run_pilot(args, path, today=today)


class _Run:
    """What both reports do around their text: the language, the data file read once,
    problems said on stderr, the text to stdout or to ``--out``."""

    def __init__(self, args: argparse.Namespace) -> None:
        from workbench.i18n import Translator

        self.args = args
        self.i18n = Translator(chosen_language(getattr(args, "lang", None)))

    def say(self, message: str) -> None:
        from workbench.core.text import visible

        print(visible(self.i18n("cli.error", message=message)), file=sys.stderr)

    def snapshot(self, path: Path) -> Snapshot | None:
        from workbench.i18n.messages import storage_message
        from workbench.storage.repository import Repository

        if not path.exists():
            self.say(self.i18n("cli.no_data_file", path=path))
            return None
        try:
            return Repository(path).snapshot()
        except StorageError as error:
            self.say(storage_message(error, self.i18n))
            return None

    def deliver(self, text: str, *, data_file: Path, inert: bool = False) -> int:
        """``text`` to stdout (made inert on a terminal when ``inert``), or to ``--out``
        with the data file's access."""
        from workbench.core.text import visible
        from workbench.exchange.files import write_atomically
        from workbench.i18n.messages import reason_text
        from workbench.storage.errors import advice

        out = self.args.out
        if out is None:
            shown = inert and sys.stdout.isatty()
            sys.stdout.write(visible(text, one_line=False) if shown else text)
            return 0
        try:
            write_atomically(out, text.encode("utf-8"), like=data_file)
        except OSError as error:
            reason = reason_text(advice(error), self.i18n)
            self.say(self.i18n("cli.cannot_write", path=out, reason=reason))
            return 1
        print(visible(out))
        return 0


def _run_pilots(args: argparse.Namespace, path: Path, *, today: date | None) -> int:
    from workbench.core.memo_money import Exchange, reader_currency
    from workbench.core.money import Rates
    from workbench.core.pilot_overview import overview_report
    from workbench.settings import Settings

    run = _Run(args)
    snapshot = run.snapshot(path)
    if snapshot is None:
        return 2
    pilots = list(snapshot.pilots.values())
    currency = reader_currency(
        args.currency, Settings.load()[0].currency, (p.currency for p in pilots)
    )
    day = today or date.today()
    text = overview_report(
        pilots,
        {team.id: team.name for team in snapshot.teams.values()},
        {programme.id: programme.name for programme in snapshot.programmes.values()},
        run.i18n,
        today=day,
        exchange=Exchange(currency, Rates(snapshot.rates.values()), day),
    )
    return run.deliver(text, data_file=path, inert=True)


def _run_pilot(args: argparse.Namespace, path: Path, *, today: date | None) -> int:
    from workbench.core.pilot_report import pilot_report
    from workbench.core.text import visible

    run = _Run(args)
    i18n = run.i18n
    snapshot = run.snapshot(path)
    if snapshot is None:
        return 2
    pilot = snapshot.pilots.get(args.pilot_id)
    if pilot is None:
        run.say(i18n("cli.no_pilot", id=repr(visible(args.pilot_id))))
        known = sorted(snapshot.pilots.values(), key=lambda p: p.id)
        if known:
            print(i18n("cli.pilots_here"), file=sys.stderr)
            for item in known:
                print(f"  {visible(item.id)}  {visible(item.name)}", file=sys.stderr)
        return 1
    team = snapshot.teams.get(pilot.team_id)
    programme = snapshot.programmes.get(pilot.programme_id)
    text = pilot_report(
        pilot,
        team=team.name if team else pilot.team_id,
        programme=programme.name if programme else pilot.programme_id,
        today=today or date.today(),
        i18n=i18n,
    )
    return run.deliver(text, data_file=path)
