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
from workbench.settings import LANGUAGES, default_db_path
from workbench.storage.errors import StorageError

if TYPE_CHECKING:
    from workbench.i18n import Translator
    from workbench.storage.repository import Repository
    from workbench.ui.keymap import KeymapProblem


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
        epilog="Without a command, the workbench opens. Settings (theme, language, keymap) "
        "live in $WORKBENCH_CONFIG, else the user config directory "
        "(~/.config/ai-certification-workbench/config.json on Linux); "
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "check",
        parents=[common],
        help="validate a data file and list every problem (exit code 1 if any)",
        description="Validate a data file and print each problem with its location. "
        "The file is only read, never written.",
    )
    commands.add_parser(
        "keys",
        help="list every key binding: its id, keys, where it works and what it does",
        description="List every binding id with its keys (after the settings file's keymap), "
        "where it works and what it does. Remap keys in the settings file: "
        '{"keymap": {"binding-id": "key"}}.',
    )
    add_exchange_commands(commands, common)
    return parser


def run_keys(lang: str | None) -> int:
    from workbench.i18n import Translator
    from workbench.settings import Settings, config_path, language_from_environment
    from workbench.ui.keymap import check_keymap, effective_keys, known_bindings, scope_label

    settings, problem = Settings.load()
    i18n = Translator(lang or settings.lang or language_from_environment())
    bindings = known_bindings()
    check = check_keymap(settings.keymap, bindings)
    keys = effective_keys(check.keymap, bindings)
    rows = [
        (
            i18n("keys.list.heading_id"),
            i18n("keys.list.heading_keys"),
            i18n("keys.list.heading_scope"),
            i18n("keys.list.heading_description"),
        )
    ]
    for binding_id, info in bindings.items():
        description = i18n(info.description) if i18n.has(info.description) else info.description
        rows.append((binding_id, keys[binding_id], scope_label(info, i18n), description))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + "  "
            + row[3]
        )
    print()
    print(i18n("keys.list.footer", path=str(config_path())))
    report_settings_problems(problem, check.problems, i18n)
    return 0


def report_settings_problems(
    problem: str | None, keymap_problems: list[KeymapProblem], i18n: Translator
) -> int:
    """Print what is wrong with the settings file on stderr; 1 if anything, else 0."""
    from workbench.ui.keymap import keymap_warning

    if problem:
        print(f"workbench: {i18n('app.config_warning', problem=problem)}", file=sys.stderr)
    warning = keymap_warning(keymap_problems, i18n)
    if warning:
        print(f"workbench: {warning}", file=sys.stderr)
    return 1 if problem or warning else 0


def check_settings(lang: str | None) -> int:
    """``workbench check`` also reads the settings file: 1 if it has a problem."""
    from workbench.i18n import Translator
    from workbench.settings import Settings, language_from_environment
    from workbench.ui.keymap import check_keymap

    settings, problem = Settings.load()
    i18n = Translator(lang or settings.lang or language_from_environment())
    return report_settings_problems(problem, check_keymap(settings.keymap).problems, i18n)


def run_check(path: Path, lang: str | None = None) -> int:
    from workbench.checker import check_file

    report = check_file(path)
    if report.ok and report.snapshot is not None:
        snap = report.snapshot
        print(
            f"{path}: OK - {len(snap.programmes)} programmes, {len(snap.teams)} teams, "
            f"{len(snap.assessments)} assessments, {len(snap.pilots)} pilots"
        )
        return 0
    from workbench.i18n import Translator
    from workbench.settings import language_from_environment

    i18n = Translator(lang or language_from_environment())
    print(i18n.plural("app.check_problems", len(report.problems), path=path), file=sys.stderr)
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
        return max(run_check(path, args.lang), check_settings(args.lang))
    if args.command == "keys":
        return run_keys(args.lang)
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
