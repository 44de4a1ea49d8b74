"""Validation errors and data-file problems said in the user's language.

Pydantic's errors are translated by their ``type`` (``errors.<type>`` in the catalogues) with
their context as fields; a type or a context the catalogue does not know keeps pydantic's
English text rather than a wrong or broken message.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol, runtime_checkable

from workbench.i18n import Translator

RENAMED: dict[tuple[str, str], str] = {("too_long", "max_length"): "too_many"}
"""Pydantic's own error types whose name one of ours also uses, told apart by a context field."""


@runtime_checkable
class Located(Protocol):
    """A ``workbench.storage.schema.Problem``."""

    @property
    def location(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def key(self) -> str | None: ...
    @property
    def params(self) -> Mapping[str, Any]: ...
    @property
    def location_key(self) -> str | None: ...


def shown(value: object, i18n: Translator) -> str:
    """A limit as people write it in this language: 0, not 0.0; 2,5 in French."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal | Fraction):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        return i18n.smart(value)
    return str(value)


def _choices(value: object, i18n: Translator) -> str:
    """Pydantic lists an enum's values as "'a', 'b' or 'c'": the last word is English."""
    text = str(value)
    return text.replace("' or '", f"' {i18n('errors.or')} '")


def translated(key: str | None, params: Mapping[str, Any], fallback: str, i18n: Translator) -> str:
    """``key`` with ``params`` in ``i18n``'s language, else ``fallback`` (English)."""
    if key is None:
        return fallback
    if key.startswith("errors."):
        for (kind, field), other in RENAMED.items():
            if key == f"errors.{kind}" and field in params:
                key = f"errors.{other}"
    if not i18n.has(key):
        return fallback
    values = {
        name: _choices(value, i18n) if name == "expected" else shown(value, i18n)
        for name, value in params.items()
    }
    try:
        return i18n(key, **values)
    except (KeyError, IndexError, ValueError):
        return fallback


def problem_text(problem: Located, i18n: Translator) -> str:
    """ "where: what" of one data-file problem, both in ``i18n``'s language."""
    where = problem.location
    if problem.location_key is not None:
        where = translated(problem.location_key, problem.params, where, i18n)
    what = translated(problem.key, problem.params, problem.message, i18n)
    return f"{where}{i18n('check.separator')}{what}"


@runtime_checkable
class Said(Protocol):
    """A ``workbench.storage.errors.Reason`` or a ``StorageError``: a key and its fields."""

    @property
    def key(self) -> str | None: ...
    @property
    def params(self) -> Mapping[str, Any]: ...


def _field(name: str, value: object, i18n: Translator) -> str:
    if name == "problems" and isinstance(value, tuple | list):
        return "; ".join(problem_text(problem, i18n) for problem in value)
    if name == "more" and isinstance(value, int):
        return i18n.plural("storage.more", value) if value > 0 else ""
    if isinstance(value, Located):
        return problem_text(value, i18n)
    if isinstance(value, Said):
        key, params = value.key, value.params
        if key == "storage.records":
            return i18n.plural(key, params["count"])
        return _said(key, params, str(value), i18n)
    return shown(value, i18n)


def _said(key: str | None, params: Mapping[str, Any], fallback: str, i18n: Translator) -> str:
    if key is None or not i18n.has(key):
        return fallback
    if key.startswith("errors."):
        return translated(key, params, fallback, i18n)
    try:
        return i18n(key, **{name: _field(name, value, i18n) for name, value in params.items()})
    except (KeyError, IndexError, ValueError):
        return fallback


def storage_message(error: BaseException, i18n: Translator) -> str:
    """A ``StorageError`` (or any exception) as its user reads it in ``i18n``'s language."""
    key = getattr(error, "key", None)
    params = getattr(error, "params", None)
    if not isinstance(key, str) or not isinstance(params, Mapping):
        return str(error)
    return _said(key, params, str(error), i18n)


def reason_text(reason: Said, i18n: Translator) -> str:
    """A ``Reason`` (part of a message) in ``i18n``'s language."""
    return _said(reason.key, reason.params, str(reason), i18n)
