"""Scoring tab (first cut)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from workbench.ui.screens.pane import Pane


class ScoringPane(Pane):
    tab_id = "scoring"

    def compose(self) -> ComposeResult:
        yield Static("scoring")
