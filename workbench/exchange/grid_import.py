"""The grid columns of a CSV export read back: one rating per row (team, programme,
assessor, criterion), validated as the Scoring tab's keys are, compared with the data file,
and written in one transaction, each rating merged as a score key is.

The export carries no base value: a rating is changed only where the CSV differs from the
data file the import was checked against; if a colleague changed that rating since, to
another value, nothing is written (``GridConflictError``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.grid import CRITERION_KEYS
from workbench.core.rules import non_blank
from workbench.exchange.csv_format import restore
from workbench.storage.errors import StorageError
from workbench.storage.schema import Problem, Snapshot

RATING_COLUMNS = ("score", "low", "high", "reason")
KEY_COLUMNS = ("team_id", "assessor", "criterion")


@dataclass(frozen=True, slots=True)
class RatingChange:
    """One rating the CSV changes: where it is and its value before and after."""

    line: int
    team_id: str
    programme_id: str
    team: str
    programme: str
    assessor: str
    criterion: str
    old: Rating
    new: Rating


@dataclass(slots=True)
class GridRead:
    changes: list[RatingChange]
    unchanged: int
    problems: list[Problem]
    notes: list[Problem]


class GridConflictError(StorageError):
    """A rating changed in the data file since the import was checked: nothing written."""

    def __init__(self, changes: list[RatingChange]) -> None:
        self.changes = changes
        lines = ", ".join(str(c.line) for c in changes)
        super().__init__(
            f"ratings changed in the data file since the import was checked (line {lines});"
            " nothing was written: check the file again",
            key="cli.import.rating_conflict",
            lines=lines,
        )


def _values(rating: Rating) -> tuple[Any, ...]:
    return rating.score, rating.low, rating.high, rating.reason


def _problem(line: int, column: str, message: str, key: str, **params: Any) -> Problem:
    return Problem(
        f"line {line}, {column}",
        message,
        key,
        {"line": line, "column": column, **params},
        "check.csv_cell",
    )


def _cell(row: dict[str, str], column: str) -> str:
    return restore(row.get(column) or "").strip()


def read_grid(
    rows: Iterable[tuple[int, dict[str, str]]],
    header: list[str],
    snapshot: Snapshot,
    cell_problem: Callable[[int, str, str, str | None, Any], Problem],
) -> GridRead:
    """The ratings the rows change; rows without an assessor and criterion are the
    catalogue's and are skipped."""
    read = GridRead([], 0, [], [])
    if not all(column in header for column in KEY_COLUMNS):
        return read
    index = {(a.team_id, a.programme_id): a for a in snapshot.assessments.values()}
    seen: dict[tuple[str, str, str, str], tuple[int, Rating]] = {}
    weights: list[int] = []
    missing: dict[tuple[str, str], list[int]] = {}
    for line, row in rows:
        team_id, assessor, criterion = (_cell(row, c) for c in KEY_COLUMNS)
        programme_id = _cell(row, "programme_id")
        filled = any(_cell(row, c) for c in RATING_COLUMNS)
        if not (assessor or criterion or filled):
            continue
        if not (team_id and assessor and criterion and programme_id):
            if filled:
                read.problems.append(
                    _problem(
                        line,
                        "assessor",
                        "a rating needs its team_id, programme_id, assessor and criterion",
                        "cli.import.rating_incomplete",
                    )
                )
            continue
        if team_id not in snapshot.teams:
            missing.setdefault(("no_team", team_id), []).append(line)
            continue
        if programme_id not in snapshot.programmes:
            missing.setdefault(("no_programme", programme_id), []).append(line)
            continue
        if criterion not in CRITERION_KEYS:
            read.problems.append(
                _problem(
                    line,
                    "criterion",
                    f"unknown criterion {criterion!r}",
                    "cli.import.no_criterion",
                    id=criterion,
                )
            )
            continue
        assessment = index.get((team_id, programme_id))
        if assessment is None or assessor not in assessment.ratings:
            try:  # a new assessor's name, as the Scoring tab's field checks it
                non_blank(restore(row.get("assessor") or ""))
            except PydanticCustomError as error:
                problem: dict[str, Any] = {
                    "type": error.type,
                    "msg": error.message(),
                    "ctx": error.context,
                }
                read.problems.append(cell_problem(line, "", "assessor", assessor, problem))
                continue
        document: dict[str, Any] = {c: _cell(row, c) or None for c in ("score", "low", "high")}
        document["reason"] = restore(row.get("reason") or "")
        try:
            new = Rating.model_validate(document)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                column = str(detail["loc"][0]) if detail["loc"] else "score"
                column = column if column in RATING_COLUMNS else "score"
                read.problems.append(cell_problem(line, "", column, row.get(column), detail))
            continue
        where = (team_id, programme_id, assessor, criterion)
        earlier = seen.get(where)
        if earlier is not None:
            if _values(earlier[1]) != _values(new):
                read.problems.append(
                    _problem(
                        line,
                        "criterion",
                        f"gives this rating unlike line {earlier[0]}",
                        "cli.import.rating_twice",
                        earlier=earlier[0],
                    )
                )
            continue
        seen[where] = (line, new)
        old = assessment.rating(assessor, criterion) if assessment else Rating()
        weight = _cell(row, "weight")
        if assessment is not None and weight and weight != str(assessment.grid.weight(criterion)):
            weights.append(line)
        if _values(old) == _values(new):
            read.unchanged += 1
            continue
        read.changes.append(
            RatingChange(
                line,
                team_id,
                programme_id,
                snapshot.teams[team_id].name,
                snapshot.programmes[programme_id].name,
                assessor,
                criterion,
                old,
                new,
            )
        )
    for (what, name), lines_of in missing.items():
        read.notes.append(_not_there(what, name, lines_of))
    if weights:
        lines = ", ".join(str(line) for line in weights[:10])
        read.notes.append(
            Problem(
                "header",
                f"weight: not applied (line {lines}), the grid's weights are set in the app",
                "cli.import.weight_ignored",
                {"lines": lines},
            )
        )
    return read


