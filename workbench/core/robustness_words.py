"""The robustness headline in words, one function for every place that shows it.

Scoring's panel, the Compare tab (in full, or compact in a cell) and the decision memo all
say what ``robustness.headline`` found with these words: pure, no Textual. Each part is a
piece of text and its emphasis ("", "bold" or "italic"), for a ``rich`` Text or Markdown.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from workbench.core.grid import CRITERIA_BY_KEY
from workbench.core.robustness import Headline, Level, Move
from workbench.core.scoring import Number, Verdict

Part = tuple[str, str]


class Words(Protocol):
    """What the headline needs of a translator (``workbench.i18n.Translator`` has it)."""

    lang: str

    def __call__(self, key: str, **params: object) -> str: ...

    def smart(self, value: float | Decimal | Fraction | int) -> str: ...


def singular(points: Number, t: Words) -> bool:
    """English says 1 point, 2 points; French 1,5 point, 2 points."""
    return points == 1 if t.lang == "en" else points < 2


def points_text(points: Number, t: Words) -> str:
    key = "scoring.headline.points_one" if singular(points, t) else "scoring.headline.points"
    return t(key, points=t.smart(points))


def moves_text(moves: tuple[Move, ...], t: Words) -> str:
    return " + ".join(
        f"{CRITERIA_BY_KEY[m.key].label(t.lang)} {t.smart(m.current)} → {m.new}" for m in moves
    )


def verdict_name(verdict: Verdict | None, t: Words) -> str:
    return t(f"scoring.verdict.{verdict.value}").upper() if verdict else ""


def headline_parts(headline: Headline, t: Words) -> list[Part]:
    """'Robust: 7 score points from any other verdict', 'Fragile: 1 score point (Business
    impact 4 → 3) turns it to INVESTIGATE', 'Not decided yet: 2 criteria to score.'"""
    level = headline.level
    if level is Level.INCOMPLETE:
        count = len(headline.missing)
        key = "scoring.headline.incomplete_one" if count == 1 else "scoring.headline.incomplete"
        return [(t(key, count=count), "italic")]
    parts = [(t(f"scoring.headline.level.{level.value}"), "bold")]
    parts.append((t("scoring.headline.colon"), ""))
    nearest = headline.nearest
    if level is Level.FIXED or nearest is None:
        return [*parts, (t("scoring.headline.fixed"), "")]
    points = points_text(nearest.points, t)
    if level is Level.ROBUST:
        return [*parts, (t("scoring.headline.robust", points=points), "")]
    key = "scoring.headline.turns_one" if singular(nearest.points, t) else "scoring.headline.turns"
    parts.append((t(key, points=points, change=moves_text(nearest.moves, t), verdict=""), ""))
    parts.append((verdict_name(nearest.verdict, t), "bold"))
    return parts


def headline_sentence(headline: Headline, t: Words) -> str:
    return "".join(text for text, _ in headline_parts(headline, t))


def headline_short(headline: Headline, t: Words) -> list[Part]:
    """The same headline in a table cell: the level and the points ('Fragile 1 pt')."""
    level = headline.level
    if level is Level.INCOMPLETE:
        return [(t("compare.robust.incomplete_short"), "italic")]
    word = t(f"scoring.headline.level.{level.value}")
    nearest = headline.nearest
    if level is Level.FIXED or nearest is None:
        return [(word, "bold")]
    one = singular(nearest.points, t)
    points = t(f"compare.robust.points{'_one' if one else ''}", points=t.smart(nearest.points))
    return [(word, "bold"), (f" {points}", "")]
