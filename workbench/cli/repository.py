"""The one way the command line opens the data file: to launch the app on it (made when
new), to read it (read-only: nothing written, not even the lock), or to change it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.errors import CommandError

if TYPE_CHECKING:
    from workbench.storage.repository import Repository


def open_repository(
    path: Path, *, empty: bool, read_only: bool = False, look_only: bool = False
) -> Repository:
    """The repository on ``path``; a new file starts with the sample data unless ``empty``.
    Its records are validated, or with ``look_only`` only what the app's first screen shows
    (``Repository.first_look``): the app validates the rest once that screen is drawn."""
    from workbench.storage.errors import DataFileError, Reason
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
    if look_only:
        repository.first_look()
    else:
        repository.snapshot()
    repository.refuse_unknown_group()
    return repository


def existing(path: Path) -> Path:
    """``path``, or a ``CommandError`` when there is no data file there."""
    if not path.exists():
        raise CommandError(f"no data file at {path}", "cli.no_data_file", path=path)
    return path


def repository_at(path: Path, *, read_only: bool) -> Repository:
    """The repository on the data file at ``path``. ``read_only`` for a command that only
    reads: the file must exist (else ``CommandError``); a command that writes may make it."""
    from workbench.storage.repository import Repository

    if read_only:
        existing(path)
    return Repository(path, read_only=read_only)
