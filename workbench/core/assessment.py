"""Assessments: one team x one programme, scored on the grid by one or more assessors."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import fields
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass

from workbench.core.grid import CRITERION_KEYS, MAX_SCORE, MIN_SCORE, Grid, read_grid
from workbench.core.rules import (
    MAX_MONTHS,
    STORED,
    Identifier,
    fail,
    is_stored,
    long_text,
    new_id,
    non_blank,
    one_line,
)

Score = Annotated[int, Field(ge=MIN_SCORE, le=MAX_SCORE)]


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True, kw_only=True, config=ConfigDict(extra="forbid"))
class Rating:
    """One assessor's score of one criterion: 1-5 or missing, an optional range, a reason.

    A validated dataclass rather than a model: a file holds one per assessor and criterion
    (150,000 at 20k assessments), and a model's ``__dict__`` and set of fields given cost
    four times the memory of these slots and twice the time to build."""

    score: Score | None = None
    low: Score | None = None
    high: Score | None = None
    reason: str = ""
    updated_at: datetime | None = None

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str, info: ValidationInfo) -> str:
        if info.context is STORED:  # read as written; checked here, 150k times at 20k
            return value
        return long_text(value, info)

    @model_validator(mode="after")
    def _consistent(self) -> Rating:
        if self.low is None and self.high is None:  # most ratings: nothing to compare
            return self
        if (self.low is None) != (self.high is None):
            raise fail("range_incomplete", "A range needs both its low and its high score")
        if self.low is not None and self.high is not None:
            if self.low > self.high:
                raise fail("range_order", "The low score is above the high score")
            if self.score is not None and not self.low <= self.score <= self.high:
                raise fail("score_outside_range", "The score lies outside its range")
        return self

    @classmethod
    def model_validate(cls, data: Any, *, context: dict[str, Any] | None = None) -> Rating:
        """A rating from a dict (or a rating), validated as a model's ``model_validate``."""
        return _RATING.validate_python(data, context=context)

    def model_dump(self, *, mode: Literal["json", "python"] = "python") -> dict[str, Any]:
        return _RATING.dump_python(self, mode=mode)  # type: ignore[no-any-return]

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Rating:
        """A copy with ``update`` applied, not validated (as a model's ``model_copy``)."""
        copied = copy.copy(self)
        for name, value in (update or {}).items():
            if name not in _RATING_FIELDS:
                raise ValueError(f"a rating has no field {name!r}")
            object.__setattr__(copied, name, value)
        return copied

    @property
    def bounds(self) -> tuple[int, int]:
        """The lowest and highest score this rating still allows."""
        if self.score is not None:
            return self.score, self.score
        if self.low is not None and self.high is not None:
            return self.low, self.high
        return MIN_SCORE, MAX_SCORE

    @property
    def is_empty(self) -> bool:
        return self.score is None and self.low is None and not self.reason


_RATING: TypeAdapter[Rating] = TypeAdapter(Rating)
_RATING_FIELDS = frozenset(field.name for field in fields(Rating))

Ratings = dict[str, Rating]
_CRITERIA = frozenset(CRITERION_KEYS)


class Assessment(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Identifier = Field(default_factory=new_id)
    team_id: str
    programme_id: str
    grid: Grid = Field(default_factory=Grid)
    ratings: dict[str, Ratings] = Field(default_factory=dict)
    notes: str = ""
    months: Annotated[int, Field(ge=1, le=MAX_MONTHS)] | None = None
    """Months of subscription this assessment counts, instead of the programme's typical number."""
    created_at: datetime = Field(default_factory=now_utc)
    created_by: str = ""
    updated_at: datetime = Field(default_factory=now_utc)
    updated_by: str = ""

    @field_validator("team_id", "programme_id")
    @classmethod
    def _ref(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @field_validator("grid", mode="wrap")
    @classmethod
    def _grid(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Grid:
        return read_grid(value, handler)

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str, info: ValidationInfo) -> str:
        return value if info.context is STORED else long_text(value, info)

    @field_validator("created_by", "updated_by")
    @classmethod
    def _by(cls, value: str, info: ValidationInfo) -> str:
        return value if info.context is STORED else one_line(value, info)

    @field_validator("ratings")
    @classmethod
    def _ratings(cls, value: dict[str, Ratings], info: ValidationInfo) -> dict[str, Ratings]:
        stored = is_stored(info)
        for assessor, ratings in value.items():
            if not assessor.strip():
                raise fail("assessor_blank", "An assessor needs a name")
            if not stored:
                non_blank(assessor)
            unknown = sorted(ratings.keys() - _CRITERIA)
            if unknown:
                raise fail(
                    "unknown_criterion", "Unknown criterion: {keys}", keys=", ".join(unknown)
                )
        return value

    @property
    def assessors(self) -> list[str]:
        return sorted(name for name, ratings in self.ratings.items() if ratings)

    def rating(self, assessor: str, key: str) -> Rating:
        return self.ratings.get(assessor, {}).get(key, Rating())

    def scores_of(self, assessor: str) -> dict[str, int | None]:
        return {key: self.rating(assessor, key).score for key in CRITERION_KEYS}

    def with_rating(self, assessor: str, key: str, rating: Rating, *, at: datetime) -> Assessment:
        """A copy with one rating replaced (an empty rating removes it)."""
        if key not in CRITERION_KEYS:
            raise ValueError(f"unknown criterion {key!r}")
        mine = dict(self.ratings.get(assessor, {}))
        if rating.is_empty:
            mine.pop(key, None)
        else:
            mine[key] = rating.model_copy(update={"updated_at": at})
        ratings = {**self.ratings, assessor: mine}
        if not mine:
            del ratings[assessor]
        return self.model_copy(
            update={"ratings": ratings, "updated_at": at, "updated_by": assessor}
        )

    def with_grid(self, grid: Grid, *, by: str, at: datetime) -> Assessment:
        return self.model_copy(update={"grid": grid, "updated_at": at, "updated_by": by})
