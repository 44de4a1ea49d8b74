"""The Teams tab's words and marks: an assessment's verdict as a word, a mark or a count.

Everything a user typed goes into ``Text`` through ``safe_text``, never into markup.
"""

from __future__ import annotations

from collections import Counter

from rich.style import Style
from rich.text import Text
from textual.app import App

from workbench.core.scoring import Evaluation, Verdict
from workbench.i18n import Translator
from workbench.ui.teams.records import Scored, TeamView
from workbench.ui.widgets.objective_badge import theme_style
from workbench.ui.widgets.verdict_style import verdict_key

MARKS_MAX = 6
"""Up to this many assessments, one mark each; beyond, a count per verdict ("5✓ 2?")."""
MARKS_WIDTH = 12
VERDICT_COLOUR = {
    Verdict.PILOT: "text-success",
    Verdict.INVESTIGATE: "text-warning",
    Verdict.ALTERNATIVES: "text-error",
    Verdict.CLARIFY_OBJECTIVE: "text-warning",
}
VERDICT_ORDER = [*(v.value for v in Verdict), "open"]


class TeamWords:
    """The words and marks of the Teams tab, in one language and the app's theme."""

    def __init__(self, i18n: Translator, app: App[object]) -> None:
        self.i18n = i18n
        self.t = i18n
        self.app = app

    def verdicts_summary(self, view: TeamView) -> Text:
        counts = Counter(scored.verdict for scored in view.scored)
        i18n = self.i18n
        parts = [
            i18n.plural(f"teams.verdict_count.{key}", counts[key])
            for key in VERDICT_ORDER
            if counts[key]
        ]
        return Text(self.t("teams.verdict_short.separator").join(parts))

    def marks(self, view: TeamView, *, coloured: bool = False) -> Text:
        """One mark per assessed programme, in the detail panel's order ("✓✓✗"); a count
        per verdict when there are many ("5✓ 2?")."""
        text = Text(no_wrap=True)
        if len(view.scored) <= MARKS_MAX:
            for scored in view.scored:
                text.append(self.mark(scored.verdict), self.mark_style(scored, coloured))
            return text
        counts = Counter(scored.verdict for scored in view.scored)
        separator = ""
        for key in VERDICT_ORDER:
            if counts[key]:
                text.append(separator)
                text.append(self.t("teams.verdict_mark.count", count=counts[key], mark=""))
                text.append(self.mark(key), self.mark_style(key, coloured))
                separator = self.t("teams.verdict_mark.separator")
        return text

    def mark(self, verdict: str) -> str:
        return self.t(f"teams.verdict_mark.{verdict}")

    def mark_style(self, scored: Scored | str, coloured: bool) -> Style:
        verdict = scored if isinstance(scored, str) else scored.verdict
        if not coloured or verdict == "open":
            return Style(bold=True)
        return self.verdict_style(Verdict(verdict))

    def verdict_cells(self, evaluation: Evaluation) -> tuple[Text, Text]:
        i18n = self.i18n
        verdict = evaluation.verdict
        if verdict is not None and evaluation.percent is not None:
            return (
                Text(self.t(verdict_key(verdict)).upper(), style=self.verdict_style(verdict)),
                Text(i18n.percent(evaluation.percent)),
            )
        possible = self.t("teams.detail.or").join(
            self.t(f"teams.verdict_short.{v.value}") for v in evaluation.possible
        )
        span = self.t(
            "teams.detail.percent_range",
            low=i18n.number(evaluation.low_percent, 1),
            high=i18n.percent(evaluation.high_percent),
        )
        return Text(self.t("teams.detail.open", possible=possible), style="italic"), Text(span)

    def verdict_style(self, verdict: Verdict) -> Style:
        return theme_style(self.app, VERDICT_COLOUR[verdict])
