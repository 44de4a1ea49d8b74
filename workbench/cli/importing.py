"""``workbench import FILE``: a JSON export or a catalogue CSV, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import CommandError
from workbench.cli.output import say
from workbench.cli.repository import repository_at
from workbench.core.text import visible

if TYPE_CHECKING:
    from workbench.i18n import Translator

INVALID = 1
"""The exit code when the file holds invalid records: each is listed, nothing is written."""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    importing = commands.add_parser(
        "import",
        parents=[common],
        help="import a JSON export or a catalogue CSV (all or nothing)",
        description="Validate FILE, then add its records to the data file, or update the "
        "ones with the same id. Nothing is written if any record is invalid; every problem "
        "is listed with its record and field.",
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--dry-run", action="store_true", help="check and summarise, write nothing"
    )
    importing.set_defaults(run=run, error_prefix="import")


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    from workbench.exchange.import_words import change_lines
    from workbench.exchange.importer import apply_import, plan_import, what_is_there
    from workbench.i18n.messages import problem_text

    source: Path = args.file
    there = what_is_there(source)
    if there == "missing":
        raise CommandError(f"{source}: no such file", "cli.no_such_file", path=source)
    if there == "folder":
        raise CommandError(f"{source}: is a folder", "cli.is_folder", path=source)
    if there is not None:
        raise CommandError(f"{source}: is not a regular file", "cli.not_regular", path=source)
    repository = repository_at(path, read_only=False)  # a dry run into a new file too
    plan = plan_import(source, repository.snapshot())
    if not plan.ok:
        problems = i18n.plural("cli.problems", len(plan.problems))
        print(
            visible(i18n("cli.import_problems", source=source, problems=problems)), file=sys.stderr
        )
        for problem in plan.problems:
            print(f"  {visible(problem_text(problem, i18n))}", file=sys.stderr)
        return INVALID
    summary = plan.summary if args.dry_run else apply_import(repository, plan)
    counts = i18n(
        "cli.import_counts",
        added=summary.count("added"),
        updated=summary.count("updated"),
        unchanged=summary.count("unchanged"),
    )
    said = {"source": source, "kind": i18n(f"cli.kind_{plan.kind}"), "counts": counts}
    if args.dry_run:
        say(i18n("cli.import_dry_run", **said))
    elif summary.count("added") or summary.count("updated") or plan.ratings:
        say(i18n("cli.import_written", path=repository.path, **said))
    else:
        say(i18n("cli.import_nothing", **said))
    for line in change_lines(plan, i18n):
        say(line)
    return 0
