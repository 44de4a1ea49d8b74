"""The import: read a JSON export or a catalogue CSV, validate everything, then write all
of it in one transaction (``Repository.import_records``) or nothing.

Every problem is listed with its record and field, as `workbench check` does: for JSON the
table, document and id; for CSV the line, the programme id and the column.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from workbench.core.catalogue import Programme
from workbench.core.json_position import DuplicateKeyError, loads_without_duplicates
from workbench.core.pilot import Pilot
from workbench.core.rules import MAX_AMOUNT, STORED, new_id
from workbench.exchange.catalogue_match import AmbiguousMatch, Catalogue, How
from workbench.exchange.csv_format import (
    COLUMNS,
    DECISION_COLUMNS,
    GRID_ONLY_COLUMNS,
    REQUIRED_CATALOGUE_COLUMNS,
    column_of,
    programme_cells,
    programme_document,
    restore,
)
from workbench.exchange.grid_import import KEY_COLUMNS, RatingChange, grid_edits, read_grid
from workbench.exchange.rates_csv import is_rates_header, read_rates
from workbench.storage.errors import ConflictError
from workbench.storage.repository import ImportSummary, Repository, merge_import
from workbench.storage.schema import (
    MODELS,
    Problem,
    Snapshot,
    migrate,
    record_problems,
    reference_problems,
    validate,
)

Progress = Callable[[int, int], None]
STEPS = 4
_COLUMN_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9_ .-]{0,39}")
"""What a column name looks like; any other first line is not echoed."""
"""Read, parse, validate, compare with the data file: what the progress bar counts."""


def _ignore(done: int, total: int) -> None:
    return None


@dataclass(frozen=True, slots=True)
class Change:
    """One catalogue column an import changes: its cell before and after."""

    column: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class RowMatch:
    """How a catalogue row matched the data file: by ``id``, by provider and ``name``, or
    ``new``."""

    line: int
    programme_id: str
    name: str
    how: How


@dataclass(slots=True)
class ImportPlan:
    """What an import would do; ``records`` are written only when ``problems`` is empty."""

    path: Path
    kind: str
    base: Snapshot
    records: list[BaseModel] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    summary: ImportSummary = field(default_factory=ImportSummary)
    matches: list[RowMatch] = field(default_factory=list)
    """Each programme of a catalogue CSV, with how it matched the data file."""
    changes: dict[str, list[Change]] = field(default_factory=dict)
    """Per programme the import updates, each catalogue column it changes (old, new)."""
    notes: list[Problem] = field(default_factory=list)
    """Columns the import reads but does not apply, and why (not problems)."""
    ratings: list[RatingChange] = field(default_factory=list)
    """The grid ratings a CSV export changes, in its line order."""
    ratings_unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def programme_changes(snapshot: Snapshot, writes: Iterable[BaseModel]) -> dict[str, list[Change]]:
    """The catalogue columns each updated programme changes, as the CSV writes them."""
    changes: dict[str, list[Change]] = {}
    for record in writes:
        stored = snapshot.programmes.get(record.id) if isinstance(record, Programme) else None
        if stored is None or not isinstance(record, Programme):
            continue
        old, new = programme_cells(stored), programme_cells(record)
        changes[record.id] = [
            Change(column, old[column], new[column]) for column in old if old[column] != new[column]
        ]
    return changes


def kind_of(path: Path, content: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix[1:]
    return "json" if content.lstrip()[:1] in (b"{", b"[") else "csv"


def plan_import(path: Path, snapshot: Snapshot, progress: Progress = _ignore) -> ImportPlan:
    """Validate ``path`` against the data file's ``snapshot``; writes nothing."""
    progress(0, STEPS)
    plan = ImportPlan(path, "json", snapshot)
    try:
        content = _read_regular(path)
    except NotRegularError as error:
        plan.problems.append(Problem(str(path), error.message, error.key))
        return plan
    except OSError as error:
        plan.problems.append(Problem(str(path), error.strerror or str(error)))
        return plan
    progress(1, STEPS)
    plan.kind = kind_of(path, content)
    if plan.kind == "json":
        _read_json(content, plan, progress)
    else:
        _read_csv(content, plan, progress)
    plan.problems += _amounts_too_large(plan.records)
    if plan.problems:
        return plan
    progress(3, STEPS)
    plan.problems += _against_file(plan.records, snapshot)
    if not plan.problems:
        try:
            writes, plan.summary = merge_import(snapshot, plan.records)
            plan.changes = programme_changes(snapshot, writes)
        except ConflictError as error:  # not with the file as base; kept for safety
            plan.problems.append(Problem(error.item_id, str(error)))
    progress(STEPS, STEPS)
    return plan


