"""``workbench serve``: the workbench in a web browser, behind a token, on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import FAILED, say_error
from workbench.cli.options import port_number, positive
from workbench.cli.output import say

if TYPE_CHECKING:
    from workbench.i18n import Translator


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
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
    serve.set_defaults(run=run)


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


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    from workbench.web.access import new_token
    from workbench.web.server import GuardedServer

    token = new_token()
    host = f"[{args.host}]" if ":" in args.host else args.host
    say(i18n("cli.serving", url=f"http://{host}:{args.port}/?token={token}", path=path))
    print(i18n("cli.token"))
    print(i18n("cli.sessions", count=args.max_sessions))
    if args.host in ("127.0.0.1", "localhost", "::1"):
        print(i18n("cli.tunnel", port=args.port, token=token))
        print(f"  ssh -N -L {args.port}:127.0.0.1:{args.port} YOU@THIS-SERVER")
    else:
        say(i18n("cli.listening_everywhere", host=args.host))
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
        return FAILED
    return 0
