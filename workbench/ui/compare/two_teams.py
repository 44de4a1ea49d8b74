"""View 3: two teams on one programme (or two programmes for one team), where they differ.

A and B in the head with their verdicts; a row per criterion, the largest weighted gap
first; under it, every assessor's reason on the criterion under the cursor.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from workbench.core.assessment import Assessment
from workbench.core.comparison import Compared, differences
from workbench.core.grid import CRITERIA_BY_KEY
from workbench.ui.compare.state import View
from workbench.ui.compare.view import CompareTable, CompareView
from workbench.ui.compare.words import CompareWords, stack
from workbench.ui.dialogs.picker import Choice
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.text_panel import TextPanel
from workbench.ui.widgets.virtual_table import Column, Row, VirtualTable


def two_columns(words: CompareWords) -> list[Column]:
    t = words.t
    return [
        Column("criterion", t("compare.col.criterion"), width=17),
        Column("left", "A", width=3, align="right"),
        Column("right", "B", width=3, align="right"),
        Column("gap", "Δ", width=4, align="right"),
        Column("left_reason", t("compare.col.reason_a"), min_width=10),
        Column("right_reason", t("compare.col.reason_b"), min_width=10),
    ]


def two_rows(left: Compared, right: Compared, words: CompareWords) -> list[Row]:
    """The six criteria, the largest weighted gap first; Δ is B's score minus A's."""
    i18n = words.i18n
    rows = []
    for difference in differences(left, right):
        points = difference.points
        gap = "" if points is None else f"{'+' if points > 0 else ''}{i18n.smart(points)}"
        cells = (
            Text(CRITERIA_BY_KEY[difference.key].label(i18n.lang)),
            Text("–" if difference.left is None else i18n.smart(difference.left)),
            Text("–" if difference.right is None else i18n.smart(difference.right)),
            Text(gap),
            words.reasons(left, difference.key),
            words.reasons(right, difference.key),
        )
        rows.append(Row(difference.key, cells))
    return rows


class TwoTeamsView(CompareView):
    table_id = "compare-two"
    DEFAULT_CSS = """
    TwoTeamsView #compare-two-head {
        height: auto;
        padding: 0 1;
    }
    TwoTeamsView #compare-two { height: auto; max-height: 9; }
    TwoTeamsView #compare-two-detail {
        height: 1fr;
        padding: 0 1;
        border-top: solid $primary-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="compare-two-head", markup=False)
        yield CompareTable(empty_text=self.t("compare.two_empty"), id=self.table_id)
        yield TextPanel(id="compare-two-detail")

    def cursor_key(self) -> str | None:
        pair = self.state.pair
        return pair[0] if pair is not None else None

    def opened_key(self, key: str) -> str:
        return self.cursor_key() or key

    def shows_any(self, changed: list[Assessment]) -> bool:
        pair = self.state.pair
        return pair is None or any(a.id in pair for a in changed)

    def _pair(self) -> tuple[Compared, Compared] | None:
        pair = self.state.pair
        snapshot = self.data.snapshot
        if pair is None or snapshot is None:
            return None
        left, right = (self.data.compared(snapshot.assessments[key]) for key in pair)
        return left, right

    def title(self) -> list[Text]:
        pair = self._pair()
        if pair is None:
            return [Text(self.t("compare.title.two"))]
        left, right = pair
        same_team = left.team.id == right.team.id
        subject = (
            left.team.name if same_team else self.data.programme_name(left.assessment.programme_id)
        )
        return [
            Text(self.t("compare.title.two_programmes" if same_team else "compare.title.two")),
            safe_text(subject, "bold"),
        ]

    def show(self) -> None:
        head = self.query_one("#compare-two-head", Static)
        table = self.table
        table.set_columns(two_columns(self.words))
        pair = self._pair()
        if pair is None:
            head.update(Text(self.t("compare.two_empty"), style="italic"))
            table.set_rows([])
            self._show_detail(None)
            return
        left, right = pair
        same_team = left.team.id == right.team.id
        head.update(stack([self._side("A", left, same_team), self._side("B", right, same_team)]))
        table.set_rows(two_rows(left, right, self.words))
        self._show_detail(table.cursor_key)

    def _side(self, letter: str, item: Compared, same_team: bool) -> Text:
        text = Text(f"{letter}: ", style="bold")
        if same_team:
            text.append_text(safe_text(self.data.programme_name(item.assessment.programme_id)))
        else:
            text.append_text(safe_text(item.team.name))
        text.append("  ")
        text.append_text(self.words.verdict(item, full=True))
        return text

    @on(VirtualTable.Highlighted, "#compare-two")
    def _two_moved(self, event: VirtualTable.Highlighted) -> None:
        self._show_detail(event.key)  # the pane refreshes the keys: not stopped

    def _show_detail(self, key: str | None) -> None:
        detail = self.query_one("#compare-two-detail", TextPanel)
        pair = self._pair()
        if key not in CRITERIA_BY_KEY or pair is None:
            detail.show("")
            return
        lines = [Text(CRITERIA_BY_KEY[key].label(self.workbench.i18n.lang), style="underline")]
        for letter, item in zip("AB", pair, strict=True):
            reasons = item.reasons(key)
            line = Text(f"{letter}: ", style="bold")
            if not reasons:
                line.append(self.t("compare.detail.no_reason"), style="italic")
            for index, (assessor, reason) in enumerate(reasons):
                if index:
                    line.append("\n   ")
                line.append_text(safe_text(assessor, "bold"))
                line.append(" ")
                line.append_text(safe_text(reason, "italic", one_line=False))
            lines.append(line)
        detail.show(stack(lines))

    def pick_pair(self, first: Assessment | None, *, across_programmes: bool) -> None:
        """Two teams on ``first``'s programme, or two programmes for its team."""
        if first is None:
            self.notify(self.t("compare.two_nothing"), severity="warning", timeout=3)
            return
        data = self.data
        if across_programmes:
            others = [a for a in data.by_team.get(first.team_id, []) if a.id != first.id]
            choices = [
                Choice(a.id, safe_str(data.programme_name(a.programme_id)), self._percent(a))
                for a in others
            ]
            title = self.t("compare.pick.other_programme")
        else:
            others = [a for a in data.by_programme.get(first.programme_id, []) if a.id != first.id]
            others.sort(key=lambda a: data.team(a.team_id).name.casefold())
            choices = [
                Choice(a.id, safe_str(data.team(a.team_id).name), self._percent(a)) for a in others
            ]
            title = self.t("compare.pick.other_team", name=safe_str(data.team(first.team_id).name))
        if not choices:
            self.notify(self.t("compare.two_alone"), severity="warning", timeout=3)
            return

        def chosen(other: str) -> None:
            self.state.pair = (first.id, other)
            self.state.view = View.TWO
            self.show_again(True)

        self.pick(title, choices, None, chosen)

    def _percent(self, assessment: Assessment) -> str:
        percent = self.data.compared(assessment).percent
        return self.workbench.i18n.percent(percent) if percent is not None else "–"
