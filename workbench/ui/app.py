"""The workbench app: holds the repository, the language, the theme and the UI state."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from workbench.i18n import LANGUAGES, Translator
from workbench.settings import Settings
from workbench.storage.errors import DataFileError, StorageError
from workbench.storage.repository import Repository
from workbench.ui.commands import WorkbenchCommands
from workbench.ui.help_screen import HelpScreen
from workbench.ui.keymap import check_keymap, keymap_warning
from workbench.ui.main_screen import ALT_TAB_KEYS, PANES, TAB_KEYS, MainScreen
from workbench.ui.messages import DataChanged
from workbench.ui.reports import report_commands
from workbench.ui.screens.pane import Evaluations, PaletteCommand
from workbench.ui.themes import DEFAULT_THEME, FALLBACK_THEME

T = TypeVar("T")


@dataclass(slots=True)
class UIState:
    """What survives a language switch: the tab, and the team and programme being scored."""

    tab: str = "catalogue"
    team_id: str | None = None
    programme_id: str | None = None


class WorkbenchApp(App[None]):
    TITLE = "AI Certification Workbench"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {WorkbenchCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "app.keys.help", id="help"),
        Binding("question_mark", "help", "app.keys.help", show=False, id="help-alt"),
        Binding("f9", "toggle_language", "app.keys.language", show=False, id="language"),
        Binding("f10", "pick_theme", "app.keys.theme", show=False, id="theme"),
        Binding("ctrl+q", "quit", "app.keys.quit", priority=True, id="quit"),
    ]

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
    ) -> None:
        super().__init__()
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
        self._warnings = list(warnings)
        for custom in themes:
            self.register_theme(custom)
        self._requested_theme = theme or self.settings.theme or DEFAULT_THEME
        self._theme_chosen = False

    @property
    def today(self) -> date:
        return self._today or date.today()

    def get_default_screen(self) -> Screen[object]:
        return MainScreen()

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

    def _save_settings(self) -> None:
        try:
            self.settings.save(self._settings_path)
        except OSError as error:
            self.notify(str(error), severity="warning", markup=False)

    # data

    def store(self, change: Callable[[Repository], T]) -> T | None:
        """Run one change through the storage layer; report a failure, refresh on success."""
        try:
            result = change(self.repository)
        except StorageError as error:
            self.notify(
                self.i18n("app.storage_error", error=str(error)),
                severity="error",
                timeout=10,
                markup=False,
            )
            return None
        self.screen_stack[0].post_message(DataChanged())
        return result

    def check_for_changes(self) -> None:
        """Reload when another process has replaced the file (one stat when it has not)."""
        if not self.repository.has_changed():
            return
        try:
            self.repository.snapshot()
        except DataFileError as error:
            self.notify(str(error), severity="error", timeout=15, markup=False)
            return
        self.screen_stack[0].post_message(DataChanged(external=True))
        self.notify(self.i18n("app.data_reloaded"), timeout=3)

    # actions

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen.active_bindings))

    def action_show_tab(self, tab: str) -> None:
        main = self.screen_stack[0]
        if isinstance(main, MainScreen):
            main.action_show_tab(tab)

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
            main.sub_title = self.repository.path.name
            main.pane(main.active_tab).focus_default()
        self.refresh_bindings()
        self.notify(self.i18n("app.language_switched"), timeout=2)

    def action_pick_theme(self) -> None:
        self.search_commands(
            [
                (self.i18n("app.commands.theme_named", name=name), self._setter(name))
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

    def palette_commands(self) -> list[PaletteCommand]:
        t = self.i18n
        commands = []
        for pane_class in PANES:
            tab = t(f"app.tabs.{pane_class.tab_id}")
            commands.append(
                PaletteCommand(
                    t("app.commands.go_to", tab=tab),
                    t("app.commands.go_to_help", tab=tab)
                    + f" ({TAB_KEYS[pane_class.tab_id].upper()}, "
                    + f"{ALT_TAB_KEYS[pane_class.tab_id].split(',')[0]})",
                    self._tab_switcher(pane_class.tab_id),
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
                t("app.commands.show_data_file"),
                t("app.commands.show_data_file_help"),
                self.action_show_data_file,
            ),
            PaletteCommand(
                t("app.commands.show_help"),
                t("app.commands.show_help_help") + " (F1)",
                self.action_help,
            ),
        ]
        commands += report_commands(self)
        main = self.screen_stack[0]
        if isinstance(main, MainScreen):
            for pane in main.panes():
                commands += pane.palette_commands()
        return commands

    def _tab_switcher(self, tab: str) -> Callable[[], None]:
        def switch() -> None:
            self.action_show_tab(tab)

        return switch
