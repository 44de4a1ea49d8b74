"""Exchange rates from a CSV file: columns from, to, rate, date, source.

A row whose currencies and date match a rate of the data file updates that rate (a new
rate or source for the same day); any other row adds one. Every row is held to the rules
of the rates dialog; one bad row refuses the whole file (the import writes all or nothing).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date

from pydantic import ValidationError

from workbench.core.money import Rate, code
from workbench.core.rules import new_id
from workbench.exchange.csv_format import restore
from workbench.storage.schema import Problem, Snapshot

RATE_COLUMNS = ("from", "to", "rate", "date", "source")
FIELD_COLUMN = {"from": "from", "to": "to", "rate": "rate", "on": "date", "source": "source"}


def is_rates_header(header: Sequence[str]) -> bool:
    """A CSV of rates names ``from``, ``to`` and ``rate``; a catalogue never does."""
    return {"from", "to", "rate"} <= {name.casefold() for name in header}


def _decimal_comma(value: str) -> str:
    """1,0870 as a French spreadsheet writes it is 1.0870."""
    if "," in value and "." not in value:
        return value.replace(",", ".")
    return value


def read_rates(
    reader: csv.DictReader[str], header: Sequence[str], snapshot: Snapshot
) -> tuple[list[Rate], list[Problem]]:
    """The rates of every row, and every problem (line and column); ``csv.Error`` from a
    malformed file is the caller's."""
    problems: list[Problem] = []
    names = [name.casefold() for name in header]
    missing = [column for column in RATE_COLUMNS if column not in names]
    if missing:
        problems.append(Problem("header", f"missing column: {', '.join(missing)}"))
    unknown = [name for name in header if name and name.casefold() not in RATE_COLUMNS]
    if unknown:
        problems.append(Problem("header", f"unknown column: {', '.join(unknown)}"))
    if problems:
        return [], problems
    existing: dict[tuple[str, str, date], str] = {
        (*rate.pair, rate.on): rate.id for rate in snapshot.rates.values()
    }
    found: dict[tuple[str, str, date], tuple[int, Rate]] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(Problem(f"line {line}", "more cells than columns"))
            continue
        cells = {
            name.casefold(): restore((value or "").strip()) for name, value in row.items() if name
        }
        if not any(cells.values()):
            continue
        document = {
            "from": cells["from"],
            "to": cells["to"],
            "rate": _decimal_comma(cells["rate"]),
            "on": cells["date"],
            "source": cells["source"],
        }
        try:
            rate = Rate.model_validate({"id": new_id(), **document})
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                where = str(detail["loc"][0]) if detail["loc"] else ""
                column = FIELD_COLUMN.get(where.rstrip("_"), where)
                problems.append(
                    Problem(
                        f"line {line} {column}".rstrip(),
                        detail["msg"],
                        f"errors.{detail['type']}",
                        detail.get("ctx") or {},
                    )
                )
            continue
        key = (code(rate.from_), code(rate.to), rate.on)
        if key in existing:
            rate = rate.model_copy(update={"id": existing[key]})
        earlier = found.get(key)
        if earlier is not None:
            if earlier[1].model_copy(update={"id": rate.id}) != rate:
                problems.append(
                    Problem(
                        f"line {line}",
                        f"a second {key[0]}→{key[1]} rate on {key[2].isoformat()}, "
                        f"unlike line {earlier[0]}",
                    )
                )
            continue
        found[key] = (line, rate)
    return [rate for _, rate in found.values()], problems
