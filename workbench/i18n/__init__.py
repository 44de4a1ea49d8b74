"""English and French message catalogues, and number formatting per language.

Catalogues live in ``en/*.toml`` and ``fr/*.toml``; a key is ``<file stem>.<key>``
(``scoring.title`` is ``title`` in ``scoring.toml``). Templates use ``str.format`` fields:
values given as parameters are never parsed, so user text cannot break a message.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from workbench.core.percent import rounded
from workbench.core.text import visible

LANGUAGES = ("en", "fr")
FOLDER = Path(__file__).parent


def _flatten(prefix: str, table: dict[str, Any], into: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(name, value, into)
        else:
            into[name] = str(value)


class Catalogue(Mapping[str, str]):
    """Every message of one language, keyed ``file.key``; each file is read the first time
    one of its keys is asked for (the first screen needs a fifth of the 90 kB of TOML)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._files = {path.stem for path in folder.glob("*.toml")}
        self._messages: dict[str, str] = {}
        self._read: set[str] = set()
        self._reading = threading.Lock()  # a save's thread may word its error meanwhile

    def _file(self, stem: str) -> None:
        if stem in self._read or stem not in self._files:
            return
        with self._reading:
            if stem in self._read:
                return
            with (self._folder / f"{stem}.toml").open("rb") as handle:
                _flatten(stem, tomllib.load(handle), self._messages)
            self._read.add(stem)

    def _every(self) -> dict[str, str]:
        for stem in sorted(self._files):
            self._file(stem)
        return self._messages

    def __getitem__(self, key: str) -> str:
        self._file(key.partition(".")[0])
        return self._messages[key]

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        self._file(key.partition(".")[0])
        return self._messages.get(key, default)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        self._file(key.partition(".")[0])
        return key in self._messages

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())


@cache
def catalogue(lang: str) -> Catalogue:
    """Every message of ``lang``, keyed ``file.key``."""
    return Catalogue(FOLDER / lang)


class Translator:
    """``t("scoring.title")`` or ``t("errors.blank")``; falls back to English, then the key."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self._messages = catalogue(lang)
        self._fallback = catalogue("en")

    def __call__(self, key: str, **params: object) -> str:
        template = self._messages.get(key) or self._fallback.get(key)
        if template is None:
            # a key made from the data file ("pilots.verdict.<what the file says>"): inert
            return visible(key, one_line=True)
        return template.format(**params) if params else template

    def plural(self, key: str, count: int, **params: object) -> str:
        """``key.one`` or ``key.other`` as ``count`` asks in this language, with ``count``.

        English says "1 field, 0 fields"; French "0 champ, 1 champ, 2 champs".
        """
        one = count == 1 if self.lang == "en" else abs(count) < 2
        return self(f"{key}.{'one' if one else 'other'}", count=count, **params)

    def has(self, key: str) -> bool:
        return key in self._messages or key in self._fallback

    def number(self, value: float | Decimal | Fraction | int, decimals: int = 0) -> str:
        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        text = f"{value:,.{decimals}f}"
        if self.lang == "fr":
            text = text.replace(",", "\u202f").replace(".", ",")
        return text

    def smart(self, value: float | Decimal | Fraction | int) -> str:
        """A number with no useless decimals: 4, 3.5, 0.25."""
        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        text = f"{Decimal(str(value)).normalize():f}" if not isinstance(value, int) else str(value)
        if "." in text:
            whole, decimals = text.split(".")
            text = f"{whole}.{decimals[:2].rstrip('0')}".rstrip(".")
        return text.replace(".", ",") if self.lang == "fr" else text

    def percent(self, value: Decimal | Fraction | float, decimals: int | None = None) -> str:
        """One decimal, or as many as an exact Decimal carries (33.02 beside a 33 % threshold),
        rounded half-up by the one rule of ``workbench.core.percent`` (never "-0 %")."""
        if decimals is None:
            exponent = value.as_tuple().exponent if isinstance(value, Decimal) else -1
            decimals = max(1, -exponent) if isinstance(exponent, int) else 1
        return f"{self.number(rounded(value, decimals), decimals)}\u00a0%"

    def money(self, amount: Decimal | float | int, currency: str | None) -> str:
        whole = amount == int(amount)
        text = self.number(amount, 0 if whole else 2)
        return f"{text}\u00a0{currency}" if currency else text

    def date(self, value: date | None) -> str:
        return value.isoformat() if value is not None else "—"
