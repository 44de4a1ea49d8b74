"""What can go wrong with the data file, said so that a user knows what to do."""

from __future__ import annotations

import errno
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from workbench.core.text import visible

if TYPE_CHECKING:
    from workbench.storage.meta import LastWrite


@dataclass(frozen=True, slots=True)
class Reason:
    """A part of a message said in any language: English ``message``, and ``key`` (an i18n
    message) with ``params`` for the others."""

    message: str
    key: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


class StorageError(Exception):
    """Base class for every storage problem.

    ``str(error)`` is English; ``key`` and ``params`` (values may be ``Reason``s) say it in
    the user's language (``workbench.i18n.messages.storage_message``)."""

    def __init__(self, *args: object, key: str | None = None, **params: Any) -> None:
        super().__init__(*args)
        self.key = key
        self.params = params


class DataFileError(StorageError):
    """The data file cannot be used; it has been left exactly as it was."""

    def __init__(self, path: Path, reason: str | Reason, backup: Path | None = None) -> None:
        self.path = path
        self.reason = str(reason)
        self.backup = backup if backup is not None and backup.exists() else None
        text = f"Cannot use the data file {path}: {reason}. The file was left untouched."
        kept = Reason("")
        if self.backup is not None:
            text += f" The previous version is kept at {self.backup}."
            kept = Reason(text, "storage.backup_kept", {"backup": self.backup})
        super().__init__(
            text,
            key="storage.data_file",
            path=path,
            reason=reason if isinstance(reason, Reason) else Reason(reason),
            backup=kept,
        )


_ADVICE_KEYS: dict[int, str] = {
    errno.ENOSPC: "enospc",
    errno.EDQUOT: "edquot",
    errno.EACCES: "eacces",
    errno.EPERM: "eperm",
    errno.EROFS: "erofs",
    errno.EIO: "eio",
    errno.ENOENT: "enoent",
    errno.ENOTDIR: "enotdir",
    errno.EISDIR: "eisdir",
    errno.ELOOP: "eloop",
    errno.EMFILE: "emfile",
}


def advice(error: OSError, *, writing: bool = True) -> Reason:
    """What to do about an OS error, in words a user can act on. A read refused is never
    told to use --read-only: reading is what failed."""
    code = error.errno or -1
    if not writing and code in _READ_ADVICE:
        return Reason(_READ_ADVICE[code], f"storage.advice.{_ADVICE_KEYS[code]}_read")
    text = _ADVICE.get(code) or (error.strerror or str(error) or type(error).__name__)
    key = _ADVICE_KEYS.get(code)
    return Reason(text, f"storage.advice.{key}" if key else None)


_READ_ADVICE: dict[int, str] = {
    errno.EACCES: "permission denied: you may not read it; ask its owner to share it with a "
    "group you are in (`workbench share --group NAME`)",
    errno.EPERM: "operation not permitted: you may not read it; ask its owner to share it "
    "with a group you are in (`workbench share --group NAME`)",
}


_ADVICE: dict[int, str] = {
    errno.ENOSPC: "the disk is full: free some space on it, then try again",
    errno.EDQUOT: "your disk quota is used up: free some space, then try again",
    errno.EACCES: "permission denied: ask the file's owner for write access to the file and "
    "its folder (`workbench share --group NAME`), or open it with --read-only",
    errno.EPERM: "operation not permitted: ask the file's owner for access to the file and "
    "its folder, or open it with --read-only",
    errno.EROFS: "the filesystem is read-only: open the file with --read-only, or copy it "
    "to a writable place",
    errno.EIO: "input/output error: the disk or the network share may be failing; check it, "
    "then try again",
    errno.ENOENT: "the file or its folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "the path is a folder, not a file",
    errno.ELOOP: "the path is a loop of symbolic links",
    errno.EMFILE: "too many open files: close some programs, then try again",
}


class FileSystemError(StorageError):
    """The operating system refused a read or a write; nothing was half-written."""

    def __init__(self, path: Path, error: OSError, *, writing: bool) -> None:
        self.path = path
        self.errno = error.errno
        self.writing = writing
        why = advice(error, writing=writing)
        where = error.filename if isinstance(error.filename, str) else str(path)
        if writing:
            text = f"Could not write {where} ({why}). The data file {path} was left as it was."
        else:
            text = f"Could not read {where} ({why})."
        key = "storage.cannot_write" if writing else "storage.cannot_read"
        super().__init__(text, key=key, where=where, advice=why, path=path)


READ_ONLY_REASONS: dict[str, str] = {
    "requested": "opened with --read-only",
    "file": "you may not write to this file",
    "folder": "you may not create files in its folder",
    "marked": "the file is marked read-only (nobody has write permission)",
    "group": "it is shared with a group this machine does not have",
}
"""Why a data file is open read-only, by code (the UI has its own words for each)."""


