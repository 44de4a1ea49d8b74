"""Where the data file and the user's settings live, and the remembered choices."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

from workbench.core.freshness import FACTS_MAX_AGE_DAYS

APP_NAME = "ai-certification-workbench"
DATA_FILE_NAME = "workbench.json"
LANGUAGES = ("en", "fr")


def default_db_path() -> Path:
    """``WORKBENCH_DB`` if set, else the user's data directory."""
    env = os.environ.get("WORKBENCH_DB")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_NAME) / DATA_FILE_NAME


def config_path() -> Path:
    env = os.environ.get("WORKBENCH_CONFIG")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.json"


def state_path() -> Path:
    """The user's private state folder (the recovery journal): ``WORKBENCH_STATE`` if set."""
    env = os.environ.get("WORKBENCH_STATE")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_state_path(APP_NAME)


def language_from_environment() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def chosen_language(lang: str | None = None) -> str:
    """``--lang``, else the remembered language, else ``$LC_ALL``/``$LANG``: as the app picks."""
    if lang in LANGUAGES:
        return lang
    remembered = Settings.load()[0].lang
    return remembered or language_from_environment()


@dataclass(slots=True)
class Settings:
    """What the workbench remembers between runs (theme and language)."""

    theme: str | None = None
    lang: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> key(s), e.g. {"scoring-undo": "u"}: remaps keys (see the README)."""
    reports_folder: str | None = None
    """Where memos are written; None: beside the data file."""
    facts_max_age_days: int = FACTS_MAX_AGE_DAYS
    """A programme's facts checked longer ago than this are to re-check."""
    currency: str | None = None
    """The currency memos and pilot totals are given in; None: the one currency of the
    figures (a team's pilot budgets, every pilot) when they share one, else EUR."""

    @classmethod
    def load(cls, path: Path | None = None) -> tuple[Settings, str | None]:
        """The settings, and a warning when the file could not be used."""
        path = path or config_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(), None
        except (OSError, ValueError) as error:
            return cls(), f"{path}: {error}"
        if not isinstance(data, dict):
            return cls(), f"{path}: not a JSON object"
        theme = data.get("theme")
        lang = data.get("lang")
        keymap = data.get("keymap", {})
        reports = data.get("reports_folder")
        max_age = data.get("facts_max_age_days", FACTS_MAX_AGE_DAYS)
        currency = data.get("currency")
        problem = None
        if isinstance(max_age, bool) or not isinstance(max_age, int) or not 1 <= max_age <= 3650:
            max_age, problem = (
                FACTS_MAX_AGE_DAYS,
                f"{path}: facts_max_age_days must be a whole number of days from 1 to 3650",
            )
        if not isinstance(keymap, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
        ):
            keymap, problem = {}, f"{path}: keymap must map binding ids to keys"
        return cls(
            theme=theme if isinstance(theme, str) else None,
            lang=lang if lang in LANGUAGES else None,
            keymap=keymap,
            reports_folder=reports if isinstance(reports, str) and reports.strip() else None,
            facts_max_age_days=max_age,
            currency=_currency(currency),
        ), problem

    def save(self, path: Path | None = None) -> None:
        path = path or config_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".config-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle, indent=2)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


def _currency(value: object) -> str | None:
    """A currency setting as compared (a stored " eur" is EUR); None when it is not
    three letters."""
    if not isinstance(value, str):
        return None
    found = value.strip().upper()
    return found if len(found) == 3 and found.isascii() and found.isalpha() else None
