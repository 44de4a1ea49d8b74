"""What every tab's content has in common."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.containers import Vertical

from workbench.ui.context import WorkbenchNode


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    title: str
    help: str
    callback: Callable[[], object]


class Pane(WorkbenchNode, Vertical):
    """The content of one tab. Panes are recomposed when the language changes."""

    tab_id: ClassVar[str] = ""

    def refresh_data(self) -> None:
        """Show the repository's current data (called after every change)."""

    def palette_commands(self) -> list[PaletteCommand]:
        """This pane's actions, for the command palette."""
        return []

    def focus_default(self) -> None:
        """Put the focus where the user starts in this tab: its first focusable widget."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
