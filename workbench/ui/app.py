"""The workbench app: holds the repository, the language, the theme and the UI state."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from pydantic import ValidationError
from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.driver import Driver
from textual.markup import escape
from textual.message import Message
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from workbench.core.diagnostic import hidden_ratings, visible_assessments
from workbench.i18n import LANGUAGES, Translator
from workbench.i18n.messages import storage_message
from workbench.settings import Settings, config_path
from workbench.storage.errors import ConflictError, ReadOnlyError, StorageError
from workbench.storage.meta import LastWrite
from workbench.storage.recovery import RecoveryJournal
from workbench.storage.repository import Repository
from workbench.storage.schema import Snapshot
from workbench.ui.commands import AppCommands, TabCommands
from workbench.ui.compare_state import CompareState
from workbench.ui.crash import crash_report
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.conflict_dialog import ConflictDialog, local_time
from workbench.ui.help_screen import HelpScreen
from workbench.ui.key_names import key_display
from workbench.ui.keymap import check_keymap, keymap_warning, known_bindings
from workbench.ui.main_screen import ALT_TAB_KEYS, TAB_KEYS, TABS, MainScreen
from workbench.ui.messages import DataChanged, OpenPilot
from workbench.ui.panes.pane import Evaluations, PaletteCommand
from workbench.ui.recovery import offer_recovered
from workbench.ui.reports import report_commands
from workbench.ui.saving import AssessmentEdit, SaveQueue, SaveState
from workbench.ui.text import safe_str
from workbench.ui.themes import DEFAULT_THEME, FALLBACK_THEME
from workbench.ui.toasts import ToastQueue, toast_seconds
from workbench.ui.typeahead import TypeAhead
from workbench.ui.warm_up import WarmUp

T = TypeVar("T")

NOTIFY_LIMIT = 500
"""A notification quoting a 10k-character name would otherwise cover the screen."""
RETRY_KEY = "f8"
JOURNAL_CLOSE_SECONDS = 2.0


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


@dataclass(slots=True)
class UIState:
    """What survives a language switch: the tab, the team and programme being scored, the
    pilot page on show (the pilot and its section)."""

    tab: str = "catalogue"
    team_id: str | None = None
    programme_id: str | None = None
    pilot_page: tuple[str, str] | None = None
    compare: CompareState = field(default_factory=CompareState)


class WorkbenchApp(App[None]):
    TITLE = "AI Certification Workbench"
    CSS_PATH = "app.tcss"
    COMMANDS = {AppCommands, TabCommands}  # not Textual's own: one entry per action
    ENABLE_COMMAND_PALETTE = True
    SUSPENDED_SCREEN_CLASS = "-below-dialog"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "app.keys.help", id="help"),
        Binding("question_mark", "help", "app.keys.help", show=False, id="help-alt"),
        Binding("f9", "toggle_language", "app.keys.language", show=False, id="language"),
        Binding("f10", "pick_theme", "app.keys.theme", show=False, id="theme"),
        Binding(RETRY_KEY, "retry_save", "saving.keys.retry", id="retry-save"),
        Binding("ctrl+n", "dismiss_messages", "app.keys.dismiss", id="dismiss-messages"),
        Binding("ctrl+q", "quit", "app.keys.quit", priority=True, id="quit"),
    ]

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver; on Linux and macOS terminals, one that keeps a pasted Escape
        as text (``workbench.ui.paste_guard``)."""
        chosen = super().get_driver_class()
        if sys.platform != "win32":
            from textual.drivers.linux_driver import LinuxDriver

            from workbench.ui.driver import GuardedLinuxDriver

            if chosen is LinuxDriver:
                return GuardedLinuxDriver
        return chosen

    def __init__(
        self,
        repository: Repository,
        *,
        lang: str = "en",
        theme: str | None = None,
        themes: Iterable[Theme] = (),
        assessor: str = "me",
        today: date | None = None,
        settings: Settings | None = None,
        settings_path: Path | None = None,
        watch_interval: float = 1.0,
        warnings: Iterable[str] = (),
        pilot_summary: bool = False,
        journal: RecoveryJournal | None = None,
        diagnostic_team: str | None = None,
    ) -> None:
        super().__init__()
        self.diagnostic_team = diagnostic_team
        """A team whose diagnostic opens at start (``workbench diagnostic TEAM``)."""
        self.repository = repository
        self.i18n = Translator(lang)
        self.assessor = assessor
        self._today = today
        self.settings = settings or Settings()
        self.keymap_check = check_keymap(self.settings.keymap)
        """The settings' keymap, checked: what can be applied, and why the rest cannot."""
        self._settings_path = settings_path
        self.state = UIState()
        self.evaluations = Evaluations()
        self._watch_interval = watch_interval
        self._polls = 0
        self._reloading = False
        self._reported_problem: str | None = None
        repository.serve_last_good = True  # a broken file is reported by the poll, once
        self._warnings = list(warnings)
        self.pilot_summary = pilot_summary
        """Summarise the pilots' warnings once at start-up (the command line turns it on)."""
        for custom in themes:
            self.register_theme(custom)
        self._requested_theme = theme or self.settings.theme or DEFAULT_THEME
        self._theme_chosen = False
        self.journal = journal
        """Where queued changes are recorded until written (``workbench.ui.recovery``)."""
        self.saves = SaveQueue(repository, self._wake_for_saves, journal=journal)
        """Every write goes through this queue, in order, off the UI thread."""
        self.type_ahead = TypeAhead(self)
        self.warm_up = WarmUp(self)
        self.toasts = ToastQueue(self)
        self._failure_shown: Exception | None = None
        self._quit_when_saved = False
        self._journal_warned = False
        self._visible: tuple[Snapshot, str, Snapshot] | None = None

    @property
    def read_only(self) -> bool:
        """Nothing can be saved: panes disable their editing keys (``Pane.read_only_blocks``)."""
        return self.repository.read_only

    @property
    def today(self) -> date:
        return self._today or date.today()

    def bound_key(self, binding_id: str) -> str:
        """The first key of ``binding_id`` after the settings' keymap, as the footer names it."""
        keys = self.keymap_check.keymap.get(binding_id) or ",".join(
            known_bindings()[binding_id].keys
        )
        return self.get_key_display(Binding(keys.split(",")[0], ""))

    def get_key_display(self, binding: Binding) -> str:
        """Key names in the user's language (footer, help): "Entrée", "Maj+Tab" in French."""
        if self.i18n.lang == "en":
            return super().get_key_display(binding)
        return key_display(binding.key_display or binding.key, self.i18n)

    def get_default_screen(self) -> Screen[object]:
        return MainScreen()

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """Skip the widgets not mounted yet: the stylesheet is applied to each one when it is
        mounted. Textual restyles a widget each time a class changes, even while it is built
        (``Input(compact=True)``, its validity, a button's variant): a fifth of a form's opening."""
        if node is self or node.is_attached:
            super().update_styles(node, animate)

    def _fatal_error(self) -> None:
        """Textual's report shows local variables: records of the data file. Ours does not."""
        self.bell()
        self.panic(crash_report(sys.exception(), self.repository.path))

    def on_mount(self) -> None:
        if self.keymap_check.keymap:
            self.set_keymap(self.keymap_check.keymap)
        warning = keymap_warning(self.keymap_check.problems, self.i18n)
        if warning:
            self.notify(warning, severity="warning", timeout=15, markup=False)
        self._apply_theme(self._requested_theme)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._watch_interval > 0:
            self.set_interval(self._watch_interval, self.check_for_changes)
        for warning in self._warnings:
            self.notify(warning, severity="warning", timeout=8, markup=False)
        offer_recovered(self)  # first: it reads the folder our own journal is created in
        if self.journal is not None and not self.read_only:
            self.journal.prepare()
        if self.diagnostic_team is not None:
            from workbench.ui.diagnostic.screen import open_diagnostic

            self.call_after_refresh(open_diagnostic, self, self.diagnostic_team)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: it quotes names and errors from the data file.

        It stays a few seconds (an error until it is dismissed) and pushes out all but the
        newest of those on screen (``ToastQueue``)."""
        super().notify(
            safe_str(message, one_line=False, limit=NOTIFY_LIMIT),
            title=safe_str(title),
            severity=severity,
            timeout=toast_seconds(severity, timeout),
            markup=False,
        )

    def on_notify(self, event: Notify) -> None:
        self.toasts.added(event.notification)
        self.refresh_bindings()

    def withdraw(self, notification: Notification) -> None:
        """Take one notification off the screen (Textual has no public call for one)."""
        if notification in self._notifications:
            self._unnotify(notification)

    def _unnotify(self, notification: Notification, refresh: bool = True) -> None:
        # a toast clicked away or expired: it no longer counts among those shown
        self.toasts.forget(notification)
        super()._unnotify(notification, refresh)
        self.refresh_bindings()

    def action_dismiss_messages(self) -> None:
        self.toasts.clear()
        self.clear_notifications()
        self.refresh_bindings()

    def _apply_theme(self, name: str) -> None:
        if name not in self.available_themes:
            fallback = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else FALLBACK_THEME
            self.notify(
                self.i18n(
                    "app.unknown_theme",
                    name=name,
                    fallback=fallback,
                    available=", ".join(sorted(self.available_themes)),
                ),
                severity="warning",
                timeout=8,
                markup=False,
            )
            name = fallback
        self.theme = name

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self._requested_theme and not self._theme_chosen:
            # the start-up theme (a default, or ANSI on a 16-colour terminal) is not a
            # choice worth remembering over the user's own
            self._theme_chosen = True
            return
        if self.settings.theme != theme.name:
            self.settings.theme = theme.name
            self._save_settings()

    @property
    def settings_path(self) -> Path:
        """Where the settings (theme, language, keymap) are remembered."""
        return self._settings_path or config_path()

    def _save_settings(self) -> None:
        try:
            self.settings.save(self._settings_path)
        except OSError as error:
            self.notify(str(error), severity="warning", markup=False)

    # data

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

    def shown_assessment(self, assessment: Any, viewer: str | None = None) -> Any:
        """``assessment`` as ``viewer`` (this terminal's assessor) may see it: an open
        blind round of a diagnostic hides the others' ratings."""
        if assessment is None:
            return None
        sessions = self.repository.snapshot().diagnostics.values()
        return hidden_ratings(assessment, sessions, viewer or self.assessor)

    def visible_snapshot(self) -> Snapshot:
        """The repository's snapshot with the others' ratings of an open blind round left
        out; the same object for the same file version and assessor."""
        snapshot = self.repository.snapshot()
        cached = self._visible
        if cached is not None and cached[0] is snapshot and cached[1] == self.assessor:
            return cached[2]
        assessments = visible_assessments(
            snapshot.assessments, snapshot.diagnostics.values(), self.assessor
        )
        shown = (
            snapshot
            if assessments is snapshot.assessments
            else replace(snapshot, assessments=assessments)
        )
        self._visible = (snapshot, self.assessor, shown)
        return shown

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry_save":
            return self.saves.failure is not None
        if action == "dismiss_messages":
            return len(self.toasts) > 0
        return True

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

    def on_unmount(self) -> None:
        self.saves.close()
        if self.journal is not None:
            self.journal.close(JOURNAL_CLOSE_SECONDS)

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
        at = local_time(last.at, self.i18n)
        return self.i18n("sharing.updated_by", who=safe_str(last.writer), at=at)

    # actions

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen.active_bindings))

    async def on_event(self, event: events.Event) -> None:
        if self.type_ahead.takes(event):
            return
        arrived = not (isinstance(event, events.InputEvent) and event.is_forwarded)
        await super().on_event(event)
        if arrived:
            self.type_ahead.after(event)

    def action_show_tab(self, tab: str) -> None:
        main = self.screen_stack[0]
        if isinstance(main, MainScreen):
            main.action_show_tab(tab)

    async def build_all_tabs(self) -> None:
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen):
            await main.build_all()

    async def action_toggle_language(self) -> None:
        index = LANGUAGES.index(self.i18n.lang)
        await self.set_language(LANGUAGES[(index + 1) % len(LANGUAGES)])

    async def set_language(self, lang: str) -> None:
        self.i18n = Translator(lang)
        self.settings.lang = lang
        self._save_settings()
        main = self.screen_stack[0]
        await main.recompose()
        if isinstance(main, MainScreen):
            main.title = self.i18n("app.title")
            self.show_save_state()
            main.pane(main.active_tab).focus_default()
            if self.state.pilot_page is not None and main.active_tab == "pilots":
                main.post_message(OpenPilot(*self.state.pilot_page))
        self.refresh_bindings()
        self.notify(self.i18n("app.language_switched"), timeout=2)

    def action_pick_theme(self) -> None:
        self.search_commands(
            [
                (
                    escape(self.i18n("app.commands.theme_named", name=safe_str(name))),
                    self._setter(name),
                )
                for name in sorted(self.available_themes)
            ],
            placeholder=self.i18n("app.commands.switch_theme"),
        )

    def _setter(self, name: str) -> Callable[[], None]:
        def set_theme() -> None:
            self.theme = name

        return set_theme

    def action_show_data_file(self) -> None:
        text = self.i18n("app.data_file", path=str(self.repository.path))
        text += "\n" + self.i18n("app.data_file_backup", path=str(self.repository.backup_path))
        self.notify(text, timeout=10, markup=False)

    def action_exchange_rates(self) -> None:
        # Imported here: start-up does not need the dialog.
        from workbench.ui.dialogs.rates_dialog import RatesDialog

        self.push_screen(RatesDialog())

    def palette_commands(self) -> list[PaletteCommand]:
        """Every command of the palette: the app's, then the tabs' built so far."""
        return self.app_commands() + self.tab_commands()

    def app_commands(self) -> list[PaletteCommand]:
        t = self.i18n
        commands = []
        from workbench.ui.diagnostic.screen import DiagnosticScreen

        for screen in self.screen_stack:
            if isinstance(screen, DiagnosticScreen):  # its step's keys, before the tabs'
                commands += screen.palette_commands()
        for tab_id in TABS:
            tab = t(f"app.tabs.{tab_id}")
            commands.append(
                PaletteCommand(
                    t("app.commands.go_to", tab=tab),
                    t("app.commands.go_to_help", tab=tab)
                    + f" ({TAB_KEYS[tab_id].upper()}, "
                    + f"{ALT_TAB_KEYS[tab_id].split(',')[0]})",
                    self._tab_switcher(tab_id),
                )
            )
        commands += [
            PaletteCommand(
                t("app.commands.switch_language"),
                t("app.commands.switch_language_help") + " (F9)",
                self.action_toggle_language,
            ),
            PaletteCommand(
                t("app.commands.switch_theme"),
                t("app.commands.switch_theme_help") + " (F10)",
                self.action_pick_theme,
            ),
            PaletteCommand(
                t("money.commands.open"),
                t("money.commands.open_help") + f" ({self._rates_key()})",
                self.action_exchange_rates,
            ),
            PaletteCommand(
                t("app.commands.show_data_file"),
                t("app.commands.show_data_file_help"),
                self.action_show_data_file,
            ),
            PaletteCommand(
                t("app.commands.show_help"),
                t("app.commands.show_help_help") + " (F1)",
                self.action_help,
            ),
            PaletteCommand(
                t("app.keys.quit"),
                t("app.commands.quit_help") + f" ({self.bound_key('quit')})",
                self.action_quit,
            ),
        ]
        if self.toasts:
            commands.append(
                PaletteCommand(
                    t("app.keys.dismiss"),
                    t("app.commands.dismiss_help") + f" ({self.bound_key('dismiss-messages')})",
                    self.action_dismiss_messages,
                )
            )
        if self.saves.failure is not None:
            key = self.get_key_display(Binding(RETRY_KEY, ""))
            commands += [
                PaletteCommand(
                    t("saving.commands.retry"),
                    t("saving.commands.retry_help") + f" ({key})",
                    self.action_retry_save,
                ),
                PaletteCommand(
                    t("saving.commands.discard"),
                    t("saving.commands.discard_help"),
                    self.action_discard_unsaved,
                ),
            ]
        if self.journal is not None and not self.read_only:
            commands.append(
                PaletteCommand(
                    t("recovery.commands.offer"),
                    t("recovery.commands.offer_help"),
                    self.action_offer_recovered,
                )
            )
        commands += report_commands(self)
        return commands

    def action_offer_recovered(self) -> None:
        """Offer again the changes a stopped workbench left (after Esc at the start)."""
        if not offer_recovered(self):
            self.notify(self.i18n("recovery.nothing"), timeout=4, markup=False)

    def _rates_key(self) -> str:
        """The key of the exchange rates in the Catalogue, as this user's keymap has it."""
        from workbench.ui.catalogue.pane import RATES_KEY

        return self.i18n("money.keys.where", shortcut=self.get_key_display(Binding(RATES_KEY, "")))

    def tab_commands(self) -> list[PaletteCommand]:
        """The commands of the tabs built so far (``build_all_tabs`` builds the others)."""
        main = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(main, MainScreen):
            return []
        return [command for pane in main.panes() for command in pane.palette_commands()]

    def _tab_switcher(self, tab: str) -> Callable[[], None]:
        def switch() -> None:
            self.action_show_tab(tab)

        return switch
