"""The one-line search and filter fields of the tabs, which leave the tab keys alone."""

from __future__ import annotations

from workbench.ui.widgets.safe_input import SafeInput

TAB_CHARACTERS = "¡™£¢∞"
"""What alt+1 ... alt+5 arrive as from most terminals (and what macOS's Option+1 ... 5 type)."""


class FilterInput(SafeInput):
    """An Input that lets alt+1 ... alt+5 switch tabs instead of typing ¡™£¢∞."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character is not None and character in TAB_CHARACTERS:
            return False
        return super().check_consume_key(key, character)
