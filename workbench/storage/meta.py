"""The data file's own bookkeeping (table ``_meta``): who wrote it last, when, how many
times, with which group. Read as data, like any record.

Whoever can write the file can put anything there. Every value is checked where it is
used (a writer that is not text or a time that is not a date is unknown, never shown as
found), shown through the one safe-text path, and reported by ``workbench check``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workbench.core.rules import MAX_NAME_LENGTH
from workbench.core.text import has_control
from workbench.storage.schema import META_TABLE, Problem

GROUP_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?|[0-9]{1,10}")
"""A group as ``workbench share`` records it: a POSIX group name, or a number."""


@dataclass(frozen=True, slots=True)
class LastWrite:
    """Who wrote a version of the file and when (None when the stored time is not one)."""

    writer: str
    at: datetime | None


def _whole(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _writer(value: object) -> str | None:
    if isinstance(value, str) and value.strip() and len(value) <= MAX_NAME_LENGTH:
        return value
    return None


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def last_write(meta: Mapping[str, Any]) -> LastWrite | None:
    """Who wrote the version holding ``meta`` and when; None if no writer is recorded."""
    writer = _writer(meta.get("last_writer"))
    if writer is None:
        return None
    return LastWrite(writer, _time(meta.get("last_write_at")))


def write_count(meta: Mapping[str, Any]) -> int:
    """How many times the file was written (0 when the count is not a whole number)."""
    return _whole(meta.get("writes")) or 0


def shared_group(meta: Mapping[str, Any]) -> str | None:
    """The group recorded by ``workbench share``, if it is one."""
    group = meta.get("shared_group")
    return group if isinstance(group, str) and GROUP_NAME.fullmatch(group) else None


CHECKS: dict[str, tuple[Any, str, str]] = {
    "writes": (_whole, "not a whole number", "check.meta.not_whole"),
    "last_pid": (_whole, "not a whole number", "check.meta.not_whole"),
    "last_writer": (_writer, "not a name", "check.meta.not_name"),
    "last_write_at": (_time, "not a date and time with its offset", "check.meta.not_time"),
    "shared_group": (
        lambda v: v if isinstance(v, str) and GROUP_NAME.fullmatch(v) else None,
        "not a group name or number",
        "check.meta.not_group",
    ),
}
"""Each value ``workbench`` reads from ``_meta``: how it is read, and what is wrong when it
cannot be (``schema_version`` is read by the migrations, which say what is wrong)."""


def meta_problems(meta: Mapping[str, Any]) -> list[Problem]:
    """Each value of ``meta`` that cannot be read, or holds a control character."""
    problems = []
    for name, (read, message, key) in CHECKS.items():
        if name not in meta:
            continue
        value = meta[name]
        if read(value) is None or (isinstance(value, str) and has_control(value)):
            problems.append(Problem(f"{META_TABLE} {name}", message, key))
    return problems
