"""The theme and the settings file: the theme asked for at start (or said to be unknown),
the one the user picks (F10) remembered in the settings, which are saved without a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.markup import escape
from textual.theme import Theme

from workbench.i18n import Translator
from workbench.settings import Settings, config_path
from workbench.ui.text import safe_str
from workbench.ui.themes import DEFAULT_THEME, FALLBACK_THEME


class Preferences(App[None]):
    """The theme and settings part of ``WorkbenchApp``."""

    i18n: Translator
    settings: Settings
    _settings_path: Path | None
    _requested_theme: str
    _theme_chosen: bool

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
