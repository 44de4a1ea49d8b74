"""How each verdict looks: a word and a theme colour, so 16-colour terminals stay legible."""

from __future__ import annotations

from workbench.core.scoring import Verdict

VERDICT_CLASS: dict[Verdict, str] = {
    Verdict.PILOT: "-pilot",
    Verdict.INVESTIGATE: "-investigate",
    Verdict.ALTERNATIVES: "-alternatives",
    Verdict.CLARIFY_OBJECTIVE: "-clarify",
}

VERDICT_CSS = """
    .-pilot { color: $text-success; }
    .-investigate { color: $text-warning; }
    .-alternatives { color: $text-error; }
    .-clarify { color: $text-accent; }
"""


def verdict_key(verdict: Verdict) -> str:
    return f"scoring.verdict.{verdict.value}"
