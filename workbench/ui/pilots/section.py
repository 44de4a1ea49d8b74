"""What every section of a pilot's page has: a table with a cursor, one row per phase, KPI,
participant, cost or benefit, note or warning, and a detail panel for the highlighted row.
Everything a user typed is drawn through ``safe_text``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from workbench.core.pilot import Pilot
from workbench.core.pilot_metrics import PilotSummary
from workbench.ui.context import WorkbenchNode
from workbench.ui.text import safe_text
from workbench.ui.widgets.detail_view import DetailView
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable


@dataclass(frozen=True, slots=True)
class PilotContext:
    pilot: Pilot
    team: str
    programme: str
    today: date


class SectionTable(VirtualTable, inherit_bindings=False):
    """A section's rows; Enter acts on the highlighted row (measure, decide, edit).

    The arrows only, not the table's j and k: on a pilot's page those write a journal
    note and add a KPI."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "table.up", show=False, id="pilot-section-up"),
        Binding("down", "cursor(1)", "table.down", show=False, id="pilot-section-down"),
        Binding("pageup", "page(-1)", "table.page_up", show=False, id="pilot-section-page-up"),
        Binding("pagedown", "page(1)", "table.page_down", show=False, id="pilot-section-page-down"),
        Binding("home", "edge(0)", "table.first", show=False, id="pilot-section-first"),
        Binding("end", "edge(1)", "table.last", show=False, id="pilot-section-last"),
        Binding("enter", "select", "table.open", id="pilot-section-open"),
    ]
    help_title = "pilots.help.section"


def fields(pairs: list[tuple[str, Text | str]]) -> Table:
    """Labels in bold on the left, values on the right (a str value is user text)."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for label, value in pairs:
        grid.add_row(Text(label + " "), value if isinstance(value, Text) else safe_text(value))
    return grid


class PilotSection(WorkbenchNode, Vertical):
    """One section: ``SECTION`` names it (in its ids, its i18n keys, the pane's keys)."""

    SECTION: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"section-{self.SECTION}", classes="section")
        self.context: PilotContext | None = None
        self.summary: PilotSummary | None = None
        self.width = 0
        """The page's width (a hidden section has none of its own)."""

    def compose(self) -> ComposeResult:
        yield SectionTable(id=f"{self.SECTION}-table")
        yield DetailView(id=f"{self.SECTION}-detail", classes="section-detail")

    @property
    def table(self) -> SectionTable:
        return self.query_one(SectionTable)

    @property
    def pilot(self) -> Pilot:
        assert self.context is not None
        return self.context.pilot

    def show(self, context: PilotContext, summary: PilotSummary, width: int) -> None:
        self.context = context
        self.summary = summary
        self.width = width
        table = self.table
        table.empty_text = self.empty_text()
        table.set_columns(self.columns())
        table.set_rows(self.rows())

    def resized(self, width: int) -> None:
        """The page's width changed (the section keeps its rows)."""
        self.width = width

    def show_detail(self) -> None:
        if self.context is None:
            return
        detail = self.query_one(f"#{self.SECTION}-detail", DetailView)
        detail.update(self.detail(self.table.cursor_key))

    # what a section says

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def rows(self) -> list[Row]:
        raise NotImplementedError

    def empty_text(self) -> str:
        """What the table says without a row."""
        return ""

    def detail(self, key: str | None) -> RenderableType:
        """The highlighted row's detail (``key`` None: no row)."""
        raise NotImplementedError
