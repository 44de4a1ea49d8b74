"""The criterion under the cursor: its question, what 1 and 5 mean, and each assessor's
rating with its reason."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from workbench.core.assessment import Assessment
from workbench.core.grid import Criterion
from workbench.i18n import Translator
from workbench.ui.scoring.base import ASSESSOR_LIMIT
from workbench.ui.scoring.score_grid import rating_cell
from workbench.ui.text import safe_text


def criterion_help_text(
    criterion: Criterion, assessment: Assessment | None, assessor: str, t: Translator
) -> Group:
    lang = t.lang
    lines: list[Text] = [
        Text.assemble((criterion.label(lang), "bold"), " — ", criterion.question(lang)),
        Text.assemble(
            ("1 ", "bold"), criterion.low(lang), "   ", ("5 ", "bold"), criterion.high(lang)
        ),
    ]
    if assessment is not None:
        names = list(assessment.assessors)
        if assessor not in names:
            names.append(assessor)
        for name in names:
            rating = assessment.rating(name, criterion.key)
            if rating.is_empty:
                continue
            line = Text("• ")
            line.append_text(safe_text(name, "bold", limit=ASSESSOR_LIMIT))
            line.append(" ")
            line.append_text(rating_cell(rating))
            if rating.reason:
                line.append(": ")
                line.append_text(safe_text(rating.reason, "italic", one_line=False))
            lines.append(line)
    return Group(*lines)
