"""The app's side of saving: every change goes through the save queue, in order, off the
UI thread; the header says whether everything is saved; a failed write can be retried (F8)
or its changes discarded; a form's edit that meets a colleague's opens the conflict dialog;
quitting waits until every change is written, or asks when one could not be.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import ValidationError
from textual import on
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from workbench.i18n import Translator
from workbench.i18n.messages import storage_message
from workbench.storage.errors import ConflictError, ReadOnlyError, StorageError
from workbench.storage.recovery import RecoveryJournal
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.main_screen import MainScreen
from workbench.ui.messages import DataChanged
from workbench.ui.saving import AssessmentEdit, SaveQueue, SaveState
from workbench.ui.text import safe_str

T = TypeVar("T")

RETRY_KEY = "f8"


class QuitRequested(Message):
    """ctrl+q, on its way from the focused widget up to the app, behind the keys before it."""


class SavesChanged(Message):
    """The save queue wrote something, or a write failed (posted from its thread)."""


def describe_failure(error: BaseException, i18n: Translator) -> str:
    """A failed write in words: the storage layer's message, never a traceback."""
    if isinstance(error, StorageError):
        text = storage_message(error, i18n)
    elif isinstance(error, OSError):
        text = f"{error.strerror or type(error).__name__} ({error.filename})"
    else:
        text = f"{type(error).__name__}: {error}"
    return text.rstrip(". ")


