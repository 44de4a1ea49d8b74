"""The Markdown status report of a pilot, in English and French, from the seed's stories."""

from __future__ import annotations

from datetime import date

from workbench.core.pilot import Pilot
from workbench.core.pilot_report import md, pilot_report, report_filename
from workbench.core.sample import load_sample
from workbench.i18n import Translator

TODAY = date(2026, 11, 23)


def sample_pilot(pilot_id: str) -> Pilot:
    return next(p for p in load_sample().pilots if p.id == pilot_id)


def test_the_success_story_in_english() -> None:
    pilot = sample_pilot("pilot-ecommerce-ai-essentials")
    text = pilot_report(
        pilot, team="E-commerce", programme="AI Essentials", today=TODAY, i18n=Translator("en")
    )
    assert text.startswith("# Pilot status report: Prompting for product descriptions\n")
    for heading in [
        "## Warnings",
        "## Phases and gates",
        "## KPIs (Kirkpatrick levels)",
        "## Participants",
        "## Costs, benefits and ROI",
        "## Journal",
    ]:
        assert f"\n{heading}\n" in text
    assert (
        "| results | Product descriptions per week | descriptions/week | higher is better "
        "| 40 | 120 | 97 (2026-11-20) | 71.3\u00a0% |" in text
    )
    assert "Léa Martin's certification expires on 2026-12-18 (in 25 days)" in text
    assert "**ROI**: 32.3\u00a0%" in text
    assert "**Benefit/cost ratio**: 1.32" in text
    assert "- 2026-11-20 (claire): 97 descriptions a week" in text


def test_the_failure_story_in_french() -> None:
    pilot = sample_pilot("pilot-managers-genai")
    text = pilot_report(
        pilot, team="Managers", programme="GenAI", today=TODAY, i18n=Translator("fr")
    )
    assert "# Rapport d’avancement du pilote : AI for business, 20 managers" in text
    assert "Niveau réaction seulement" in text
    assert "**Lancé malgré le verdict** : " not in text  # the label is followed by a colon
    assert "- **Lancé malgré le verdict**: alternatives: The plant director" in text
    assert "**ROI**: pas encore calculable" in text  # no benefit valued: never -100 %
    assert "**Ratio bénéfices/coûts**: pas encore calculable" in text
    assert "| Pilote | en cours | 2026-05-18 → 2026-09-30 |" in text


def test_user_text_cannot_break_the_markdown_or_the_terminal() -> None:
    assert md("[click](http://x) | *bold* <b>") == r"\[click\](http://x) \| \*bold\* \<b\>"
    assert md("line\nbreak\x1b[31m") == "line↵break␛\\[31m"


def test_report_file_name_is_safe() -> None:
    pilot = sample_pilot("pilot-managers-genai")
    assert report_filename(pilot, TODAY, "fr") == "pilot-pilot-managers-genai-2026-11-23-fr.md"
    odd = pilot.model_copy(update={"id": "../../etc/passwd"})
    assert "/" not in report_filename(odd, TODAY, "en")
