"""Turn pydantic validation errors into translated messages, one per form field."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from workbench.i18n import Translator

GENERAL = "__all__"


def _shown(value: object) -> str:
    """A limit as people write it: 0, not 0.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def message(detail: ErrorDetails, i18n: Translator) -> str:
    key = f"errors.{detail['type']}"
    if not i18n.has(key):
        return detail["msg"]
    context = {name: _shown(value) for name, value in (detail.get("ctx") or {}).items()}
    try:
        return i18n(key, **context)
    except (KeyError, IndexError):
        return detail["msg"]


def errors_by_field(error: ValidationError, i18n: Translator) -> dict[str, str]:
    """The first message of each top-level field; model-wide errors under ``GENERAL``."""
    result: dict[str, str] = {}
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        field = str(loc[0]) if loc else GENERAL
        result.setdefault(field, message(detail, i18n))
    return result
