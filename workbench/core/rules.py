"""Small validation helpers shared by the models.

Every error is a ``PydanticCustomError`` whose ``type`` is a stable key: the UI
translates it through the i18n catalogue, the English template here is the fallback.

Two strengths. What people type (forms, new records, ``workbench check``) is held to every
rule: no control characters, no invisible names, bounded lengths, real currencies and URLs.
What is already stored is read with ``STORED`` as validation context: text is kept exactly
as written (an old or hand-edited file still opens, and is shown inert), only the structure
is checked.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from workbench.core.currencies import ISO_4217
from workbench.core.text import has_control, is_blank

MAX_NAME_LENGTH = 200
"""Names and every other one-line field, in characters."""
MAX_TEXT_LENGTH = 2000
"""Reasons, notes and URLs, in characters."""
MAX_MONTHS = 120
"""The longest subscription a price, an assessment or a pilot counts, in months."""

STORED: dict[str, Any] = {"stored": True}
"""Validation context for records read back from the data file."""


def new_id() -> str:
    return secrets.token_hex(6)


def fail(key: str, template: str, **context: object) -> PydanticCustomError:
    return PydanticCustomError(key, template, context)


def is_stored(info: ValidationInfo | None) -> bool:
    context = info.context if info is not None else None
    return context is STORED or (isinstance(context, dict) and bool(context.get("stored")))


def _controls(value: str, *, multi_line: bool) -> None:
    if has_control(value, allow_newlines=multi_line):
        if multi_line:
            raise fail(
                "control_chars", "Control characters are not allowed here (new lines and tabs are)"
            )
        raise fail(
            "control_chars_line", "Control characters, new lines and tabs are not allowed here"
        )


def _checked(value: str, *, limit: int, multi_line: bool) -> str:
    _controls(value, multi_line=multi_line)
    return _limited(value, limit)


def _limited(value: str, limit: int) -> str:
    if len(value) > limit:
        raise fail(
            "too_long", "At most {limit} characters ({length} here)", limit=limit, length=len(value)
        )
    return value


def non_blank(value: str, info: ValidationInfo | None = None) -> str:
    """A required one-line name: something visible, at most ``MAX_NAME_LENGTH``."""
    if is_stored(info):
        if not value.strip():
            raise fail("blank", "This field cannot be empty")
        return value
    _controls(value, multi_line=False)  # before trimming: "Ventes\n" is not what was meant
    value = value.strip()
    if not value:
        raise fail("blank", "This field cannot be empty")
    if is_blank(value):
        raise fail("invisible", "This field holds only invisible characters")
    return _limited(value, MAX_NAME_LENGTH)  # what was free of controls still is, trimmed


def identifier(value: str, info: ValidationInfo | None = None) -> str:
    """An id, or a reference to one: never blank; in a form or an import, one line of at
    most ``MAX_NAME_LENGTH`` characters, kept as given (an id is compared, not trimmed)."""
    if is_stored(info):
        return value
    if not value.strip():
        raise fail("blank", "This field cannot be empty")
    return _checked(value, limit=MAX_NAME_LENGTH, multi_line=False)


def one_line(value: str, info: ValidationInfo | None = None) -> str:
    """A one-line field that may be empty (who wrote a record): kept as given."""
    if is_stored(info):
        return value
    return _checked(value, limit=MAX_NAME_LENGTH, multi_line=False)


def _identifier(value: str, info: ValidationInfo) -> str:
    return identifier(value, info)  # pydantic passes ``info`` only to a required parameter


Identifier = Annotated[str, AfterValidator(_identifier)]
"""An id field: stored ids are read as written, new ones held to the form rules."""


def optional_text(value: str | None, info: ValidationInfo | None = None) -> str | None:
    """An optional one-line field; empty means unknown (``None``)."""
    if value is None or is_stored(info):
        return value
    _controls(value, multi_line=False)
    value = value.strip()
    if not value:
        return None
    return _limited(value, MAX_NAME_LENGTH)


def long_text(value: str, info: ValidationInfo | None = None) -> str:
    """A reason or a note: new lines and tabs allowed, at most ``MAX_TEXT_LENGTH``."""
    if is_stored(info):
        return value
    _controls(value, multi_line=True)
    return _limited(value.strip(), MAX_TEXT_LENGTH)


def optional_long_text(value: str | None, info: ValidationInfo | None = None) -> str | None:
    if value is None or is_stored(info):
        return value
    return long_text(value, info) or None


def currency(value: str | None, info: ValidationInfo | None = None) -> str | None:
    """An ISO 4217 code, upper case; empty means none. A stored code is read without
    regard to case (a hand-written "eur" is EUR); one that is no code is kept as written."""
    if value is None:
        return value
    if is_stored(info):
        upper = value.strip().upper()
        return upper if upper in ISO_4217 else value
    value = value.strip().upper()
    if not value:
        return None
    if value not in ISO_4217:
        raise fail("currency", "A currency is an ISO 4217 code such as EUR or USD")
    return value


def required_currency(value: str, info: ValidationInfo | None = None) -> str:
    """``currency``, and not empty."""
    checked = currency(value, info)
    if checked is None:
        raise fail("blank", "This field cannot be empty")
    return checked


def url(value: str | None, info: ValidationInfo | None = None) -> str | None:
    """An http(s) address with a host, without spaces or control characters."""
    if value is None or is_stored(info):
        return value
    if has_control(value):
        raise fail("url", "A URL starts with http:// or https://, has a host and no spaces")
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_TEXT_LENGTH:
        _checked(value, limit=MAX_TEXT_LENGTH, multi_line=False)
    if any(char.isspace() for char in value) or has_control(value):
        raise fail("url", "A URL starts with http:// or https://, has a host and no spaces")
    try:
        parts = urlsplit(value)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid:
        raise fail("url", "A URL starts with http:// or https://, has a host and no spaces")
    return value


def check_order(start: date | None, end: date | None, what: str) -> None:
    if start is not None and end is not None and end < start:
        raise fail(
            "end_before_start",
            "{what}: the end ({end}) is before the start ({start})",
            what=what,
            start=start.isoformat(),
            end=end.isoformat(),
        )


MAX_AMOUNT = Decimal(10) ** 9
"""The largest amount of money the workbench accepts, in any currency: beyond it, a typo."""


def sane_amount(value: Decimal, info: ValidationInfo) -> Decimal:
    """An amount of money no larger than ``MAX_AMOUNT`` (a form and an import say so); a
    stored amount is kept as written, so that an old file still opens."""
    if value > MAX_AMOUNT and not is_stored(info):
        raise fail(
            "amount_too_large",
            "At most {maximum} in any currency: check the amount",
            maximum="1,000,000,000",
        )
    return value
