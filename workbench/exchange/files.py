"""Writing an export or a report: the whole file or, after a crash, the file as it was;
readable by whoever may read the data file, never by others."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
PRIVATE = 0o600


def write_atomically(out: Path, content: bytes, *, like: Path) -> None:
    """Write ``content`` to ``out`` through a temp file in the same folder and a replace.

    The file gets the access of ``like`` (the data file it comes from): private when the
    data file is (0600), group read/write with the data file's group when it is shared
    (0660); never readable by others, whatever the umask."""
    out = out.expanduser()
    mode, group = access_of(like)
    fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.tmp-", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            if group is not None and group != os.fstat(handle.fileno()).st_gid:
                with contextlib.suppress(OSError):  # not a member: the file stays private
                    os.fchown(handle.fileno(), -1, group)
            if os.fstat(handle.fileno()).st_gid != group:
                mode &= 0o600
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def access_of(data_file: Path) -> tuple[int, int | None]:
    """(mode, group) a file made from ``data_file`` gets: its owner's and its group's
    permissions (0600 private, 0660 shared), with its group when the group has any."""
    try:
        found = os.stat(data_file.expanduser())
    except OSError:
        return PRIVATE, None
    mode = stat.S_IMODE(found.st_mode) & 0o660 | PRIVATE
    return mode, found.st_gid if mode & 0o060 else None


def file_stem(value: str, fallback: str = "export") -> str:
    """A piece of a file name made from an id: letters, digits, ``-`` and ``_`` only."""
    stem = _UNSAFE.sub("-", value).strip("-")[:60]
    return stem or fallback
