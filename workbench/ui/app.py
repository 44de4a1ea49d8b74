"""The workbench app: holds the repository, the language, the theme and the UI state.

Its parts, each in its own module: saving (``app_saving``: the save queue, retry, discard,
quit once saved, the header's save state), reloading what a colleague wrote (``app_reload``),
notifications (``app_notices``), the theme and the settings file (``app_preferences``) and
the palette's own commands (``app_palette``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.driver import Driver
from textual.screen import Screen
from textual.theme import Theme

from workbench.core.diagnostic import hidden_ratings, visible_assessments
from workbench.i18n import LANGUAGES, Translator
from workbench.settings import Settings
from workbench.storage.errors import StorageError
from workbench.storage.recovery import RecoveryJournal
from workbench.storage.repository import Repository
from workbench.storage.schema import Snapshot
from workbench.ui.app_notices import Notices
from workbench.ui.app_palette import AppPalette
from workbench.ui.app_preferences import Preferences
from workbench.ui.app_reload import FileWatch
from workbench.ui.app_saving import RETRY_KEY, SaveFlow
from workbench.ui.commands import AppCommands, TabCommands
from workbench.ui.compare.state import CompareState
from workbench.ui.crash import crash_report
from workbench.ui.key_names import key_display
from workbench.ui.keymap import check_keymap, keymap_warning, known_bindings
from workbench.ui.main_screen import MainScreen
from workbench.ui.messages import OpenPilot
from workbench.ui.panes.pane import Evaluations, PaletteCommand
from workbench.ui.recovery import offer_recovered
from workbench.ui.saving import SaveQueue
from workbench.ui.themes import DEFAULT_THEME
from workbench.ui.toasts import ToastQueue
from workbench.ui.typeahead import TypeAhead
from workbench.ui.warm_up import WarmUp

JOURNAL_CLOSE_SECONDS = 2.0


@dataclass(slots=True)
class UIState:
    """What survives a language switch: the tab, the team and programme being scored, the
    pilot page on show (the pilot and its section)."""

    tab: str = "catalogue"
    team_id: str | None = None
    programme_id: str | None = None
    pilot_page: tuple[str, str] | None = None
    compare: CompareState = field(default_factory=CompareState)


class WorkbenchApp(SaveFlow, FileWatch, Notices, Preferences):
    TITLE = "AI Certification Workbench"
    CSS_PATH = "app.tcss"
    COMMANDS = {AppCommands, TabCommands}  # not Textual's own: one entry per action
    ENABLE_COMMAND_PALETTE = True
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
        self._visible: tuple[Snapshot, str, Snapshot] | None = None
        self.start_error: StorageError | None = None
        """Why the file, shown before its records were validated, cannot be used: the app
        ends and the command line says it (``Repository.first_look``)."""

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

    def _handle_exception(self, error: Exception) -> None:
        """A file first shown from a look at its records (``Repository.first_look``) that
        then fails to load ends the app, as it would have before the first screen."""
        if isinstance(error, StorageError) and self.repository.loaded is None:
            if self.start_error is None:
                self.start_error = error
                self.exit(return_code=2)
            return
        super()._handle_exception(error)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry_save":
            return self.saves.failure is not None
        if action == "dismiss_messages":
            return len(self.toasts) > 0
        return True

    def on_unmount(self) -> None:
        self.saves.close()
        if self.journal is not None:
            self.journal.close(JOURNAL_CLOSE_SECONDS)

    # actions

    def action_help(self) -> None:
        from workbench.ui.help_screen import HelpScreen  # see ui/preload.py

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
        return AppPalette(self).commands()

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
