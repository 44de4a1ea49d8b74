"""The command line: open the workbench, check a data file, share it, serve it."""

from __future__ import annotations

import argparse
import codecs
import io
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import __version__, collector
from workbench.cli_exchange import COMMANDS as EXCHANGE_COMMANDS
from workbench.cli_exchange import add_commands as add_exchange_commands
from workbench.cli_exchange import run as run_exchange
from workbench.core.text import visible
from workbench.i18n.messages import reason_text, storage_message
from workbench.portfolio_cli import add_portfolio_parser, run_portfolio
from workbench.report_cli import add_report_parser, run_report
from workbench.settings import LANGUAGES, config_path, default_db_path
from workbench.storage.errors import DataFileError, Reason, StorageError, advice

if TYPE_CHECKING:
    from workbench.i18n import Translator
    from workbench.storage.repository import Repository
    from workbench.storage.schema import Migration, Snapshot
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
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        title="commands (optional)",
        description="without a command, the workbench opens on the data file",
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="validate a data file and list every problem (exit code 1 if any)",
        description="Validate a data file and print each problem with its location. "
        "The file is only read, never written.",
    )
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
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="serve the workbench to a web browser, behind a token, on 127.0.0.1",
        description="Run the workbench in a web browser through textual-serve: one workbench "
        "per browser tab, on this machine, as you. Each run makes a new token and prints the "
        "address that holds it: a request without it is refused, as is a websocket from "
        "another site's page or a Host that is not this server's (DNS rebinding). Keep the "
        "default host 127.0.0.1 and reach it from your computer through an SSH tunnel.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=port_number, default=8000, help="the port (default: 8000)")
    serve.add_argument(
        "--max-sessions",
        type=positive,
        default=4,
        metavar="N",
        help="at most N workbench sessions (browser tabs) at once (default: 4)",
    )
    add_report_parser(commands, common)
    commands.add_parser(
        "keys",
        help="list every key binding: its id, keys, where it works and what it does",
        description="List every binding id with its keys (after the settings file's keymap), "
        "where it works and what it does. Remap keys in the settings file: "
        '{"keymap": {"binding-id": "key"}}.',
    )
    diagnostic = commands.add_parser(
        "diagnostic",
        parents=[common],
        help="run the 60-minute diagnostic with a team (resumes its open session)",
        description="Open the workbench on the guided 60-minute diagnostic of TEAM (its id "
        "or its name): objective, shortlist, blind scoring round, pilot plan and memo. An "
        "open session of the team resumes from the step where it stopped.",
    )
    diagnostic.add_argument("team", metavar="TEAM", help="the team's id or name")
    add_exchange_commands(commands, common)
    add_portfolio_parser(commands, common)
    return parser


def positive(text: str) -> int:
    """An argument that is a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


def port_number(text: str) -> int:
    """A TCP port: 1 to 65535."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return number


def words(lang: str | None) -> Translator:
    """The CLI's messages in ``--lang``, else the remembered language, else ``$LANG``."""
    from workbench.i18n import Translator
    from workbench.settings import chosen_language

    return Translator(chosen_language(lang))


def say_error(message: str, i18n: Translator) -> None:
    print(visible(i18n("cli.error", message=message)), file=sys.stderr)


def run_keys(lang: str | None) -> int:
    from workbench.settings import Settings, config_path
    from workbench.ui.keymap import check_keymap, effective_keys, known_bindings, scope_label

    settings, problem = Settings.load()
    i18n = words(lang)
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
        say_error(i18n("app.config_warning", problem=problem), i18n)
    warning = keymap_warning(keymap_problems, i18n)
    if warning:
        print(i18n("cli.error", message=warning), file=sys.stderr)
    return 1 if problem or warning else 0


def check_settings(lang: str | None) -> int:
    """``workbench check`` also reads the settings file: 1 if it has a problem."""
    from workbench.settings import Settings
    from workbench.ui.keymap import check_keymap

    settings, problem = Settings.load()
    return report_settings_problems(problem, check_keymap(settings.keymap).problems, words(lang))


def run_check(path: Path, lang: str | None = None) -> int:
    from workbench.checker import check_file
    from workbench.i18n.messages import problem_text
    from workbench.settings import Settings

    i18n = words(lang)
    max_age = Settings.load()[0].facts_max_age_days
    report = check_file(path, facts_max_age_days=max_age)
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
        print(visible(i18n("check.warning", text=problem_text(warning, i18n))))
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


def run_share(path: Path, group: str, i18n: Translator) -> int:
    from workbench.storage.repository import Repository

    repository = Repository(path)
    if not repository.file.exists():
        say_error(i18n("cli.not_yet", path=path), i18n)
        return 2
    changed = repository.share_with_group(group)
    paths = ", ".join(str(p) for p in changed)
    print(visible(i18n("cli.shared", group=group, paths=paths)))
    folder = repository.file.real_path.parent
    print(visible(i18n("cli.shared_folder", folder=folder, group=group)))
    return 0


