"""The CSV cells: formulas neutralised, and every programme field read back as written."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.catalogue import Credential, Level, Price, PriceKind, Programme, Status
from workbench.core.text import is_blank
from workbench.exchange.csv_format import (
    COLUMNS,
    FORMULA_STARTS,
    cell,
    neutralise,
    programme_cells,
    programme_document,
    restore,
)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# what the forms accept today: no control characters, names that show something
typed = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
shown = typed.filter(lambda v: not is_blank(v))


@given(text)
def test_a_cell_never_starts_as_a_formula_and_comes_back_unchanged(value: str) -> None:
    cell = neutralise(value)
    assert not cell.startswith(FORMULA_STARTS)
    assert restore(cell) == value


def test_the_usual_attacks_are_quoted() -> None:
    for attack in ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert neutralise(attack) == "'" + attack
    assert neutralise("'=1") == "''=1"
    assert neutralise("plain, text") == "plain, text"


def through_csv(cells: dict[str, str]) -> dict[str, str]:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(dict.fromkeys(COLUMNS, "") | cells)
    return next(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))


def never() -> str:
    raise AssertionError("a programme with an id needs no new one")


@given(
    name=shown,
    notes=typed,
    topics=st.lists(shown, max_size=4),
    hours=st.one_of(st.none(), st.floats(0, 10_000, allow_nan=False)),
    amount=st.one_of(st.none(), st.decimals(0, 10**6, places=2, allow_nan=False)),
)
def test_every_programme_field_survives_the_csv(
    name: str, notes: str, topics: list[str], hours: float | None, amount: Decimal | None
) -> None:
    price = Price(kind=PriceKind.AMOUNT, amount=amount, currency="EUR") if amount else Price()
    programme = Programme(
        id="p-1",
        name=name,
        provider="=Provider",
        audience="Everyone",
        level=Level.ADVANCED,
        credential=Credential.PROCTORED_EXAM,
        platform="-web",
        modules=7,
        hours_min=hours,
        hours_max=hours,
        price=price,
        topics=topics,
        status=Status.RETIRING,
        status_date=date(2027, 1, 31),
        validity_months=24,
        renewal="@yearly",
        url="https://example.org/a,b",
        source="vendor",
        checked_on=date(2026, 11, 23),
        notes=notes,
    )
    row = through_csv(programme_cells(programme))
    assert Programme.model_validate(programme_document(row, never)) == programme


@given(text)
def test_no_cell_starts_as_a_formula_even_after_spaces(value: str) -> None:
    shown_cell = neutralise(value)
    assert shown_cell.startswith("'") or not shown_cell.lstrip(" ").startswith(FORMULA_STARTS)
    assert restore(shown_cell) == value


def test_leading_spaces_and_quotes_are_neutralised_reversibly() -> None:
    for value in ("  =1+1", " @A1", "'=1+1", "''+1", "' -2", "'plain", "''"):
        assert restore(neutralise(value)) == value
    assert neutralise("  =1+1") == "'  =1+1"
    assert neutralise("'plain") == "'plain"  # a quote before plain text is left alone


def test_numbers_stay_numbers_and_text_that_looks_negative_is_quoted() -> None:
    assert cell(-3) == "-3"
    assert cell(Decimal("-1.5")) == "-1.5"
    assert cell(2.5) == "2.5"
    assert cell("-3") == "'-3"
    assert cell("-3 days late") == "'-3 days late"


def test_the_topics_column_is_neutralised_and_comes_back_exactly() -> None:
    for topics in (['=HYPERLINK("https://evil.invalid","x")', "ok"], ["'=1+1"], ["a", "'=1+1"]):
        programme = Programme(id="p-1", name="P", provider="V", topics=topics)
        cells = programme_cells(programme)
        assert not cells["topics"].lstrip(" ").startswith(FORMULA_STARTS)
        row = through_csv(cells)
        assert Programme.model_validate(programme_document(row, never)).topics == topics
