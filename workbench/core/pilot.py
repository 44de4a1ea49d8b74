"""The three-phase pilot of a "pilot" verdict: phases and gates, KPIs, participants, money."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from workbench.core.assessment import now_utc
from workbench.core.rules import (
    MAX_MONTHS,
    Identifier,
    check_order,
    fail,
    long_text,
    new_id,
    non_blank,
    optional_long_text,
    optional_text,
    required_currency,
    sane_amount,
)

Money = Annotated[Decimal, Field(ge=0), AfterValidator(sane_amount)]


class PhaseKind(StrEnum):
    DIAGNOSE = "diagnose"
    PILOT = "pilot"
    SCALE = "scale"


PHASE_ORDER: tuple[PhaseKind, ...] = (PhaseKind.DIAGNOSE, PhaseKind.PILOT, PhaseKind.SCALE)


class PhaseStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class GateDecision(StrEnum):
    GO = "go"
    ITERATE = "iterate"
    STOP = "stop"


class Gate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    decision: GateDecision
    reason: str
    decided_on: date
    decided_by: str | None = None
    unmeasured_reason: str | None = None
    """Why the gate passed while its phase had no KPI measurement (required then)."""

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip():
            raise fail("blank", "This field cannot be empty")
        return long_text(value, info)

    @field_validator("decided_by", "unmeasured_reason")
    @classmethod
    def _optional(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)


class Phase(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    kind: PhaseKind
    status: PhaseStatus = PhaseStatus.PLANNED
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    budget_planned: Money | None = None
    budget_spent: Money | None = None
    gate: Gate | None = None

    @model_validator(mode="after")
    def _dates(self) -> Phase:
        check_order(self.planned_start, self.planned_end, "planned dates")
        check_order(self.actual_start, self.actual_end, "actual dates")
        return self


class KpiLevel(StrEnum):
    """Kirkpatrick's four levels."""

    REACTION = "reaction"
    LEARNING = "learning"
    BEHAVIOUR = "behaviour"
    RESULTS = "results"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Measurement(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False, extra="forbid", frozen=True)

    id: Identifier = Field(default_factory=new_id)
    on: date
    value: float
    note: str | None = None

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_long_text(value, info)


class Kpi(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False, extra="forbid", validate_assignment=True)

    id: Identifier = Field(default_factory=new_id)
    name: str
    level: KpiLevel
    unit: str | None = None
    direction: Direction = Direction.HIGHER
    baseline: float
    target: float
    measurements: list[Measurement] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)

    @field_validator("measurements")
    @classmethod
    def _sorted(cls, value: list[Measurement]) -> list[Measurement]:
        if len({m.id for m in value}) != len(value):
            raise fail("duplicate_measurement", "Two measurements of this KPI have the same id")
        return sorted(value, key=lambda m: m.on)

    @model_validator(mode="after")
    def _target(self) -> Kpi:
        if self.target == self.baseline:
            raise fail("target_equals_baseline", "The target must differ from the baseline")
        if self.direction is Direction.HIGHER and self.target < self.baseline:
            raise fail(
                "target_direction", "Higher is better, so the target must be above the baseline"
            )
        if self.direction is Direction.LOWER and self.target > self.baseline:
            raise fail(
                "target_direction", "Lower is better, so the target must be below the baseline"
            )
        return self


class ParticipantStatus(StrEnum):
    ENROLLED = "enrolled"
    IN_PROGRESS = "in_progress"
    CERTIFIED = "certified"
    DROPPED = "dropped"


class Participant(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Identifier = Field(default_factory=new_id)
    name: str
    status: ParticipantStatus = ParticipantStatus.ENROLLED
    certified_on: date | None = None
    expires_on: date | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @model_validator(mode="after")
    def _dates(self) -> Participant:
        check_order(self.certified_on, self.expires_on, "certification")
        if self.status is ParticipantStatus.CERTIFIED and self.certified_on is None:
            raise fail("certified_date", "A certified participant needs the certification date")
        return self


class CostKind(StrEnum):
    FEES = "fees"
    HOURS = "hours"
    OTHER = "other"


class Cost(BaseModel):
    """Fees or other costs are an amount; time is hours x hourly cost."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier = Field(default_factory=new_id)
    kind: CostKind
    label: str
    amount: Money | None = None
    hours: Money | None = None
    hourly_cost: Money | None = None
    on: date | None = None

    @field_validator("label")
    @classmethod
    def _label(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @model_validator(mode="after")
    def _shape(self) -> Cost:
        if self.kind is CostKind.HOURS:
            if self.hours is None or self.hourly_cost is None:
                raise fail("hours_cost", "Time costs need the hours and the hourly cost")
            if self.amount is not None:
                raise fail("hours_amount", "Time costs are hours x hourly cost, not an amount")
        elif self.amount is None:
            raise fail("cost_amount", "This cost needs an amount")
        return self

    @property
    def total(self) -> Decimal:
        if self.kind is CostKind.HOURS:
            assert self.hours is not None
            assert self.hourly_cost is not None
            return self.hours * self.hourly_cost
        assert self.amount is not None
        return self.amount


class Benefit(BaseModel):
    """A monetised benefit, with how it was valued."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier = Field(default_factory=new_id)
    label: str
    amount: Money
    on: date | None = None
    basis: str | None = None

    @field_validator("label")
    @classmethod
    def _label(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @field_validator("basis")
    @classmethod
    def _basis(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)


class JournalNote(BaseModel):
    """A dated note in the pilot's journal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier = Field(default_factory=new_id)
    on: date
    text: str
    by: str | None = None

    @field_validator("text")
    @classmethod
    def _text(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @field_validator("by")
    @classmethod
    def _by(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)


def default_phases() -> list[Phase]:
    return [Phase(kind=kind) for kind in PHASE_ORDER]


class Pilot(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Identifier = Field(default_factory=new_id)
    name: str
    assessment_id: Identifier | None = None
    team_id: str
    programme_id: str
    currency: str = "EUR"
    workflow: str | None = None
    months: Annotated[int, Field(ge=1, le=MAX_MONTHS)] | None = None
    """Months of subscription this pilot counts, instead of the programme's typical number."""
    phases: list[Phase] = Field(default_factory=default_phases)
    kpis: list[Kpi] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    costs: list[Cost] = Field(default_factory=list)
    benefits: list[Benefit] = Field(default_factory=list)
    journal: list[JournalNote] = Field(default_factory=list)
    start_verdict: str | None = None
    """The assessment's verdict when the pilot was started (e.g. "investigate")."""
    start_reason: str | None = None
    """Why the pilot was started although the verdict was not "pilot"."""
    cancelled_on: date | None = None
    """When the pilot was cancelled: kept, but hidden from the list and its warnings."""
    cancel_reason: str | None = None
    created_at: datetime = Field(default_factory=now_utc)
    updated_at: datetime = Field(default_factory=now_utc)

    @field_validator("name", "team_id", "programme_id")
    @classmethod
    def _required(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @field_validator("workflow", "start_verdict", "start_reason", "cancel_reason")
    @classmethod
    def _optional(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str, info: ValidationInfo) -> str:
        return required_currency(value, info)

    @field_validator("phases")
    @classmethod
    def _phases(cls, value: list[Phase]) -> list[Phase]:
        if tuple(p.kind for p in value) != PHASE_ORDER:
            raise fail("phases", "A pilot has exactly three phases: diagnose, pilot, scale")
        return value

    @property
    def cancelled(self) -> bool:
        return self.cancelled_on is not None

    def phase(self, kind: PhaseKind) -> Phase:
        return self.phases[PHASE_ORDER.index(kind)]
