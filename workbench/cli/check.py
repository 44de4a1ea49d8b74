"""``workbench check``: every problem of a data file and of the settings file. Never writes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import collector
from workbench.cli.output import say
from workbench.core.text import visible

if TYPE_CHECKING:
    from workbench.i18n import Translator
    from workbench.storage.schema import Migration


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    check = commands.add_parser(
        "check",
        parents=[common],
        help="validate a data file and list every problem (exit code 1 if any)",
        description="Validate a data file and print each problem with its location. "
        "The file is only read, never written.",
    )
    check.set_defaults(run=run)


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    return max(check_data(path, i18n), check_settings(i18n))


def check_data(path: Path, i18n: Translator) -> int:
    from workbench.cli.checker import check_file
    from workbench.i18n.messages import problem_text
    from workbench.settings import Settings

    max_age = Settings.load()[0].facts_max_age_days
    collector.pause()  # as the repository reads a file: the collector would walk every model
    try:
        report = check_file(path, facts_max_age_days=max_age)
    finally:
        collector.resume()
    if report.migrations:
        first = report.migrations[0]
        print(
            i18n(
                "app.check_migrate",
                path=visible(path),
                version=first.source,
                target=report.migrations[-1].target,
            )
        )
        for step in report.migrations:
            print("  " + migration_text(step, i18n))
    for warning in report.warnings:
        say(i18n("check.warning", text=problem_text(warning, i18n)))
    if report.ok and report.snapshot is not None:
        snap = report.snapshot
        counts = ", ".join(
            i18n.plural(f"check.{table}", len(getattr(snap, table)))
            for table in ("programmes", "teams", "assessments", "pilots", "rates", "diagnostics")
        )
        print(i18n("check.ok", path=visible(path), counts=counts))
        return 0
    heading = i18n.plural("app.check_problems", len(report.problems), path=path)
    print(visible(heading), file=sys.stderr)
    for problem in report.problems:
        # a location or a message can quote the file's own text: one line each, inert
        print(f"  {visible(problem_text(problem, i18n))}", file=sys.stderr)
    return 1


def check_settings(i18n: Translator) -> int:
    """``workbench check`` also reads the settings file: 1 if it has a problem."""
    from workbench.cli.keys import settings_problems
    from workbench.settings import Settings

    settings, problem = Settings.load()
    keymap_problems = []
    if settings.keymap:  # checking a keymap needs every screen's bindings: Textual
        from workbench.ui.keymap import check_keymap

        keymap_problems = check_keymap(settings.keymap).problems
    return settings_problems(problem, keymap_problems, i18n)


def migration_text(step: Migration, i18n: Translator) -> str:
    """One migration step in words: the versions and what it changes."""
    key = f"app.migration.to_{step.target}"
    if step.target == 2 and step.measurements:
        return i18n.plural(key, step.measurements, source=step.source, target=step.target)
    if step.target == 2:
        return i18n("app.migration.to_2_version", source=step.source, target=step.target)
    if step.target == 3 and step.prices:
        return i18n.plural(key, step.prices, source=step.source, target=step.target)
    if step.target == 3:
        return i18n("app.migration.to_3_version", source=step.source, target=step.target)
    return i18n(key, source=step.source, target=step.target)
