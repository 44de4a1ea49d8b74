"""What an import would do, line by line, in the user's language: how each catalogue row
matched, the fields each programme changes (old → new), and the columns left out.
The command line and the app's import dialog show the same lines."""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.assessment import Rating
from workbench.exchange.grid_import import RatingChange
from workbench.exchange.importer import ImportPlan

Words = Callable[..., str]
"""A translator: ``t(key, **params)``."""


def _outcome(plan: ImportPlan, programme_id: str) -> str:
    for what in ("added", "updated", "unchanged"):
        if programme_id in getattr(plan.summary, what).get("programmes", []):
            return what
    return "unchanged"


def change_lines(plan: ImportPlan, t: Words) -> list[str]:
    """One line per catalogue row (how it matched, what it does), each changed field
    under it, then a line per kind of column the import does not apply."""
    lines: list[str] = []
    empty = t("cli.import.empty")
    for match in plan.matches:
        lines.append(
            t(
                "cli.import.row",
                line=match.line,
                id=match.programme_id,
                name=match.name,
                how=t(f"cli.import.how_{match.how}"),
                outcome=t(f"cli.import.{_outcome(plan, match.programme_id)}"),
            )
        )
        lines += _field_lines(plan, match.programme_id, t, empty)
    if not plan.matches:
        for programme_id in plan.changes:
            lines.append(t("cli.import.programme", id=programme_id))
            lines += _field_lines(plan, programme_id, t, empty)
    lines += _rating_lines(plan, t, empty)
    for note in plan.notes:
        lines.append(t(note.key or "", **note.params))
    return lines


def _field_lines(plan: ImportPlan, programme_id: str, t: Words, empty: str) -> list[str]:
    return [
        t("cli.import.change", column=c.column, old=c.old or empty, new=c.new or empty)
        for c in plan.changes.get(programme_id, [])
    ]


REASON_SHOWN = 30
"""How many characters of a reason a changed rating's line shows."""


def _score(rating: Rating, empty: str) -> str:
    if rating.score is not None:
        return str(rating.score)
    if rating.low is not None and rating.high is not None:
        return f"{rating.low}-{rating.high}"
    return empty


def _reason(reason: str, empty: str) -> str:
    reason = " ".join(reason.split())
    if len(reason) > REASON_SHOWN:
        reason = reason[: REASON_SHOWN - 1] + "…"
    return f"«{reason}»" if reason else empty


def _rating_lines(plan: ImportPlan, t: Words, empty: str) -> list[str]:
    """Each rating the CSV changes (score or range, then reason), then how many it leaves."""
    lines: list[str] = []
    for change in plan.ratings:
        lines += _one_rating(change, t, empty)
    if plan.ratings or plan.ratings_unchanged:
        lines.append(
            t(
                "cli.import.ratings_counts",
                changed=len(plan.ratings),
                unchanged=plan.ratings_unchanged,
            )
        )
    return lines


def _one_rating(change: RatingChange, t: Words, empty: str) -> list[str]:
    where = {
        "line": change.line,
        "team": change.team,
        "programme": change.programme,
        "assessor": change.assessor,
        "criterion": change.criterion,
    }
    lines = []
    old, new = _score(change.old, empty), _score(change.new, empty)
    if old != new:
        lines.append(t("cli.import.rating", old=old, new=new, **where))
    if change.old.reason != change.new.reason:
        lines.append(
            t(
                "cli.import.rating_reason",
                old=_reason(change.old.reason, empty),
                new=_reason(change.new.reason, empty),
                **where,
            )
        )
    return lines
