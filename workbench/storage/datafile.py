"""A JSON file that several processes can share: lock, atomic replace, reload on change.

Readers never lock: the file is only ever replaced whole (``os.replace``), so a read sees
the old or the new version. Writers hold a file lock across the whole read-modify-write,
and under the lock they read the file's bytes again: whether the cached copy is current
is decided by its content, never by stat fields alone (1-second timestamps and reused
inode numbers make a new version of the same size look like the old one). The bytes are
not kept: their length and SHA-256 stand for them (49 MB less held at 20k assessments).

A symbolic link is followed: the file, its backups, temp files and lock live where the
link points. A new file is private (0600); a shared one keeps group read/write on every
write, whatever each user's umask.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import io
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson

from workbench.core.json_position import bad_utf8
from workbench.storage.errors import (
    DataFileError,
    FileSystemError,
    LockTimeoutError,
    ReadOnlyError,
    Reason,
)
from workbench.storage.schema import InvalidDataError

if TYPE_CHECKING:
    from filelock import FileLock

T = TypeVar("T")
L = TypeVar("L")
RawData = dict[str, Any]

LOCK_TIMEOUT_SECONDS = 10.0
"""A save gives up only when the lock stayed taken this long while the file did not change."""
LOCK_ATTEMPT_SECONDS = 0.5
PRIVATE_MODE = 0o600
SHARED_MODE = 0o660
NUMBERED_BACKUPS = 4
"""Besides ``.bak`` (the previous version): ``.bak.1`` ... ``.bak.4``, older and older."""
NUMBERED_BACKUP_EVERY_SECONDS = 600.0
"""A version enters ``.bak.1`` when the one there was taken at least this long ago: from
``.bak.1`` to ``.bak.4`` are thirty minutes at least, not the last four keystrokes. When a
backup was taken is its modification time, set when it enters ``.bak.1`` (``os.replace``
keeps it as it moves on to ``.bak.4``)."""
READ_CHUNK = 1 << 20
"""A file compared with its fingerprint is read this much at a time, into one buffer."""
HASH_IN_THREAD_FROM = 1 << 20
"""Bytes hashed in a thread from this size on (below, a thread costs more than the hash)."""
_TEMP_TAIL = re.compile(r"[a-z0-9_]{8}|bak-[0-9]+")
_NO_HARD_LINKS = (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK)


@dataclass(frozen=True, slots=True)
class Identity:
    """What usually changes when another process replaces the file (a cheap hint only)."""

    inode: int
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, stat_result: os.stat_result) -> Identity:
        return cls(stat_result.st_ino, stat_result.st_mtime_ns, stat_result.st_size)


class Fingerprint:
    """One version of the file's bytes, told from any other without keeping them: their
    length and SHA-256."""

    __slots__ = ("_digest", "_hashing", "size")

    def __init__(self, size: int, digest: bytes | None = None) -> None:
        self.size = size
        self._digest = digest
        self._hashing: threading.Thread | None = None

    @classmethod
    def of(cls, content: bytes) -> Fingerprint:
        """The fingerprint of ``content``, hashed in a thread: hashlib lets go of the GIL,
        so the hashing runs beside the parse or the write rather than after it (and the
        bytes are let go once hashed)."""
        if len(content) < HASH_IN_THREAD_FROM:
            return cls(len(content), hashlib.sha256(content).digest())
        fingerprint = cls(len(content))

        def digest() -> None:
            with contextlib.suppress(MemoryError):  # then it equals nothing: read again
                fingerprint._digest = hashlib.sha256(content).digest()

        fingerprint._hashing = threading.Thread(target=digest, daemon=True)
        fingerprint._hashing.start()
        return fingerprint

    @classmethod
    def read(cls, handle: io.BufferedReader) -> Fingerprint:
        """The fingerprint of what is left to read in ``handle``, read a chunk at a time
        (a whole 49 MB file at once costs more in fresh pages than the hashing)."""
        digest = hashlib.sha256()
        size = 0
        expected = os.fstat(handle.fileno()).st_size
        buffer = bytearray(min(READ_CHUNK, expected + 1))  # a small file: one small read
        view = memoryview(buffer)
        while count := handle.readinto(buffer):
            digest.update(view[:count])
            size += count
        return cls(size, digest.digest())

    @property
    def digest(self) -> bytes:
        """The SHA-256, empty if the hashing failed (out of memory in its thread)."""
        if self._hashing is not None:
            self._hashing.join()
        return self._digest or b""

    def __eq__(self, other: object) -> bool:
        """Equal bytes; a failed hashing equals nothing (the file is then read again)."""
        if not isinstance(other, Fingerprint):
            return NotImplemented
        if self.size != other.size:
            return False
        mine, theirs = self.digest, other.digest
        return bool(mine) and mine == theirs

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Loaded(Generic[T]):
    identity: Identity | None
    raw: RawData
    parsed: T
    fingerprint: Fingerprint | None = None
    """What the file's bytes were, as read or written (None: there was no file)."""


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing builds many objects at once; the collector walking them doubled a 10k load.

    They then live until the next version of the file: ``gc.freeze()`` leaves them out of
    later collections, which walked them again and again (20k assessments: three full
    passes of ~0.3 s each during start-up, and a pause now and then at each key). Refcounts
    still free them once replaced; models and raw JSON hold no reference cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _same_bytes(
    handle: io.BufferedReader, found: os.stat_result, known: Fingerprint | None
) -> bool:
    """Does the open file hold the bytes ``known`` stands for? Read only if the sizes
    match; the handle is left at the start for a full read otherwise."""
    if known is None or known.size != found.st_size:
        return False
    if Fingerprint.read(handle) == known:
        return True
    handle.seek(0)
    return False