class ReadOnlyError(StorageError):
    """A write on a data file opened read-only: nothing was touched, not even the lock."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        why = READ_ONLY_REASONS.get(reason, reason)
        super().__init__(
            f"{path} is open read-only ({why}); nothing was written",
            key="storage.read_only",
            path=path,
            why=Reason(why, f"storage.read_only_reason.{reason}"),
        )


class LockTimeoutError(StorageError):
    def __init__(self, path: Path, seconds: float) -> None:
        self.path = path
        super().__init__(
            f"For {seconds:g} s the lock {path} stayed taken and the data file did not change: "
            "a workbench that holds it seems stuck (a frozen session or a hung network share). "
            "Nothing was written. Close the stuck workbench, then try again.",
            key="storage.lock_timeout",
            seconds=seconds,
            path=path,
        )


class NotFoundError(StorageError):
    def __init__(self, kind: str, item_id: str) -> None:
        self.kind = kind
        self.item_id = item_id
        super().__init__(
            f"No {kind} with id {item_id!r} (someone may have deleted it)",
            key=f"storage.not_found.{kind}",
            id=repr(item_id),
        )


class InUseError(StorageError):
    """A record cannot be deleted while others refer to it."""

    def __init__(self, kind: str, item_id: str, used_by: list[str]) -> None:
        self.kind = kind
        self.item_id = item_id
        self.used_by = used_by
        records = "record" if len(used_by) == 1 else "records"
        super().__init__(
            f"The {kind} {item_id!r} is used by {len(used_by)} {records}: {', '.join(used_by)}",
            key=f"storage.in_use.{kind}",
            id=repr(item_id),
            records=Reason(f"{len(used_by)} {records}", "storage.records", {"count": len(used_by)}),
            used_by=", ".join(used_by),
        )


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field (``name``) or sub-field (``objective.target``) both sides changed."""

    field: str
    original: Any
    theirs: Any
    yours: Any


class ConflictError(StorageError):
    """Someone else changed the same fields of a record while it was being edited.

    ``theirs`` is the stored record the edit clashed with; ``merged`` is ``theirs`` with
    every change of yours that did not clash; ``resolve`` makes the record to save from the
    user's choice, field by field, to be saved as an edit of ``theirs``
    (``Repository.resolve_conflict``)."""

    def __init__(
        self,
        kind: str,
        item_id: str,
        conflicts: Sequence[FieldConflict | str],
        merged: BaseModel | None = None,
        last_write: LastWrite | None = None,
        theirs: BaseModel | None = None,
    ) -> None:
        """``conflicts`` may also be bare field names (values unknown); only a conflict
        with ``merged``, ``theirs`` and the values can be resolved field by field."""
        self.kind = kind
        self.item_id = item_id
        self.conflicts = [
            c if isinstance(c, FieldConflict) else FieldConflict(c, None, None, None)
            for c in conflicts
        ]
        self.fields = [c.field for c in self.conflicts]
        self.merged = merged
        self.theirs = theirs
        self.last_write = last_write
        who = Reason("")
        if last_write is not None:  # text of the file: shown inert, a time only if it is one
            writer = visible(last_write.writer)
            when = last_write.at.isoformat(timespec="minutes") if last_write.at else "?"
            who = Reason(
                f" ({writer}, {when})", "storage.conflict_who", {"who": writer, "when": when}
            )
        super().__init__(
            f"someone else{who} changed {', '.join(self.fields)} of this {kind} while you "
            "were editing it",
            key=f"storage.conflict.{kind}",
            who=who,
            fields=", ".join(self.fields),
        )

    @property
    def resolvable(self) -> bool:
        """Whether the values are known, so that the user can choose field by field."""
        return self.merged is not None and self.theirs is not None

    def resolve(self, keep_mine: Iterable[str]) -> BaseModel:
        """Their version, your non-clashing changes, and your value of each field in
        ``keep_mine``; validated (``pydantic.ValidationError`` if the mix is not valid)."""
        if self.merged is None:
            raise ValueError("this conflict carries no merged version to resolve")
        data = self.merged.model_dump(mode="python")
        yours = {c.field: c.yours for c in self.conflicts}
        for name in keep_mine:
            target = data
            *parents, last = name.split(".")
            for parent in parents:
                target = target[parent]
            target[last] = _dumped(yours[name])
        return type(self.merged).model_validate(data)


def _dumped(value: Any) -> Any:
    return value.model_dump(mode="python") if isinstance(value, BaseModel) else value


class ImportRefusedError(StorageError):
    """An import that would leave the file inconsistent: nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(
            f"the import was refused, nothing was written: {shown}{more}",
            key="storage.import_refused",
            shown=shown,
            more=len(problems) - 3,
        )
