"""The table of teams: its columns, sized to the data and the terminal, and its rows.

Name, department, headcount, objective or "⚠ Clarify the objective first", and the verdicts
of the team's assessments (in words when the table is roomy, else one mark each).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType

from workbench.ui.teams.records import TeamView
from workbench.ui.teams.words import MARKS_WIDTH, TeamWords
from workbench.ui.text import safe_text
from workbench.ui.widgets.objective_badge import objective_cell, warning_style
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable

WIDE = 140
"""From this width the detail panel sits beside the table."""
ROOMY = 100
"""From this width (of the table itself) the verdicts are counted in words, else marked."""
VERDICTS_WIDTH = 26


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


class TeamsTable(VirtualTable):
    """The teams; Enter scores the highlighted team."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "teams.keys.score", id="teams-score"),
    ]
    help_title = "teams.table_title"


def table_width(width: int) -> int:
    """The table's width in a pane ``width`` wide: what the detail panel beside it leaves."""
    detail = _clamp(width * 36 // 100, 42, 72) + 1 if width >= WIDE else 0
    return width - detail


def team_columns(
    words: TeamWords, records: Sequence[TeamView], *, width: int, roomy: bool
) -> list[Column]:
    """Department and name as wide as the data needs, within limits; the objective
    keeps room for the whole flag; the verdicts in words when roomy, else marked."""
    t = words.t
    labels = {key: t(f"teams.columns.{key}") for key in ("name", "department", "headcount")}
    departments = max((len(v.team.department or "") for v in records), default=8)
    department = _clamp(max(departments, len(labels["department"])), 8, 18 if roomy else 10)
    headcount = len(labels["headcount"])
    if roomy:
        last = Column("verdicts", t("teams.columns.verdicts"), VERDICTS_WIDTH)
    else:
        label = t("teams.columns.marks")
        marks = max((cell_len(words.marks(v).plain) for v in records), default=0)
        last = Column("verdicts", label, _clamp(marks, cell_len(label), MARKS_WIDTH))
    fixed = department + headcount + (last.width or 0) + 4
    # the objective keeps room for the whole "⚠ Clarify the objective first"
    room = width - 1 - fixed - cell_len(t("teams.flag.clarify"))
    names = max((len(v.team.name) for v in records), default=12)
    name = _clamp(names, 12, max(12, min(room, 32)))
    return [
        Column("name", labels["name"], name),
        Column("department", labels["department"], department),
        Column("headcount", labels["headcount"], headcount, align="right"),
        Column("objective", t("teams.columns.objective"), min_width=20),
        last,
    ]


def team_row(words: TeamWords, view: TeamView, *, roomy: bool, highlighted: bool) -> Row:
    """The cursor row (``highlighted``) shows the flag and the verdicts in the cursor's own
    colours (bold): yellow on the light cursor of a 16-colour terminal cannot be read."""
    team = view.team
    i18n = words.i18n
    flag_style = Style(bold=True) if highlighted else warning_style(words.app)
    last: Text
    if not view.scored:
        last = Text(i18n("teams.detail.unset"))
    elif roomy:
        last = words.verdicts_summary(view)
    else:
        last = words.marks(view, coloured=not highlighted)
    return Row(
        team.id,
        (
            safe_text(team.name),
            safe_text(team.department or ""),
            i18n.number(team.headcount),
            objective_cell(team, i18n, style=flag_style),
            last,
        ),
    )