def dumps(data: RawData) -> bytes:
    """Indented JSON: people read, diff and repair this file by hand, and `workbench check`
    gives line numbers that mean something. Sorting keys too doubled the dump at 10k."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def _mark_taken(path: Path, when: float) -> None:
    """Set the modification time of ``path`` to when it was taken as a backup. Only a file's
    owner may set a given time; another member of a shared file's group may still set it to
    the system's time now (the file is group writable), which is ``when`` outside tests."""
    try:
        os.utime(path, (when, when))
    except PermissionError:
        with contextlib.suppress(OSError):
            os.utime(path)
    except OSError:
        pass  # then the version's own time stands: the next backup comes sooner, never later


def writable_problem(path: Path) -> str | None:
    """Why this process cannot save ``path``, as a ``READ_ONLY_REASONS`` code (None if it
    can), found without touching anything."""
    real = Path(os.path.realpath(path))
    folder = real.parent
    if real.exists():
        # root may write anything: a file nobody may write is read-only by its mode bits
        if not stat.S_IMODE(real.stat().st_mode) & 0o222:
            return "marked"
        if not os.access(real, os.W_OK):
            return "file"
    else:
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return "folder"
    return None


class DataFile(Generic[T]):
    """The file at ``path``. ``parse`` turns raw JSON into ``T`` or raises ``ValueError``.

    ``parse`` also gets the previous load, if any, so that it can reuse what did not change.
    With ``read_only``, every write raises ``ReadOnlyError`` before touching any file.
    """

    def __init__(
        self,
        path: Path,
        parse: Callable[[RawData, Loaded[T] | None], T],
        *,
        read_only: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path.expanduser().absolute()
        self.real_path = Path(os.path.realpath(self.path))
        self.backup_path = self._beside(".bak")
        self.lock_path = self._beside(".lock")
        self.read_only = read_only
        """Why this file is open read-only (a ``READ_ONLY_REASONS`` code), or None."""
        self.clock = clock
        """The time now (seconds since the epoch): when a numbered backup is taken."""
        self._temp_prefix = f".{self.real_path.name}.tmp-"
        self._parse = parse
        self._cache: Loaded[T] | None = None
        self._peeked: tuple[Identity, RawData, Fingerprint, T] | None = None
        self._lock: FileLock | None = None
        self._checked_under_lock = False
        self._reading = threading.Lock()

    def _beside(self, suffix: str) -> Path:
        return self.real_path.with_name(self.real_path.name + suffix)

    def numbered_backup(self, number: int) -> Path:
        return self._beside(f".bak.{number}")

    # reading

    def current_identity(self) -> Identity | None:
        try:
            return Identity.of(os.stat(self.real_path))
        except FileNotFoundError:
            return None

    def has_changed(self, *, deep: bool = False) -> bool:
        """Has the file changed since we last read or wrote it? One stat, or with ``deep``
        a read of its bytes as well (a new version can keep the old stat fields)."""
        cache = self._cache
        if cache is None:
            return True
        try:
            if self.current_identity() != cache.identity:
                return True
            if not deep:
                return False
            with open(self.real_path, "rb") as handle:
                return Fingerprint.read(handle) != cache.fingerprint
        except FileNotFoundError:
            return cache.fingerprint is not None
        except OSError:
            return True  # load() says what is wrong

    @property
    def cached(self) -> Loaded[T] | None:
        """The last version read or written, if any."""
        return self._cache

    def exists(self) -> bool:
        return self.real_path.exists()

    def load(self, *, deep: bool = False) -> Loaded[T]:
        """The file's content, parsed; read again only if its stat fields changed (with
        ``deep``, its bytes are read and compared whatever the stat says)."""
        cache = self._cache
        if not deep and cache is not None and self.current_identity() == cache.identity:
            return cache
        return self._read(trust_stat=not deep)

    def peek(self, look: Callable[[RawData], tuple[T, L] | None]) -> L | None:
        """``look`` at the file's records before they are parsed (the first screen of a
        large file is drawn from them). None when the file was loaded already, cannot be
        read, is empty or not a JSON object, or ``look`` found it needs the whole parse:
        ``load`` then says why. ``look`` returns a part of the parse and what it shows; the
        next ``load`` parses the records looked at (keeping that part) without reading the
        file again, if its stat fields did not change meanwhile."""
        if self._cache is not None:
            return None
        with self._reading:
            try:
                with open(self.real_path, "rb") as handle:
                    identity = Identity.of(os.fstat(handle.fileno()))
                    content = handle.read()
            except OSError:
                return None
            if not content.strip():
                return None
            fingerprint = Fingerprint.of(content)
            with _gc_paused():
                try:
                    raw = orjson.loads(content)
                except orjson.JSONDecodeError:
                    return None
                del content
                seen = look(raw) if isinstance(raw, dict) else None
            if seen is None:
                return None
            self._peeked = (identity, raw, fingerprint, seen[0])
            return seen[1]

    def load_locked(self) -> Loaded[T]:
        """The file's content, read again and compared byte for byte. Hold the lock."""
        if self._lock is None or not self._lock.is_locked:
            raise RuntimeError("load_locked() needs the lock: use it inside locked()")
        loaded = self._read(trust_stat=False)
        self._checked_under_lock = True
        return loaded

    def _read(self, *, trust_stat: bool) -> Loaded[T]:
        with self._reading:  # the app reloads in a worker thread: one reader at a time
            return self._read_now(trust_stat=trust_stat)

    def _read_now(self, *, trust_stat: bool) -> Loaded[T]:
        cache = self._cache
        peeked, self._peeked = self._peeked, None
        try:
            with open(self.real_path, "rb") as handle:
                found = os.fstat(handle.fileno())
                identity = Identity.of(found)
                if trust_stat and cache is not None and identity == cache.identity:
                    return cache
                if trust_stat and cache is None and peeked is not None and identity == peeked[0]:
                    return self._parse_peeked(*peeked)
                if cache is not None and _same_bytes(handle, found, cache.fingerprint):
                    loaded = Loaded(identity, cache.raw, cache.parsed, cache.fingerprint)
                    self._cache = loaded
                    return loaded
                content = handle.read()
        except FileNotFoundError:
            if cache is not None and cache.fingerprint is None:
                return cache
            loaded = Loaded(None, {}, self._parse_or_fail({}, None))
            self._cache = loaded
            return loaded
        except OSError as error:
            raise FileSystemError(self.path, error, writing=False) from error
        if not content.strip():
            raise DataFileError(
                self.path,
                Reason(
                    "the file is empty (only a missing file starts a new workbench); "
                    "put back a previous version or delete it",
                    "storage.reason.empty",
                ),
                self.backup_path,
            )
        fingerprint = Fingerprint.of(content)
        with _gc_paused():
            try:
                raw = orjson.loads(content)
            except orjson.JSONDecodeError as error:
                bad_byte = bad_utf8(content)
                if bad_byte is not None:
                    line, column, byte = bad_byte
                    reason = Reason(
                        f"not valid UTF-8 (byte {byte}) at line {line}, column {column}",
                        "storage.reason.not_utf8",
                        {"byte": byte, "line": line, "column": column},
                    )
                    raise DataFileError(self.path, reason, self.backup_path) from error
                reason = Reason(
                    f"not valid JSON ({error})", "storage.reason.not_json", {"error": str(error)}
                )
                raise DataFileError(self.path, reason, self.backup_path) from error
            if not isinstance(raw, dict):
                reason = Reason("the top level is not a JSON object", "storage.reason.not_object")
                raise DataFileError(self.path, reason, self.backup_path)
            del content  # the models are built without the file's bytes beside them
            loaded = Loaded(identity, raw, self._parse_or_fail(raw, cache), fingerprint)
        self._cache = loaded
        return loaded

    def _parse_peeked(
        self, identity: Identity, raw: RawData, fingerprint: Fingerprint, part: T
    ) -> Loaded[T]:
        with _gc_paused():
            looked = Loaded(identity, raw, part, fingerprint)
            loaded = Loaded(identity, raw, self._parse_or_fail(raw, looked), fingerprint)
        self._cache = loaded
        return loaded

    def _parse_or_fail(self, raw: RawData, previous: Loaded[T] | None) -> T:
        try:
            return self._parse(raw, previous)
        except InvalidDataError as error:
            reason = Reason(str(error), error.key, error.params)
            raise DataFileError(self.path, reason, self.backup_path) from error
        except ValueError as error:
            raise DataFileError(self.path, str(error), self.backup_path) from error

    # writing

    def refuse_if_read_only(self) -> None:
        if self.read_only is not None:
            raise ReadOnlyError(self.path, self.read_only)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the lock; any OS error inside becomes a ``FileSystemError``."""
        self.refuse_if_read_only()
        try:
            self.real_path.parent.mkdir(parents=True, exist_ok=True)
            with self._acquired():
                self._remove_stale_temps()
                yield
        except OSError as error:
            raise FileSystemError(self.path, error, writing=True) from error

    @contextlib.contextmanager
    def _acquired(self) -> Iterator[None]:
        """Wait for the lock as long as others make progress (the file keeps changing);
        give up only when it stayed taken for ``LOCK_TIMEOUT_SECONDS`` with no change."""
        from filelock import FileLock, Timeout  # 15 ms the first screen does without

        lock = FileLock(self.lock_path, mode=self._lock_mode())
        progress = self._progress()
        progress_at = time.monotonic()
        while True:
            try:
                lock.acquire(timeout=LOCK_ATTEMPT_SECONDS, poll_interval=0.005)
                break
            except Timeout:
                now, seen = time.monotonic(), self._progress()
                if seen != progress:
                    progress, progress_at = seen, now
                elif now - progress_at >= LOCK_TIMEOUT_SECONDS:
                    raise LockTimeoutError(self.lock_path, LOCK_TIMEOUT_SECONDS) from None
        self._lock = lock
        self._checked_under_lock = False
        try:
            self._align_lock_file()
            yield
        finally:
            self._checked_under_lock = False
            self._drop_lock_of_missing_file()
            lock.release()

    def _drop_lock_of_missing_file(self) -> None:
        """A new file whose first write failed (a full disk) leaves no empty lock file
        behind. Removed while held: a waiter that then takes the old one sees it unlinked
        and takes the lock again on a new file (filelock checks the link count)."""
        if not self.real_path.exists():
            with contextlib.suppress(OSError):
                self.lock_path.unlink()

    def _progress(self) -> tuple[int, int, int, int] | None:
        try:
            found = os.stat(self.real_path)
        except OSError:
            return None
        return (found.st_ino, found.st_mtime_ns, found.st_ctime_ns, found.st_size)

    def _lock_mode(self) -> int:
        """The data file's read and write bits, the owner's always (the lock file is
        written by whoever takes it first, root on a group-only file included)."""
        try:
            return stat.S_IMODE(os.stat(self.real_path).st_mode) & 0o666 | PRIVATE_MODE
        except OSError:
            return PRIVATE_MODE

    def _align_lock_file(self) -> None:
        """A lock file this user owns gets the data file's group and mode (only an owner
        can change them; a group member's lock file is then usable by the whole group)."""
        try:
            data, lock = os.stat(self.real_path), os.stat(self.lock_path)
        except OSError:
            return
        if lock.st_uid != os.geteuid():
            return
        wanted = stat.S_IMODE(data.st_mode) & 0o666
        with contextlib.suppress(OSError):
            if lock.st_gid != data.st_gid:
                os.chown(self.lock_path, -1, data.st_gid)
            if stat.S_IMODE(lock.st_mode) != wanted:
                os.chmod(self.lock_path, wanted)

    def replace(self, raw: RawData, parsed: T, *, group: int | None = None) -> Loaded[T]:
        """Write ``raw`` atomically, keeping the previous versions as backups. Hold the
        lock and call ``load_locked()`` first. With ``group``, the file is group read/write
        for that group id; without, it keeps the mode and group of the file it replaces."""
        if self._lock is None or not self._lock.is_locked or not self._checked_under_lock:
            raise RuntimeError("replace() needs the lock and load_locked(): use locked()")
        self.refuse_if_read_only()
        content = dumps(raw)
        fingerprint = Fingerprint.of(content)
        try:
            existing: os.stat_result | None = os.stat(self.real_path)
        except FileNotFoundError:
            existing = None
        mode, gid = self._permissions(existing, group)
        fd, temp_name = tempfile.mkstemp(prefix=self._temp_prefix, dir=self.real_path.parent)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                if gid is not None and gid != os.fstat(handle.fileno()).st_gid:
                    try:
                        os.fchown(handle.fileno(), -1, gid)
                    except PermissionError:
                        if group is not None:
                            raise
                os.fchmod(handle.fileno(), mode)
                os.fsync(handle.fileno())
            if existing is not None:
                self._keep_backups()
            os.replace(temp, self.real_path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        # The cache first: the app's UI thread reads it while a save runs in a thread,
        # and a file that looks changed would be read and parsed again there.
        loaded = Loaded(Identity.of(os.stat(self.real_path)), raw, parsed, fingerprint)
        self._cache = loaded
        self._fsync_folder()
        return loaded

    def _permissions(
        self, existing: os.stat_result | None, group: int | None
    ) -> tuple[int, int | None]:
        if group is not None:
            return SHARED_MODE, group
        if existing is None:
            return PRIVATE_MODE, None
        return stat.S_IMODE(existing.st_mode), existing.st_gid

    def share_with(self, group: int) -> list[Path]:
        """Give ``group`` read/write access to the file, its backups and its lock (under
        the lock: ``replace(..., group=group)`` then keeps it so). The paths changed."""
        changed = []
        candidates = [self.real_path, self.lock_path, self.backup_path]
        candidates += [self.numbered_backup(n) for n in range(1, NUMBERED_BACKUPS + 1)]
        for path in candidates:
            if path.exists():
                os.chown(path, -1, group)
                os.chmod(path, SHARED_MODE)
                changed.append(path)
        return changed

    def _keep_backups(self) -> None:
        """The current version (valid: it was just loaded under the lock) becomes ``.bak``."""
        backup = self.backup_path
        with contextlib.suppress(FileNotFoundError):
            if os.path.samefile(backup, self.real_path):
                return  # a crash left them linked: .bak already holds this version
        link = self.real_path.with_name(f"{self._temp_prefix}bak-{os.getpid()}")
        link.unlink(missing_ok=True)
        try:
            try:
                os.link(self.real_path, link)
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                self._copy(self.real_path, link)
            self._rotate_numbered_backups()
            os.replace(link, backup)
        finally:
            link.unlink(missing_ok=True)  # left by a failure, or by a rename onto itself

    def _rotate_numbered_backups(self) -> None:
        """``.bak`` becomes ``.bak.1`` (the others move up one) when the backup in ``.bak.1``
        was taken ``NUMBERED_BACKUP_EVERY_SECONDS`` ago or more, by its modification time;
        a time further ahead than that is not believed (a copy, a clock put back)."""
        backup, first = self.backup_path, self.numbered_backup(1)
        if not backup.exists():
            return
        now = self.clock()
        try:
            age = now - os.stat(first).st_mtime
        except FileNotFoundError:
            age = None
        if age is not None and abs(age) < NUMBERED_BACKUP_EVERY_SECONDS:
            return
        for number in range(NUMBERED_BACKUPS, 1, -1):
            older = self.numbered_backup(number - 1)
            if older.exists():
                os.replace(older, self.numbered_backup(number))
        os.replace(backup, first)
        _mark_taken(first, now)

    @staticmethod
    def _copy(source: Path, target: Path) -> None:
        """A copy with the source's mode and group, where hard links are not allowed."""
        found = os.stat(source)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(source.read_bytes())
            with contextlib.suppress(PermissionError):
                os.fchown(handle.fileno(), -1, found.st_gid)
            os.fchmod(handle.fileno(), stat.S_IMODE(found.st_mode))
            os.fsync(handle.fileno())

    def _fsync_folder(self) -> None:
        try:
            fd = os.open(self.real_path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def _is_our_temp(self, name: str) -> bool:
        """``mkstemp``'s 8 random characters or the backup link after our exact prefix:
        ``.wb.json.tmp-x.json.tmp-abcdefgh`` belongs to ``wb.json.tmp-x.json``, not to us."""
        if not name.startswith(self._temp_prefix):
            return False
        return _TEMP_TAIL.fullmatch(name[len(self._temp_prefix) :]) is not None

    def _remove_stale_temps(self) -> None:
        """Under the lock no write is under way, so any temp file is left from a crash.
        Names are compared as text: a glob would read ``wb[old].json`` as a pattern."""
        with os.scandir(self.real_path.parent) as entries:
            for entry in entries:
                if self._is_our_temp(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
