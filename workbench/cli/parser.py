"""The command line's arguments: the app's options, then one sub-command per module."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench import __version__
from workbench.cli import (
    check,
    diagnostic,
    export,
    importing,
    keys,
    launch,
    memo,
    portfolio,
    report,
    serve,
    share,
)
from workbench.settings import LANGUAGES, config_path

COMMANDS = (check, share, serve, report, keys, diagnostic, export, importing, memo, portfolio)
"""In the order ``workbench --help`` lists them."""


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
        usage="%(prog)s [options] [COMMAND [ARGS]]",
        description="Decide whether to certify a team in AI, with which programme, "
        "and whether the pilot paid off.",
        parents=[common],
        epilog="Without a command, the workbench opens. The settings file (theme, language, "
        f"keymap) is {config_path()}; set $WORKBENCH_CONFIG to use another one. "
        "`workbench keys` lists the keys and their binding ids.",
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
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="look without changing anything: nothing is written, not even the lock file",
    )
    parser.set_defaults(run=launch.run, error_prefix=None)
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        title="commands (optional)",
        description="without a command, the workbench opens on the data file",
    )
    for command in COMMANDS:
        command.add_parser(commands, common)
    return parser
