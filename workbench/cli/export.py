"""``workbench export --format csv|json|md``: the grids, the data set or the memos."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.output import deliver
from workbench.cli.records import programme_id, team_id
from workbench.cli.repository import repository_at
from workbench.settings import LANGUAGES

if TYPE_CHECKING:
    from workbench.i18n import Translator


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    export = commands.add_parser(
        "export",
        parents=[common],
        help="export the grids (csv), the whole data set (json) or the memos (md)",
        description="Write an export to stdout, or to FILE with --out. csv: one row per "
        "team x programme x assessor x criterion, with every programme field; json: the "
        "data set in the data file's own versioned schema; md: the decision memo of each team.",
    )
    export.add_argument("--format", required=True, choices=("csv", "json", "md"))
    export.add_argument("--team", metavar="ID", help="only this team (id or exact name)")
    export.add_argument("--programme", metavar="ID", help="only this programme (id or name)")
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    export.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language of the memos"
    )
    export.set_defaults(run=run, error_prefix="export")


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    from workbench.exchange.export import export_csv, export_json, export_markdown
    from workbench.exchange.selection import select
    from workbench.settings import Settings

    repository = repository_at(path, read_only=True)
    snapshot = repository.snapshot()
    selection = select(
        snapshot, team_id(snapshot, args.team), programme_id(snapshot, args.programme)
    )
    if args.format == "csv":
        content = export_csv(selection)
    elif args.format == "json":
        now = datetime.now(UTC)
        content = export_json(selection, author=repository.author, now=now).decode("utf-8")
    else:
        settings = Settings.load()[0]
        content = export_markdown(
            selection,
            i18n,
            today=date.today(),
            facts_max_age_days=settings.facts_max_age_days,
            currency=settings.currency,
        )
    deliver(content, args.out, i18n, data_file=path)
    return 0
