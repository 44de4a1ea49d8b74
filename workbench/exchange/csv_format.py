"""The CSV layout shared by the export and the catalogue import.

One row per team x programme x assessor x criterion; each row also carries every field of
its programme, so a CSV export read back as a catalogue loses nothing. A programme no
selected team is assessed against still gets one row, with the assessment columns empty.

Text cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a
carriage return, also after spaces) are written with a leading ``'``; so is a cell that
already starts with quotes before such a character, so that the import, which removes one
quote from exactly those cells, gives back the text as it was. Numbers stay numbers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from workbench.core.catalogue import Programme

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

GRID_COLUMNS: tuple[str, ...] = (
    "team_id",
    "team",
    "programme_id",
    "programme",
    "assessment_id",
    "assessor",
    "criterion",
    "criterion_label",
    "weight",
    "score",
    "low",
    "high",
    "reason",
)
PROGRAMME_COLUMNS = ("programme_id", "programme")
"""The grid: which team, programme and assessor, the criterion (its key and its English
label), its weight, the score or its range (low-high), and the reason."""

GRID_ONLY_COLUMNS = tuple(column for column in GRID_COLUMNS if column not in PROGRAMME_COLUMNS)
"""The grid columns that are not the programme's own (its id and name are)."""

DECISION_COLUMNS: tuple[str, ...] = (
    "total",
    "maximum",
    "percent",
    "pilot_above",
    "alternatives_below",
    "objective_measurable",
    "verdict",
)
"""The assessment's decision, repeated on each of its rows: the weighted total of the
group's medians, the maximum, the exact percentage shown, the thresholds, whether the team's
objective is measurable (the first rule), and the verdict. The verdict follows from these
columns alone: pilot when 100·total > pilot_above·maximum and the objective is measurable
(clarify_objective when it is not), alternatives when 100·total < alternatives_below·maximum,
investigate otherwise. Empty while a score is missing."""

PROGRAMME_FIELDS: dict[str, tuple[str, ...]] = {
    "programme_id": ("id",),
    "programme": ("name",),
    "provider": ("provider",),
    "audience": ("audience",),
    "level": ("level",),
    "credential": ("credential",),
    "platform": ("platform",),
    "modules": ("modules",),
    "hours_min": ("hours_min",),
    "hours_max": ("hours_max",),
    "price_kind": ("price", "kind"),
    "price_amount": ("price", "amount"),
    "price_currency": ("price", "currency"),
    "price_note": ("price", "note"),
    "price_basis": ("price", "basis"),
    "price_months": ("price", "months"),
    "topics": ("topics",),
    "status": ("status",),
    "status_date": ("status_date",),
    "validity_months": ("validity_months",),
    "renewal": ("renewal",),
    "url": ("url",),
    "source": ("source",),
    "checked_on": ("checked_on",),
    "programme_notes": ("notes",),
    "successor_id": ("successor_id",),
}
"""Catalogue column -> the programme field it holds (a path into the model)."""

COLUMNS: tuple[str, ...] = (
    GRID_COLUMNS
    + DECISION_COLUMNS
    + tuple(column for column in PROGRAMME_FIELDS if column not in GRID_COLUMNS)
)
REQUIRED_CATALOGUE_COLUMNS = ("programme", "provider")
NUMBER_COLUMNS = {
    "modules",
    "hours_min",
    "hours_max",
    "price_amount",
    "price_months",
    "validity_months",
}
TOPIC_SEPARATOR = ";"


def _escaped(value: str) -> bool:
    """Does ``value`` start as a formula (after spaces too), or as quotes that ``restore``
    would take for a neutralised formula?"""
    return value.lstrip(QUOTE).lstrip(" ").startswith(FORMULA_STARTS)


def neutralise(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return QUOTE + value if _escaped(value) else value


def restore(value: str) -> str:
    """The text ``neutralise`` was given."""
    if value.startswith(QUOTE) and _escaped(value[1:]):
        return value[1:]
    return value


def cell(value: object) -> str:
    """A text cell neutralised; a number stays a number (-3 is not a formula)."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return neutralise(str(value))


def _topics(topics: list[str]) -> str:
    if any(TOPIC_SEPARATOR in topic for topic in topics):
        return json.dumps(topics, ensure_ascii=False)
    return f"{TOPIC_SEPARATOR} ".join(topics)


def programme_cells(programme: Programme) -> dict[str, str]:
    data = programme.model_dump(mode="json")
    numbers = programme.model_dump()
    cells: dict[str, str] = {}
    for column, path in PROGRAMME_FIELDS.items():
        value: Any = numbers if column in NUMBER_COLUMNS else data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        cells[column] = neutralise(_topics(programme.topics)) if column == "topics" else cell(value)
    return cells


def _parse_topics(value: str) -> Any:
    if value.startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            pass
    return [topic.strip() for topic in value.split(TOPIC_SEPARATOR) if topic.strip()]


def _number(value: str) -> str:
    """A decimal comma as spreadsheets in French write it: 1,5 -> 1.5."""
    if "," in value and "." not in value:
        return value.replace(",", ".")
    return value


def programme_document(row: Mapping[str, str], new_id: Callable[[], str]) -> dict[str, Any]:
    """The programme a catalogue row describes, as a document for ``Programme``."""
    document: dict[str, Any] = {}
    for column, path in PROGRAMME_FIELDS.items():
        raw = restore(row.get(column) or "").strip()
        if not raw:
            continue
        value: Any = raw
        if column == "topics":
            value = _parse_topics(raw)
        elif column in NUMBER_COLUMNS:
            value = _number(raw)
        target = document
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    if "id" not in document:
        document["id"] = new_id()
    price = document.get("price")
    if isinstance(price, dict) and "kind" not in price and "amount" in price:
        price["kind"] = "amount"
    return document


def column_of(loc: tuple[int | str, ...]) -> str:
    """The CSV column of a validation error's location in ``Programme``."""
    for column, path in PROGRAMME_FIELDS.items():
        if tuple(str(p) for p in loc[: len(path)]) == path:
            return column
    return ".".join(str(part) for part in loc)
