"""Start the app from the command line: settings, themes, language, assessor."""

from __future__ import annotations

import getpass
import sys

from rich.console import Console

from workbench.i18n import Translator
from workbench.settings import Settings, language_from_environment
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.themes import ANSI_THEME, load_themes


def terminal_theme() -> str | None:
    """The ANSI theme on a 16-colour terminal (TERM=xterm over SSH), where hex colours blur."""
    if Console().color_system in ("standard", "windows"):
        return ANSI_THEME
    return None


def launch(
    repository: Repository,
    *,
    theme: str | None = None,
    lang: str | None = None,
    assessor: str | None = None,
) -> int:
    settings, settings_problem = Settings.load()
    language = lang or settings.lang or language_from_environment()
    i18n = Translator(language)
    themes, theme_problems = load_themes()
    warnings = [
        i18n("app.theme_warning", file=name, problem=problem) for name, problem in theme_problems
    ]
    if settings_problem:
        warnings.append(i18n("app.config_warning", problem=settings_problem))
    for warning in warnings:
        print(f"workbench: {warning}", file=sys.stderr)
    if lang and settings.lang != lang:
        settings.lang = lang
    if theme is None and settings.theme is None:
        theme = terminal_theme()
    try:
        who = assessor or getpass.getuser()
    except (KeyError, OSError):
        who = "me"
    app = WorkbenchApp(
        repository,
        lang=language,
        theme=theme,
        themes=themes,
        assessor=who,
        settings=settings,
        warnings=warnings,
        pilot_summary=True,
    )
    app.run()
    return app.return_code or 0
