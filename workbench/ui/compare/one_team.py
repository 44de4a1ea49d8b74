"""View 2: one team across the programmes it was assessed on, the best first.

A row per programme: percentage, verdict, robustness, price, hours and the programme's
status (a retired one marked ⊘, a successor named). ``t`` picks another team.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme, Status
from workbench.core.comparison import Compared, SortBy, sort_key
from workbench.ui.compare.view import CompareTable, CompareView
from workbench.ui.compare.words import CompareWords
from workbench.ui.dialogs.picker import Choice
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.virtual_table import Column, Row


def team_columns(words: CompareWords) -> list[Column]:
    t = words.t
    return [
        Column("programme", t("compare.col.programme"), min_width=14),
        Column("percent", t("compare.col.percent"), width=7, align="right"),
        Column("verdict", t("compare.col.verdict"), width=12),
        Column("robust", t("compare.col.robustness"), width=12),
        Column("price", t("compare.col.price"), width=11, align="right"),
        Column("hours", t("compare.col.hours"), width=6, align="right"),
        Column("status", t("compare.col.status"), width=10),
    ]


def team_row(item: Compared, programme: Programme | None, name: str, words: CompareWords) -> Row:
    """One programme of the team: percentage, verdict, robustness, price, hours, status."""
    status = Text("")
    if programme is not None:
        label = words.t(f"scoring.status.{programme.status.value}")
        if programme.status is Status.RETIRED:
            status = Text(f"⊘ {label}", style=words.style("text-error"))
        elif programme.status is Status.RETIRING:
            status = Text(label, style=words.style("text-warning"))
        else:
            status = Text(label)
    cells = (
        safe_text(name),
        words.percent(item),
        words.verdict(item),
        words.headline(item.headline),
        Text(words.seat_price(programme)),
        Text(programme.hours_label if programme is not None else ""),
        status,
    )
    return Row(item.key, cells)


class OneTeamView(CompareView):
    table_id = "compare-team"

    def compose(self) -> ComposeResult:
        yield CompareTable(empty_text=self.t("compare.team_empty"), id=self.table_id)

    def shows_any(self, changed: list[Assessment]) -> bool:
        return any(a.team_id == self.state.team_id for a in changed)

    def title(self) -> list[Text]:
        team_id = self.state.team_id
        if team_id is None:
            return [Text(self.t("compare.title.team_none"))]
        team = self.data.team(team_id)
        return [
            Text(self.t("compare.title.team")),
            safe_text(team.name, "bold"),
            Text(self.words.plural("compare.headcount_title", team.headcount)),
        ]

    def show(self) -> None:
        data = self.data
        team_id = self.state.team_id
        table = self.table
        words = self.words
        table.set_columns(team_columns(words))
        if team_id is None:
            table.set_rows([])
            return
        items = [data.compared(a) for a in data.by_team.get(team_id, [])]
        items.sort(key=lambda item: sort_key(item, SortBy.PERCENT))
        catalogue = data.snapshot.programmes if data.snapshot else {}
        rows = []
        for item in items:
            programme_id = item.assessment.programme_id
            programme = data.programme(programme_id)
            name = data.programme_name(programme_id)
            successor = programme.successor_name(catalogue) if programme else None
            if successor is not None:  # the status column is narrow: the name says it
                name = self.t("catalogue.with_successor", status=name, successor=successor)
            rows.append(team_row(item, programme, name, words))
        table.set_rows(rows)

    def pick_team(self) -> None:
        def chosen(team_id: str) -> None:
            self.state.team_id = team_id
            self.show_again(True)

        data = self.data
        order = sorted(data.by_team, key=lambda t: data.team(t).name.casefold())
        choices = [
            Choice(
                t,
                safe_str(data.team(t).name),
                self.words.plural("compare.programmes", len(data.by_team[t])),
            )
            for t in order
        ]
        self.pick(self.t("compare.pick.team"), choices, self.state.team_id, chosen)
