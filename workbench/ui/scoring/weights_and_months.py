"""What the whole assessment counts: the grid's weights and thresholds (w), and the months
of a subscription over the pilot (c)."""

from __future__ import annotations

from workbench.core.assessment import now_utc
from workbench.core.assessment_change import GridChange, MonthsChange
from workbench.core.grid import Grid
from workbench.ui.dialogs.months_dialog import MonthsChoice, MonthsDialog
from workbench.ui.scoring.history import History
from workbench.ui.scoring.weights_dialog import WeightsDialog


class WeightsAndMonths(History):
    def action_weights(self) -> None:
        _, _, assessment = self.current()
        grid = assessment.grid if assessment else Grid()

        def done(new_grid: Grid | None) -> None:
            if new_grid is None or new_grid == grid:
                return
            by = self.assessor

            def apply(value: Grid) -> GridChange:
                return GridChange(value, by, now_utc())

            self._change(apply, grid, new_grid, self.t("scoring.undo.weights"))

        self.app.push_screen(WeightsDialog(grid), done)

    def action_months(self) -> None:
        """The months of subscription this assessment counts (the cost over the pilot)."""
        team, programme, assessment = self.current()
        if team is None or programme is None:
            return
        current = assessment.months if assessment else None

        def done(choice: MonthsChoice | None) -> None:
            if choice is None or choice.months == current:
                return
            by = self.assessor

            def apply(value: int | None) -> MonthsChange:
                return MonthsChange(value, by, now_utc())

            self._change(apply, current, choice.months, self.t("money.months.undo"))

        dialog = MonthsDialog(programme.name, current, programme.price.months)
        self.app.push_screen(dialog, done)
