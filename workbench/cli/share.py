"""``workbench share --group GROUP``: the data file read/write for a group of users."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import FAILED, say_error
from workbench.cli.output import say
from workbench.cli.repository import repository_at

if TYPE_CHECKING:
    from workbench.i18n import Translator


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    share = commands.add_parser(
        "share",
        parents=[common],
        help="let a group of users read and write the data file",
        description="Make the data file, its backups and its lock file read/write for GROUP "
        "(you must own them and belong to GROUP), and record it in the file: every later "
        "save keeps them so, whatever each user's umask. Without this, a new data file is "
        "private to its creator (0600).",
    )
    share.add_argument("--group", required=True, metavar="GROUP", help="a group name or id")
    share.set_defaults(run=run)


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    repository = repository_at(path, read_only=False)
    if not repository.file.exists():
        say_error(i18n("cli.not_yet", path=path), i18n)
        return FAILED
    changed = repository.share_with_group(args.group)
    paths = ", ".join(str(p) for p in changed)
    say(i18n("cli.shared", group=args.group, paths=paths))
    folder = repository.file.real_path.parent
    say(i18n("cli.shared_folder", folder=folder, group=args.group))
    return 0
