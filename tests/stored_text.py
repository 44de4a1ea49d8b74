"""Every text field of the data file, found by walking the models, and a file holding one
hostile value in one of them.

A stored record is read with the lenient rule (``STORED``): whatever text a field holds, the
file opens for everybody and the text is shown inert; ``workbench check`` reports it. The
walk goes through every pydantic model (and validated dataclass) reachable from the tables,
so a text field added later is covered without touching the tests.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from workbench.storage.schema import MODELS, SCHEMA_VERSION

KEY = "<key>"
"""In a path: the dict's key itself is the text (an assessor's name)."""

FIXED_KEYS = {("assessments", "grid", "weights"), ("assessments", "ratings", "*")}
"""Dict keys that name a criterion: a fixed set, refused when unknown, not free text."""

MULTI_LINE = {
    ("programmes", "notes"),
    ("assessments", "notes"),
    ("assessments", "ratings", "*", "*", "reason"),
    ("pilots", "phases", 0, "gate", "reason"),
    ("pilots", "kpis", 0, "measurements", 0, "note"),
}
"""Fields where a new line is allowed (reasons and notes)."""

PAYLOADS = {
    "newline": "{old}\nline two",
    "escape": "{old}\x1b]52;c;aGVsbG8=\x07",
    "long": "{old}" + "L" * 5000,
}


def rich_file() -> dict[str, Any]:
    """A valid file where every optional structure is filled in, so that every text field of
    every model has a value to replace."""
    today = date(2026, 11, 23).isoformat()
    programme = {
        "id": "prog-1",
        "name": "Programme one",
        "provider": "Provider",
        "audience": "Engineers",
        "platform": "Online",
        "price": {"kind": "amount", "amount": "100", "currency": "EUR", "note": "list price"},
        "topics": ["prompting", "evaluation"],
        "renewal": "every two years",
        "url": "https://example.com/course",
        "source": "the provider's page",
        "notes": "Good reviews",
        "status": "retired",
        "status_date": today,
        "successor_id": "prog-2",
    }
    successor = {"id": "prog-2", "name": "Programme two", "provider": "Provider"}
    team = {
        "id": "team-1",
        "name": "Team one",
        "department": "Sales",
        "headcount": 4,
        "objective": {
            "statement": "Answer faster",
            "metric": "response time",
            "unit": "hours",
            "baseline": 10,
            "target": 5,
            "horizon_months": 6,
        },
    }
    assessment = {
        "id": "assess-1",
        "team_id": "team-1",
        "programme_id": "prog-1",
        "ratings": {"claire": {"business_impact": {"score": 4, "reason": "Clear gain"}}},
        "notes": "Discussed on Monday",
        "created_by": "claire",
        "updated_by": "claire",
    }
    gate = {
        "decision": "go",
        "reason": "Baseline measured",
        "decided_on": today,
        "decided_by": "claire",
        "unmeasured_reason": "measured next month",
    }
    pilot = {
        "id": "pilot-1",
        "name": "Pilot one",
        "assessment_id": "assess-1",
        "team_id": "team-1",
        "programme_id": "prog-1",
        "currency": "EUR",
        "workflow": "Writing answers",
        "start_verdict": "investigate",
        "start_reason": "the director asked",
        "cancelled_on": "2026-11-20",
        "cancel_reason": "no budget left",
        "phases": [
            {"kind": "diagnose", "status": "done", "gate": gate},
            {"kind": "pilot"},
            {"kind": "scale"},
        ],
        "kpis": [
            {
                "id": "kpi-1",
                "name": "Satisfaction",
                "level": "reaction",
                "unit": "/5",
                "baseline": 3,
                "target": 4,
                "measurements": [{"id": "m-1", "on": today, "value": 3.5, "note": "module 1"}],
            }
        ],
        "participants": [{"id": "person-1", "name": "Ann"}],
        "costs": [{"id": "cost-1", "kind": "fees", "label": "Seats", "amount": "300"}],
        "benefits": [{"id": "benefit-1", "label": "Time saved", "amount": "900", "basis": "2 h"}],
        "journal": [{"id": "note-1", "on": today, "text": "Kick-off held", "by": "claire"}],
    }
    return {
        "programmes": {"1": programme, "2": successor},
        "teams": {"1": team},
        "assessments": {"1": assessment},
        "pilots": {"1": pilot},
        "rates": {
            "1": {
                "id": "rate-1",
                "from": "USD",
                "to": "EUR",
                "rate": "0.92",
                "on": today,
                "source": "ECB reference rate",
            }
        },
        "diagnostics": {
            "1": {
                "id": "diag-1",
                "team_id": "team-1",
                "facilitator": "claire",
                "assessors": ["claire", "marc"],
                "step": "memo",
                "outcome": "finished",
                "started_at": "2026-11-23T09:00:00Z",
                "audience": "Engineers",
                "level": "beginner",
                "topic": "prompting",
                "budget": "1000",
                "programme_ids": ["prog-1"],
                "round_started_at": "2026-11-23T09:20:00Z",
                "revealed_at": "2026-11-23T09:35:00Z",
                "revealed_by": "claire",
                "pilot_id": "pilot-1",
                "memo_name": "diagnostic-Team-one-2026-11-23-en.md",
            }
        },
        "_meta": {"1": {"schema_version": SCHEMA_VERSION, "writes": 1}},
    }


Path_ = tuple[str | int, ...]


def _fields(model: Any) -> dict[str, Any]:
    fields = getattr(model, "model_fields", None) or model.__pydantic_fields__
    return {info.alias or name: info.annotation for name, info in fields.items()}


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and (
        issubclass(kind, BaseModel) or hasattr(kind, "__pydantic_fields__")
    )


def _text_paths(kind: Any, path: Path_) -> Iterator[Path_]:
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin is typing.Annotated:
        yield from _text_paths(arguments[0], path)
    elif origin in (typing.Union, types.UnionType):
        for argument in arguments:
            if argument is not type(None):
                yield from _text_paths(argument, path)
    elif origin is list:
        yield from _text_paths(arguments[0], (*path, 0))
    elif origin is dict:
        named = path[:1] + tuple(p for p in path[1:] if isinstance(p, str))
        if named not in FIXED_KEYS and _plain_str(arguments[0]):
            yield (*path, KEY)
        yield from _text_paths(arguments[1], (*path, "*"))
    elif _is_model(kind):
        for name, annotation in _fields(kind).items():
            yield from _text_paths(annotation, (*path, name))
    elif _plain_str(kind):
        yield path


def _plain_str(kind: Any) -> bool:
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    return kind is str or (
        isinstance(kind, type) and issubclass(kind, str) and not issubclass(kind, Enum)
    )


def text_fields() -> list[Path_]:
    """(table, field, ...) of every text in the file: 0 for a list's first item, ``*`` for a
    dict's first value, ``KEY`` for a dict's key."""
    return [path for table, model in MODELS.items() for path in _text_paths(model, (table,))]


@dataclass(frozen=True)
class Hostile:
    path: Path_
    kind: str
    old: str
    new: str

    @property
    def refused_by_check(self) -> bool:
        return not (self.kind == "newline" and self.path in MULTI_LINE)

    def __str__(self) -> str:
        return ".".join(str(part) for part in self.path) + f"={self.kind}"


def _document(data: dict[str, Any], table: str) -> dict[str, Any]:
    return next(iter(data[table].values()))  # type: ignore[no-any-return]


def _step(container: Any, part: str | int) -> Any:
    if part == "*":
        return next(iter(container.values()))
    return container[part]


def read_at(data: dict[str, Any], path: Path_) -> str:
    node: Any = _document(data, str(path[0]))
    for part in path[1:-1]:
        node = _step(node, part)
    last = path[-1]
    if last == KEY:
        return str(next(iter(node)))
    return str(_step(node, last))


def _replace_everywhere(node: Any, old: str, new: str) -> Any:
    """Ids are referred to by other records: an id changes with every reference to it."""
    if isinstance(node, dict):
        return {
            (new if key == old else key): _replace_everywhere(value, old, new)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_replace_everywhere(item, old, new) for item in node]
    return new if node == old else node


def hostile_file(path: Path_, kind: str) -> tuple[dict[str, Any], Hostile]:
    data = rich_file()
    old = read_at(data, path)
    new = PAYLOADS[kind].format(old=old)
    if path[-1] == "id" or str(path[-1]).endswith("_id"):
        tables = {name: data[name] for name in MODELS}
        data.update(_replace_everywhere(tables, old, new))
    else:
        node: Any = _document(data, str(path[0]))
        for part in path[1:-1]:
            node = _step(node, part)
        if path[-1] == KEY:
            node[new] = node.pop(old)
        else:
            node[path[-1]] = new
    return copy.deepcopy(data), Hostile(path, kind, old, new)


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    return path


def cases() -> list[tuple[Path_, str]]:
    return [(path, kind) for path in text_fields() for kind in PAYLOADS]
