"""The command line's language: ``--lang``, else the remembered language, else ``$LANG``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.i18n import Translator


def words(lang: str | None) -> Translator:
    """The messages in ``lang`` (``--lang``), else the remembered language, else ``$LANG``."""
    from workbench.i18n import Translator
    from workbench.settings import chosen_language

    return Translator(chosen_language(lang))
