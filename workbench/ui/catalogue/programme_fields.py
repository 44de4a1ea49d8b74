"""The programme form's fields: their kinds, how their text is read, what they start with
and the choices of its dropdowns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Literal, TypeVar

from rich.text import Text

from workbench.core.catalogue import Credential, Level, PriceBasis, PriceKind, Programme, Status
from workbench.core.text import visible
from workbench.i18n import Translator

T = TypeVar("T")
Kind = Literal["text", "number", "whole", "date", "topics", "notes", "select"]


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    kind: Kind = "text"
    placeholder: str = ""
    """An i18n key under ``catalogue.form``; '' for none."""


FIELDS: tuple[FormField, ...] = (
    FormField("name"),
    FormField("provider"),
    FormField("audience"),
    FormField("level", "select"),
    FormField("credential", "select"),
    FormField("platform"),
    FormField("modules", "whole", "placeholder_count"),
    FormField("hours_min", "number", "placeholder_hours"),
    FormField("hours_max", "number", "placeholder_hours"),
    FormField("price_kind", "select"),
    FormField("price_amount", "number", "placeholder_amount"),
    FormField("price_currency", "text", "placeholder_currency"),
    FormField("price_basis", "select"),
    FormField("price_months", "whole", "placeholder_months"),
    FormField("price_note", "text", "placeholder_price_note"),
    FormField("topics", "topics", "placeholder_topics"),
    FormField("status", "select"),
    FormField("status_date", "date", "placeholder_status_date"),
    FormField("successor_id", "select"),
    FormField("validity_months", "whole", "placeholder_count"),
    FormField("renewal"),
    FormField("url", "text", "placeholder_url"),
    FormField("source"),
    FormField("checked_on", "date", "placeholder_date"),
    FormField("notes", "notes"),
)
FIELD_NAMES = tuple(field.name for field in FIELDS)
BLANK_CHOICE = ("level", "credential", "successor_id")
"""Dropdowns that may be left unknown."""
CHOICES: dict[str, type[StrEnum]] = {
    "level": Level,
    "credential": Credential,
    "price_kind": PriceKind,
    "price_basis": PriceBasis,
    "status": Status,
}
"""The dropdowns whose choices are fixed, each listed under ``catalogue.<name>`` in i18n."""


class Invalid(Exception):
    """A field's text cannot be read as its type; ``key`` is the message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_number(text: str) -> Decimal | None:
    """'1,5', '1.5', ' 2 ' -> Decimal; '' -> None (unknown)."""
    cleaned = "".join(text.split()).replace("\u202f", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid("catalogue.errors.number") from None
    if not value.is_finite():
        raise Invalid("catalogue.errors.number")
    return value


def parse_whole(text: str) -> int | None:
    cleaned = "".join(text.split())
    if not cleaned:
        return None
    if not cleaned.lstrip("-").isdigit():
        raise Invalid("catalogue.errors.whole_number")
    return int(cleaned)


def parse_date(text: str) -> date | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise Invalid("catalogue.errors.date") from None


def parse_topics(text: str) -> list[str]:
    """Topics are separated by commas only: "'; DROP TABLE teams; --" is one topic."""
    return [part.strip() for part in text.split(",") if part.strip()]


class Reading:
    """The form's text, field by field, read into values; a field that cannot be read gets
    its message in ``errors`` (the first one found stays)."""

    def __init__(self, raw: dict[str, str], i18n: Translator) -> None:
        self.raw = raw
        self.i18n = i18n
        self.errors: dict[str, str] = {}

    def read(self, name: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(self.raw[name])
        except Invalid as problem:
            self.errors[name] = self.i18n(problem.key)
            return None

    def fail(self, name: str, key: str) -> None:
        self.errors[name] = self.i18n(key)


def _fmt_number(value: float | Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace(".", ",") if lang == "fr" else text


def start_values(p: Programme | None, lang: str) -> dict[str, str]:
    """The text each field starts with."""
    if p is None:
        return dict.fromkeys(FIELD_NAMES, "") | {
            "price_kind": PriceKind.UNKNOWN.value,
            "price_basis": PriceBasis.SEAT.value,
            "status": Status.ACTIVE.value,
        }
    return {
        "name": p.name,
        "provider": p.provider,
        "audience": p.audience or "",
        "level": p.level.value if p.level else "",
        "credential": p.credential.value if p.credential else "",
        "platform": p.platform or "",
        "modules": "" if p.modules is None else str(p.modules),
        "hours_min": _fmt_number(p.hours_min, lang),
        "hours_max": _fmt_number(p.hours_max, lang),
        "price_kind": p.price.kind.value,
        "price_amount": _fmt_number(p.price.amount, lang),
        "price_currency": p.price.currency or "",
        "price_basis": (p.price.basis or PriceBasis.SEAT).value,
        "price_months": "" if p.price.months is None else str(p.price.months),
        "price_note": p.price.note or "",
        "topics": ", ".join(p.topics),
        "status": p.status.value,
        "status_date": p.status_date.isoformat() if p.status_date else "",
        "successor_id": p.successor_id or "",
        "validity_months": "" if p.validity_months is None else str(p.validity_months),
        "renewal": p.renewal or "",
        "url": p.url or "",
        "source": p.source or "",
        "checked_on": p.checked_on.isoformat() if p.checked_on else "",
        "notes": p.notes or "",
    }


def choices(i18n: Translator, name: str) -> list[tuple[Text, str]]:
    """The choices of a dropdown of ``CHOICES``."""
    return [(Text(i18n(f"catalogue.{name}.{item.value}")), item.value) for item in CHOICES[name]]


def successors(own: str | None, programmes: Iterable[Programme]) -> list[tuple[Text, str]]:
    """The successor's choices: any other programme than ``own``."""
    return [(Text(visible(f"{p.name} ({p.provider})")), p.id) for p in programmes if p.id != own]
