"""Compare until its issue lands: what is coming, not an error."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from workbench.ui.screens.pane import Pane


class ComingSoonPane(Pane):
    DEFAULT_CSS = """
    ComingSoonPane { align: center middle; }
    ComingSoonPane > Static {
        width: 70%;
        max-width: 70;
        border: round $secondary;
        padding: 1 2;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        note = Static(Text(self.t(f"app.coming.{self.tab_id}")))
        note.border_title = self.t("app.coming_soon")
        yield note


class ComparePane(ComingSoonPane):
    tab_id = "compare"
