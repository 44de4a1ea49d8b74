"""``workbench keys``: every key binding, its id, keys, scope and description."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import say_error

if TYPE_CHECKING:
    from workbench.i18n import Translator
    from workbench.ui.keymap import KeymapProblem


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    keys = commands.add_parser(
        "keys",
        help="list every key binding: its id, keys, where it works and what it does",
        description="List every binding id with its keys (after the settings file's keymap), "
        "where it works and what it does. Remap keys in the settings file: "
        '{"keymap": {"binding-id": "key"}}.',
    )
    keys.set_defaults(run=run)


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    from workbench.settings import Settings, config_path
    from workbench.ui.keymap import check_keymap, effective_keys, known_bindings, scope_label

    settings, problem = Settings.load()
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
    settings_problems(problem, check.problems, i18n)
    return 0


def settings_problems(
    problem: str | None, keymap_problems: list[KeymapProblem], i18n: Translator
) -> int:
    """Print what is wrong with the settings file on stderr; 1 if anything, else 0."""
    if problem:
        say_error(i18n("app.config_warning", problem=problem), i18n)
    warning = None
    if keymap_problems:
        from workbench.ui.keymap import keymap_warning

        warning = keymap_warning(keymap_problems, i18n)
    if warning:
        print(i18n("cli.error", message=warning), file=sys.stderr)
    return 1 if problem or warning else 0
