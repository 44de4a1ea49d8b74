"""The programme form's check: its text read into a ``Programme``, or every fault at once,
each under the field that shows it. Fields left as they opened keep the stored value."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from workbench.core.catalogue import Price, Programme, Status
from workbench.i18n import Translator
from workbench.ui.catalogue.programme_fields import (
    FIELD_NAMES,
    FIELDS,
    Reading,
    parse_date,
    parse_number,
    parse_topics,
    parse_whole,
)
from workbench.ui.catalogue.programme_price import read_price
from workbench.ui.untouched import validate_keeping
from workbench.ui.validation import GENERAL, message

MODEL_ERRORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "hours_order": ("hours_max", ("hours_max",)),
    "status_date": ("status_date", ("status",)),
    "successor_status": ("successor_id", ("status", "successor_id")),
    "successor_self": ("successor_id", ("successor_id",)),
}
"""Model-wide errors of a programme: the field that shows it, the fields that cause it."""

PLACEHOLDER_FOR_PROBE: dict[str, Any] = {"name": "?", "provider": "?", "topics": []}
"""Stand-ins for invalid required fields, so cross-field errors show in the same pass."""


def read_programme(
    raw: dict[str, str],
    original: Programme | None,
    initial: dict[str, str],
    i18n: Translator,
) -> tuple[Programme | None, dict[str, str]]:
    """The programme the form's text ``raw`` describes, or None and the message of each
    faulty field. ``initial`` is the text the form opened with ({} before it showed)."""
    reading = Reading(raw, i18n)
    data: dict[str, Any] = {}
    if original is not None:
        data["id"] = original.id
    for field in FIELDS:
        name = field.name
        if name.startswith("price_"):
            continue
        if field.kind == "number":
            number = reading.read(name, parse_number)
            data[name] = None if number is None else float(number)
        elif field.kind == "whole":
            data[name] = reading.read(name, parse_whole)
        elif field.kind == "date":
            data[name] = reading.read(name, parse_date)
        elif field.kind == "topics":
            data[name] = parse_topics(raw[name])
        elif field.kind == "select":
            data[name] = raw[name] or None
        elif name in ("name", "provider"):
            data[name] = raw[name]
        else:
            data[name] = raw[name] or None
    if data["status"] is None:
        data["status"] = Status.ACTIVE.value

    untouched = _untouched(raw, original, initial)
    price = read_price(reading, original.price if original is not None else None, untouched)
    data["price"] = price if price is not None else Price()
    errors = reading.errors
    data = {name: value for name, value in data.items() if name not in errors}
    programme = _validate(data, errors, original, untouched, i18n)
    if errors:
        return None, errors
    return programme, {}


def _untouched(
    raw: dict[str, str], original: Programme | None, initial: dict[str, str]
) -> set[str]:
    """Fields still showing what the form opened with: they keep the stored value."""
    if original is None or not initial:
        return set()
    return {name for name in FIELD_NAMES if raw[name] == initial[name]}


def _validate(
    data: dict[str, Any],
    errors: dict[str, str],
    original: Programme | None,
    untouched: set[str],
    i18n: Translator,
) -> Programme | None:
    kept = [name for name in untouched if name in Programme.model_fields]
    try:
        return validate_keeping(Programme, data, original, kept, PLACEHOLDER_FOR_PROBE)
    except ValidationError as error:
        failed = _collect(error, errors, i18n)
    # The model-wide checks (hours order, status date) run only once every field is
    # valid, and stop at the first failure: probe again with stand-ins for the faulty
    # fields, setting aside each cross-field fault found, so that all show at once.
    probe = {name: value for name, value in data.items() if name not in failed}
    probe |= {name: PLACEHOLDER_FOR_PROBE[name] for name in failed if name in PLACEHOLDER_FOR_PROBE}
    for _ in range(len(MODEL_ERRORS) + 1):
        try:
            Programme.model_validate(probe)
        except ValidationError as error:
            if not _collect_model_errors(error, errors, probe, i18n):
                break
        else:
            break
    return None


def _collect_model_errors(
    error: ValidationError, errors: dict[str, str], probe: dict[str, Any], i18n: Translator
) -> bool:
    """Record the model-wide errors; False when none could be set aside."""
    progressed = False
    for detail in error.errors(include_url=False):
        if detail["loc"]:
            continue
        field, set_aside = MODEL_ERRORS.get(detail["type"], (GENERAL, ()))
        errors.setdefault(field, message(detail, i18n))
        for name in set_aside:
            progressed = progressed or name in probe
            probe.pop(name, None)
    return progressed


def _collect(error: ValidationError, errors: dict[str, str], i18n: Translator) -> set[str]:
    failed: set[str] = set()
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        if loc:
            field = str(loc[0])
            failed.add(field)
        else:
            field = MODEL_ERRORS.get(detail["type"], (GENERAL, ()))[0]
        errors.setdefault(field, message(detail, i18n))
    return failed
