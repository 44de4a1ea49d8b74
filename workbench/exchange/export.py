"""Exports of a selection: CSV for spreadsheets, JSON for another workbench, Markdown memos."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import orjson

from workbench.core.assessment import Assessment
from workbench.core.consensus import median_scores
from workbench.core.freshness import FACTS_MAX_AGE_DAYS
from workbench.core.grid import CRITERIA_BY_KEY, CRITERION_KEYS
from workbench.core.memo import Messages, memo, sections
from workbench.core.memo_money import reader_currency
from workbench.core.money import Rates
from workbench.core.scoring import (
    Number,
    apply_objective_rule,
    grid_verdict,
    percent_shown,
    weighted_total,
)
from workbench.core.team import Team
from workbench.exchange.csv_format import (
    COLUMNS,
    DECISION_COLUMNS,
    cell,
    neutralise,
    programme_cells,
)
from workbench.exchange.selection import Selection
from workbench.storage.schema import META_TABLE, MODELS, SCHEMA_VERSION, RawData

Progress = Callable[[int, int], None]
"""``progress(done, total)``, called as the work advances (a progress bar)."""

FORMATS = ("csv", "json", "md")
EXPORT_FORMAT = "ai-certification-workbench export"


def _ignore(done: int, total: int) -> None:
    return None


RATED_COLUMNS = ("assessor", "criterion", "criterion_label", "weight", "score", "low", "high")
"""With ``reason``, the columns that change from one row of an assessment to the next."""
_FIRST = COLUMNS.index("assessor")
_AFTER = _FIRST + len(RATED_COLUMNS) + 1
_HEAD = COLUMNS[:_FIRST]
"""The team, the programme and the assessment: the same on every row of an assessment."""
_PROGRAMME = COLUMNS[_AFTER + len(DECISION_COLUMNS) :]
"""The programme's own fields, last: the same on every row of the programme."""
if (*_HEAD, *RATED_COLUMNS, "reason", *DECISION_COLUMNS, *_PROGRAMME) != COLUMNS:
    raise RuntimeError("csv_groups writes the columns in another order")  # pragma: no cover
_QUOTED = re.compile('[,"\r\n]')
NEWLINE = "\r\n"


def csv_field(value: str) -> str:
    """One field as ``csv.writer`` writes it: quoted, quotes doubled, only when it holds a
    comma, a quote or a line break."""
    if _QUOTED.search(value) is None:
        return value
    return '"' + value.replace('"', '""') + '"'


def csv_line(cells: Iterable[str]) -> str:
    return ",".join(csv_field(value) for value in cells) + NEWLINE


def csv_groups(selection: Selection) -> Iterator[str]:
    """The rows as CSV text, one group per assessment: one row per assessor x criterion;
    then one row for each programme that no selected assessment uses (so that the CSV is
    also the whole catalogue). What rows share is written once: a programme's fields once
    per programme, an assessment's team and decision once per assessment."""
    teams = {team.id: team for team in selection.teams}
    programmes = {programme.id: programme for programme in selection.programmes}
    catalogue: dict[str, tuple[dict[str, str], str]] = {}
    labels = {key: csv_field(CRITERIA_BY_KEY[key].label("en")) for key in CRITERION_KEYS}
    criteria = {key: csv_field(key) for key in CRITERION_KEYS}
    reasons: dict[str, str] = {}  # each reason's field, made once (most are empty)
    for assessment in selection.assessments:
        known = catalogue.get(assessment.programme_id)
        if known is None:
            cells = programme_cells(programmes[assessment.programme_id])
            known = catalogue[assessment.programme_id] = (
                cells,
                csv_line(cells[c] for c in _PROGRAMME),
            )
        cells, programme_text = known
        team = teams[assessment.team_id]
        head = {
            **cells,
            "team_id": cell(assessment.team_id),
            "team": cell(team.name),
            "assessment_id": cell(assessment.id),
        }
        decision = decision_cells(assessment, team)
        first = ",".join(csv_field(head[column]) for column in _HEAD)
        last = ",".join([*(csv_field(decision[c]) for c in DECISION_COLUMNS), programme_text])
        grid = assessment.grid
        criterion = {  # the criterion's key, label and weight
            key: f"{criteria[key]},{labels[key]},{grid.weight(key)}" for key in CRITERION_KEYS
        }
        rows = []
        assessors: list[str | None] = [*assessment.assessors] or [None]
        for assessor in assessors:
            ratings = assessment.ratings.get(assessor, {}) if assessor is not None else {}
            name = csv_field(cell(assessor))
            for key in CRITERION_KEYS:
                rating = ratings.get(key)
                if rating is None:  # its cells stay empty
                    rows.append(f"{first},{name},{criterion[key]},,,,,{last}")
                    continue
                reason = reasons.get(rating.reason)
                if reason is None:
                    reason = reasons[rating.reason] = csv_field(neutralise(rating.reason))
                score, low, high = _WHOLE[rating.score], _WHOLE[rating.low], _WHOLE[rating.high]
                rows.append(f"{first},{name},{criterion[key]},{score},{low},{high},{reason},{last}")
        yield "".join(rows)
    if selection.filtered_by_team:
        return
    used = {assessment.programme_id for assessment in selection.assessments}
    for programme in selection.programmes:
        if programme.id not in used:
            cells = programme_cells(programme)
            yield csv_line(cells.get(column, "") for column in COLUMNS)


