"""Catalogue tab (first cut: the table; filters and forms come next)."""

from __future__ import annotations

from textual.app import ComposeResult

from workbench.ui.screens.pane import Pane
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable


class CataloguePane(Pane):
    tab_id = "catalogue"

    def compose(self) -> ComposeResult:
        yield VirtualTable([Column("name", "Name"), Column("provider", "Provider", 16)])

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        rows = [Row(p.id, (p.name, p.provider)) for p in self.workbench.repository.programmes()]
        self.query_one(VirtualTable).set_rows(rows)
