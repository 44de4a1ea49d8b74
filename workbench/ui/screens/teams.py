"""Teams tab (first cut)."""

from __future__ import annotations

from textual.app import ComposeResult

from workbench.ui.screens.pane import Pane
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable


class TeamsPane(Pane):
    tab_id = "teams"

    def compose(self) -> ComposeResult:
        yield VirtualTable([Column("name", "Name")])

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        rows = [Row(t.id, (t.name,)) for t in self.workbench.repository.teams()]
        self.query_one(VirtualTable).set_rows(rows)
