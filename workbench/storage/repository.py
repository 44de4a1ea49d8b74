"""The repository: the only module that speaks TinyDB. The rest of the code sees models.

Every change is one transaction: take the file lock, load the file if another process
changed it, apply the change to a fresh TinyDB over that data, write atomically.
"""

from __future__ import annotations

import getpass
import grp
import os
import socket
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from workbench.core.assessment import Assessment, now_utc
from workbench.core.assessment_change import Outcome, PendingChange, Replayed, replay
from workbench.core.catalogue import Programme, Status
from workbench.core.diagnostic import Diagnostic
from workbench.core.money import Rate, Rates
from workbench.core.pilot import Pilot
from workbench.core.rules import STORED
from workbench.core.team import Team
from workbench.storage.datafile import DataFile, Loaded, RawData, writable_problem
from workbench.storage.errors import (
    ConflictError,
    FieldConflict,
    ImportRefusedError,
    InUseError,
    NotFoundError,
    Reason,
    StorageError,
)
from workbench.storage.meta import LastWrite, last_write, shared_group, write_count
from workbench.storage.schema import (
    META_TABLE,
    SCHEMA_VERSION,
    FirstLook,
    Snapshot,
    first_look,
    migrate,
    parse,
    reference_problems,
)

M = TypeVar("M", bound=BaseModel)

TABLE_OF: dict[type[BaseModel], str] = {
    Programme: "programmes",
    Team: "teams",
    Assessment: "assessments",
    Pilot: "pilots",
    Rate: "rates",
    Diagnostic: "diagnostics",
}


class _MemoryStorage(Storage):
    """TinyDB storage over a dict we own: the file itself is written by DataFile."""

    def __init__(self, data: RawData) -> None:
        self.data = data

    def read(self) -> RawData:
        return self.data

    def write(self, data: RawData) -> None:
        self.data = data


def default_author() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


