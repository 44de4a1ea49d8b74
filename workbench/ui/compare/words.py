"""The Compare tab's words and marks: verdicts, robustness, objective, bars, prices.

Everything is ``rich.text.Text``; user text (names, reasons) only through ``safe_text``.
The sign or the word carries each meaning and colour only adds to it, so 16-colour
terminals, ``NO_COLOR`` and 80 columns keep it legible.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.app import App

from workbench.core.catalogue import PriceBasis, PriceKind, Programme
from workbench.core.comparison import Compared
from workbench.core.portfolio_words import gain_text
from workbench.core.robustness import Headline, Level
from workbench.core.robustness_words import headline_parts, headline_short
from workbench.core.scoring import Verdict
from workbench.i18n import Translator
from workbench.ui.text import safe_text
from workbench.ui.widgets.objective_badge import missing_text, theme_style
from workbench.ui.widgets.verdict_style import verdict_key

VERDICT_COLOUR = {
    Verdict.PILOT: "text-success",
    Verdict.INVESTIGATE: "text-warning",
    Verdict.ALTERNATIVES: "text-error",
    Verdict.CLARIFY_OBJECTIVE: "text-warning",
}
BAR_FULL, BAR_EMPTY, BAR_MAYBE, BAR_LINE, BAR_LINE_FULL = "█", "·", "░", "│", "┃"


def stack(lines: Sequence[Text]) -> Group:
    """One line each (user text comes as one-line ``Text`` without a line end)."""
    for line in lines:
        line.end = "\n"
    return Group(*lines)


class CompareWords:
    """The words of one app (its language and its theme's colours)."""

    def __init__(self, app: App[Any] | None, i18n: Translator) -> None:
        self.app = app
        self.i18n = i18n

    def t(self, key: str, **params: object) -> str:
        return self.i18n(key, **params)

    def style(self, variable: str) -> Style:
        return theme_style(self.app, variable)

    def plural(self, key: str, count: int, **params: object) -> str:
        """``key_one`` for one (and zero, in French), ``key`` otherwise."""
        one = count in (0, 1) if self.i18n.lang == "fr" else count == 1
        return self.t(f"{key}_one" if one else key, count=count, **params)

    def gain(self, teams: int, points: Fraction) -> str:
        """ "+1 team, +78 points": what a larger budget adds."""
        return gain_text(self.i18n, teams, points)

    def verdict(self, item: Compared, *, full: bool = False) -> Text:
        evaluation = item.evaluation
        verdict = evaluation.verdict
        if verdict is not None:
            text = Text(
                self.t(verdict_key(verdict)).upper(), style=self.style(VERDICT_COLOUR[verdict])
            )
            if full and evaluation.percent is not None:
                text.append(f"  {self.i18n.percent(evaluation.percent)}")
            return text
        possible = "/".join(self.t(f"compare.verdict_short.{v.value}") for v in evaluation.possible)
        if full:
            return Text(self.t("compare.detail.open", possible=possible), style="italic")
        return Text(f"? {possible}", style="italic")

    def percent(self, item: Compared) -> Text:
        percent = item.percent
        return Text(self.i18n.percent(percent) if percent is not None else "–")

    def headline(self, found: Headline, *, full: bool = False) -> Text:
        """The Scoring screen's robustness headline: its sentence in full, or its level and
        points in a cell; fragile in the warning colour."""
        parts = headline_parts(found, self.i18n) if full else headline_short(found, self.i18n)
        text = Text.assemble(*parts, no_wrap=not full, end="")
        if found.level is Level.FRAGILE:
            text.stylize(self.style("text-warning"))
        return text

    def objective(self, item: Compared, *, full: bool = False) -> Text:
        if item.team.objective.is_measurable:
            return Text(self.t("compare.objective.ok"))
        text = Text(self.t("compare.objective.clarify"), style=self.style("text-warning"))
        if full:
            text.append(f" ({missing_text(item.team, self.i18n)})")
        return text

    def bar(self, item: Compared, width: int) -> Text:
        """The percentage as a bar of ``width`` cells with the grid's two threshold lines.

        Filled up to the lowest percentage still possible, shaded up to the highest; the
        lines stay visible inside the filled part (a heavier glyph)."""
        evaluation = item.evaluation
        grid = evaluation.grid
        verdict = evaluation.verdict
        style = self.style(VERDICT_COLOUR[verdict]) if verdict is not None else Style(dim=True)
        full = round(float(item.low_percent) / 100 * width)
        maybe = round(float(item.high_percent) / 100 * width)
        marks = {round(line / 100 * width) for line in (grid.alternatives_below, grid.pilot_above)}
        maybe = max(maybe, full)
        chars = [BAR_FULL] * full + [BAR_MAYBE] * (maybe - full) + [BAR_EMPTY] * (width - maybe)
        for mark in marks:
            if 0 <= mark < width:
                chars[mark] = BAR_LINE_FULL if mark < full else BAR_LINE
        bar = Text("".join(chars), no_wrap=True, end="")
        bar.stylize(style, 0, maybe)
        bar.stylize("dim", maybe, width)
        for mark in marks:
            bar.stylize("bold", mark, mark + 1)
        return bar

    def seat_price(self, programme: Programme | None) -> str:
        if programme is None:
            return ""
        price = programme.price
        if price.kind is PriceKind.FREE:
            return self.t("compare.price.free")
        if price.kind is PriceKind.UNKNOWN or price.amount is None:
            return self.t("compare.price.unknown")
        money = self.i18n.money(price.amount, price.currency)
        if price.basis is PriceBasis.TEAM:
            return self.t("compare.price.per_team", price=money)
        return money

    def reasons(self, item: Compared, key: str) -> Text:
        """Every assessor's reason on one line (named when there are several)."""
        text = Text(no_wrap=True, end="")
        named = len(item.assessment.assessors) > 1
        for index, (assessor, reason) in enumerate(item.reasons(key)):
            if index:
                text.append(" · ")
            if named:
                text.append_text(safe_text(assessor, "bold"))
                text.append(": ")
            text.append_text(safe_text(reason, "italic"))
        return text
