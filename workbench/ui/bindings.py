"""Binding descriptions are i18n keys; screens show them translated (footer, help, palette)."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from textual.binding import ActiveBinding, Binding
from textual.screen import ModalScreen, Screen

from workbench.i18n import Translator


def translated(binding: Binding, i18n: Translator) -> Binding:
    """Our descriptions are i18n keys; Textual's own are looked up under ``textual.``."""
    if binding.group is not None and i18n.has(binding.group.description):
        group = dataclasses.replace(binding.group, description=i18n(binding.group.description))
        binding = dataclasses.replace(binding, group=group)
    description = binding.description
    if not description:
        return binding
    for key in (description, f"textual.{description}"):
        if i18n.has(key):
            return dataclasses.replace(binding, description=i18n(key))
    return binding


FIRST_IN_FOOTER = "help"
LAST_IN_FOOTER = frozenset({"tab-next", "quit"})
"""Cut first when the footer is short of room: the tab's own keys matter more there."""


def translate_active(
    bindings: dict[str, ActiveBinding], i18n: Translator
) -> dict[str, ActiveBinding]:
    """Translated, with the help key first and the keys of every tab last: the footer
    cuts at the right on 80 columns."""
    translated_bindings = {
        key: ActiveBinding(node, translated(binding, i18n), enabled, tooltip)
        for key, (node, binding, enabled, tooltip) in bindings.items()
    }
    first = {k: v for k, v in translated_bindings.items() if v.binding.id == FIRST_IN_FOOTER}
    last = {k: v for k, v in translated_bindings.items() if v.binding.id in LAST_IN_FOOTER}
    rest = {k: v for k, v in translated_bindings.items() if k not in first and k not in last}
    return first | rest | last


ResultType = TypeVar("ResultType")
TOAST_RACK = "#textual-toastrack"
"""The toasts of a screen: Textual mounts this rack in every screen."""


def app_translator(screen: Screen[Any]) -> Translator:
    i18n = getattr(screen.app, "i18n", None)
    return i18n if isinstance(i18n, Translator) else Translator("en")


class TranslatedScreen(Screen[object]):
    """A screen whose footer shows binding descriptions in the app's language, and whose
    toasts hide while a dialog covers it (they show again when it closes)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_active(super().active_bindings, app_translator(self))

    def on_screen_suspend(self) -> None:
        self._show_toasts(False)

    def on_screen_resume(self) -> None:
        self._show_toasts(True)

    def _show_toasts(self, shown: bool) -> None:
        """The toast rack alone, and only when it holds toasts: a class on the screen
        (Textual's ``SUSPENDED_SCREEN_CLASS``) would restyle every widget of the screen below
        each dialog opened, and hiding an empty rack would lay that screen out again."""
        for rack in self.query_children(TOAST_RACK):
            hide = not shown and bool(rack.children)
            if rack.display == hide:
                rack.display = not hide


class TranslatedModalScreen(ModalScreen[ResultType]):
    """The same for dialogs."""

    DEFAULT_CLASSES = "dialog-screen"

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_active(super().active_bindings, app_translator(self))
