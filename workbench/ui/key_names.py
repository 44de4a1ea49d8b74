"""Key names as the user's keyboard writes them: "Entrée", "Échap", "Maj+Tab" in French."""

from __future__ import annotations

from textual.keys import format_key

from workbench.i18n import Translator

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")


def key_display(key: str, i18n: Translator) -> str:
    """``key`` (a Textual key such as ``shift+tab``) named in ``i18n``'s language.

    ctrl stays the caret Textual shows (^p); the other modifiers and the named keys come
    from ``keys.names`` and ``keys.modifiers``; anything else is shown as Textual shows it.
    """
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    if not name:  # "ctrl++"
        name = "+"
    shown = i18n(f"keys.names.{name}") if i18n.has(f"keys.names.{name}") else format_key(name)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        shown = f"^{shown}"
    words = [
        i18n(f"keys.modifiers.{modifier}") if i18n.has(f"keys.modifiers.{modifier}") else modifier
        for modifier in modifiers
    ]
    return "+".join([*words, shown])
