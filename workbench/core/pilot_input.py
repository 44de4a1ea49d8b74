"""What a person types into the pilot forms, read strictly: ISO dates, amounts, numbers.

Pure. Each failure is an ``InputError`` with a stable ``key`` (translated by the UI under
``pilots.input.<key>``) and plain-string ``params``; nothing is guessed.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from workbench.core.rules import MAX_AMOUNT

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}


class InputError(ValueError):
    """A value that cannot be read; ``key`` names the problem, ``params`` fill the message."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def parse_date(text: str) -> date | None:
    """2026-11-23 and nothing else; None when blank."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if not _ISO_DATE.fullmatch(cleaned):
        raise InputError("date_format", value=cleaned)
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise InputError("date_invalid", value=cleaned) from None


def _decimal_text(text: str) -> str | None:
    cleaned = _SPACES.sub("", text)
    if not cleaned:
        return None
    if "," in cleaned:
        if "." in cleaned or cleaned.count(",") > 1:
            raise InputError("number", value=text.strip())
        cleaned = cleaned.replace(",", ".")
    if not _DECIMAL.fullmatch(cleaned):
        raise InputError("number", value=text.strip())
    return cleaned


def parse_number(text: str) -> float | None:
    """12.5, 12,5 or 1 200 (a decimal comma is fine); None when blank."""
    cleaned = _decimal_text(text)
    if cleaned is None:
        return None
    value = float(cleaned)
    if not math.isfinite(value):
        raise InputError("number", value=text.strip())
    return value


def parse_decimal(text: str) -> Decimal | None:
    """An exact number, every digit kept: 0.9187, 1,0865 (a decimal comma is fine); None
    when blank."""
    cleaned = _decimal_text(text)
    if cleaned is None:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise InputError("number", value=text.strip()) from None


def parse_amount(text: str, currency: str) -> Decimal | None:
    """An amount in ``currency``: "1 200,50", "1200.5 EUR", "€1200"; None when blank.

    A currency other than the pilot's is refused (never converted); so is a negative amount.
    """
    cleaned = text.strip()
    for symbol, code in SYMBOLS.items():
        if symbol in cleaned:
            cleaned = cleaned.replace(symbol, f" {code} ")
    letters = re.findall(r"[A-Za-z]+", cleaned)
    if letters:
        if len(letters) > 1 or len(letters[0]) != 3:
            raise InputError("amount", value=text.strip(), currency=currency)
        code = letters[0].upper()
        if code != currency.upper():
            raise InputError("currency_mismatch", given=code, currency=currency)
        cleaned = cleaned.replace(letters[0], "")
    number = _decimal_text(cleaned)
    if number is None:
        if letters:
            raise InputError("amount", value=text.strip(), currency=currency)
        return None
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise InputError("amount", value=text.strip(), currency=currency) from None
    if amount < 0:
        raise InputError("negative", value=text.strip())
    if amount > MAX_AMOUNT:
        raise InputError("too_large", value=text.strip(), currency=currency)
    return amount
