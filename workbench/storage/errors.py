"""What can go wrong with the data file, said so that a user knows what to do."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base class for every storage problem."""


class DataFileError(StorageError):
    """The data file cannot be used; it has been left exactly as it was."""

    def __init__(self, path: Path, reason: str, backup: Path | None = None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup if backup is not None and backup.exists() else None
        text = f"Cannot use the data file {path}: {reason}. The file was left untouched."
        if self.backup is not None:
            text += f" The previous version is kept at {self.backup}."
        super().__init__(text)


class LockTimeoutError(StorageError):
    def __init__(self, path: Path, seconds: float) -> None:
        self.path = path
        super().__init__(
            f"Another workbench has held the lock on {path} for more than {seconds:g} s; "
            "nothing was written. Try again in a moment."
        )


class NotFoundError(StorageError):
    def __init__(self, kind: str, item_id: str) -> None:
        self.kind = kind
        self.item_id = item_id
        super().__init__(f"No {kind} with id {item_id!r} (someone may have deleted it)")


class InUseError(StorageError):
    """A record cannot be deleted while others refer to it."""

    def __init__(self, kind: str, item_id: str, used_by: list[str]) -> None:
        self.kind = kind
        self.item_id = item_id
        self.used_by = used_by
        super().__init__(
            f"The {kind} {item_id!r} is used by {len(used_by)} record(s): {', '.join(used_by)}"
        )


class ConflictError(StorageError):
    """Someone else changed the same fields of a record while it was being edited."""

    def __init__(self, kind: str, item_id: str, fields: list[str]) -> None:
        self.kind = kind
        self.item_id = item_id
        self.fields = fields
        super().__init__(
            f"someone else changed {', '.join(fields)} of this {kind} while you were editing "
            "it; nothing was saved. Close the form and open it again to see their version"
        )


class ImportRefusedError(StorageError):
    """An import that would leave the file inconsistent: nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"the import was refused, nothing was written: {shown}{more}")
