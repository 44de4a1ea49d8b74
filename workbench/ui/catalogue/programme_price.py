"""The programme form's price: six fields read into one ``Price``, each fault shown under
the field that causes it."""

from __future__ import annotations

from pydantic import ValidationError

from workbench.core.catalogue import Price, PriceBasis, PriceKind
from workbench.core.rules import MAX_AMOUNT
from workbench.ui.catalogue.programme_fields import Reading, parse_number, parse_whole
from workbench.ui.untouched import validate_keeping
from workbench.ui.validation import message

PRICE_PARTS = ("kind", "amount", "currency", "basis", "months", "note")
PRICE_FIELDS = {f"price_{part}" for part in PRICE_PARTS}


def read_price(reading: Reading, original: Price | None, untouched: set[str]) -> Price | None:
    """The price the fields describe (``original`` when none of them was touched), or None
    with the faults in ``reading.errors``."""
    if original is not None and untouched >= PRICE_FIELDS:
        return original
    raw = reading.raw
    amount = reading.read("price_amount", parse_number)
    months = reading.read("price_months", parse_whole)
    if amount is not None and amount > MAX_AMOUNT:
        reading.fail("price_amount", "catalogue.errors.too_large")
    if "price_amount" in reading.errors or "price_months" in reading.errors:
        return None
    basis = raw["price_basis"] or None
    if basis == PriceBasis.SEAT.value:
        basis = None  # per seat is the default basis, stored as none
    kind = raw["price_kind"] or PriceKind.UNKNOWN.value
    if basis == PriceBasis.TEAM.value and kind != PriceKind.AMOUNT.value:
        reading.fail("price_basis", "catalogue.errors.basis_without_amount")
        return None
    subscription = basis is not None and PriceBasis(basis).subscription
    if subscription and kind != PriceKind.AMOUNT.value:
        reading.fail("price_basis", "catalogue.errors.subscription_without_amount")
        return None
    if months is not None and not subscription:
        reading.fail("price_months", "catalogue.errors.months_without_subscription")
        return None
    data = {
        "kind": kind,
        "amount": amount,
        "currency": raw["price_currency"] or None,
        "basis": basis,
        "months": months,
        "note": raw["price_note"] or None,
    }
    kept = [part for part in PRICE_PARTS if f"price_{part}" in untouched]
    try:
        return validate_keeping(Price, data, original, kept)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            loc = detail["loc"]
            if loc:
                field = f"price_{loc[0]}" if loc[0] in PRICE_PARTS else "price_kind"
            elif detail["type"] == "price_incomplete":
                field = "price_amount" if amount is None else "price_currency"
            else:
                field = "price_amount"
            reading.errors.setdefault(field, message(detail, reading.i18n))
        return None
