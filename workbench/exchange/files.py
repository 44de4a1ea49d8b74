"""Writing an export: the whole file or, after a crash, the file as it was."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def write_atomically(out: Path, content: bytes) -> None:
    """Write ``content`` to ``out`` through a temp file in the same folder and a replace."""
    out = out.expanduser()
    fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.tmp-", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp's 0600 would hide a report from the group
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def file_stem(value: str, fallback: str = "export") -> str:
    """A piece of a file name made from an id: letters, digits, ``-`` and ``_`` only."""
    stem = _UNSAFE.sub("-", value).strip("-")[:60]
    return stem or fallback
