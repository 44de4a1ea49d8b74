"""The command line's one mapping of errors: a message on stderr and an exit code.

A command raises ``CommandError`` (a problem the user can fix), or lets a ``StorageError``
or an ``OSError`` through; ``failed`` says it in one line, in the user's language, the
file's text made inert, and gives the exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.text import visible
from workbench.storage.errors import StorageError

if TYPE_CHECKING:
    from workbench.i18n import Translator

FAILED = 2
"""The exit code of a command that could not do its work."""


class CommandError(Exception):
    """A problem the user can fix, said in one line: English, and ``key`` with ``params``
    (values may be ``Reason``s) in the user's language."""

    def __init__(self, text: str, key: str, **params: object) -> None:
        super().__init__(text)
        self.key = key
        self.params = params


HANDLED = (CommandError, StorageError, OSError)
"""What a command may raise for ``failed`` to say; anything else is a bug."""


def say_error(message: str, i18n: Translator, *, command: str | None = None) -> None:
    """``workbench: message`` (``workbench COMMAND: message``) on stderr, inert."""
    if command is None:
        line = i18n("cli.error", message=message)
    else:
        line = i18n("cli.command_error", command=command, message=message)
    print(visible(line), file=sys.stderr)


def error_message(
    error: CommandError | StorageError | OSError, path: Path, i18n: Translator
) -> str:
    """What went wrong, in ``i18n``'s language (an OS error: where, and why in words)."""
    from workbench.i18n.messages import reason_text, storage_message
    from workbench.storage.errors import advice

    if isinstance(error, CommandError | StorageError):
        return storage_message(error, i18n)
    where = error.filename if error.filename is not None else path
    return i18n("cli.os_error", where=where, reason=reason_text(advice(error), i18n))


def failed(
    error: CommandError | StorageError | OSError,
    path: Path,
    i18n: Translator,
    *,
    command: str | None = None,
) -> int:
    """Say ``error`` on stderr (under ``command``'s name when given); the exit code."""
    say_error(error_message(error, path, i18n), i18n, command=command)
    return FAILED
