"""What the Compare tab's views have in common, and the table three of them show."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget

from workbench.core.assessment import Assessment
from workbench.ui.compare.data import CompareData
from workbench.ui.compare.state import CompareState
from workbench.ui.compare.words import CompareWords
from workbench.ui.context import WorkbenchNode
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.messages import OpenScoring
from workbench.ui.panes.pane import Pane
from workbench.ui.widgets.virtual_table import VirtualTable

ShowAgain = Callable[[bool], None]
"""The pane's ``show_view``: shows the view on screen again, its title and keys too, and
moves the focus into it when asked (True)."""


class CompareTable(VirtualTable):
    help_title = "compare.table_title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "compare.keys.open", id="compare-table-open"),
    ]


class CompareView(WorkbenchNode, Vertical):
    """One view of the Compare tab, drawn from the data the views share.

    The pane shows a view (``show``) when the data or the view on screen changed; a view
    that changes what it shows by itself (a picker, a sort) asks the pane to show it again,
    so the tab's title and keys follow.
    """

    table_id: ClassVar[str] = ""
    """The id of the view's table, where the focus goes and the cursor is read."""

    def __init__(self, data: CompareData, show_again: ShowAgain, *, id: str) -> None:
        super().__init__(id=id)
        self.data = data
        self.show_again = show_again

    @property
    def state(self) -> CompareState:
        return self.workbench.state.compare

    @property
    def words(self) -> CompareWords:
        return CompareWords(self.app, self.workbench.i18n)

    def title(self) -> list[Text]:
        """The tab's title line for this view, in parts."""
        raise NotImplementedError

    def show(self) -> None:
        """Draw the view from the data and the tab's state."""
        raise NotImplementedError

    @property
    def table(self) -> CompareTable:
        return self.query_one(f"#{self.table_id}", CompareTable)

    def focus_target(self) -> Widget:
        """Where the focus goes in this view."""
        return self.table

    def cursor_key(self) -> str | None:
        """The assessment under the cursor (what P starts a pilot of)."""
        return self.table.cursor_key

    def shows_any(self, changed: list[Assessment]) -> bool:
        """Whether this view shows one of the ``changed`` assessments."""
        return bool(changed)

    def refresh_keys(self) -> None:
        """The footer's keys, after what this view can do changed by itself."""
        self.query_ancestor(Pane).refresh_bindings_if_changed()

    def pick(
        self, title: str, choices: list[Choice], current: str | None, done: Callable[[str], None]
    ) -> None:
        def chosen(value: str | None) -> None:
            if value is not None:
                done(value)

        self.app.push_screen(PickerDialog(title, choices, current=current), chosen)

    def opened_key(self, key: str) -> str:
        """The assessment Enter opens in Scoring on the row ``key``."""
        return key

    @on(VirtualTable.Selected)
    def _table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.open(self.data.assessment(self.opened_key(event.key)))

    def open(self, assessment: Assessment | None) -> None:
        if assessment is not None:
            self.post_message(OpenScoring(assessment.team_id, assessment.programme_id))