class Transaction:
    """The file's data under the lock (TinyDB's layout, a TinyDB for the meta record).
    Records what it changes.

    A record is written straight into this transaction's copy of its table (copied once,
    when first changed: the loaded version is shared with the cache and never changed in
    place). TinyDB's remove + insert rebuilt every document id of the table twice per
    record: 60 ms of a save at 20k assessments."""

    def __init__(
        self,
        raw: RawData,
        snapshot: Snapshot,
        indexes: Mapping[str, tuple[object, dict[str, int]]] | None = None,
    ) -> None:
        self.snapshot = snapshot
        self._db = TinyDB(storage=_MemoryStorage, data=dict(raw))
        self._changed: dict[str, dict[str, BaseModel | None]] = {}
        self._doc_ids: dict[str, dict[str, int]] = {}
        self._indexes = indexes or {}
        self._owned: set[str] = set()
        self._next_ids: dict[str, int] = {}
        self._extra_meta: dict[str, Any] = {}
        self._meta_changed = False
        self._cancelled = False

    def _doc_id(self, name: str, record_id: str) -> int | None:
        """The document id of a record, from an index built once per version of the table
        (``indexes``: those of earlier transactions, by table object)."""
        if name not in self._doc_ids:
            table = self.raw.get(name, {})
            known = self._indexes.get(name)
            if known is not None and known[0] is table:
                self._doc_ids[name] = dict(known[1])
            else:
                self._doc_ids[name] = {
                    doc["id"]: int(doc_id)
                    for doc_id, doc in table.items()
                    if isinstance(doc, dict) and isinstance(doc.get("id"), str)
                }
        return self._doc_ids[name].get(record_id)

    def indexes(self) -> dict[str, tuple[object, dict[str, int]]]:
        """Each table's object and its index of document ids, for the next transaction."""
        return {name: (self.raw.get(name, {}), index) for name, index in self._doc_ids.items()}

    @property
    def raw(self) -> RawData:
        storage = self._db.storage
        assert isinstance(storage, _MemoryStorage)
        return storage.data

    @property
    def changed(self) -> bool:
        return bool(self._changed) or self._meta_changed

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        """Write nothing, even in a transaction that writes whatever happens."""
        self._cancelled = True

    def set_meta(self, **values: Any) -> None:
        self._extra_meta.update(values)
        self._meta_changed = True

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def _own_table(self, name: str) -> dict[str, Any]:
        if name not in self._owned:
            found = self.raw.get(name)
            self.raw[name] = dict(found) if isinstance(found, dict) else {}
            self._owned.add(name)
        table: dict[str, Any] = self.raw[name]
        return table

    def _store(self, name: str, record_id: str, document: dict[str, Any]) -> None:
        """Replace the record's document where it is, or add it with the next free id
        (TinyDB's rule: one more than the largest)."""
        doc_id = self._doc_id(name, record_id)
        table = self._own_table(name)
        if doc_id is None:
            if name not in self._next_ids:
                self._next_ids[name] = max((int(key) for key in table), default=0) + 1
            doc_id = self._next_ids[name]
            self._next_ids[name] += 1
            self._doc_ids[name][record_id] = doc_id
        table[str(doc_id)] = document

    def _checked(self, record: BaseModel) -> tuple[dict[str, Any], BaseModel]:
        """The document to store, and the record as a reader of the file will see it."""
        document = record.model_dump(mode="json", exclude_none=True)
        return document, type(record).model_validate(document, context=STORED)

    def put(self, record: BaseModel) -> None:
        self.put_all([record])

    def put_all(self, records: Iterable[BaseModel]) -> None:
        """``put`` of each record, all validated before any is stored."""
        checked = [(TABLE_OF[type(record)], *self._checked(record)) for record in records]
        for name, document, record in checked:
            record_id: str = getattr(record, "id")  # noqa: B009
            self._store(name, record_id, document)
            self._changed.setdefault(name, {})[record_id] = record

    def remove(self, model: type[BaseModel], record_id: str) -> None:
        name = TABLE_OF[model]
        doc_id = self._doc_id(name, record_id)
        if doc_id is None:
            raise NotFoundError(name.rstrip("s"), record_id)
        del self._own_table(name)[str(doc_id)]
        del self._doc_ids[name][record_id]
        self._changed.setdefault(name, {})[record_id] = None

    def stamp(self, author: str) -> dict[str, Any]:
        meta_table = self._table(META_TABLE)
        stored = meta_table.get(doc_id=1)
        old: dict[str, Any] = dict(stored) if isinstance(stored, Mapping) else {}
        meta = {
            **old,
            "schema_version": SCHEMA_VERSION,
            "writes": write_count(old) + 1,
            "last_writer": author,
            "last_pid": os.getpid(),
            "last_write_at": datetime.now(UTC).isoformat(timespec="seconds"),
            **self._extra_meta,
        }
        meta_table.truncate()
        meta_table.insert(Document(meta, doc_id=1))
        return meta

    def patched(self, meta: Mapping[str, Any]) -> Snapshot:
        """The snapshot after this transaction, without validating the whole file again."""
        tables: dict[str, Any] = {}
        for name, changes in self._changed.items():
            records = dict(getattr(self.snapshot, name))
            for record_id, record in changes.items():
                if record is None:
                    records.pop(record_id, None)
                else:
                    records[record_id] = record
            tables[name] = records
        return replace(self.snapshot, meta=meta, **tables)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import adds, updates and leaves unchanged: record ids by table."""

    added: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: dict[str, list[str]] = field(default_factory=dict)

    def count(self, what: str) -> int:
        """How many records were ``added``, ``updated`` or ``unchanged``."""
        tables: dict[str, list[str]] = getattr(self, what)
        return sum(len(ids) for ids in tables.values())


def merge_import(
    snapshot: Snapshot, records: Iterable[BaseModel], base: Snapshot | None = None
) -> tuple[list[BaseModel], ImportSummary]:
    """The records to write for an import into ``snapshot``, and what each one does.

    A record whose id exists is merged as a form's edit is (``save_edit``): ``base`` is the
    version the import was checked against (the file itself when None); fields the import
    changes from it win, other fields keep the latest stored value, and a field that both
    changed to different values raises ``ConflictError``.
    """
    summary = ImportSummary()
    writes: list[BaseModel] = []
    for record in records:
        model = type(record)
        name = TABLE_OF[model]
        record_id: str = getattr(record, "id")  # noqa: B009
        current = getattr(snapshot, name).get(record_id)
        if current is None:
            summary.added.setdefault(name, []).append(record_id)
            writes.append(record)
            continue
        original = getattr(base, name).get(record_id, current) if base is not None else current
        mine = [f for f in model.model_fields if getattr(record, f) != getattr(original, f)]
        merged, clashes = merge_edit(original, record, current)
        if clashes:
            raise ConflictError(name.rstrip("s"), record_id, clashes, merged, theirs=current)
        if merged == current:
            summary.unchanged.setdefault(name, []).append(record_id)
            continue
        try:
            merged = model.model_validate(merged.model_dump(), context=STORED)
        except ValidationError:  # each side valid, the mix of both is not
            raise ConflictError(name.rstrip("s"), record_id, mine) from None
        summary.updated.setdefault(name, []).append(record_id)
        writes.append(merged)
    return writes, summary


class Repository:
    """Programmes, teams, assessments, pilots and exchange rates in one shared JSON file."""

    def __init__(self, path: Path, *, author: str | None = None, read_only: bool = False) -> None:
        """With ``read_only`` (or when this user cannot write the file or its folder),
        every write raises ``ReadOnlyError`` and nothing is touched, not even the lock."""
        reason = "requested" if read_only else writable_problem(path.expanduser().absolute())
        self.file: DataFile[Snapshot] = DataFile(path, parse, read_only=reason)
        self.author = author or default_author()
        self._pairs: tuple[Snapshot, dict[tuple[str, str], Assessment]] | None = None
        self._indexes: dict[str, tuple[object, dict[str, int]]] = {}
        self.serve_last_good = False
        """When the file turns unusable, reads return its last good version (the app sets
        this and reports the problem from ``reload()``); writes still refuse."""
        self._seen_meta: Mapping[str, Any] | None = None
        self._others_write: LastWrite | None = None
        self._seen_lock = threading.Lock()
        self._look: FirstLook | None = None

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only is not None

    @property
    def read_only_reason(self) -> str | None:
        """``requested`` (--read-only), ``file`` or ``folder`` (no write permission)."""
        return self.file.read_only

    def last_write(self) -> LastWrite | None:
        """Who wrote the file last and when, from its meta record."""
        return last_write(self.snapshot().meta)

    def others_write(self) -> LastWrite | None:
        """The latest version written by someone else that this repository met since the
        last call (then forgotten), whether a read found it or a save was made over it (two
        saves a moment apart: the later one reads the other's version under the lock, and
        a reload never sees it). None if there was none; the version found when the file
        was first read does not count."""
        with self._seen_lock:
            news, self._others_write = self._others_write, None
        return news

    def _seen(self, meta: Mapping[str, Any], *, ours: bool = False) -> None:
        """Note who wrote a version read from the file, or written by ``ours`` (its meta
        record stands for it: a version read again, unchanged, keeps the same object)."""
        with self._seen_lock:
            if meta is self._seen_meta:
                return
            first = self._seen_meta is None
            self._seen_meta = meta
            written = last_write(meta)
            if not (first or ours) and written is not None:
                self._others_write = written

    @property
    def shared_group(self) -> str | None:
        """The group the file is shared with (``workbench share``), if any."""
        return shared_group(self.snapshot().meta)

    def refuse_unknown_group(self) -> None:
        """Open read-only (reason ``group``) a file shared with a group this machine does
        not have: no save of it could work here (``workbench share`` still can)."""
        group = shared_group(self.first_look().part.meta)
        if self.read_only or group is None:
            return
        try:
            group_id(group)
        except StorageError:
            self.file.read_only = "group"

    def _shared_gid(self, group: str) -> int:
        try:
            return group_id(group)
        except StorageError:
            raise StorageError(
                f"{self.path} is shared with the group {group!r}, which this machine does not "
                "have: it cannot be saved here. Its owner can share it with a group of this "
                "machine (`workbench share --group NAME`); or open it with --read-only",
                key="storage.group_unknown_here",
                path=self.path,
                group=repr(group),
            ) from None

    def share_with_group(self, group: str) -> list[Path]:
        """Make the file, its backups and its lock read/write for ``group`` (a name or a
        number), now and after every later write whatever the writer's umask."""
        gid = group_id(group)
        with self.transaction(force_write=True) as tx:
            tx.set_meta(shared_group=group)
            changed = self.file.share_with(gid)
        return changed

    @property
    def backup_path(self) -> Path:
        return self.file.backup_path

    # reading: lock-free, cached until the file changes

    def snapshot(self) -> Snapshot:
        try:
            return self._current(self.file.load())
        except StorageError:
            last_good = self.file.cached
            if self.serve_last_good and last_good is not None:
                return last_good.parsed
            raise

    def first_look(self) -> FirstLook:
        """What the first screen shows (the programmes and how many records use each).
        Before the file was loaded, from a look at its records (``DataFile.peek``) that
        leaves the others to the next ``snapshot()`` (which validates them all, and fails
        as it always did); the full load when the look cannot tell."""
        if self.file.cached is None:
            if self._look is None:
                self._look = self.file.peek(first_look)
            if self._look is not None:
                return self._look
        return FirstLook.of(self.snapshot())

    def loaded_as_looked(self) -> bool:
        """The version loaded is the one the first look was taken from (then let go)."""
        look, self._look = self._look, None
        cached = self.file.cached
        return look is not None and cached is not None and cached.raw is look.raw

    @property
    def loaded(self) -> Snapshot | None:
        """The version read or written last, by any call, without looking at the file."""
        cached = self.file.cached
        return cached.parsed if cached is not None else None

    def reload(self) -> Snapshot:
        """The file's current version, its bytes read whatever its stat says;
        ``StorageError`` if it cannot be used."""
        return self._current(self.file.load(deep=True))

    def _current(self, loaded: Loaded[Snapshot]) -> Snapshot:
        """``loaded``'s snapshot; the document indexes of an older version are let go (they
        held its tables: after another writer's save, every document of the old version)."""
        self._seen(loaded.parsed.meta)
        if any(loaded.raw.get(name) is not table for name, (table, _) in self._indexes.items()):
            self._indexes = {
                name: known
                for name, known in self._indexes.items()
                if loaded.raw.get(name) is known[0]
            }
        return loaded.parsed

    def has_changed(self, *, deep: bool = False) -> bool:
        """One stat; with ``deep``, the file's bytes compared as well (a few ms per MB)."""
        return self.file.has_changed(deep=deep)

    def programmes(self) -> list[Programme]:
        return sorted(self.snapshot().programmes.values(), key=lambda p: p.name.casefold())

    def teams(self) -> list[Team]:
        return sorted(self.snapshot().teams.values(), key=lambda t: t.name.casefold())

    def assessments(self) -> list[Assessment]:
        return list(self.snapshot().assessments.values())

    def pilots(self) -> list[Pilot]:
        return sorted(self.snapshot().pilots.values(), key=lambda p: p.name.casefold())

    def rates(self) -> list[Rate]:
        """The exchange rates, by pair then newest first."""
        return sorted(
            self.snapshot().rates.values(), key=lambda r: (r.pair, -r.on.toordinal(), r.id)
        )

    def diagnostics(self) -> list[Diagnostic]:
        """The diagnostic sessions, oldest first."""
        return sorted(self.snapshot().diagnostics.values(), key=lambda d: (d.started_at, d.id))

    def exchange(self) -> Rates:
        """The usable rates of the file, for conversion."""
        return Rates(self.snapshot().rates.values())

    def programme(self, programme_id: str) -> Programme:
        return _get(self.snapshot().programmes, "programme", programme_id)

    def team(self, team_id: str) -> Team:
        return _get(self.snapshot().teams, "team", team_id)

    def assessment(self, assessment_id: str) -> Assessment:
        return _get(self.snapshot().assessments, "assessment", assessment_id)

    def pilot(self, pilot_id: str) -> Pilot:
        return _get(self.snapshot().pilots, "pilot", pilot_id)

    def assessment_for(self, team_id: str, programme_id: str) -> Assessment | None:
        return self._assessment_index(self.snapshot()).get((team_id, programme_id))

    def _assessment_index(self, snapshot: Snapshot) -> dict[tuple[str, str], Assessment]:
        """Assessments by (team, programme), at most one each (validation refuses more);
        built once per snapshot object (every change makes a new snapshot)."""
        if self._pairs is not None and self._pairs[0] is snapshot:
            return self._pairs[1]
        index = {(a.team_id, a.programme_id): a for a in snapshot.assessments.values()}
        self._pairs = (snapshot, index)
        return index

    # writing: one transaction each

    @contextmanager
    def transaction(self, *, force_write: bool = False) -> Iterator[Transaction]:
        self.file.refuse_if_read_only()
        self._current(self.file.load())  # a slow reload here, before others wait for the lock
        with self.file.locked():
            loaded = self.file.load_locked()  # the bytes compared: a stat can lie
            self._seen(loaded.parsed.meta)
            tx = Transaction(migrate(loaded.raw), loaded.parsed, self._indexes)
            yield tx
            if (tx.changed or force_write) and not tx.cancelled:
                meta = tx.stamp(self.author)
                group = shared_group(meta)
                gid = self._shared_gid(group) if group is not None else None
                self.file.replace(tx.raw, tx.patched(meta), group=gid)
                self._seen(meta, ours=True)
                self._indexes = tx.indexes()

    def ensure_exists(self, records: Iterable[BaseModel] = ()) -> bool:
        """Create the file if it is missing, holding ``records``; True if it was created."""
        if self.file.exists():
            self.snapshot()
            return False
        self.file.refuse_if_read_only()
        with self.transaction(force_write=True) as tx:
            if self.file.exists():
                tx.cancel()
                return False
            for record in records:
                tx.put(record)
        return True

    def save_programme(self, programme: Programme) -> Programme:
        with self.transaction() as tx:
            tx.put(programme)
        return programme

    def retire_programme(self, programme_id: str, on: datetime | None = None) -> Programme:
        when = (on or now_utc()).date()
        return self.update(
            Programme,
            programme_id,
            lambda p: p.model_copy(update={"status": Status.RETIRED, "status_date": when}),
        )

    def delete_programme(self, programme_id: str) -> None:
        with self.transaction() as tx:
            used = [
                f"assessment {a.id}"
                for a in tx.snapshot.assessments.values()
                if a.programme_id == programme_id
            ] + [
                f"pilot {p.name}"
                for p in tx.snapshot.pilots.values()
                if p.programme_id == programme_id
            ]
            used += [
                f"programme {p.name}"
                for p in tx.snapshot.programmes.values()
                if p.successor_id == programme_id
            ]
            if used:
                raise InUseError("programme", programme_id, used)
            tx.remove(Programme, programme_id)

    def save_team(self, team: Team) -> Team:
        with self.transaction() as tx:
            tx.put(team)
        return team

    def delete_team(self, team_id: str) -> None:
        with self.transaction() as tx:
            used = [
                f"assessment {a.id}"
                for a in tx.snapshot.assessments.values()
                if a.team_id == team_id
            ] + [f"pilot {p.name}" for p in tx.snapshot.pilots.values() if p.team_id == team_id]
            if used:
                raise InUseError("team", team_id, used)
            tx.remove(Team, team_id)

    def open_assessment(self, team_id: str, programme_id: str) -> Assessment:
        """The assessment of this team x programme, created if there is none yet."""
        with self.transaction() as tx:
            _get(tx.snapshot.teams, "team", team_id)
            _get(tx.snapshot.programmes, "programme", programme_id)
            found = self._assessment_index(tx.snapshot).get((team_id, programme_id))
            if found is not None:
                return found
            created = Assessment(
                team_id=team_id,
                programme_id=programme_id,
                created_by=self.author,
                updated_by=self.author,
            )
            tx.put(created)
        return created

    def edit_assessments(
        self, edits: Iterable[tuple[str, str, Callable[[Assessment], Assessment]]]
    ) -> list[Assessment]:
        """Apply each (team id, programme id, change) to the latest stored assessment of
        that pair, created if there is none yet, in order and in one transaction: a burst
        of score keys costs one write. All of them are written, or none."""
        with self.transaction() as tx:
            return self._edit_assessments_in(tx, edits)

    def _edit_assessments_in(
        self, tx: Transaction, edits: Iterable[tuple[str, str, Callable[[Assessment], Assessment]]]
    ) -> list[Assessment]:
        index = dict(self._assessment_index(tx.snapshot))
        results: list[Assessment] = []
        for team_id, programme_id, change in edits:
            current = index.get((team_id, programme_id))
            if current is None:
                _get(tx.snapshot.teams, "team", team_id)
                _get(tx.snapshot.programmes, "programme", programme_id)
                current = Assessment(
                    team_id=team_id,
                    programme_id=programme_id,
                    created_by=self.author,
                    updated_by=self.author,
                )
            updated = change(current)
            tx.put(updated)
            index[(team_id, programme_id)] = updated
            results.append(updated)
        return results

    def replay_changes(self, changes: Iterable[PendingChange]) -> list[Replayed]:
        """Apply again, in order and in one transaction, changes the app queued but did
        not write (the recovery journal's): each one only where the file still holds the
        value it replaced (``replay``), never over a change someone saved since."""
        with self.transaction() as tx:
            index = dict(self._assessment_index(tx.snapshot))
            done: list[Replayed] = []
            for pending in changes:
                pair = (pending.team_id, pending.programme_id)
                current = index.get(pair)
                if current is None and (
                    pending.team_id not in tx.snapshot.teams
                    or pending.programme_id not in tx.snapshot.programmes
                ):
                    done.append(Replayed(pending, Outcome.GONE))
                    continue
                outcome = replay(pending, current)
                if outcome.outcome is Outcome.APPLIED:
                    base = current or Assessment(
                        team_id=pending.team_id,
                        programme_id=pending.programme_id,
                        created_by=self.author,
                        updated_by=self.author,
                    )
                    updated = pending.change.apply(base)
                    tx.put(updated)
                    index[pair] = updated
                done.append(outcome)
        return done

    def update(self, model: type[M], record_id: str, change: Callable[[M], M]) -> M:
        """Apply ``change`` to the latest stored version of a record, under the lock."""
        name = TABLE_OF[model]
        with self.transaction() as tx:
            current = _get(getattr(tx.snapshot, name), name.rstrip("s"), record_id)
            updated = change(current)
            tx.put(updated)
        return updated

    def save_edit(self, original: M, edited: M) -> M:
        """Save a form's edit of ``original``, merged with what others changed meanwhile.

        Fields the edit did not touch keep the latest stored value; a field (or a sub-field
        of a field such as the objective) both changed to different values raises
        ``ConflictError`` and nothing is written.
        """
        model = type(edited)
        name = TABLE_OF[model]
        record_id: str = getattr(edited, "id")  # noqa: B009
        with self.transaction() as tx:
            current: M = _get(getattr(tx.snapshot, name), name.rstrip("s"), record_id)
            merged, conflicts = merge_edit(original, edited, current)
            if conflicts:
                last = last_write(tx.snapshot.meta)
                raise ConflictError(
                    name.rstrip("s"), record_id, conflicts, merged, last, theirs=current
                )
            try:
                merged = model.model_validate(merged.model_dump(mode="python"), context=STORED)
            except ValidationError as error:
                first = error.errors(include_url=False)[0]
                raise StorageError(
                    f"your changes and those saved meanwhile by someone else do not fit "
                    f"together ({first['msg']}); close the form and open it again",
                    key="storage.merge_invalid",
                    error=Reason(first["msg"], f"errors.{first['type']}", first.get("ctx") or {}),
                ) from None
            tx.put(merged)
        return merged

    def resolve_conflict(self, conflict: ConflictError, keep_mine: Iterable[str]) -> BaseModel:
        """Save the user's answer to ``conflict``: the latest stored record, every field the
        edit changed, and per clashing field the value chosen (yours for those in
        ``keep_mine``). The answer is an edit of the record the conflict was found against
        (not of ``merged``: from there, the edit's other changes would look untouched and be
        lost); a field changed again meanwhile raises a new ``ConflictError``.
        ``pydantic.ValidationError`` if the mix chosen is not valid; nothing is written."""
        if conflict.theirs is None or conflict.merged is None:
            raise ValueError("this conflict carries no stored version to resolve")
        return self.save_edit(conflict.theirs, conflict.resolve(keep_mine))

    def import_records(
        self,
        records: Iterable[BaseModel],
        *,
        base: Snapshot | None = None,
        edits: Iterable[tuple[str, str, Callable[[Assessment], Assessment]]] = (),
    ) -> ImportSummary:
        """Add or update ``records`` in one transaction: all of them, or none; then, in the
        same transaction, the assessment ``edits`` as ``edit_assessments`` applies them.

        Existing ids are merged with ``merge_import`` (``base``: the snapshot the import was
        checked against). A reference the result would leave dangling, or a second
        assessment of one team x programme, refuses the whole import.
        """
        records = list(records)
        with self.transaction() as tx:
            writes, summary = merge_import(tx.snapshot, records, base)
            for record in writes:
                tx.put(record)
            self._edit_assessments_in(tx, edits)
            problems = reference_problems(tx.patched(dict(tx.snapshot.meta)))
            if problems:
                raise ImportRefusedError([str(problem) for problem in problems])
        return summary

    def delete_assessment(self, assessment_id: str) -> None:
        with self.transaction() as tx:
            used = [
                f"pilot {p.name}"
                for p in tx.snapshot.pilots.values()
                if p.assessment_id == assessment_id
            ]
            if used:
                raise InUseError("assessment", assessment_id, used)
            tx.remove(Assessment, assessment_id)

    def save_pilot(self, pilot: Pilot) -> Pilot:
        with self.transaction() as tx:
            _get(tx.snapshot.teams, "team", pilot.team_id)
            _get(tx.snapshot.programmes, "programme", pilot.programme_id)
            tx.put(pilot)
        return pilot

    def delete_pilot(self, pilot_id: str) -> None:
        with self.transaction() as tx:
            tx.remove(Pilot, pilot_id)

    def save_rate(self, rate: Rate) -> Rate:
        with self.transaction() as tx:
            tx.put(rate)
        return rate

    def delete_rate(self, rate_id: str) -> None:
        with self.transaction() as tx:
            tx.remove(Rate, rate_id)

    def save_diagnostic(self, session: Diagnostic) -> Diagnostic:
        with self.transaction() as tx:
            _get(tx.snapshot.teams, "team", session.team_id)
            tx.put(session)
        return session