class SaveFlow(App[None]):
    """The saving part of ``WorkbenchApp``: what panes and dialogs call to write, and the
    keys that retry, discard and quit."""

    repository: Repository
    i18n: Translator
    saves: SaveQueue
    journal: RecoveryJournal | None
    _failure_shown: Exception | None = None
    _quit_when_saved = False
    _journal_warned = False

    @property
    def read_only(self) -> bool:
        """Nothing can be saved: panes disable their editing keys (``Pane.read_only_blocks``)."""
        return self.repository.read_only

    def store(
        self, change: Callable[[Repository], T], *, resolved: Callable[[Any], object] | None = None
    ) -> T | None:
        """Run one change through the save queue and wait for it; report a failure,
        refresh on success. For forms and deletions, which need the result.

        The change is written after every change queued before it (score keys do not
        wait: ``queue_edit``). On a failure nothing was written and None is returned: a
        form stays open with what was typed, so that the user can try again. With
        ``resolved`` (a form's edit), a conflict opens the dialog that resolves it field
        by field; ``resolved`` then gets the record saved."""
        if self.read_only:
            self.notify_read_only()
            return None
        if self.saves.closed:
            return None  # the app is stopping (a signal): nothing more is accepted
        if self.saves.failure is not None:
            self.saves.retry()  # what failed before goes first
        save = self.saves.submit(change, waited=True)
        if not self.saves.wait(save) and self.saves.withdraw(save):
            failure = self.saves.failure
            reason = describe_failure(failure, self.i18n) if failure is not None else ""
            self._notify_not_saved(self.i18n("saving.earlier_failed", error=reason))
            self.show_save_state()
            return None
        self.saves.wait(save)  # it was being written when the wait gave up
        try:
            if save.error is not None:
                raise save.error
        except ReadOnlyError:
            self.notify_read_only()
            return None
        except ConflictError as conflict:
            if resolved is None or not conflict.resolvable:
                self._notify_not_saved(str(conflict))
            else:
                self._resolve(conflict, resolved)
            return None
        except (StorageError, OSError) as error:
            self._notify_not_saved(describe_failure(error, self.i18n))
            return None
        # any other exception (a form's own check in the change) is the caller's, as it was
        self.screen_stack[0].post_message(DataChanged())
        self.show_save_state()
        return save.result  # type: ignore[return-value]

    def flush_saves(self) -> bool:
        """Wait until every queued change is written (before what reads the file itself,
        as a memo, or refers to a stored record, as a new pilot); False if one failed."""
        if self.saves.idle() and self.saves.failure is None:
            return True
        return self.store(lambda repository: True) is not None

    def queue_edit(self, edit: AssessmentEdit) -> bool:
        """Queue a change to an assessment and return at once (a score key): the screen
        shows it through ``preview_assessment``; the header says when it is saved."""
        if self.read_only:
            self.notify_read_only()
            return False
        if self.saves.closed:
            return False
        self.saves.submit_edit(edit)
        self.show_save_state()
        self._warn_if_journal_failed()
        return True

    def _warn_if_journal_failed(self) -> None:
        """Once: the journal cannot be written (its folder is full or read-only)."""
        problem = self.journal.problem if self.journal is not None else None
        if problem is not None and not self._journal_warned:
            self._journal_warned = True
            self.notify(
                self.i18n("recovery.journal_failed", error=describe_failure(problem, self.i18n)),
                severity="warning",
                timeout=15,
                markup=False,
            )

    def preview_assessment(self, team_id: str, programme_id: str) -> Any:
        """The assessment of this pair with the changes not written yet: what to show."""
        stored = self.repository.assessment_for(team_id, programme_id)
        return self.saves.preview(team_id, programme_id, stored)

    def _wake_for_saves(self) -> None:
        self.post_message(SavesChanged())

    @on(SavesChanged)
    def _saves_changed(self) -> None:
        finished = self.saves.take_finished()
        if not self.screen_stack:
            return  # closing
        if any(not save.waited for save in finished):
            self.screen_stack[0].post_message(DataChanged())
        failure = self.saves.failure
        if failure is not None and failure is not self._failure_shown:
            self.notify(
                self.i18n(
                    "saving.failed",
                    error=describe_failure(failure, self.i18n),
                    retry=self.get_key_display(Binding(RETRY_KEY, "")),
                ),
                severity="error",
                timeout=30,
                markup=False,
            )
        self._failure_shown = failure
        self._warn_if_journal_failed()
        self.show_save_state()
        self.refresh_bindings()
        if self._quit_when_saved:
            state = self.saves.state
            if state is SaveState.IDLE:
                self.exit()
            elif state is SaveState.FAILED:
                self._quit_when_saved = False
                self._ask_quit()

    def save_state_text(self) -> str:
        """The data file's name, and whether every change is in it (the header's line)."""
        name = safe_str(self.repository.path.name, limit=60)
        t = self.i18n
        state = self.saves.state
        # the state first: on a narrow screen the header cuts the end of the line
        if state is SaveState.SAVING:
            return f"{t('saving.saving')} · {name}"
        if state is SaveState.FAILED:
            key = self.get_key_display(Binding(RETRY_KEY, ""))
            return t.plural("saving.not_saved", self.saves.unsaved, retry=key) + f" · {name}"
        if self.saves.saved_at is not None:
            return t("saving.saved", at=self.saves.saved_at.strftime("%H:%M")) + f" · {name}"
        return name

    def show_save_state(self) -> None:
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen):
            main.sub_title = self.save_state_text()

    def action_retry_save(self) -> None:
        if self.saves.failure is None:
            return
        self.saves.retry()
        self.show_save_state()
        self.refresh_bindings()

    def action_discard_unsaved(self) -> None:
        """Forget the changes that could not be saved, once the user confirms."""
        failure = self.saves.failure
        if failure is None:
            return

        def answered(discard: bool | None) -> None:
            if discard and self.saves.failure is not None:
                self.saves.discard()
                self.screen_stack[0].post_message(DataChanged())
                self.show_save_state()
                self.refresh_bindings()
                self.notify(self.i18n("saving.discard.done"), timeout=6, markup=False)

        self.push_screen(
            ConfirmDialog(
                self.i18n("saving.discard.title"),
                self.i18n.plural(
                    "saving.discard.question",
                    self.saves.unsaved,
                    error=describe_failure(failure, self.i18n),
                ),
                confirm_label=self.i18n("saving.discard.confirm"),
                danger=True,
            ),
            answered,
        )

    async def action_quit(self) -> None:
        """Quit once every change is saved: wait for the queue, or ask when a save failed.

        ctrl+q is a priority key, handled as soon as it arrives, while a score key typed
        just before it still bubbles from the grid up to the app that runs its binding.
        The decision travels the same way, so that it comes after that key's change."""
        (self.focused or self.screen).post_message(QuitRequested())

    @on(QuitRequested)
    def _quit_once_saved(self) -> None:
        state = self.saves.state
        if state is SaveState.IDLE:
            self.exit()
        elif state is SaveState.SAVING:
            self._quit_when_saved = True
            self.notify(
                self.i18n.plural("saving.quit_waits", self.saves.unsaved), timeout=10, markup=False
            )
        else:
            self._ask_quit()

    def _ask_quit(self) -> None:
        failure = self.saves.failure

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.saves.discard()
                self.exit()

        self.push_screen(
            ConfirmDialog(
                self.i18n("saving.quit.title"),
                self.i18n.plural(
                    "saving.quit.question",
                    self.saves.unsaved,
                    error=describe_failure(failure, self.i18n) if failure is not None else "",
                    retry=self.get_key_display(Binding(RETRY_KEY, "")),
                ),
                confirm_label=self.i18n("saving.quit.confirm"),
                danger=True,
            ),
            answered,
        )

    def _resolve(self, conflict: ConflictError, resolved: Callable[[Any], object]) -> None:
        def chosen(keep_mine: frozenset[str] | None) -> None:
            if keep_mine is None:
                return  # back to the form, as typed
            try:
                saved = self.store(
                    lambda repo: repo.resolve_conflict(conflict, keep_mine), resolved=resolved
                )
            except ValidationError as error:
                message = error.errors()[0]["msg"]
                self._notify_not_saved(self.i18n("sharing.conflict.invalid", error=message))
                return
            if saved is not None:
                resolved(saved)

        from workbench.ui.dialogs.conflict_dialog import ConflictDialog  # see ui/preload.py

        self.push_screen(ConflictDialog(conflict), chosen)

    def _notify_not_saved(self, error: str) -> None:
        self.notify(
            self.i18n("app.storage_error", error=error),
            severity="error",
            timeout=15,
            markup=False,
        )

    def notify_read_only(self) -> None:
        self.notify(
            self.i18n(f"sharing.read_only.{self.repository.read_only_reason}"),
            title=self.i18n("sharing.read_only_title"),
            severity="warning",
            timeout=8,
            markup=False,
        )
