"""What the command line prints: text from users or from the data file never reaches a
terminal raw (``visible``); redirected to a file or a pipe, content is written unchanged."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import CommandError
from workbench.core.text import visible

if TYPE_CHECKING:
    from workbench.i18n import Translator


def printable_streams() -> None:
    """Under a locale that is not UTF-8, what the output cannot encode prints as an escape
    (\\xe9) instead of stopping the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not isinstance(stream, io.TextIOWrapper):
            continue
        if codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(errors="backslashreplace")


def say(line: object) -> None:
    """One line on stdout, inert."""
    print(visible(line))


def note(line: object) -> None:
    """One line on stderr, inert: what is said about the output, not the output."""
    print(visible(line), file=sys.stderr)


def show(content: str) -> None:
    """``content`` on stdout: inert on a terminal, unchanged into a pipe or a file."""
    if sys.stdout.isatty():
        content = visible(content, one_line=False)
    try:
        sys.stdout.write(content)
        sys.stdout.flush()
    except BrokenPipeError:  # `workbench export ... | head`: the reader has all it wanted
        with contextlib.suppress(OSError):  # no /dev/null in a bare sandbox: nothing left to do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())


def write_file(out: Path, content: str, i18n: Translator, *, data_file: Path) -> None:
    """The whole file or nothing, with the data file's access; a failure is a
    ``CommandError``."""
    from workbench.exchange.files import write_atomically
    from workbench.i18n.messages import reason_text
    from workbench.storage.errors import advice

    try:
        write_atomically(out, content.encode("utf-8"), like=data_file)
    except OSError as error:
        reason = reason_text(advice(error), i18n)
        raise CommandError(
            f"cannot write {out}: {advice(error)}", "cli.cannot_write", path=out, reason=reason
        ) from None


def deliver(content: str, out: Path | None, i18n: Translator, *, data_file: Path) -> None:
    """``content`` to stdout (``show``), or into the file ``out`` (``write_file``), then
    "wrote PATH" on stderr."""
    if out is None:
        show(content)
        return
    write_file(out, content, i18n, data_file=data_file)
    note(i18n("cli.wrote", path=out))
