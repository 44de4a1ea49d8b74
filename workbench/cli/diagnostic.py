"""``workbench diagnostic TEAM``: the app, on the guided 60-minute diagnostic of a team."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import CommandError
from workbench.cli.launch import open_app
from workbench.core.text import visible

if TYPE_CHECKING:
    from workbench.i18n import Translator
    from workbench.storage.schema import Snapshot


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    diagnostic = commands.add_parser(
        "diagnostic",
        parents=[common],
        help="run the 60-minute diagnostic with a team (resumes its open session)",
        description="Open the workbench on the guided 60-minute diagnostic of TEAM (its id "
        "or its name): objective, shortlist, blind scoring round, pilot plan and memo. An "
        "open session of the team resumes from the step where it stopped.",
    )
    diagnostic.add_argument("team", metavar="TEAM", help="the team's id or name")
    diagnostic.set_defaults(run=run)


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    def team(snapshot: Snapshot) -> str:
        found = diagnostic_team(snapshot, args.team)
        if found is None:
            raise CommandError(
                f"no team {args.team!r}", "diagnostic.cli.no_team", team=visible(args.team)
            )
        return found

    return open_app(args, path, team)


def diagnostic_team(snapshot: Snapshot, key: str) -> str | None:
    """The id of the team ``key`` names (its id, else its name, case aside); None if none."""
    if key in snapshot.teams:
        return key
    found = [t.id for t in snapshot.teams.values() if t.name.casefold() == key.casefold()]
    return found[0] if len(found) == 1 else None
