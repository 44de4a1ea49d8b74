"""Saves off the UI thread: one worker, one write at a time, in the order they were made.

A score key puts an ``AssessmentEdit`` in the queue and returns at once; the screen shows
the assessment with every edit still queued applied (``preview``). The worker writes the
edits waiting at the head of the queue in one transaction, so twenty quick keys cost one
or two writes of the whole file, not twenty, and the file receives them in their order.

A write that fails stops the queue: the failed edits and every later one stay queued and
on screen until ``retry()`` writes them (or the user explicitly ``discard()``s them).

A form needs its result (to close, or to show a conflict): ``submit(..., waited=True)``
queues its write behind the edits made before it, and ``wait()`` blocks until it ran. A
failed form write is handed back to the form (the form keeps what was typed) instead of
stopping the queue.

No Textual here: the app gives ``wake``, called from the worker after each write, and
calls ``take_finished()`` on its own thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from workbench.core.assessment import Assessment
from workbench.core.assessment_change import AssessmentChange, PendingChange
from workbench.storage.recovery import RecoveryJournal
from workbench.storage.repository import Repository

MAX_BATCH = 500
"""Edits written together at most: one transaction, one write of the file."""


class SaveState(Enum):
    IDLE = "idle"
    SAVING = "saving"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class AssessmentEdit:
    """A change to the assessment of one team x programme (created if there is none)."""

    team_id: str
    programme_id: str
    change: AssessmentChange


@dataclass(eq=False, slots=True)
class Save:
    """One queued write: an assessment edit, or any change to the repository (``write``)."""

    write: Callable[[Repository], object] | None = None
    edit: AssessmentEdit | None = None
    waited: bool = False
    """A form waits for this one: a failure is handed back to it, not kept in the queue."""
    seq: int = 0
    """Its number in the recovery journal (an edit only)."""
    result: object = None
    error: Exception | None = None
    finished: bool = False
    """Written (``error`` None), or handed back failed (a waited save only)."""


class SaveQueue:
    """The queue of saves of one repository and the thread that writes them."""

    def __init__(
        self,
        repository: Repository,
        wake: Callable[[], object],
        clock: Callable[[], datetime] = datetime.now,
        journal: RecoveryJournal | None = None,
    ) -> None:
        self.repository = repository
        self.journal = journal
        """Each edit is recorded there as it is queued, and marked once written."""
        self._seq = 0
        self._wake = wake
        self._clock = clock
        self._condition = threading.Condition()
        self._queue: list[Save] = []
        self._finished: list[Save] = []
        self._writing = False
        self._batch: list[Save] = []
        self._closing = False
        self._thread: threading.Thread | None = None
        self.failure: Exception | None = None
        """Why the save at the head of the queue failed; None while the queue flows."""
        self.saved_at: datetime | None = None
        """When this queue last wrote the file (local time)."""
        self.io = threading.Lock()
        """Held during each write: a reload of the file takes it too, so that a reload
        and a save never update the repository's cached copy at the same time."""

    # the UI thread's side

    def submit_edit(self, edit: AssessmentEdit) -> Save:
        save = Save(edit=edit)
        if self.journal is None:
            return self._submit(save)
        stored = self.repository.assessment_for(edit.team_id, edit.programme_id)
        shown = self.preview(edit.team_id, edit.programme_id, stored)
        pending = PendingChange(
            edit.team_id, edit.programme_id, edit.change, edit.change.value_in(shown)
        )
        return self._submit(save, pending)

    def submit(self, write: Callable[[Repository], object], *, waited: bool = False) -> Save:
        return self._submit(Save(write=write, waited=waited))

    def _submit(self, save: Save, pending: PendingChange | None = None) -> Save:
        with self._condition:
            if self._closing:
                raise RuntimeError("the save queue is closed")
            if pending is not None and self.journal is not None:
                self._seq += 1
                save.seq = self._seq
                self.journal.append(save.seq, pending)
            self._queue.append(save)
            self._start()
            self._condition.notify_all()
        return save

    def wait(self, save: Save, timeout: float | None = None) -> bool:
        """Block until ``save`` ran (True), or the queue stopped on an earlier failure or
        ``timeout`` passed (False: ``withdraw`` it, or ``retry``)."""
        with self._condition:
            return self._condition.wait_for(
                lambda: save.finished or (self.failure is not None and not self._writing),
                timeout,
            ) and (save.finished)

    def withdraw(self, save: Save) -> bool:
        """Take back a save that has not run (a form gives up); True if it was queued."""
        with self._condition:
            if save in self._queue and save not in self._batch:
                self._queue.remove(save)
                return True
            return False

    def retry(self) -> None:
        """Write what failed, and everything after it, again."""
        with self._condition:
            self.failure = None
            self._start()
            self._condition.notify_all()

    def discard(self) -> int:
        """Forget every save not written yet (the user chose to); how many there were."""
        with self._condition:
            dropped = [save for save in self._queue if save not in self._batch]
            self._queue = list(self._batch)
            self._journal_written(dropped)
            self.failure = None
            self._condition.notify_all()
        return len(dropped)

    def take_finished(self) -> list[Save]:
        """The saves written (or handed back) since the last call, in their order."""
        with self._condition:
            finished, self._finished = self._finished, []
        return finished

    @property
    def state(self) -> SaveState:
        with self._condition:
            if self.failure is not None:
                return SaveState.FAILED
            return SaveState.SAVING if self._queue else SaveState.IDLE

    @property
    def unsaved(self) -> int:
        """How many changes are not in the file yet."""
        with self._condition:
            return len(self._queue)

    @property
    def closed(self) -> bool:
        """``close`` was called: no more saves are accepted."""
        with self._condition:
            return self._closing

    def idle(self) -> bool:
        """Nothing queued, nothing being written."""
        with self._condition:
            return not self._queue and not self._writing

    def preview(
        self, team_id: str, programme_id: str, stored: Assessment | None
    ) -> Assessment | None:
        """The assessment of this pair as it will be once the queue is written: ``stored``
        (the file's version, None if there is none yet) with every queued edit applied."""
        with self._condition:
            edits = [
                save.edit
                for save in self._queue
                if save.edit is not None
                and (save.edit.team_id, save.edit.programme_id) == (team_id, programme_id)
            ]
        if not edits:
            return stored
        assessment = stored
        if assessment is None:
            author = self.repository.author
            assessment = Assessment(
                team_id=team_id, programme_id=programme_id, created_by=author, updated_by=author
            )
        for edit in edits:
            assessment = edit.change.apply(assessment)
        return assessment

    def close(self, timeout: float | None = None) -> bool:
        """Let the worker write what is queued (unless a write failed), then stop it.
        True when nothing is left unsaved."""
        with self._condition:
            self._closing = True
            self._condition.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
        with self._condition:
            return not self._queue

    # the worker's side

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="workbench-saves", daemon=True)
            self._thread.start()

    def _next_batch(self) -> list[Save]:
        head = self._queue[0]
        if head.edit is None:
            return [head]
        batch: list[Save] = []
        for save in self._queue[:MAX_BATCH]:
            if save.edit is None:
                break
            batch.append(save)
        return batch

    def _work(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(
                    lambda: self._closing or (bool(self._queue) and self.failure is None)
                )
                if not self._queue or self.failure is not None:
                    return  # closing, with nothing more this queue may write
                batch = self._next_batch()
                self._batch = batch
                self._writing = True
            try:
                with self.io:
                    results = self._write(batch)
            except Exception as error:  # every failure is shown and kept, whatever it is
                self._failed(batch, error)
            else:
                self._written(batch, results)
            self._wake()

    def _write(self, batch: list[Save]) -> list[object]:
        head = batch[0]
        if head.write is not None:
            return [head.write(self.repository)]
        edits = [
            (save.edit.team_id, save.edit.programme_id, save.edit.change.apply)
            for save in batch
            if save.edit is not None
        ]
        return list(self.repository.edit_assessments(edits))

    def _written(self, batch: list[Save], results: list[object]) -> None:
        with self._condition:
            for save, result in zip(batch, results, strict=True):
                save.result = result
                save.finished = True
            self._queue = [save for save in self._queue if save not in batch]
            self._journal_written(batch)
            self._finished.extend(batch)
            self.saved_at = self._clock()
            self._batch = []
            self._writing = False
            self._condition.notify_all()

    def _journal_written(self, saves: list[Save]) -> None:
        seqs = [save.seq for save in saves if save.seq]
        if seqs and self.journal is not None:
            self.journal.written(seqs)

    def _failed(self, batch: list[Save], error: Exception) -> None:
        with self._condition:
            head = batch[0]
            if head.waited:
                head.error = error
                head.finished = True
                self._queue.remove(head)
                self._finished.append(head)
            else:
                self.failure = error
            self._batch = []
            self._writing = False
            self._condition.notify_all()
