"""The team form's fields, and how what is typed in them is read.

A number is typed the English or the French way (``parse_number``: 12.5, 12,5, 1 200); a
whole number allows spaces as thousands separators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.pilot_input import parse_number
from workbench.core.team import Objective, Team
from workbench.core.text import visible


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    """The model field (``Team`` or ``Objective``), also the widget ids' suffix."""
    kind: str = "text"
    """``text``, ``number`` (decimal, comma or dot) or ``whole``."""
    objective: bool = False


TEAM_FIELDS = (Field("name"), Field("department"), Field("headcount", "whole"))
OBJECTIVE_FIELDS = (
    Field("statement", objective=True),
    Field("metric", objective=True),
    Field("unit", objective=True),
    Field("baseline", "number", objective=True),
    Field("target", "number", objective=True),
    Field("horizon_months", "whole", objective=True),
)
FIELDS = TEAM_FIELDS + OBJECTIVE_FIELDS
LABEL_KEY = {"horizon_months": "horizon"}

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_WHOLE = re.compile(r"\+?\d+")


def parse_whole(text: str) -> int | None:
    """A whole number (spaces allowed as thousands separators); None if blank."""
    cleaned = _SPACES.sub("", text)
    if not cleaned:
        return None
    if not _WHOLE.fullmatch(cleaned):
        raise ValueError(text)
    return int(cleaned)


def _shown(value: float | int | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # the stored text made visible: an untouched field is written back as it was
    return visible(value) if isinstance(value, str) else str(value)


def initial(team: Team | None, field: Field) -> str:
    """What ``field`` shows when the form opens: blank for a new team."""
    if team is None:
        return ""
    source: Team | Objective = team.objective if field.objective else team
    return _shown(getattr(source, field.key))


def parse(field: Field, text: str) -> str | float | int | None:
    """The field's value read from ``text``; ``ValueError`` when it is not a number."""
    if field.kind == "number":
        return parse_number(text)
    if field.kind == "whole":
        return parse_whole(text)
    return text
