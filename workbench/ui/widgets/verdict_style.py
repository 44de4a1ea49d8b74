"""How each verdict looks: a word and a theme colour, so 16-colour terminals stay legible."""

from __future__ import annotations

from workbench.core.scoring import Verdict

# The component class of each verdict: verdict-bar--pilot, ...
VERDICT_STYLE: dict[Verdict, str] = {
    Verdict.PILOT: "pilot",
    Verdict.INVESTIGATE: "investigate",
    Verdict.ALTERNATIVES: "alternatives",
    Verdict.CLARIFY_OBJECTIVE: "clarify",
}


def verdict_key(verdict: Verdict) -> str:
    return f"scoring.verdict.{verdict.value}"