class NotRegularError(OSError):
    """The path names a folder, a FIFO, a device or a socket: nothing to import from."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.key = f"check.{kind}"
        self.message = "is a folder" if kind == "folder" else "is not a regular file"
        super().__init__(self.message)


def what_is_there(path: Path) -> str | None:
    """None for a regular file (or a link to one); ``missing``, ``folder`` or
    ``not_regular`` otherwise. Another error (no permission) is left to the read to say."""
    try:
        found = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError:
        return None
    if stat.S_ISDIR(found.st_mode):
        return "folder"
    return None if stat.S_ISREG(found.st_mode) else "not_regular"


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO is opened without waiting for a writer and
    refused, as is anything that is not a file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NotRegularError("folder")
        if not stat.S_ISREG(mode):
            raise NotRegularError("not_regular")
        return handle.read()


def apply_import(repository: Repository, plan: ImportPlan) -> ImportSummary:
    """Write a valid plan: one transaction, merged with what changed since it was checked
    (programmes as a form's edit, ratings as a score key)."""
    if not plan.ok:
        raise ValueError("an import with problems is never written")
    return repository.import_records(plan.records, base=plan.base, edits=grid_edits(plan.ratings))


def _read_json(content: bytes, plan: ImportPlan, progress: Progress) -> None:
    try:
        raw = orjson.loads(content) if content.strip() else {}
        if content.strip():
            loads_without_duplicates(content.decode("utf-8"))  # orjson keeps the last
    except orjson.JSONDecodeError as error:
        plan.problems.append(
            Problem(f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}")
        )
        return
    except DuplicateKeyError as error:
        where = f"line {error.line}, column {error.column}" if error.line else "top level"
        plan.problems.append(Problem(where, f"the key {error.key!r} is given twice"))
        return
    except RecursionError:
        plan.problems.append(Problem("top level", "not valid JSON: nested too deeply"))
        return
    if not isinstance(raw, dict):
        plan.problems.append(Problem("top level", "expected a JSON object of tables"))
        return
    progress(2, STEPS)
    try:
        raw = migrate(raw)
    except ValueError as error:
        plan.problems.append(Problem("_meta", str(error)))
        return
    imported, problems = validate(raw)
    # references are checked again below, against this file and the data file together
    internal = set(reference_problems(imported, _ids(raw)))
    plan.problems += [problem for problem in problems if problem not in internal]
    if plan.problems:
        return
    for name, model in MODELS.items():
        stored = getattr(plan.base, name)
        for doc_id, doc in raw.get(name, {}).items():
            record, problems = _as_a_form_writes(
                name, model, doc_id, doc, stored.get(doc.get("id"))
            )
            plan.problems += problems
            plan.records.append(record)


def _as_a_form_writes(
    table: str, model: type[BaseModel], doc_id: str, doc: dict[str, Any], stored: BaseModel | None
) -> tuple[BaseModel, list[Problem]]:
    """The record of ``doc`` held to the form rules, except for a value the data file
    already holds as it is (an export of an old file imports back unchanged)."""
    try:
        return model.model_validate(doc), []
    except ValidationError as error:
        found = record_problems(table, doc_id, doc, error)
    before = stored.model_dump(mode="json") if stored is not None else None
    problems = [problem for loc, problem in found if not _unchanged(doc, before, loc)]
    return model.model_validate(doc, context=STORED), problems


def _unchanged(doc: Any, before: Any, loc: tuple[int | str, ...]) -> bool:
    if before is None:
        return False
    for part in loc:
        try:
            doc, before = doc[part], before[part]
        except (KeyError, IndexError, TypeError):
            return False
    return bool(doc == before)


def _ids(raw: dict[str, Any]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for name in MODELS:
        table = raw.get(name)
        docs = table.values() if isinstance(table, dict) else ()
        ids[name] = {d["id"] for d in docs if isinstance(d, dict) and isinstance(d.get("id"), str)}
    return ids


def _read_csv(content: bytes, plan: ImportPlan, progress: Progress) -> None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        plan.problems.append(Problem(f"byte {error.start}", "not UTF-8 text"))
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    if is_rates_header(header):
        _read_rates(reader, header, plan, progress)
        return
    missing = [column for column in REQUIRED_CATALOGUE_COLUMNS if column not in header]
    if missing:
        plan.problems.append(Problem("header", f"missing column: {', '.join(missing)}"))
    unknown = [column for column in header if column and column not in COLUMNS]
    if unknown and all(_COLUMN_LIKE.fullmatch(column) for column in unknown):
        plan.problems.append(Problem("header", f"unknown column: {', '.join(unknown)}"))
    elif unknown:  # not a header at all: a file the user can read is not echoed
        plan.problems.append(
            Problem(
                "header",
                "the first line is not a header of catalogue columns",
                "check.not_a_header",
            )
        )
    if plan.problems:
        return
    progress(2, STEPS)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        plan.problems.append(Problem(f"line {reader.line_num}", f"not valid CSV: {error}"))
        return
    plan.notes += _columns_not_applied(header, rows)
    grid = read_grid(rows, header, plan.base, _cell_problem)
    plan.problems += grid.problems
    plan.notes += grid.notes
    plan.ratings, plan.ratings_unchanged = grid.changes, grid.unchanged
    catalogue = Catalogue(plan.base.programmes)
    found: dict[str, tuple[int, Programme]] = {}
    try:
        for line, row in rows:
            if None in row:
                plan.problems.append(Problem(f"line {line}", "more cells than columns"))
                continue
            if not any((value or "").strip() for value in row.values()):
                continue
            _read_row(row, header, line, catalogue, found, plan)
    except csv.Error as error:
        plan.problems.append(Problem(f"line {reader.line_num}", f"not valid CSV: {error}"))
        return
    plan.kind = "csv"
    plan.records = [programme for _, programme in found.values()]


def _columns_not_applied(
    header: list[str], rows: list[tuple[int, dict[str, str]]]
) -> list[Problem]:
    """A note for the grid and the decision columns that hold something: a catalogue
    import reads programmes only, and the decision is computed from the grid."""
    notes = []
    grid_applied = all(column in header for column in KEY_COLUMNS)
    for columns, key, why in (
        (
            () if grid_applied else GRID_ONLY_COLUMNS,
            "cli.import.grid_ignored",
            "a rating needs the team_id, assessor and criterion columns",
        ),
        (DECISION_COLUMNS, "cli.import.decision_ignored", "the workbench computes them"),
    ):
        filled = [
            column
            for column in columns
            if column in header and any((row.get(column) or "").strip() for _, row in rows)
        ]
        if filled:
            notes.append(
                Problem(
                    "header",
                    f"{', '.join(filled)}: not applied, {why}",
                    key,
                    {"columns": ", ".join(filled)},
                )
            )
    return notes


def _read_row(
    row: dict[str, str],
    header: list[str],
    line: int,
    catalogue: Catalogue,
    found: dict[str, tuple[int, Programme]],
    plan: ImportPlan,
) -> None:
    """One catalogue row: matched with the data file's programmes, validated, kept."""
    given_id = restore(row.get("programme_id") or "").strip()
    where = f"line {line}" + (f" (id {given_id})" if given_id else "")
    document = programme_document(row, new_id)
    try:
        how, stored = catalogue.match(given_id, document.get("provider"), document.get("name"))
    except AmbiguousMatch as error:
        plan.problems.append(
            Problem(
                where,
                f"matches several programmes ({', '.join(error.ids)}): give its programme_id",
                "check.csv_ambiguous",
                {"line": line, "ids": ", ".join(error.ids)},
            )
        )
        return
    if stored is not None:
        # a column the file does not have keeps the stored value
        kept = programme_cells(stored)
        document = programme_document(
            kept | {column: row.get(column) or "" for column in header}, new_id
        )
        document["id"] = stored.id
    else:
        document["id"] = given_id or catalogue.new_id_for(document)
    try:
        programme = Programme.model_validate(document)
    except ValidationError as error:
        before = stored.model_dump(mode="json") if stored is not None else None
        details = [
            detail
            for detail in error.errors(include_url=False)
            if not _unchanged(document, before, detail["loc"])
        ]
        for detail in details:
            column = column_of(detail["loc"])
            plan.problems.append(_cell_problem(line, given_id, column, row.get(column), detail))
        if details:
            return
        programme = Programme.model_validate(document, context=STORED)
    earlier = found.get(programme.id)
    if earlier is None:
        found[programme.id] = (line, programme)
        plan.matches.append(RowMatch(line, programme.id, programme.name, how))
    elif earlier[1] != programme:
        plan.problems.append(
            Problem(where, f"describes programme {programme.id!r} unlike line {earlier[0]}")
        )


DATE_ERRORS = {
    "date_parsing",
    "date_from_datetime_parsing",
    "date_type",
    "date_from_datetime_inexact",
}


def _cell_problem(line: int, given_id: str, column: str, value: str | None, detail: Any) -> Problem:
    """A cell's problem, said as "line 4, checked_on: 30/11/2026 is not a date; write
    YYYY-MM-DD" in the user's language."""
    shown = restore(value or "").strip()
    if len(shown) > 40:
        shown = shown[:39] + "…"
    params: dict[str, Any] = {"line": line, "column": column, "id": given_id, "value": shown}
    if given_id:
        location, location_key = f"line {line} (id {given_id}), {column}", "check.csv_cell_id"
    else:
        location, location_key = f"line {line}, {column}", "check.csv_cell"
    if detail["type"] in DATE_ERRORS and shown:
        return Problem(
            location,
            f"{shown} is not a date; write YYYY-MM-DD",
            "check.not_a_date",
            params,
            location_key,
        )
    params |= detail.get("ctx") or {}
    return Problem(location, detail["msg"], f"errors.{detail['type']}", params, location_key)


def _read_rates(
    reader: csv.DictReader[str], header: list[str], plan: ImportPlan, progress: Progress
) -> None:
    plan.kind = "rates"
    progress(2, STEPS)
    try:
        rates, problems = read_rates(reader, header, plan.base)
    except csv.Error as error:
        plan.problems.append(Problem(f"line {reader.line_num}", f"not valid CSV: {error}"))
        return
    plan.problems += problems
    plan.records = list(rates) if not problems else []


def _amounts(record: BaseModel) -> Iterator[tuple[str, str, Decimal | None]]:
    """(record kind, field path, amount) of every amount of money a record holds."""
    if isinstance(record, Programme):
        yield "programme", "price.amount", record.price.amount
    elif isinstance(record, Pilot):
        for index, phase in enumerate(record.phases):
            yield "pilot", f"phases[{index}].budget_planned", phase.budget_planned
            yield "pilot", f"phases[{index}].budget_spent", phase.budget_spent
        for index, cost in enumerate(record.costs):
            yield "pilot", f"costs[{index}].amount", cost.amount
            yield "pilot", f"costs[{index}].hourly_cost", cost.hourly_cost
        for index, benefit in enumerate(record.benefits):
            yield "pilot", f"benefits[{index}].amount", benefit.amount


def _amounts_too_large(records: Iterable[BaseModel]) -> list[Problem]:
    """An amount above ``MAX_AMOUNT`` is a typo, whatever its currency: an import refuses
    it (records are read as stored data, where the models keep any amount)."""
    found = []
    for record in records:
        for kind, where, amount in _amounts(record):
            if amount is not None and amount > MAX_AMOUNT:
                found.append(
                    Problem(
                        f"{kind} {getattr(record, 'id', '')!r} {where}",
                        "At most 1,000,000,000 in any currency: check the amount",
                        key="errors.amount_too_large",
                    )
                )
    return found


def _against_file(records: Iterable[BaseModel], snapshot: Snapshot) -> list[Problem]:
    """References that would dangle, and a second assessment of one team x programme, once
    the records are in the data file."""
    tables: dict[str, dict[str, Any]] = {name: dict(getattr(snapshot, name)) for name in MODELS}
    imported: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for name, model in MODELS.items():
            if type(record) is model:
                record_id = getattr(record, "id")  # noqa: B009
                tables[name][record_id] = record
                imported[name].add(record_id)
    merged = replace(snapshot, **tables)
    problems = [p for p in reference_problems(merged) if p.location != "assessments"]
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for assessment in merged.assessments.values():
        pairs[(assessment.team_id, assessment.programme_id)].append(assessment.id)
    for (team_id, programme_id), ids in pairs.items():
        if len(ids) < 2:
            continue
        for record_id in sorted(set(ids) & imported["assessments"]):
            others = ", ".join(repr(i) for i in sorted(ids) if i != record_id)
            problems.append(
                Problem(
                    f"assessments (id {record_id})",
                    f"team {team_id!r} x programme {programme_id!r} is already assessed "
                    f"(assessment {others})",
                )
            )
    return problems
