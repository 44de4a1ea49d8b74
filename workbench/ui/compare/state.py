"""What the Compare tab shows, kept by the app (a language switch rebuilds the tab)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from workbench.core.comparison import Filters, SortBy

if TYPE_CHECKING:
    from workbench.ui.compare.budget_dialog import BudgetChoice


class View(StrEnum):
    TEAMS = "teams"
    BARS = "bars"
    TEAM = "team"
    TWO = "two"
    PORTFOLIO = "portfolio"


SIDE_BY_SIDE = frozenset({View.TEAMS, View.BARS})
"""The two faces of view 1: the grid and the bars."""


@dataclass(slots=True)
class CompareState:
    view: View = View.TEAMS
    programme_id: str | None = None
    team_id: str | None = None
    sort: SortBy = SortBy.PERCENT
    filters: Filters = field(default_factory=Filters)
    pair: tuple[str, str] | None = None
    """The two assessments of the two-sided view."""
    budget: BudgetChoice | None = None
