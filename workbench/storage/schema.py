"""The layout of the data file, its schema version, migrations, and full validation.

The file is TinyDB's JSON layout: ``{table: {doc_id: document}}``. Table ``_meta`` holds
one document: schema version, write counter, who wrote last and when.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.diagnostic import Diagnostic
from workbench.core.money import Rate
from workbench.core.pilot import Pilot
from workbench.core.pricing import basis_from_note
from workbench.core.rules import STORED
from workbench.core.team import Team

SCHEMA_VERSION = 5
META_TABLE = "_meta"

MODELS: dict[str, type[BaseModel]] = {
    "programmes": Programme,
    "teams": Team,
    "assessments": Assessment,
    "pilots": Pilot,
    "rates": Rate,
    "diagnostics": Diagnostic,
}

RawData = dict[str, Any]

if TYPE_CHECKING:
    from workbench.storage.datafile import Loaded


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a data file, with where it is.

    ``location`` and ``message`` are English; ``key`` (a message of the i18n catalogue, for
    example ``errors.greater_than_equal``) with ``params`` lets the CLI say it in the user's
    language, as does ``location_key`` for a location that is words (a line and a column).
    """

    location: str
    message: str
    key: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    location_key: str | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Every record of the file as models, keyed by id, and the file's meta record."""

    programmes: Mapping[str, Programme] = field(default_factory=dict)
    teams: Mapping[str, Team] = field(default_factory=dict)
    assessments: Mapping[str, Assessment] = field(default_factory=dict)
    pilots: Mapping[str, Pilot] = field(default_factory=dict)
    rates: Mapping[str, Rate] = field(default_factory=dict)
    diagnostics: Mapping[str, Diagnostic] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (
            self.programmes
            or self.teams
            or self.assessments
            or self.pilots
            or self.rates
            or self.diagnostics
        )


@dataclass(frozen=True, slots=True)
class FirstLook:
    """What the first screen shows of the file: its programmes and meta record (``part``),
    and how many assessments and pilots name each programme. Taken from the file's records
    before the others are validated (``raw``: those records), or from a snapshot."""

    part: Snapshot
    assessments: Counter[str]
    pilots: Counter[str]
    raw: RawData | None = None

    @classmethod
    def of(cls, snapshot: Snapshot) -> FirstLook:
        return cls(
            snapshot,
            Counter(a.programme_id for a in snapshot.assessments.values()),
            Counter(p.programme_id for p in snapshot.pilots.values()),
        )


def first_look(data: RawData) -> tuple[Snapshot, FirstLook] | None:
    """The programmes and meta record of the file (migrated), validated, and the number
    of records naming each programme; None when that cannot be told without the full
    validation (a newer schema, a programme that fails, a table that is not an object)."""
    looked = data
    try:
        data = migrate(data)
    except ValueError:
        return None
    tables = [data.get(name, {}) for name in ("programmes", "assessments", "pilots")]
    if not all(isinstance(table, dict) for table in tables):
        return None
    check = Programme.__pydantic_validator__.validate_python
    programmes: dict[str, Programme] = {}
    try:
        for doc in tables[0].values():
            programme = check(doc, context=STORED)
            if programme.id in programmes:
                return None
            programmes[programme.id] = programme
    except ValidationError:
        return None
    assessments, pilots = (
        Counter[str](
            doc["programme_id"]
            for doc in table.values()
            if isinstance(doc, dict) and isinstance(doc.get("programme_id"), str)
        )
        for table in tables[1:]
    )
    part = Snapshot(programmes=programmes, meta=meta_record(data) or {})
    return part, FirstLook(part, assessments, pilots, looked)


class SchemaError(ValueError):
    """The file's schema version cannot be read: ``key`` and ``params`` say it in any language."""

    def __init__(self, text: str, key: str, **params: object) -> None:
        super().__init__(text)
        self.key = key
        self.params = params


def _v0_to_v1(data: RawData) -> RawData:
    """Files written before the meta record existed: add it."""
    return {**data, META_TABLE: {"1": {"schema_version": 1, "writes": 0}}}


