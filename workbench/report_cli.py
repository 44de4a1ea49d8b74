"""`workbench report pilot ID [--lang en|fr] [--out PATH]`: a pilot's status report.

The Markdown goes to standard output, or to ``--out``; the data file is only read.
Problems (no such pilot, a file that cannot be read or written) go to standard error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from workbench.settings import LANGUAGES, language_from_environment
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
    from workbench.i18n import Translator
    from workbench.storage.repository import Repository

    if not path.exists():
        print(f"workbench: no data file at {path}", file=sys.stderr)
        return 2
    try:
        snapshot = Repository(path).snapshot()
    except StorageError as error:
        print(f"workbench: {error}", file=sys.stderr)
        return 2
    pilot = snapshot.pilots.get(args.pilot_id)
    if pilot is None:
        print(f"workbench: no pilot with id {visible(args.pilot_id)!r}", file=sys.stderr)
        known = sorted(snapshot.pilots.values(), key=lambda p: p.id)
        if known:
            print("pilots in this file:", file=sys.stderr)
            for item in known:
                print(f"  {visible(item.id)}  {visible(item.name)}", file=sys.stderr)
        return 1
    team = snapshot.teams.get(pilot.team_id)
    programme = snapshot.programmes.get(pilot.programme_id)
    lang = args.lang or language_from_environment()
    text = pilot_report(
        pilot,
        team=team.name if team else pilot.team_id,
        programme=programme.name if programme else pilot.programme_id,
        today=today or date.today(),
        i18n=Translator(lang),
    )
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"workbench: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"{args.out}")
    return 0
