"""Another process replaced the data file: the app notices within a second, reloads it in
a worker thread while the screen keeps answering keys, and says who changed it and when.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial

from textual.app import App

from workbench.i18n import Translator
from workbench.i18n.messages import storage_message
from workbench.storage.errors import StorageError
from workbench.storage.meta import LastWrite
from workbench.storage.repository import Repository
from workbench.ui.main_screen import MainScreen
from workbench.ui.messages import DataChanged
from workbench.ui.saving import SaveQueue
from workbench.ui.text import safe_str


class FileWatch(App[None]):
    """The reloading part of ``WorkbenchApp``: ``check_for_changes`` runs every second."""

    repository: Repository
    i18n: Translator
    saves: SaveQueue
    _polls = 0
    _reloading = False
    _reported_problem: str | None = None

    DEEP_CHECK_EVERY = 5
    """Every fifth poll compares the file's bytes too: a new version can keep the old
    stat fields (1-second timestamps, reused inodes), so a change is seen within seconds."""

    @property
    def reloading(self) -> bool:
        """A reload is under way in a worker thread."""
        return self._reloading

    def check_for_changes(self) -> None:
        """Reload when another process has replaced the file: one stat here, and every
        ``DEEP_CHECK_EVERY`` polls a comparison of the bytes; reading and validating the
        file happen in a worker thread, the screen keeps answering keys meanwhile."""
        if self._reloading:
            return
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen) and main.seen is not self.repository.loaded:
            # A tab built for the first time read a new version itself (the file had
            # changed): the poll below would find nothing new; the other tabs must know.
            main.post_message(DataChanged())
        # A colleague's version that a save of ours was made over (or a tab read): no
        # reload will find it, but the user is told who changed the file all the same.
        self._tell_updated(self.repository.others_write())
        self._polls += 1
        deep = self._polls % self.DEEP_CHECK_EVERY == 0
        if not deep and not self.repository.has_changed():
            return
        self._reloading = True
        self.run_worker(
            partial(self._reload_in_thread, deep),
            thread=True,
            group="reload",
            exit_on_error=False,
        )

    def _reload_in_thread(self, deep: bool) -> None:
        try:
            # Our own save may be what changed the file: check again once it is written.
            # Never wait for the UI thread while holding ``io``: a form's save, on the UI
            # thread, may be waiting for the save queue, which waits for ``io``.
            problem: str | None = None
            with self.saves.io:
                if not self.repository.has_changed(deep=deep):
                    return
                try:
                    self.repository.reload()
                except StorageError as error:
                    problem = storage_message(error, self.i18n)
            if problem is not None:
                self._from_thread(self._report_problem, problem)
            else:
                self._from_thread(self._reloaded)
        finally:
            self._reloading = False

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.call_from_thread(callback, *args)

    def _report_problem(self, problem: str) -> None:
        if problem != self._reported_problem:  # once, not every second
            self._reported_problem = problem
            self.notify(problem, severity="error", timeout=30, markup=False)

    def _reloaded(self) -> None:
        self._reported_problem = None
        self.screen_stack[0].post_message(DataChanged(external=True))
        news = self.repository.others_write()
        self.notify(self._updated_message(news), timeout=4, markup=False)

    def _tell_updated(self, news: LastWrite | None) -> None:
        if news is not None:
            self.notify(self._updated_message(news), timeout=4, markup=False)

    def _updated_message(self, last: LastWrite | None) -> str:
        """Who wrote the version just read, and when (in words if it is unknown)."""
        if last is None:
            return self.i18n("app.data_reloaded")
        from workbench.ui.dialogs.conflict_dialog import local_time  # see ui/preload.py

        at = local_time(last.at, self.i18n)
        return self.i18n("sharing.updated_by", who=safe_str(last.writer), at=at)
