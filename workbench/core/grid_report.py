"""Everything the Scoring tab shows about one assessment, computed in one place.

Pure: the UI passes the assessment and chooses whose scores to show; this module
evaluates the grid, and for a complete grid, how robust its verdict is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.assessment import Assessment
from workbench.core.consensus import CriterionSpread, evaluate_assessor, evaluate_consensus, spreads
from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.robustness import (
    Headline,
    ScoreFlip,
    WeightInterval,
    headline,
    score_flips,
    smallest_flips,
    weight_intervals,
)
from workbench.core.scoring import Evaluation, Number, evaluate


@dataclass(frozen=True, slots=True)
class GridReport:
    evaluation: Evaluation
    consensus: bool
    """True when the scores shown are the group's medians, not one assessor's."""
    spreads: list[CriterionSpread] = field(default_factory=list)
    flips: list[ScoreFlip] = field(default_factory=list)
    smallest: list[ScoreFlip] = field(default_factory=list)
    intervals: list[WeightInterval] = field(default_factory=list)
    headline: Headline | None = None

    @property
    def grid(self) -> Grid:
        return self.evaluation.grid

    @property
    def scores(self) -> dict[str, Number | None]:
        return {key: self.evaluation.scores.get(key) for key in CRITERION_KEYS}

    @property
    def disputed(self) -> list[str]:
        return [spread.key for spread in self.spreads if spread.disputed]

    def spread(self, key: str) -> CriterionSpread | None:
        for spread in self.spreads:
            if spread.key == key:
                return spread
        return None


def build_report(
    assessment: Assessment | None,
    *,
    assessor: str,
    objective_measurable: bool,
    consensus: bool = False,
) -> GridReport:
    if assessment is None:
        evaluation = evaluate(Grid(), {}, objective_measurable=objective_measurable)
        return GridReport(evaluation, consensus, headline=headline(evaluation))
    if consensus:
        evaluation = evaluate_consensus(assessment, objective_measurable=objective_measurable)
    else:
        evaluation = evaluate_assessor(
            assessment, assessor, objective_measurable=objective_measurable
        )
    summary = headline(evaluation)
    report = GridReport(evaluation, consensus, spreads=spreads(assessment), headline=summary)
    if not evaluation.complete:
        return report
    complete = {key: score for key, score in evaluation.scores.items() if score is not None}
    measurable = evaluation.objective_measurable
    return GridReport(
        evaluation,
        consensus,
        spreads=report.spreads,
        flips=score_flips(evaluation.grid, complete, objective_measurable=measurable),
        smallest=smallest_flips(evaluation.grid, complete, objective_measurable=measurable),
        intervals=weight_intervals(evaluation.grid, complete),
        headline=summary,
    )
