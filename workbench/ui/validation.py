"""Turn pydantic validation errors into translated messages, one per form field."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from workbench.i18n import Translator
from workbench.i18n.messages import translated

GENERAL = "__all__"


def message(detail: ErrorDetails, i18n: Translator) -> str:
    """One pydantic error in ``i18n``'s language, by its type and context."""
    return translated(f"errors.{detail['type']}", detail.get("ctx") or {}, detail["msg"], i18n)


def errors_by_field(error: ValidationError, i18n: Translator) -> dict[str, str]:
    """The first message of each top-level field; model-wide errors under ``GENERAL``."""
    result: dict[str, str] = {}
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        field = str(loc[0]) if loc else GENERAL
        result.setdefault(field, message(detail, i18n))
    return result