def _measurement_id(pilot_id: object, kpi_id: object, index: int) -> str:
    """The same id at every read of the same unmigrated file, until it is saved."""
    seed = f"{pilot_id}\0{kpi_id}\0{index}".encode()
    return hashlib.sha256(seed).hexdigest()[:12]


def _measurements_without_id(data: RawData) -> int:
    table = data.get("pilots")
    count = 0
    for doc in table.values() if isinstance(table, dict) else ():
        kpis = doc.get("kpis") if isinstance(doc, dict) else None
        for kpi in kpis if isinstance(kpis, list) else ():
            measurements = kpi.get("measurements") if isinstance(kpi, dict) else None
            for item in measurements if isinstance(measurements, list) else ():
                count += isinstance(item, dict) and "id" not in item
    return count


def _v1_to_v2(data: RawData) -> RawData:
    """Schema 2 gives each KPI measurement an id, so that one can be corrected or removed
    (it also added the pilot's journal and start reason, and the gate's reason without a
    measurement: optional fields that schema 1 files simply do not have)."""
    pilots = data.get("pilots")
    if isinstance(pilots, dict):
        pilots = {doc_id: _with_measurement_ids(doc) for doc_id, doc in pilots.items()}
    meta = dict(meta_record(data) or {})
    meta["schema_version"] = 2
    migrated = {**data, META_TABLE: {"1": meta}}
    if pilots is not None:
        migrated["pilots"] = pilots
    return migrated


def _with_measurement_ids(doc: Any) -> Any:
    kpis = doc.get("kpis") if isinstance(doc, dict) else None
    if not isinstance(kpis, list):
        return doc
    new_kpis = []
    for kpi in kpis:
        measurements = kpi.get("measurements") if isinstance(kpi, dict) else None
        if isinstance(measurements, list):
            kpi = {
                **kpi,
                "measurements": [
                    {"id": _measurement_id(doc.get("id"), kpi.get("id"), index), **item}
                    if isinstance(item, dict) and "id" not in item
                    else item
                    for index, item in enumerate(measurements)
                ],
            }
        new_kpis.append(kpi)
    return {**doc, "kpis": new_kpis}


def _price_with_basis(doc: Any) -> Any:
    """A programme whose price note names a subscription ("per month", "par mois",
    "/month", "monthly", "per year"...) gets that basis and keeps the rest of its note; any
    other stays as it is (a basis already set, a team price, a note that names neither)."""
    price = doc.get("price") if isinstance(doc, dict) else None
    if not isinstance(price, dict) or price.get("kind") != "amount":
        return doc
    note = price.get("note")
    if price.get("basis") not in (None, "seat") or not isinstance(note, str):
        return doc
    found = basis_from_note(note)
    if found is None:
        return doc
    basis, rest = found
    new_price = {key: value for key, value in price.items() if key != "note"}
    new_price["basis"] = basis.value
    if rest is not None:
        new_price["note"] = rest
    return {**doc, "price": new_price}


def _subscriptions_in_notes(data: RawData) -> int:
    table = data.get("programmes")
    docs = table.values() if isinstance(table, dict) else ()
    return sum(_price_with_basis(doc) is not doc for doc in docs)


def _v2_to_v3(data: RawData) -> RawData:
    """Schema 3 keeps prices as sold: a price note that names a subscription becomes its
    basis (per seat per month or per year); it also adds the exchange rates table and the
    optional months of an assessment, a pilot and a subscription."""
    programmes = data.get("programmes")
    meta = dict(meta_record(data) or {})
    meta["schema_version"] = 3
    migrated = {**data, META_TABLE: {"1": meta}}
    if isinstance(programmes, dict):
        migrated["programmes"] = {
            doc_id: _price_with_basis(doc) for doc_id, doc in programmes.items()
        }
    return migrated


def _v3_to_v4(data: RawData) -> RawData:
    """Schema 4 lets a retiring or retired programme name its successor (``successor_id``);
    no document changes, only the version: a workbench that does not know the field refuses
    the file as newer ("upgrade the workbench") rather than as invalid."""
    meta = dict(meta_record(data) or {})
    meta["schema_version"] = 4
    return {**data, META_TABLE: {"1": meta}}


