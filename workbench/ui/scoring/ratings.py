"""Your rating of the criterion under the cursor: a score (1-5), clear, a reason, a range."""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.assessment import Rating, now_utc
from workbench.core.assessment_change import RatingChange
from workbench.core.grid import CRITERIA, CRITERIA_BY_KEY
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.scoring.history import History
from workbench.ui.scoring.range_dialog import RangeChoice, RangeDialog
from workbench.ui.scoring.score_grid import ScoreGrid


class Ratings(History):
    def _change_rating(self, key: str, change: Callable[[Rating], Rating], label: str) -> bool:
        if self.report is None:
            return False
        assessment = self.current()[2]
        assessor = self.assessor
        before = assessment.rating(assessor, key) if assessment else Rating()
        after = change(before)
        if after == before:
            return True

        def apply(rating: Rating) -> RatingChange:
            return RatingChange(assessor, key, rating, now_utc())

        return self._change(apply, before, after, label)

    def action_score(self, score: int) -> None:
        grid = self.query_one(ScoreGrid)
        key = grid.key
        label = CRITERIA_BY_KEY[key].label(self.workbench.i18n.lang)
        changed = self._change_rating(
            key,
            lambda r: r.model_copy(update={"score": score, "low": None, "high": None}),
            self.t("scoring.undo.score", criterion=label, score=score),
        )
        if changed and grid.cursor < len(CRITERIA) - 1:
            grid.cursor += 1

    def action_clear(self) -> None:
        key = self.query_one(ScoreGrid).key
        label = CRITERIA_BY_KEY[key].label(self.workbench.i18n.lang)
        self._change_rating(
            key,
            lambda r: r.model_copy(update={"score": None, "low": None, "high": None}),
            self.t("scoring.undo.clear", criterion=label),
        )

    def action_reason(self) -> None:
        key = self.query_one(ScoreGrid).key
        criterion = CRITERIA_BY_KEY[key]
        lang = self.workbench.i18n.lang
        _, _, assessment = self.current()
        current = assessment.rating(self.assessor, key).reason if assessment else ""

        def done(reason: str | None) -> None:
            if reason is None:
                return
            self._change_rating(
                key,
                lambda r: r.model_copy(update={"reason": reason}),
                self.t("scoring.undo.reason", criterion=criterion.label(lang)),
            )

        self.app.push_screen(
            ReasonDialog(criterion.label(lang), criterion.question(lang), current), done
        )

    def action_range(self) -> None:
        key = self.query_one(ScoreGrid).key
        criterion = CRITERIA_BY_KEY[key]
        label = criterion.label(self.workbench.i18n.lang)
        _, _, assessment = self.current()
        rating = assessment.rating(self.assessor, key) if assessment else Rating()
        current = (
            (rating.low, rating.high)
            if rating.low is not None and rating.high is not None
            else None
        )

        def done(choice: RangeChoice | None) -> None:
            if choice is None:
                return
            low, high = choice.bounds if choice.bounds else (None, None)
            self._change_rating(
                key,
                lambda r: r.model_copy(update={"score": None, "low": low, "high": high}),
                self.t("scoring.undo.range", criterion=label),
            )

        self.app.push_screen(RangeDialog(label, current), done)
