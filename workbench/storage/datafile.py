"""A JSON file that several processes can share: lock, atomic replace, reload on change.

Readers never lock: the file is only ever replaced whole (``os.replace``), so a read sees
the old or the new version. Writers hold a file lock across the whole read-modify-write.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import orjson
from filelock import FileLock, Timeout

from workbench.core.json_position import utf8_problem
from workbench.storage.errors import DataFileError, LockTimeoutError

T = TypeVar("T")
RawData = dict[str, Any]

LOCK_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Identity:
    """What changes when another process replaces the file."""

    inode: int
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, stat: os.stat_result) -> Identity:
        return cls(stat.st_ino, stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True, slots=True)
class Loaded(Generic[T]):
    identity: Identity | None
    raw: RawData
    parsed: T


@functools.cache
def _new_file_mode() -> int:
    """What a new file gets: 0666 less the user's umask (read once: setting it is global)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing builds many objects at once; the collector walking them doubled a 10k load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def dumps(data: RawData) -> bytes:
    """Indented JSON: people read, diff and repair this file by hand, and `workbench check`
    gives line numbers that mean something. Sorting keys too doubled the dump at 10k."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


class DataFile(Generic[T]):
    """The file at ``path``. ``parse`` turns raw JSON into ``T`` or raises ``ValueError``.

    ``parse`` also gets the previous load, if any, so that it can reuse what did not change.
    """

    def __init__(self, path: Path, parse: Callable[[RawData, Loaded[T] | None], T]) -> None:
        self.path = path.expanduser().absolute()
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._temp_prefix = f".{self.path.name}.tmp-"
        self._parse = parse
        self._cache: Loaded[T] | None = None
        self._lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT_SECONDS, mode=_new_file_mode())

    # reading

    def current_identity(self) -> Identity | None:
        try:
            return Identity.of(os.stat(self.path))
        except FileNotFoundError:
            return None

    def has_changed(self) -> bool:
        """Cheap (one stat): has the file changed since we last read or wrote it?"""
        cached = self._cache.identity if self._cache else None
        return self._cache is None or self.current_identity() != cached

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> Loaded[T]:
        """The file's content, parsed; read again only if its identity changed."""
        cache = self._cache
        if cache is not None and self.current_identity() == cache.identity:
            return cache
        try:
            with open(self.path, "rb") as handle:
                identity = Identity.of(os.fstat(handle.fileno()))
                if cache is not None and identity == cache.identity:
                    return cache
                content = handle.read()
        except FileNotFoundError:
            loaded = Loaded(None, {}, self._parse_or_fail({}, None))
            self._cache = loaded
            return loaded
        except OSError as error:
            raise DataFileError(
                self.path, error.strerror or str(error), self.backup_path
            ) from error
        with _gc_paused():
            try:
                raw = orjson.loads(content) if content.strip() else {}
            except orjson.JSONDecodeError as error:
                bad_byte = utf8_problem(content)
                if bad_byte is not None:
                    line, column, what = bad_byte
                    raise DataFileError(
                        self.path, f"{what} at line {line}, column {column}", self.backup_path
                    ) from error
                raise DataFileError(
                    self.path, f"not valid JSON ({error})", self.backup_path
                ) from error
            if not isinstance(raw, dict):
                raise DataFileError(
                    self.path, "the top level is not a JSON object", self.backup_path
                )
            loaded = Loaded(identity, raw, self._parse_or_fail(raw, cache))
        self._cache = loaded
        return loaded

    def _parse_or_fail(self, raw: RawData, previous: Loaded[T] | None) -> T:
        try:
            return self._parse(raw, previous)
        except ValueError as error:
            raise DataFileError(self.path, str(error), self.backup_path) from error

    # writing

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._lock:
                self._remove_stale_temps()
                yield
        except Timeout as error:
            raise LockTimeoutError(self.lock_path, LOCK_TIMEOUT_SECONDS) from error

    def replace(self, raw: RawData, parsed: T) -> Loaded[T]:
        """Write ``raw`` atomically, keeping the previous version as ``.bak``. Hold the lock."""
        if not self._lock.is_locked:
            raise RuntimeError("replace() needs the lock: use it inside locked()")
        content = dumps(raw)
        mode = self._file_mode()
        fd, temp_name = tempfile.mkstemp(prefix=self._temp_prefix, dir=self.path.parent)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fchmod(handle.fileno(), mode)
                os.fsync(handle.fileno())
            self._keep_backup()
            os.replace(temp, self.path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        self._fsync_folder()
        loaded = Loaded(Identity.of(os.stat(self.path)), raw, parsed)
        self._cache = loaded
        return loaded

    def _file_mode(self) -> int:
        """Keep the mode of the file we replace (a shared group keeps its access)."""
        try:
            return os.stat(self.path).st_mode & 0o777
        except FileNotFoundError:
            return _new_file_mode()

    def _keep_backup(self) -> None:
        if not self.path.exists():
            return
        link = self.path.with_name(f"{self._temp_prefix}bak-{os.getpid()}")
        link.unlink(missing_ok=True)
        try:
            os.link(self.path, link)
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK):
                raise
            link.write_bytes(self.path.read_bytes())
        os.replace(link, self.backup_path)

    def _fsync_folder(self) -> None:
        try:
            fd = os.open(self.path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def _remove_stale_temps(self) -> None:
        """Under the lock no write is under way, so any temp file is left from a crash."""
        for leftover in self.path.parent.glob(f"{self._temp_prefix}*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
