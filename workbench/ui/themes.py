"""Themes are TOML files in ``themes/``: read with tomllib, checked, registered at start."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from workbench.core.text import has_control

THEMES_DIR = Path(__file__).resolve().parents[2] / "themes"
DEFAULT_THEME = "workbench-dark"
ANSI_THEME = "workbench-ansi"
FALLBACK_THEME = "textual-dark"
_FIELDS = {f.name for f in dataclasses.fields(Theme)}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_COLOURS: tuple[str, ...] = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
)
_COLOURS += ("background", "surface", "panel", "boost")


def _check_colour(value: object) -> None:
    if not isinstance(value, str):
        raise ValueError(f"a colour must be a string, not {value!r}")
    if value.startswith("ansi_"):
        return
    try:
        Color.parse(value)
    except ColorParseError as error:
        raise ValueError(f"{value!r} is not a colour") from error


def load_theme(path: Path) -> Theme:
    """One theme file; ``ValueError`` says what is wrong with it.

    A theme file is data like any other: its name becomes a CSS class and a palette entry,
    so it must be a plain identifier; every value must have the type Textual expects."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not valid TOML ({error})") from error
    except UnicodeDecodeError as error:
        raise ValueError("not valid TOML (not UTF-8 text)") from error
    except RecursionError as error:
        raise ValueError("not valid TOML (nested too deeply)") from error
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        keys = "key" if len(unknown) == 1 else "keys"
        raise ValueError(f"unknown {keys}: {', '.join(unknown)}")
    if "name" not in data or "primary" not in data:
        raise ValueError("a theme needs at least a name and a primary colour")
    if not isinstance(data["name"], str) or not _NAME.fullmatch(data["name"]):
        raise ValueError(
            "the name is letters, digits, '-' and '_', starting with a letter (at most 64)"
        )
    for key in _COLOURS:
        if key in data:
            _check_colour(data[key])
    for key in ("dark", "ansi"):
        if key in data and not isinstance(data[key], bool):
            raise ValueError(f"{key} is true or false")
    for key in ("luminosity_spread", "text_alpha"):
        value = data.get(key, 0.5)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ValueError(f"{key} is a number from 0 to 1")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError("[variables] must be a table")
    for name, value in variables.items():
        if not _NAME.fullmatch(name) or not isinstance(value, str) or has_control(value):
            raise ValueError("[variables] holds names and their values as text")
    try:
        return Theme(**data)
    except TypeError as error:
        raise ValueError(str(error)) from error


def load_themes(folder: Path = THEMES_DIR) -> tuple[list[Theme], list[tuple[str, str]]]:
    """Every valid theme of ``folder``, and (file, problem) for each broken one."""
    themes: list[Theme] = []
    problems: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            themes.append(load_theme(path))
        except (OSError, ValueError) as error:
            problems.append((path.name, str(error)))
    return themes, problems
