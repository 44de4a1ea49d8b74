"""`workbench report pilot ID [--lang en|fr] [--out PATH]`: a pilot's status report.

The Markdown goes to standard output, or to ``--out``; the data file is only read.
Problems (no such pilot, a file that cannot be read or written) go to standard error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from workbench.settings import LANGUAGES, chosen_language
from workbench.storage.errors import StorageError


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


def run_report(args: argparse.Namespace, path: Path, *, today: date | None = None) -> int:
    from workbench.core.pilot_report import pilot_report
    from workbench.core.text import visible
    from workbench.exchange.files import write_atomically
    from workbench.i18n import Translator
    from workbench.i18n.messages import reason_text, storage_message
    from workbench.storage.errors import advice
    from workbench.storage.repository import Repository

    i18n = Translator(chosen_language(args.lang))

    def say(message: str) -> None:
        print(visible(i18n("cli.error", message=message)), file=sys.stderr)

    if not path.exists():
        say(i18n("cli.no_data_file", path=path))
        return 2
    try:
        snapshot = Repository(path).snapshot()
    except StorageError as error:
        say(storage_message(error, i18n))
        return 2
    pilot = snapshot.pilots.get(args.pilot_id)
    if pilot is None:
        say(i18n("cli.no_pilot", id=repr(visible(args.pilot_id))))
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
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(args.out, text.encode("utf-8"), like=path)
    except OSError as error:
        say(i18n("cli.cannot_write", path=args.out, reason=reason_text(advice(error), i18n)))
        return 1
    print(visible(args.out))
    return 0
