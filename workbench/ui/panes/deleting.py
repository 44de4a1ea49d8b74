"""Deleting a record from a table tab: refused, in the tab's words, while something uses it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from workbench.core.assessment import Assessment
from workbench.storage.errors import InUseError
from workbench.storage.repository import Repository


def describe_uses(
    used_by: Iterable[str],
    assessments: Mapping[str, Assessment],
    *,
    assessment: Callable[[Assessment], str],
    pilot: Callable[[str], str],
    other: Callable[[str], str],
) -> list[str]:
    """The storage layer's reasons for refusing a delete ("assessment <id>", "pilot <name>")
    in the words of the tab."""
    described = []
    for entry in used_by:
        kind, _, rest = entry.partition(" ")
        if kind == "assessment" and rest in assessments:
            described.append(assessment(assessments[rest]))
        elif kind == "pilot":
            described.append(pilot(rest))
        else:
            described.append(other(entry))
    return described


def delete_unless_used(
    delete: Callable[[Repository], object], repository: Repository
) -> InUseError | bool:
    """Run ``delete``; the storage layer's refusal when someone started using the record."""
    try:
        delete(repository)
    except InUseError as error:
        return error
    return True
