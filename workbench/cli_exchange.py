"""``workbench export``, ``workbench import`` and ``workbench memo``.

Errors are one line on stderr and exit code 2; an import with invalid records lists every
problem (as ``workbench check`` does) and exits with 1. Text printed to a terminal goes
through ``visible``; redirected to a file or a pipe, the content is written unchanged.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.text import visible
from workbench.i18n import Translator
from workbench.i18n.messages import problem_text, reason_text, storage_message
from workbench.report_cli import add_currency_option
from workbench.settings import LANGUAGES, Settings, chosen_language
from workbench.storage.errors import Reason, StorageError, advice

if TYPE_CHECKING:
    from workbench.core.catalogue import Programme
    from workbench.core.team import Team
    from workbench.storage.schema import Snapshot

COMMANDS = ("export", "import", "memo")


class CommandError(Exception):
    """A problem the user can fix, said in one line: English, and ``key`` with ``params``
    (values may be ``Reason``s) in the user's language."""

    def __init__(self, text: str, key: str, **params: object) -> None:
        super().__init__(text)
        self.key = key
        self.params = params


def add_commands(
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
    memo = commands.add_parser(
        "memo",
        parents=[common],
        help="the decision memo of one team, in Markdown",
        description="The committee's decision memo of TEAM (an id or its exact name).",
    )
    memo.add_argument("team", metavar="TEAM")
    memo.add_argument("--programme", metavar="ID", help="only this programme (id or name)")
    memo.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    memo.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="write to this file, or into this folder under a name made of the team's and "
        "programme's names and the date (not stdout)",
    )
    add_currency_option(memo)


def run(args: argparse.Namespace, path: Path) -> int:
    """Run ``args.command`` on the data file at ``path``."""
    runners: dict[str, Callable[[argparse.Namespace, Path], int]] = {
        "export": run_export,
        "import": run_import,
        "memo": run_memo,
        "report": run_report_memo,
    }
    i18n = Translator(_language(args))
    try:
        return runners[args.command](args, path)
    except (CommandError, StorageError) as error:
        message = storage_message(error, i18n)
    except OSError as error:
        where = error.filename if error.filename is not None else path
        message = i18n("cli.os_error", where=where, reason=reason_text(advice(error), i18n))
    print(
        visible(i18n("cli.command_error", command=args.command, message=message)), file=sys.stderr
    )
    return 2


# helpers


def _existing(path: Path) -> Path:
    if not path.exists():
        raise CommandError(f"no data file at {path}", "cli.no_data_file", path=path)
    return path


def _find(names: dict[str, str], key: str, what: str) -> str:
    """The id of the record whose id is ``key``, else whose name is ``key`` (any case)."""
    if key in names:
        return key
    folded = key.strip().casefold()
    found = sorted(record_id for record_id, name in names.items() if name.casefold() == folded)
    if len(found) == 1:
        return found[0]
    if found:
        raise CommandError(
            f"several {what}s are named {key!r}: use an id ({', '.join(found)})",
            "cli.several",
            what=Reason(f"{what}s", f"cli.what.{what}"),
            name=repr(key),
            ids=", ".join(found),
        )
    raise CommandError(
        f"no {what} with id or name {key!r}", f"cli.no_record.{what}", name=repr(key)
    )


def _team_id(snapshot: Snapshot, key: str | None) -> str | None:
    if key is None:
        return None
    return _find({t.id: t.name for t in snapshot.teams.values()}, key, "team")


def _programme_id(snapshot: Snapshot, key: str | None) -> str | None:
    if key is None:
        return None
    return _find({p.id: p.name for p in snapshot.programmes.values()}, key, "programme")


def _language(args: argparse.Namespace) -> str:
    return chosen_language(getattr(args, "lang", None))


def _write(out: Path, content: str, i18n: Translator, *, data_file: Path) -> None:
    """The whole file or nothing, with the data file's access; a failure is a
    ``CommandError``."""
    from workbench.exchange.files import write_atomically

    try:
        write_atomically(out, content.encode("utf-8"), like=data_file)
    except OSError as error:
        reason = reason_text(advice(error), i18n)
        raise CommandError(
            f"cannot write {out}: {advice(error)}", "cli.cannot_write", path=out, reason=reason
        ) from None


def _emit(content: str, out: Path | None, i18n: Translator, *, data_file: Path) -> None:
    if out is not None:
        _write(out, content, i18n, data_file=data_file)
        print(visible(i18n("cli.wrote", path=out)), file=sys.stderr)
        return
    if sys.stdout.isatty():
        content = visible(content, one_line=False)
    try:
        sys.stdout.write(content)
        sys.stdout.flush()
    except BrokenPipeError:  # `workbench export ... | head`: the reader has all it wanted
        with contextlib.suppress(OSError):  # no /dev/null in a bare sandbox: nothing left to do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())


# the commands


