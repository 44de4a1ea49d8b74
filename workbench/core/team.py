"""Teams and the business objective that the first rule of the method asks for."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from workbench.core.rules import Identifier, new_id, non_blank, optional_text

MAX_HORIZON_MONTHS = 12


class Objective(BaseModel):
    """What the team must improve: a metric, from a baseline to a target, within a horizon."""

    model_config = ConfigDict(allow_inf_nan=False, extra="forbid", frozen=True)

    statement: str | None = None
    metric: str | None = None
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    horizon_months: Annotated[int, Field(ge=1, le=120)] | None = None

    @field_validator("statement", "metric", "unit")
    @classmethod
    def _optional(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)

    def missing(self) -> list[str]:
        """What keeps this objective from being measurable (stable keys, empty when it is)."""
        gaps: list[str] = []
        if not (self.metric or "").strip():
            gaps.append("metric")
        if self.target is None:
            gaps.append("target")
        elif self.baseline is not None and self.target == self.baseline:
            gaps.append("target_equals_baseline")
        if self.horizon_months is None:
            gaps.append("horizon")
        elif self.horizon_months > MAX_HORIZON_MONTHS:
            gaps.append("horizon_too_long")
        return gaps

    @property
    def is_measurable(self) -> bool:
        """A metric, a target and a horizon of at most 12 months."""
        return not self.missing()


class Team(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Identifier = Field(default_factory=new_id)
    name: str
    department: str | None = None
    headcount: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    objective: Objective = Field(default_factory=Objective)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @field_validator("department")
    @classmethod
    def _department(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)