def serve_command(args: argparse.Namespace, path: Path) -> str:
    """The command textual-serve runs for each browser tab: this workbench, same options."""
    command = [sys.executable, "-m", "workbench.cli", "--db", str(path)]
    for option in ("theme", "lang", "assessor"):
        value = getattr(args, option)
        if value is not None:
            command += [f"--{option}", value]
    if args.read_only:
        command.append("--read-only")
    return shlex.join(command)


def run_serve(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    from workbench.web.access import new_token
    from workbench.web.server import GuardedServer

    token = new_token()
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(visible(i18n("cli.serving", url=f"http://{host}:{args.port}/?token={token}", path=path)))
    print(i18n("cli.token"))
    print(i18n("cli.sessions", count=args.max_sessions))
    if args.host in ("127.0.0.1", "localhost", "::1"):
        print(i18n("cli.tunnel", port=args.port, token=token))
        print(f"  ssh -N -L {args.port}:127.0.0.1:{args.port} YOU@THIS-SERVER")
    else:
        print(visible(i18n("cli.listening_everywhere", host=args.host)))
    sys.stdout.flush()
    server = GuardedServer(
        serve_command(args, path),
        host=args.host,
        port=args.port,
        token=token,
        max_sessions=args.max_sessions,
        i18n=i18n,
    )
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        reason = os.strerror(error.errno) if error.errno else str(error)
        say_error(i18n("cli.cannot_listen", address=f"{host}:{args.port}", reason=reason), i18n)
        return 2
    return 0


def open_repository(path: Path, *, empty: bool, read_only: bool = False) -> Repository:
    """The repository on ``path``; a new file starts with the sample data unless ``empty``."""
    from workbench.storage.repository import Repository

    repository = Repository(path, read_only=read_only)
    if repository.read_only and not repository.file.exists():
        reason = Reason(
            "it does not exist, and read-only it cannot be made", "storage.reason.missing_read_only"
        )
        raise DataFileError(repository.path, reason)
    if not repository.file.exists() and not repository.read_only:
        records = []
        if not empty:
            from workbench.core.sample import load_sample

            sample = load_sample()
            records = [
                *sample.programmes,
                *sample.teams,
                *sample.assessments,
                *sample.pilots,
                *sample.rates,
                *sample.diagnostics,
            ]
        repository.ensure_exists(records)
    repository.snapshot()
    repository.refuse_unknown_group()
    return repository


def printable_streams() -> None:
    """Under a locale that is not UTF-8, what the output cannot encode prints as an escape
    (\\xe9) instead of stopping the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not isinstance(stream, io.TextIOWrapper):
            continue
        if codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    printable_streams()
    args = build_parser().parse_args(argv, argparse.Namespace(db=None))
    path: Path = args.db or default_db_path()
    if args.command == "check":
        return max(run_check(path, args.lang), check_settings(args.lang))
    if args.command == "keys":
        return run_keys(args.lang)
    if args.command == "report":
        return run_report(args, path)
    if args.command in EXCHANGE_COMMANDS:
        return run_exchange(args, path)
    if args.command == "portfolio":
        return run_portfolio(args, path)
    i18n = words(args.lang)
    try:
        if args.command == "share":
            return run_share(path, args.group, i18n)
        if args.command == "serve":
            return run_serve(args, path, i18n)
    except (StorageError, OSError) as error:
        return failed(error, path, i18n)
    collector.pause()  # until the first screen is painted: MainScreen resumes it
    try:
        return open_and_launch(path, args, i18n)
    finally:
        collector.resume()  # when the workbench could not start


def failed(error: StorageError | OSError, path: Path, i18n: Translator) -> int:
    """Say why on stderr; the exit code 2."""
    if isinstance(error, StorageError):
        say_error(storage_message(error, i18n), i18n)
        return 2
    # what the storage layer did not say better
    where = error.filename if error.filename is not None else path
    reason = reason_text(advice(error), i18n)
    say_error(i18n("cli.os_error", where=where, reason=reason), i18n)
    return 2


def open_and_launch(path: Path, args: argparse.Namespace, i18n: Translator) -> int:
    try:
        repository = open_repository(path, empty=args.empty, read_only=args.read_only)
    except (StorageError, OSError) as error:
        return failed(error, path, i18n)
    team_id = None
    if args.command == "diagnostic":
        team_id = diagnostic_team(repository.snapshot(), args.team)
        if team_id is None:
            say_error(i18n("diagnostic.cli.no_team", team=visible(args.team)), i18n)
            return 2
    from workbench.ui.launch import launch

    return launch(
        repository,
        theme=args.theme,
        lang=args.lang,
        assessor=args.assessor,
        diagnostic_team=team_id,
    )


def diagnostic_team(snapshot: Snapshot, key: str) -> str | None:
    """The id of the team ``key`` names (its id, else its name, case aside); None if none."""
    if key in snapshot.teams:
        return key
    found = [t.id for t in snapshot.teams.values() if t.name.casefold() == key.casefold()]
    return found[0] if len(found) == 1 else None


if __name__ == "__main__":
    sys.exit(main())
