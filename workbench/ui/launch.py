"""Start the app from the command line: settings, themes, language, assessor."""

from __future__ import annotations

import codecs
import getpass
import locale
import os
import sys
from collections.abc import Mapping

from rich.console import Console
from textual.theme import Theme

from workbench import collector
from workbench.core.text import visible
from workbench.i18n import Translator
from workbench.settings import Settings, language_from_environment, state_path
from workbench.storage.recovery import RecoveryJournal
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.stopping import saved_on_signals
from workbench.ui.themes import ANSI_THEME, load_themes


def terminal_theme() -> str | None:
    """The ANSI theme on a 16-colour terminal (TERM=xterm over SSH), where hex colours blur."""
    if Console().color_system in ("standard", "windows"):
        return ANSI_THEME
    return None


def terminal_problem(environ: Mapping[str, str], i18n: Translator) -> str | None:
    """Why this terminal cannot show the full-screen workbench, or None."""
    term = environ.get("TERM", "")
    if term in ("dumb", "unknown"):
        return i18n("terminal.dumb", term=term)
    return None


GLYPHS = "é—…↵␛│─╭▼✎▁▇★⚑"
"""Characters the workbench draws: accents, frames, marks and sparklines."""


def encoding_problem(i18n: Translator) -> str | None:
    """Why the workbench cannot draw under this locale (LC_ALL=POSIX, latin-1), or None.

    Textual writes to standard error: an encoding there that lacks the frames and marks
    prints each one as an escape such as \\u2502, and every line overflows. The locale's
    own encoding counts too (it is what the terminal was told to expect)."""
    stream = sys.__stderr__
    for encoding in (locale.getpreferredencoding(False), getattr(stream, "encoding", None)):
        if not encoding:
            continue
        try:
            codecs.lookup(encoding)
            GLYPHS.encode(encoding)
        except (LookupError, UnicodeEncodeError):
            return i18n("terminal.not_utf8", encoding=encoding)
    return None


def is_ansi_theme(name: str | None, themes: list[Theme]) -> bool:
    """Whether ``name`` is a theme drawn with the terminal's own 16 colours."""
    if name is None:
        return False
    if name in ("ansi-dark", "ansi-light"):  # Textual's own
        return True
    return any(theme.name == name and theme.ansi for theme in themes)


def start_theme(asked: str | None, remembered: str | None, themes: list[Theme]) -> str | None:
    """The theme to start with; None for the remembered one (or the default).

    On 16 colours a remembered hex theme would be a blurred approximation: the ANSI theme
    instead, for this run only (the remembered choice is kept for the next terminal).
    """
    if asked is not None:
        return asked
    if is_ansi_theme(remembered, themes):
        return None
    return terminal_theme()


def launch(
    repository: Repository,
    *,
    theme: str | None = None,
    lang: str | None = None,
    assessor: str | None = None,
    diagnostic_team: str | None = None,
) -> int:
    settings, settings_problem = Settings.load()
    language = lang or settings.lang or language_from_environment()
    i18n = Translator(language)
    problem = terminal_problem(os.environ, i18n) or encoding_problem(i18n)
    if problem is not None:
        print(i18n("cli.error", message=problem), file=sys.stderr)
        return 2
    themes, theme_problems = load_themes()
    warnings = [
        i18n("app.theme_warning", file=name, problem=problem) for name, problem in theme_problems
    ]
    if settings_problem:
        warnings.append(i18n("app.config_warning", problem=settings_problem))
    for warning in warnings:
        print(f"workbench: {visible(warning)}", file=sys.stderr)
    if lang and settings.lang != lang:
        settings.lang = lang
    theme = start_theme(theme, settings.theme, themes)
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
        pilot_summary=diagnostic_team is None,
        diagnostic_team=diagnostic_team,
        journal=None if repository.read_only else RecoveryJournal(repository.path, state_path()),
    )
    with saved_on_signals(app):
        app.run()
    if app.start_error is not None:  # the file failed validation once its first screen showed
        raise app.start_error
    if finished(app):
        collector.leave()
    return app.return_code or 0


def finished(app: WorkbenchApp) -> bool:
    """The app wrote its save queue (or the user discarded what failed) and closed its
    recovery journal: nothing it holds is needed any more."""
    saves, journal = app.saves, app.journal
    return saves.closed and saves.idle() and (journal is None or journal.closed)