def _v4_to_v5(data: RawData) -> RawData:
    """Schema 5 lets a pilot be cancelled (``cancelled_on``, ``cancel_reason``); no document
    changes, only the version, so that an older workbench asks to be upgraded."""
    meta = dict(meta_record(data) or {})
    meta["schema_version"] = 5
    return {**data, META_TABLE: {"1": meta}}


MIGRATIONS: dict[int, Callable[[RawData], RawData]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}


@dataclass(frozen=True, slots=True)
class Migration:
    """One step a save would make to a file of an older schema, and what it changes."""

    source: int
    target: int
    measurements: int = 0
    """How many KPI measurements it gives an id (schema 1 to 2)."""
    prices: int = 0
    """How many price notes it turns into a subscription basis (schema 2 to 3)."""


def pending_migrations(data: RawData) -> list[Migration]:
    """The steps that bring ``data`` to this schema (none if it is current);
    ``ValueError`` for a file of a newer schema, as ``migrate``."""
    newer_refused(schema_version(data))
    steps = []
    version = schema_version(data)
    while version < SCHEMA_VERSION:
        measurements = _measurements_without_id(data) if version == 1 else 0
        prices = _subscriptions_in_notes(data) if version == 2 else 0
        data = MIGRATIONS[version](data)
        target = schema_version(data)
        steps.append(Migration(version, target, measurements, prices))
        version = target
    return steps


def newer_refused(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"it was written by a newer workbench (schema {version}; "
            f"this one reads up to {SCHEMA_VERSION}): upgrade the workbench",
            "check.schema_newer",
            version=version,
            supported=SCHEMA_VERSION,
        )


def schema_version(data: RawData) -> int:
    meta = meta_record(data)
    if meta is None:
        return 0 if data else SCHEMA_VERSION
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SchemaError(
            f"the schema version {version!r} is not a whole number",
            "check.schema_not_whole",
            version=repr(version),
        )
    return version


def meta_record(data: RawData) -> dict[str, Any] | None:
    table = data.get(META_TABLE)
    if not isinstance(table, dict) or not table:
        return None
    record = next(iter(table.values()))
    return record if isinstance(record, dict) else None


def migrate(data: RawData) -> RawData:
    version = schema_version(data)
    newer_refused(version)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = schema_version(data)
    return data


def _location(table: str, doc_id: str, doc: Any, loc: tuple[int | str, ...] = ()) -> str:
    record_id = doc.get("id") if isinstance(doc, dict) else None
    where = f"{table}[{doc_id}]" + (f" (id {record_id})" if record_id else "")
    if loc:
        where += " " + ".".join(str(part) for part in loc)
    return where


def record_problems(
    table: str, doc_id: str, doc: Any, error: ValidationError
) -> list[tuple[tuple[int | str, ...], Problem]]:
    """Each error of one document, with where it is in the document and in the file."""
    return [
        (
            detail["loc"],
            Problem(
                _location(table, doc_id, doc, detail["loc"]),
                detail["msg"],
                f"errors.{detail['type']}",
                detail.get("ctx") or {},
            ),
        )
        for detail in error.errors(include_url=False)
    ]