def _not_there(what: str, name: str, lines_of: list[int]) -> Problem:
    """A note: the rows of a team or programme the data file does not have are not applied
    (an import never creates a team; a new programme's ratings wait for a second import)."""
    lines = f"{lines_of[0]}-{lines_of[-1]}" if len(lines_of) > 1 else str(lines_of[0])
    thing = "team" if what == "no_team" else "programme"
    return Problem(
        "header",
        f"ratings of line {lines} not applied: no {thing} {name} in the data file",
        f"cli.import.{what}",
        {"id": name, "lines": lines},
    )


Edit = tuple[str, str, Callable[[Assessment], Assessment]]


def grid_edits(changes: list[RatingChange]) -> list[Edit]:
    """The assessment edits (``Repository.edit_assessments``) that write ``changes``, each
    rating merged as a score key: written where the data file still holds the old value
    (or already the new one); a rating changed since to another value raises
    ``GridConflictError`` and the transaction writes nothing."""
    by_pair: dict[tuple[str, str], list[RatingChange]] = defaultdict(list)
    for change in changes:
        by_pair[(change.team_id, change.programme_id)].append(change)
    at = now_utc()

    def edit(mine: list[RatingChange]) -> Callable[[Assessment], Assessment]:
        def change(assessment: Assessment) -> Assessment:
            clashes = []
            for one in mine:
                theirs = _values(assessment.rating(one.assessor, one.criterion))
                if theirs == _values(one.new):
                    continue
                if theirs != _values(one.old):
                    clashes.append(one)
                    continue
                assessment = assessment.with_rating(one.assessor, one.criterion, one.new, at=at)
            if clashes:
                raise GridConflictError(clashes)
            return assessment

        return change

    return [
        (team_id, programme_id, edit(mine)) for (team_id, programme_id), mine in by_pair.items()
    ]