def run_export(args: argparse.Namespace, path: Path) -> int:
    from workbench.exchange.export import export_csv, export_json, export_markdown
    from workbench.exchange.selection import select
    from workbench.storage.repository import Repository

    repository = Repository(_existing(path))
    snapshot = repository.snapshot()
    selection = select(
        snapshot, _team_id(snapshot, args.team), _programme_id(snapshot, args.programme)
    )
    if args.format == "csv":
        content = export_csv(selection)
    elif args.format == "json":
        now = datetime.now(UTC)
        content = export_json(selection, author=repository.author, now=now).decode("utf-8")
    else:
        content = export_markdown(
            selection,
            Translator(_language(args)),
            today=date.today(),
            facts_max_age_days=_facts_max_age(),
            currency=Settings.load()[0].currency,
        )
    _emit(content, args.out, Translator(_language(args)), data_file=path)
    return 0


def run_import(args: argparse.Namespace, path: Path) -> int:
    from workbench.exchange.import_words import change_lines
    from workbench.exchange.importer import apply_import, plan_import, what_is_there
    from workbench.storage.repository import Repository

    source: Path = args.file
    there = what_is_there(source)
    if there == "missing":
        raise CommandError(f"{source}: no such file", "cli.no_such_file", path=source)
    if there == "folder":
        raise CommandError(f"{source}: is a folder", "cli.is_folder", path=source)
    if there is not None:
        raise CommandError(f"{source}: is not a regular file", "cli.not_regular", path=source)
    repository = Repository(path)
    plan = plan_import(source, repository.snapshot())
    i18n = Translator(_language(args))
    if not plan.ok:
        problems = i18n.plural("cli.problems", len(plan.problems))
        print(
            visible(i18n("cli.import_problems", source=source, problems=problems)), file=sys.stderr
        )
        for problem in plan.problems:
            print(f"  {visible(problem_text(problem, i18n))}", file=sys.stderr)
        return 1
    summary = plan.summary if args.dry_run else apply_import(repository, plan)
    counts = i18n(
        "cli.import_counts",
        added=summary.count("added"),
        updated=summary.count("updated"),
        unchanged=summary.count("unchanged"),
    )
    said = {"source": source, "kind": i18n(f"cli.kind_{plan.kind}"), "counts": counts}
    if args.dry_run:
        print(visible(i18n("cli.import_dry_run", **said)))
    elif summary.count("added") or summary.count("updated") or plan.ratings:
        print(visible(i18n("cli.import_written", path=repository.path, **said)))
    else:
        print(visible(i18n("cli.import_nothing", **said)))
    for line in change_lines(plan, i18n):
        print(visible(line))
    return 0


def run_memo(args: argparse.Namespace, path: Path) -> int:
    """The memo to stdout, or to ``--out``: a file, or a folder where it gets its own name."""
    from workbench.exchange.memo_file import memo_path

    i18n = Translator(_language(args))
    content, team, programme, today = memo_text(args, path, i18n)
    out: Path | None = args.out
    if out is not None and out.expanduser().is_dir():
        out = memo_path(out.expanduser(), team, programme, today, i18n.lang)
    _emit(content, out, i18n, data_file=path)
    return 0


def run_report_memo(args: argparse.Namespace, path: Path) -> int:
    """``workbench report memo``: the memo as a file in the reports folder; prints its path."""
    from workbench.exchange.memo_file import memo_path, reports_folder

    i18n = Translator(_language(args))
    content, team, programme, today = memo_text(args, path, i18n)
    folder = reports_folder(path, Settings.load()[0].reports_folder, args.out)
    if not folder.is_dir():
        raise CommandError(f"no folder {folder}", "cli.no_folder", path=folder)
    out = memo_path(folder, team, programme, today, i18n.lang)
    _write(out, content, i18n, data_file=path)
    print(visible(str(out)))
    return 0


def memo_text(
    args: argparse.Namespace, path: Path, i18n: Translator
) -> tuple[str, Team, Programme | None, date]:
    """The memo of ``args.team`` (and ``args.programme``), with the team's pilots."""
    from workbench.core.diagnostic import visible_assessments
    from workbench.core.memo import memo, sections
    from workbench.core.memo_money import reader_currency
    from workbench.core.money import Rates
    from workbench.storage.repository import Repository

    repository = Repository(_existing(path))
    snapshot = repository.snapshot()
    team_id = _team_id(snapshot, args.team)
    assert team_id is not None
    programme_id = _programme_id(snapshot, args.programme)
    team = snapshot.teams[team_id]
    assessments = visible_assessments(snapshot.assessments, snapshot.diagnostics.values(), None)
    today = date.today()
    pilots = [
        p
        for p in snapshot.pilots.values()
        if programme_id is None or p.programme_id == programme_id
    ]
    parts = sections(team, assessments.values(), snapshot.programmes, programme_id, pilots)
    currency = reader_currency(
        getattr(args, "currency", None),
        Settings.load()[0].currency,
        (p.currency for p in pilots if p.team_id == team.id),
    )
    content = memo(
        team,
        parts,
        i18n,
        today=today,
        pilots=pilots,
        programmes=snapshot.programmes,
        prepared_by=repository.author,
        facts_max_age_days=_facts_max_age(),
        currency=currency,
        rates=Rates(snapshot.rates.values()),
    )
    programme = snapshot.programmes[programme_id] if programme_id else None
    return content, team, programme, today


def _facts_max_age() -> int:
    from workbench.settings import Settings

    return Settings.load()[0].facts_max_age_days