def validate(
    data: RawData, previous: tuple[RawData, Snapshot] | None = None, *, strict: bool = False
) -> tuple[Snapshot, list[Problem]]:
    """Every record as models, and every problem found (structure, values, references).

    With ``previous`` (the raw data and snapshot of the last valid load), a document equal
    to its previous version keeps its model: a reload validates only what changed.
    ``strict`` (``workbench check``) also holds stored text to the rules of what people
    type (control characters, lengths, currencies, URLs); the app reads text as written.
    """
    context = None if strict else STORED
    problems: list[Problem] = []
    tables: dict[str, dict[str, Any]] = {}
    known: dict[str, set[str]] = {}
    for name in data:
        if name != META_TABLE and name not in MODELS:
            problems.append(Problem(name, "unknown table", "check.unknown_table"))
    for name, model in MODELS.items():
        table = data.get(name, {})
        known[name] = set()
        if not isinstance(table, dict):
            problems.append(
                Problem(
                    name, "a table must be a JSON object of documents", "check.table_not_object"
                )
            )
            tables[name] = {}
            continue
        old_table = previous[0].get(name, {}) if previous else {}
        old_records: Mapping[str, BaseModel] = getattr(previous[1], name) if previous else {}
        # the model's validator itself: ``model_validate`` around it costs 1 µs per record
        check = model.__pydantic_validator__.validate_python
        records: dict[str, Any] = {}
        for doc_id, doc in table.items():
            raw_id = doc.get("id") if isinstance(doc, dict) else None
            if isinstance(raw_id, str):
                known[name].add(raw_id)
            reused = old_records.get(raw_id) if old_records and isinstance(raw_id, str) else None
            if reused is not None and old_table.get(doc_id) == doc:
                record: BaseModel = reused
            else:
                try:
                    record = check(doc, context=context)
                except ValidationError as error:
                    problems += [
                        problem for _, problem in record_problems(name, doc_id, doc, error)
                    ]
                    continue
            record_id = getattr(record, "id")  # noqa: B009 - every model has an id
            if record_id in records:
                problems.append(
                    Problem(_location(name, doc_id, doc), "duplicate id", "check.duplicate_id")
                )
            records[record_id] = record
        tables[name] = records
    snapshot = Snapshot(
        programmes=tables["programmes"],
        teams=tables["teams"],
        assessments=tables["assessments"],
        pilots=tables["pilots"],
        rates=tables["rates"],
        diagnostics=tables["diagnostics"],
        meta=meta_record(data) or {},
    )
    problems.extend(reference_problems(snapshot, known))
    return snapshot, problems


REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("assessments", "team_id", "teams"),
    ("assessments", "programme_id", "programmes"),
    ("pilots", "team_id", "teams"),
    ("pilots", "programme_id", "programmes"),
    ("pilots", "assessment_id", "assessments"),
    ("diagnostics", "team_id", "teams"),
    ("diagnostics", "pilot_id", "pilots"),
    ("programmes", "successor_id", "programmes"),
)
"""(table, field, table it points to): every reference a record can hold."""


def reference_problems(
    snapshot: Snapshot, known: Mapping[str, set[str]] | None = None
) -> list[Problem]:
    """Dangling references and duplicate assessments; ``known`` holds the ids of every
    document, valid or not (an invalid record is reported once, not again as missing)."""
    ids = known or {name: set(getattr(snapshot, name)) for name in MODELS}
    problems: list[Problem] = []
    for table, field_name, target in REFERENCES:
        for record in getattr(snapshot, table).values():
            value = getattr(record, field_name)
            if value is not None and value not in ids[target]:
                kind = target.rstrip("s")
                problems.append(
                    Problem(
                        f"{table} (id {record.id}) {field_name}",
                        f"no {kind} with id {value!r}",
                        f"check.dangling.{kind}",
                        {"value": repr(value)},
                    )
                )
    pairs = Counter((a.team_id, a.programme_id) for a in snapshot.assessments.values())
    for (team_id, programme_id), count in pairs.items():
        if count > 1:
            problems.append(
                Problem(
                    "assessments",
                    f"{count} assessments of team {team_id!r} x {programme_id!r}",
                    "check.duplicate_assessment",
                    {"count": count, "team": repr(team_id), "programme": repr(programme_id)},
                )
            )
    return problems


def parse(data: RawData, previous: Loaded[Snapshot] | None = None) -> Snapshot:
    """The snapshot of a valid file; ``ValueError`` naming the first problems otherwise."""
    earlier = (previous.raw, previous.parsed) if previous is not None else None
    snapshot, problems = validate(migrate(data), earlier)
    if problems:
        raise InvalidDataError(problems)
    return snapshot


class InvalidDataError(SchemaError):
    """A file that fails validation: its first problems, in any language."""

    def __init__(self, problems: list[Problem]) -> None:
        shown = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(
            f"it fails validation: {shown}{more}; run `workbench check` for all",
            "storage.reason.invalid",
            problems=tuple(problems[:3]),
            more=len(problems) - 3,
        )
        self.problems = problems
