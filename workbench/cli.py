"""The command line: open the workbench, or check a data file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import __version__
from workbench.cli_exchange import COMMANDS as EXCHANGE_COMMANDS
from workbench.cli_exchange import add_commands as add_exchange_commands
from workbench.cli_exchange import run as run_exchange
from workbench.report_cli import add_report_parser, run_report
from workbench.settings import LANGUAGES, default_db_path
from workbench.storage.errors import StorageError

if TYPE_CHECKING:
    from workbench.storage.repository import Repository


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,  # else `check`'s default erases `workbench --db X check`
        help="the data file (default: $WORKBENCH_DB, else the user data directory)",
    )
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Decide whether to certify a team in AI, with which programme, "
        "and whether the pilot paid off.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--empty", action="store_true", help="start a new data file without the sample data"
    )
    parser.add_argument("--theme", metavar="NAME", help="the colour theme (remembered)")
    parser.add_argument("--lang", choices=LANGUAGES, help="the language (default: from $LANG)")
    parser.add_argument(
        "--assessor", metavar="NAME", help="whose scores you edit (default: your user name)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "check",
        parents=[common],
        help="validate a data file and list every problem (exit code 1 if any)",
        description="Validate a data file and print each problem with its location. "
        "The file is only read, never written.",
    )
    add_report_parser(commands, common)
    add_exchange_commands(commands, common)
    return parser


def run_check(path: Path) -> int:
    from workbench.checker import check_file

    report = check_file(path)
    if report.ok and report.snapshot is not None:
        snap = report.snapshot
        print(
            f"{path}: OK - {len(snap.programmes)} programmes, {len(snap.teams)} teams, "
            f"{len(snap.assessments)} assessments, {len(snap.pilots)} pilots"
        )
        return 0
    print(f"{path}: {len(report.problems)} problem(s)", file=sys.stderr)
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def open_repository(path: Path, *, empty: bool) -> Repository:
    """The repository on ``path``; a new file starts with the sample data unless ``empty``."""
    from workbench.storage.repository import Repository

    repository = Repository(path)
    if not repository.file.exists():
        records = []
        if not empty:
            from workbench.core.sample import load_sample

            sample = load_sample()
            records = [*sample.programmes, *sample.teams, *sample.assessments, *sample.pilots]
        repository.ensure_exists(records)
    repository.snapshot()
    return repository


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv, argparse.Namespace(db=None))
    path: Path = args.db or default_db_path()
    if args.command == "check":
        return run_check(path)
    if args.command == "report":
        return run_report(args, path)
    if args.command in EXCHANGE_COMMANDS:
        return run_exchange(args, path)
    try:
        repository = open_repository(path, empty=args.empty)
    except StorageError as error:
        print(f"workbench: {error}", file=sys.stderr)
        return 2
    from workbench.ui.launch import launch

    return launch(repository, theme=args.theme, lang=args.lang, assessor=args.assessor)


if __name__ == "__main__":
    sys.exit(main())
