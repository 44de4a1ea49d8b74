"""The command line: ``workbench [options] [COMMAND]``, one module per command.

Each command module adds its parser (``add_parser``) and runs (``run(args, path, i18n)``);
they share one way to open the data file (``repository``), to print (``output``) and to
say an error with its exit code (``errors``). What only a command needs is imported when
it runs: ``workbench`` alone pays for the app, not for the exports.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from workbench.cli.errors import HANDLED, failed
from workbench.cli.language import words
from workbench.cli.output import printable_streams
from workbench.cli.repository import open_repository

__all__ = ["main", "open_repository"]


def main(argv: Sequence[str] | None = None) -> int:
    from workbench.cli.parser import build_parser
    from workbench.settings import default_db_path

    printable_streams()
    args = build_parser().parse_args(argv, argparse.Namespace(db=None))
    path: Path = args.db or default_db_path()
    i18n = words(args.lang)
    try:
        code: int = args.run(args, path, i18n)
    except HANDLED as error:
        return failed(error, path, i18n, command=args.error_prefix)
    return code
