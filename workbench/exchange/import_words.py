"""What an import would do, line by line, in the user's language: how each catalogue row
matched, the fields each programme changes (old → new), and the columns left out.
The command line and the app's import dialog show the same lines."""

from __future__ import annotations

from collections.abc import Callable

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
    for note in plan.notes:
        lines.append(t(note.key or "", **note.params))
    return lines


def _field_lines(plan: ImportPlan, programme_id: str, t: Words, empty: str) -> list[str]:
    return [
        t("cli.import.change", column=c.column, old=c.old or empty, new=c.new or empty)
        for c in plan.changes.get(programme_id, [])
    ]