class _Whole(dict[int | None, str]):
    """A score's cell: "" for none, its digits otherwise; each made once."""

    def __missing__(self, score: int | None) -> str:
        text = self[score] = "" if score is None else str(score)
        return text


_WHOLE = _Whole()


def decision_cells(assessment: Assessment, team: Team) -> dict[str, str]:
    """The assessment's decision in the columns of ``DECISION_COLUMNS``: its consensus
    grid's total, percentage and verdict (``evaluate_consensus``), made from the medians
    alone, since the CSV shows no range of verdicts still possible."""
    measurable = team.objective.is_measurable
    grid = assessment.grid
    medians = median_scores(assessment)
    scores = {key: median for key, median in medians.items() if median is not None}
    maximum = grid.maximum
    total = verdict = percent = ""  # while a criterion has no median
    if len(scores) == len(medians):
        exact = weighted_total(grid.weights, scores)
        total = exact_text(exact)
        verdict = apply_objective_rule(grid_verdict(exact, maximum, grid), measurable).value
        percent = str(percent_shown(exact, maximum, grid))
    return {
        "total": total,
        "maximum": str(maximum),
        "percent": percent,
        "pilot_above": str(grid.pilot_above),
        "alternatives_below": str(grid.alternatives_below),
        "objective_measurable": "yes" if measurable else "no",
        "verdict": verdict,
    }


def exact_text(value: Number) -> str:
    """A total as an exact decimal (medians are halves at most: 57.5)."""
    exact = Fraction(value)
    return str(exact.numerator) if exact.denominator == 1 else f"{float(exact):.1f}"


def export_csv(selection: Selection, progress: Progress = _ignore) -> str:
    """UTF-8 text (the caller writes it as UTF-8), with a header row."""
    parts = [csv_line(COLUMNS)]
    total = len(selection.assessments) + len(selection.programmes)
    for done, rows in enumerate(csv_groups(selection), start=1):
        parts.append(rows)
        if done % 50 == 0:
            progress(min(done, total), total)
    progress(total, total)
    return "".join(parts)


def export_document(selection: Selection, *, author: str, now: datetime) -> RawData:
    """The selection in the data file's own layout and schema: `workbench check` reads it,
    `workbench --db` opens it, `workbench import` brings it into another file."""
    data: RawData = {
        META_TABLE: {
            "1": {
                "schema_version": SCHEMA_VERSION,
                "writes": 0,
                "format": EXPORT_FORMAT,
                "exported_by": author,
                "exported_at": now.isoformat(timespec="seconds"),
            }
        }
    }
    records: dict[str, list[Any]] = {
        "programmes": selection.programmes,
        "teams": selection.teams,
        "assessments": selection.assessments,
        "pilots": selection.pilots,
        "rates": selection.rates,
        "diagnostics": selection.diagnostics,
    }
    for name in MODELS:
        data[name] = {
            str(index): record.model_dump(mode="json", exclude_none=True)
            for index, record in enumerate(records[name], start=1)
        }
    return data


def export_json(
    selection: Selection, *, author: str, now: datetime, progress: Progress = _ignore
) -> bytes:
    total = len(selection.programmes) + len(selection.teams) + len(selection.assessments)
    progress(0, total)
    content = orjson.dumps(
        export_document(selection, author=author, now=now), option=orjson.OPT_INDENT_2
    )
    progress(total, total)
    return content + b"\n"


def export_markdown(
    selection: Selection,
    t: Messages,
    *,
    today: date,
    progress: Progress = _ignore,
    prepared_by: str | None = None,
    facts_max_age_days: int = FACTS_MAX_AGE_DAYS,
    currency: str | None = None,
) -> str:
    """The decision memo of each selected team, one after the other, each in ``currency``
    (the setting), else in its pilot budgets' one currency, else in EUR."""
    rates = Rates(selection.rates)
    programmes = {programme.id: programme for programme in selection.programmes}
    memos = []
    total = len(selection.teams)
    by_team: dict[str, list[Assessment]] = {}
    for assessment in selection.assessments:
        by_team.setdefault(assessment.team_id, []).append(assessment)
    for index, team in enumerate(selection.teams, start=1):
        parts = sections(team, by_team.get(team.id, []), programmes, pilots=selection.pilots)
        own = (p.currency for p in selection.pilots if p.team_id == team.id)
        memos.append(
            memo(
                team,
                parts,
                t,
                today=today,
                pilots=selection.pilots,
                programmes=programmes,
                prepared_by=prepared_by,
                facts_max_age_days=facts_max_age_days,
                currency=reader_currency(None, currency, own),
                rates=rates,
            )
        )
        progress(index, total)
    return "\n---\n\n".join(memos)
