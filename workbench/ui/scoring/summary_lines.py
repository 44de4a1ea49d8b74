"""Under the verdict: how robust it is, what to discuss, and whether your column is empty."""

from __future__ import annotations

from rich.text import Text

from workbench.core.assessment import Assessment
from workbench.core.grid_report import GridReport
from workbench.i18n import Translator
from workbench.ui.scoring.base import ASSESSOR_LIMIT
from workbench.ui.scoring.robustness_panel import discuss_text, headline_text
from workbench.ui.text import safe_str


def summary_text(
    report: GridReport | None, assessment: Assessment | None, assessor: str, t: Translator
) -> Text:
    text = Text()
    if report is None:
        return text
    if assessment is None or not assessment.assessors:
        text.append(t("scoring.not_started"), "italic")
        return text
    if report.headline is not None:
        text.append_text(headline_text(report.headline, t))
    discuss = discuss_text(report, t)
    if discuss.plain:
        text.append("\n")
        text.append_text(discuss)
    mine = [s for s in assessment.scores_of(assessor).values() if s is not None]
    if not mine:
        text.append("\n")
        text.append(
            t("scoring.yours_empty", assessor=safe_str(assessor, limit=ASSESSOR_LIMIT)),
            "italic",
        )
    return text
