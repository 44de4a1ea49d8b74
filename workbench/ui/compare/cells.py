"""Teams side by side for one programme: the cells of the ``CompareGrid``, built on demand.

Rows: the six criteria (score, ``2-4`` for a range, ⚑ where assessors differ by 2 or more),
the weighted total, the percentage, the verdict, the robustness headline and the objective's
status. ★ marks the best value of a row. The grid asks only for the cells on screen.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from workbench.core.comparison import Compared, best_of_row, row_values
from workbench.core.grid import CRITERIA_BY_KEY, CRITERION_KEYS
from workbench.ui.compare.words import CompareWords, stack
from workbench.ui.text import safe_text

SUMMARY_ROWS = ("total", "percent", "verdict", "robustness", "objective")
ROWS: tuple[str, ...] = (*CRITERION_KEYS, *SUMMARY_ROWS)
BEST = "★"
DISPUTED = "⚑"


class SideBySide:
    """The ``GridSource`` of the side-by-side view: one column per assessment."""

    def __init__(self, items: list[Compared], words: CompareWords) -> None:
        self.items = items
        self.words = words
        self._best: dict[str, set[int]] = {}
        self._weights: dict[str, int | None] = {}

    @property
    def row_count(self) -> int:
        return len(ROWS)

    @property
    def column_count(self) -> int:
        return len(self.items)

    @property
    def robustness_pending(self) -> bool:
        """True while some column's headline is still being computed off screen: the
        robustness row marks no best value until every one is known."""
        return not all(item.headline_known for item in self.items)

    def best(self, row: str) -> set[int]:
        """The columns holding the best value of ``row`` (computed once per row)."""
        found = self._best.get(row)
        if found is None:
            if row == "robustness" and self.robustness_pending:
                return set()
            found = best_of_row(row_values(self.items, row))
            self._best[row] = found
        return found

    def _weight(self, key: str) -> int | None:
        """The criterion's weight when every grid shown gives it the same one."""
        if key not in self._weights:
            weights = {item.assessment.grid.weight(key) for item in self.items}
            self._weights[key] = weights.pop() if len(weights) == 1 else None
        return self._weights[key]

    def row_label(self, row: int) -> Text:
        key = ROWS[row]
        if key not in CRITERION_KEYS:
            label = Text(self.words.t(f"compare.row.{key}"))
            if key == "robustness" and self.robustness_pending:
                label.append(f" {self.words.t('compare.row.pending')}", style="dim")
            return label
        label = Text(CRITERIA_BY_KEY[key].label(self.words.i18n.lang))
        weight = self._weight(key)
        if weight is not None:
            label.append(f" ×{weight}", style="dim")
        return label

    def header(self, column: int) -> tuple[Text, Text]:
        team = self.items[column].team
        return safe_text(team.name, limit=60), safe_text(team.department or "", "dim")

    def cell(self, row: int, column: int) -> Text:
        item = self.items[column]
        key = ROWS[row]
        words = self.words
        i18n = words.i18n
        evaluation = item.evaluation
        if key in CRITERION_KEYS:
            score = item.score(key)
            if score is not None:
                text = Text(i18n.smart(score), style="bold")
            elif (bounds := item.score_range(key)) is not None:
                low, high = (i18n.smart(bound) for bound in bounds)
                text = Text(low if low == high else f"{low}-{high}")
            else:
                text = Text("–", style="dim")
            if item.spread(key).disputed:
                text.append(f" {DISPUTED}", style=words.style("text-warning"))
        elif key == "total":
            if evaluation.total is not None:
                text = Text(f"{i18n.smart(evaluation.total)}/{evaluation.maximum}")
            else:
                low, high = i18n.smart(evaluation.low_total), i18n.smart(evaluation.high_total)
                text = Text(f"{low}–{high}", style="italic")
        elif key == "percent":
            if evaluation.percent is not None:
                text = Text(i18n.percent(evaluation.percent), style="bold")
            else:
                low = i18n.number(evaluation.low_percent, 0)
                text = Text(f"{low}–{i18n.percent(evaluation.high_percent, 0)}", style="italic")
        elif key == "verdict":
            text = words.verdict(item)
        elif key == "robustness":
            text = words.headline(item.headline)
        else:
            text = words.objective(item)
        if column in self.best(key):
            text = Text.assemble((f"{BEST} ", "bold"), text)
        return text

    def detail(self, column: int, row: int) -> Group:
        """What the cursor's cell means in full: the team, then the reasons or the headline."""
        words = self.words
        if not self.items:
            return stack([Text(words.t("compare.detail.none"), style="italic")])
        item = self.items[min(column, len(self.items) - 1)]
        key = ROWS[min(row, len(ROWS) - 1)]
        team = item.team
        head = safe_text(team.name, "bold")
        if team.department:
            head.append("  ")
            head.append_text(safe_text(team.department))
        head.append(f"  {words.plural('compare.headcount', team.headcount)}")
        lines = [head]
        if key in CRITERION_KEYS:
            lines.append(Text(CRITERIA_BY_KEY[key].label(words.i18n.lang), style="underline"))
            spread = item.spread(key)
            if not spread.scores and not item.reasons(key):
                lines.append(Text(words.t("compare.detail.no_score"), style="italic"))
            for assessor, score in spread.scores.items():
                line = safe_text(assessor, "bold")
                line.append(f" {score}  ")
                reason = item.assessment.rating(assessor, key).reason
                line.append_text(safe_text(reason, "italic", one_line=False))
                lines.append(line)
            if spread.disputed:
                lines.append(Text(words.t("compare.detail.disputed"), style="bold"))
        elif key == "robustness":
            lines.append(words.headline(item.headline, full=True))
        elif key == "objective":
            lines.append(words.objective(item, full=True))
        else:
            lines.append(words.verdict(item, full=True))
        lines.append(Text(words.t("compare.detail.enter"), style="dim"))
        return stack(lines)
