"""Catalogue entries: the certification and training programmes on offer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from workbench.core.rules import (
    MAX_MONTHS,
    Identifier,
    currency,
    fail,
    is_stored,
    new_id,
    non_blank,
    optional_long_text,
    optional_text,
    url,
)

EXAM_CODE = re.compile(r"[A-Z]{1,5}-[A-Z]?[0-9]{2,4}")
"""An exam code as vendors write it: AI-901, AB-730, MLS-C01."""


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    PROFESSIONAL = "professional"


class Credential(StrEnum):
    COURSE_CERTIFICATE = "course_certificate"
    PROCTORED_EXAM = "proctored_exam"
    IN_PRODUCT_LEARNING = "in_product_learning"


class Status(StrEnum):
    ACTIVE = "active"
    PILOT_ONLY = "pilot_only"
    RETIRING = "retiring"
    RETIRED = "retired"


class PriceKind(StrEnum):
    AMOUNT = "amount"
    FREE = "free"
    UNKNOWN = "unknown"


class PriceBasis(StrEnum):
    """What one amount buys: a seat once (the default), a seat for a month or a year (a
    subscription), or the whole team at once."""

    SEAT = "seat"
    SEAT_MONTH = "seat_month"
    SEAT_YEAR = "seat_year"
    TEAM = "team"

    @property
    def subscription(self) -> bool:
        return self in (PriceBasis.SEAT_MONTH, PriceBasis.SEAT_YEAR)


class Price(BaseModel):
    """A price is an amount in a currency, free, or unknown: never a guess."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: PriceKind = PriceKind.UNKNOWN
    amount: Decimal | None = None
    currency: str | None = None
    note: str | None = None
    basis: PriceBasis | None = None
    """None is one-off per seat, the usual basis of the catalogue's prices."""
    months: Annotated[int, Field(ge=1, le=MAX_MONTHS)] | None = None
    """A subscription's typical number of months (an assessment or a pilot may say
    otherwise); None when unknown."""

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str | None, info: ValidationInfo) -> str | None:
        return currency(value, info)

    @field_validator("amount")
    @classmethod
    def _amount(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and value < 0:
            raise fail("negative_price", "A price cannot be negative")
        return value

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)

    @model_validator(mode="after")
    def _consistent(self) -> Price:
        if self.kind is PriceKind.AMOUNT and (self.amount is None or self.currency is None):
            raise fail("price_incomplete", "A priced programme needs an amount and a currency")
        if self.kind is not PriceKind.AMOUNT and self.amount is not None:
            raise fail("price_kind", "Only a priced programme has an amount")
        return self


NonNegativeHours = Annotated[float, Field(ge=0, le=10_000)]


class Programme(BaseModel):
    """One certification or training programme of the catalogue."""

    model_config = ConfigDict(allow_inf_nan=False, extra="forbid", validate_assignment=True)

    id: Identifier = Field(default_factory=new_id)
    name: str
    provider: str
    audience: str | None = None
    level: Level | None = None
    credential: Credential | None = None
    platform: str | None = None
    modules: Annotated[int, Field(ge=1, le=1000)] | None = None
    hours_min: NonNegativeHours | None = None
    hours_max: NonNegativeHours | None = None
    price: Price = Field(default_factory=Price)
    topics: list[str] = Field(default_factory=list)
    status: Status = Status.ACTIVE
    status_date: date | None = None
    validity_months: Annotated[int, Field(ge=1, le=240)] | None = None
    renewal: str | None = None
    url: str | None = None
    source: str | None = None
    checked_on: date | None = None
    notes: str | None = None
    successor_id: Identifier | None = None
    """The programme that replaces a retiring or retired one (AI-900 → AI-901)."""

    @field_validator("name", "provider")
    @classmethod
    def _required(cls, value: str, info: ValidationInfo) -> str:
        return non_blank(value, info)

    @field_validator("audience", "platform", "renewal", "source")
    @classmethod
    def _optional(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_text(value, info)

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str | None, info: ValidationInfo) -> str | None:
        return optional_long_text(value, info)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None, info: ValidationInfo) -> str | None:
        return url(value, info)

    @field_validator("topics")
    @classmethod
    def _topics(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if is_stored(info):
            return value
        seen: dict[str, str] = {}
        for topic in value:
            cleaned = optional_text(topic)
            if cleaned is not None and cleaned.casefold() not in seen:
                seen[cleaned.casefold()] = cleaned
        return list(seen.values())

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        if (
            self.hours_min is not None
            and self.hours_max is not None
            and self.hours_max < self.hours_min
        ):
            raise fail("hours_order", "The longest duration is shorter than the shortest")
        if self.status in (Status.RETIRING, Status.RETIRED) and self.status_date is None:
            raise fail("status_date", "A retiring or retired programme needs its date")
        if self.successor_id is not None:
            if self.status not in (Status.RETIRING, Status.RETIRED):
                raise fail(
                    "successor_status", "Only a retiring or retired programme has a successor"
                )
            if self.successor_id == self.id:
                raise fail("successor_self", "A programme cannot succeed itself")
        return self

    @property
    def hours_label(self) -> str:
        """Duration as shown in tables: '4', '5-10', or '' when unknown."""
        low, high = self.hours_min, self.hours_max
        if low is None and high is None:
            return ""
        if low is None or high is None or low == high:
            return _fmt_hours(low if low is not None else high)
        return f"{_fmt_hours(low)}-{_fmt_hours(high)}"

    @property
    def short_name(self) -> str:
        """The exam code that starts the name ("AI-901"), else the whole name."""
        words = self.name.split(maxsplit=1)
        return words[0] if words and EXAM_CODE.fullmatch(words[0]) else self.name

    def successor_name(self, programmes: Mapping[str, Programme]) -> str | None:
        """What a retiring or retired programme's successor is called ("AI-901"): its
        short name, or its id when the catalogue no longer holds it; None without one."""
        if self.successor_id is None:
            return None
        successor = programmes.get(self.successor_id)
        return successor.short_name if successor is not None else self.successor_id

    def matches(self, text: str) -> bool:
        """Case-insensitive search over name, provider and topics."""
        needle = text.casefold().strip()
        if not needle:
            return True
        haystack = [self.name, self.provider, *self.topics]
        return any(needle in item.casefold() for item in haystack)


def _fmt_hours(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"
