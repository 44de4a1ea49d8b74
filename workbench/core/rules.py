"""Small validation helpers shared by the models.

Every error is a ``PydanticCustomError`` whose ``type`` is a stable key: the UI
translates it through the i18n catalogue, the English template here is the fallback.
"""

from __future__ import annotations

import secrets
from datetime import date

from pydantic_core import PydanticCustomError


def new_id() -> str:
    return secrets.token_hex(6)


def fail(key: str, template: str, **context: object) -> PydanticCustomError:
    return PydanticCustomError(key, template, context)


def non_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise fail("blank", "This field cannot be empty")
    return value


def optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def check_order(start: date | None, end: date | None, what: str) -> None:
    if start is not None and end is not None and end < start:
        raise fail(
            "end_before_start",
            "{what}: the end ({end}) is before the start ({start})",
            what=what,
            start=start.isoformat(),
            end=end.isoformat(),
        )