def merge_edit(original: M, edited: M, current: M) -> tuple[M, list[FieldConflict]]:
    """``current`` with every field (or sub-field) ``edited`` changed from ``original``;
    the ones ``current`` also changed, to another value, are conflicts and keep theirs."""
    updates: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for attribute in type(edited).model_fields:
        before, mine, theirs = (getattr(m, attribute) for m in (original, edited, current))
        if mine == before:
            continue
        if (
            isinstance(mine, BaseModel)
            and isinstance(before, BaseModel)
            and isinstance(theirs, BaseModel)
        ):
            inner, inner_conflicts = merge_edit(before, mine, theirs)
            updates[attribute] = inner
            conflicts += [replace(c, field=f"{attribute}.{c.field}") for c in inner_conflicts]
        elif theirs not in (before, mine):
            conflicts.append(FieldConflict(attribute, before, theirs, mine))
        else:
            updates[attribute] = mine
    return current.model_copy(update=updates), conflicts


def group_id(group: str) -> int:
    """The id of a group given by name or number; ``StorageError`` if there is none."""
    if group.isdigit():
        return int(group)
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise StorageError(
            f"There is no group {group!r} on this machine: create it (groupadd) and add "
            "each person to it (usermod -aG), then share again",
            key="storage.no_group",
            group=repr(group),
        ) from None


def _get(records: Mapping[str, M], kind: str, record_id: str) -> M:
    try:
        return records[record_id]
    except KeyError:
        raise NotFoundError(kind, record_id) from None
