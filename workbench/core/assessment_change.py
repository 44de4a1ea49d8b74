"""A change to one assessment as data: what a score key (or the weights or months dialog)
queues.

A change sets one value: an assessor's rating of one criterion, the grid, or the months
of subscription the assessment counts. It is plain
data, so that it can be written to the recovery journal as JSON and applied again at the
next start, and it knows which value it replaces (``PendingChange.before``): applied again,
it only goes where the file still holds that value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from workbench.core.assessment import Assessment, Rating
from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.rules import MAX_MONTHS, STORED


@dataclass(frozen=True, slots=True)
class RatingChange:
    """``assessor``'s rating of criterion ``key`` becomes ``rating`` (empty: removed)."""

    assessor: str
    key: str
    rating: Rating
    at: datetime

    def apply(self, assessment: Assessment) -> Assessment:
        return assessment.with_rating(self.assessor, self.key, self.rating, at=self.at)

    def value_in(self, assessment: Assessment | None) -> Rating | None:
        """The value this change sets, as ``assessment`` holds it (None: no rating)."""
        if assessment is None:
            return None
        return assessment.ratings.get(self.assessor, {}).get(self.key)

    @property
    def field(self) -> str:
        return f"ratings.{self.assessor}.{self.key}"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "rating",
            "assessor": self.assessor,
            "key": self.key,
            "rating": self.rating.model_dump(mode="json"),
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class GridChange:
    """The weights and thresholds of the assessment become ``grid``."""

    grid: Grid
    by: str
    at: datetime

    def apply(self, assessment: Assessment) -> Assessment:
        return assessment.with_grid(self.grid, by=self.by, at=self.at)

    def value_in(self, assessment: Assessment | None) -> Grid | None:
        return assessment.grid if assessment is not None else None

    @property
    def field(self) -> str:
        return "grid"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "grid",
            "grid": self.grid.model_dump(mode="json"),
            "by": self.by,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class MonthsChange:
    """The months of subscription the assessment counts become ``months`` (None: the
    programme's typical number)."""

    months: int | None
    by: str
    at: datetime

    def apply(self, assessment: Assessment) -> Assessment:
        update = {"months": self.months, "updated_at": self.at, "updated_by": self.by}
        return assessment.model_copy(update=update)

    def value_in(self, assessment: Assessment | None) -> Months | None:
        if assessment is None or assessment.months is None:
            return None
        return Months(assessment.months)

    @property
    def field(self) -> str:
        return "months"

    def to_json(self) -> dict[str, Any]:
        return {"kind": "months", "months": self.months, "by": self.by, "at": self.at.isoformat()}


@dataclass(frozen=True, slots=True)
class Months:
    """The months an assessment counts, as a change's value (None stands for none given)."""

    months: int


AssessmentChange = RatingChange | GridChange | MonthsChange
Value = Rating | Grid | Months | None


def change_from_json(data: Any) -> AssessmentChange:
    """The change ``to_json`` wrote; ``ValueError`` (or pydantic's) if it is not one."""
    if not isinstance(data, dict):
        raise ValueError("a change is an object")
    kind = data.get("kind")
    if kind == "rating":
        key, assessor = data.get("key"), data.get("assessor")
        if key not in CRITERION_KEYS or not isinstance(assessor, str) or not assessor:
            raise ValueError("a rating change needs a known criterion and an assessor")
        return RatingChange(
            assessor,
            key,
            Rating.model_validate(data.get("rating"), context=STORED),
            datetime.fromisoformat(str(data.get("at"))),
        )
    if kind == "grid":
        by = data.get("by")
        if not isinstance(by, str):
            raise ValueError("a grid change needs who made it")
        return GridChange(
            Grid.model_validate(data.get("grid"), context=STORED),
            by,
            datetime.fromisoformat(str(data.get("at"))),
        )
    if kind == "months":
        by, months = data.get("by"), data.get("months")
        if not isinstance(by, str):
            raise ValueError("a months change needs who made it")
        return MonthsChange(
            _months(months) if months is not None else None,
            by,
            datetime.fromisoformat(str(data.get("at"))),
        )
    raise ValueError(f"unknown kind of change {kind!r}")


def _months(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_MONTHS:
        raise ValueError(f"months are a whole number from 1 to {MAX_MONTHS}")
    return value


def value_to_json(value: Value) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, Months):
        return {"months": value.months}
    return value.model_dump(mode="json")


def value_from_json(change: AssessmentChange, data: Any) -> Value:
    if data is None:
        return None
    if isinstance(change, MonthsChange):
        if not isinstance(data, dict):
            raise ValueError("a months value is an object")
        return Months(_months(data.get("months")))
    if isinstance(change, RatingChange):
        return Rating.model_validate(data, context=STORED)
    return Grid.model_validate(data, context=STORED)


@dataclass(frozen=True, slots=True)
class PendingChange:
    """A change queued for the assessment of one team x programme, and the value it replaced
    on screen when it was made (``before``): what the file must still hold for it to apply."""

    team_id: str
    programme_id: str
    change: AssessmentChange
    before: Value

    @property
    def after(self) -> Value:
        """The value the change sets, as the file would hold it."""
        return self.change.value_in(self.change.apply(_blank(self.team_id, self.programme_id)))

    @property
    def at(self) -> datetime:
        return self.change.at

    def to_json(self) -> dict[str, Any]:
        return {
            "team_id": self.team_id,
            "programme_id": self.programme_id,
            "change": self.change.to_json(),
            "before": value_to_json(self.before),
        }

    @classmethod
    def from_json(cls, data: Any) -> PendingChange:
        if not isinstance(data, dict):
            raise ValueError("a pending change is an object")
        team_id, programme_id = data.get("team_id"), data.get("programme_id")
        if not isinstance(team_id, str) or not isinstance(programme_id, str):
            raise ValueError("a pending change names its team and programme")
        change = change_from_json(data.get("change"))
        return cls(team_id, programme_id, change, value_from_json(change, data.get("before")))


def _blank(team_id: str, programme_id: str) -> Assessment:
    return Assessment(team_id=team_id, programme_id=programme_id)


class Outcome(Enum):
    APPLIED = "applied"
    ALREADY = "already"
    """The file already holds the value (it was written before the app stopped)."""
    CHANGED = "changed"
    """Someone changed the value since: theirs is kept."""
    GONE = "gone"
    """The assessment, its team or its programme was deleted since."""


@dataclass(frozen=True, slots=True)
class Replayed:
    """What applying a pending change again did; ``theirs``/``by``: the value found in the
    file and who wrote the assessment last (for ``CHANGED``)."""

    pending: PendingChange
    outcome: Outcome
    theirs: Value = None
    by: str = ""


def replay(pending: PendingChange, current: Assessment | None) -> Replayed:
    """The merge rule of a form's edit (``merge_edit``), for the one value a change sets:
    it applies where the file still holds the value it replaced, never over another one."""
    theirs = pending.change.value_in(current)
    if current is None and pending.before is not None:
        return Replayed(pending, Outcome.GONE)  # the assessment was deleted
    if theirs == pending.after:
        return Replayed(pending, Outcome.ALREADY, theirs)
    if theirs != pending.before:
        return Replayed(pending, Outcome.CHANGED, theirs, current.updated_by if current else "")
    return Replayed(pending, Outcome.APPLIED)
