"""The Compare tab's lists (``VirtualTable`` rows): the bars of the teams, one team across
programmes, and two assessments criterion by criterion where they differ most."""

from __future__ import annotations

from rich.text import Text

from workbench.core.catalogue import Programme, Status
from workbench.core.comparison import Compared, differences
from workbench.core.grid import CRITERIA_BY_KEY
from workbench.ui.text import safe_text
from workbench.ui.widgets.compare_words import CompareWords
from workbench.ui.widgets.virtual_table import Column, Row

NAME_MIN, NAME_MAX = 12, 28
PERCENT_WIDTH = 8
VERDICT_WIDTH = 13


def bar_layout(
    words: CompareWords, width: int, verdicts: int = VERDICT_WIDTH
) -> tuple[list[Column], int]:
    """The columns of the bar view for a table ``width`` cells wide, and the bar's width.

    ``verdicts`` is the widest verdict to show: an open grid's possible verdicts ("? pilot/
    invest.") are read whole, the bar gives up what they need (down to 20 cells)."""
    name = max(NAME_MIN, min(NAME_MAX, width // 4))
    spare = width - name - PERCENT_WIDTH - 4 - 20
    verdict = max(VERDICT_WIDTH, min(verdicts, spare))
    bar = max(10, width - name - PERCENT_WIDTH - verdict - 4)
    t = words.t
    columns = [
        Column("team", t("compare.col.team"), width=name),
        Column("percent", t("compare.col.percent"), width=PERCENT_WIDTH, align="right"),
        Column("bar", t("compare.col.bar", low=40, high=60), width=bar),
        Column("verdict", t("compare.col.verdict"), width=verdict),
    ]
    return columns, bar


def bar_row(item: Compared, words: CompareWords, bar_width: int) -> Row:
    cells = (
        safe_text(item.team.name),
        words.percent(item),
        words.bar(item, bar_width),
        words.verdict(item),
    )
    return Row(item.key, cells)


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
