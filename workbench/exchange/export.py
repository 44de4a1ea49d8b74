"""Exports of a selection: CSV for spreadsheets, JSON for another workbench, Markdown memos."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import orjson

from workbench.core.assessment import Assessment
from workbench.core.consensus import evaluate_consensus
from workbench.core.freshness import FACTS_MAX_AGE_DAYS
from workbench.core.grid import CRITERIA_BY_KEY, CRITERION_KEYS
from workbench.core.memo import Messages, memo, sections
from workbench.core.memo_money import reader_currency
from workbench.core.money import Rates
from workbench.core.scoring import Number
from workbench.core.team import Team
from workbench.exchange.csv_format import COLUMNS, cell, programme_cells
from workbench.exchange.selection import Selection
from workbench.storage.schema import META_TABLE, MODELS, SCHEMA_VERSION, RawData

Progress = Callable[[int, int], None]
"""``progress(done, total)``, called as the work advances (a progress bar)."""

FORMATS = ("csv", "json", "md")
EXPORT_FORMAT = "ai-certification-workbench export"


def _ignore(done: int, total: int) -> None:
    return None


def csv_rows(selection: Selection) -> Iterator[dict[str, str]]:
    """One row per team x programme x assessor x criterion, then the programmes that no
    selected assessment uses (so that the CSV is also the whole catalogue)."""
    teams = {team.id: team for team in selection.teams}
    programmes = {programme.id: programme for programme in selection.programmes}
    used: set[str] = set()
    for assessment in selection.assessments:
        programme = programmes[assessment.programme_id]
        used.add(programme.id)
        base = programme_cells(programme)
        base["team_id"] = cell(assessment.team_id)
        base["team"] = cell(teams[assessment.team_id].name)
        base["assessment_id"] = cell(assessment.id)
        base |= decision_cells(assessment, teams[assessment.team_id])
        assessors: list[str | None] = [*assessment.assessors] or [None]
        for assessor in assessors:
            for key in CRITERION_KEYS:
                rating = assessment.rating(assessor, key) if assessor is not None else None
                yield {
                    **base,
                    "assessor": cell(assessor),
                    "criterion": key,
                    "criterion_label": CRITERIA_BY_KEY[key].label("en"),
                    "weight": cell(assessment.grid.weight(key)),
                    "score": cell(rating.score if rating else None),
                    "low": cell(rating.low if rating else None),
                    "high": cell(rating.high if rating else None),
                    "reason": cell(rating.reason if rating else None),
                }
    if selection.filtered_by_team:
        return
    for programme in selection.programmes:
        if programme.id not in used:
            yield dict.fromkeys(COLUMNS, "") | programme_cells(programme)


def decision_cells(assessment: Assessment, team: Team) -> dict[str, str]:
    """The assessment's decision in the columns of ``DECISION_COLUMNS``."""
    measurable = team.objective.is_measurable
    evaluation = evaluate_consensus(assessment, objective_measurable=measurable)
    grid = assessment.grid
    total, verdict = evaluation.total, evaluation.verdict
    return {
        "total": "" if total is None else exact_text(total),
        "maximum": str(evaluation.maximum),
        "percent": "" if evaluation.percent is None else str(evaluation.percent),
        "pilot_above": str(grid.pilot_above),
        "alternatives_below": str(grid.alternatives_below),
        "objective_measurable": "yes" if measurable else "no",
        "verdict": "" if verdict is None else verdict.value,
    }


def exact_text(value: Number) -> str:
    """A total as an exact decimal (medians are halves at most: 57.5)."""
    exact = Fraction(value)
    return str(exact.numerator) if exact.denominator == 1 else f"{float(exact):.1f}"


def export_csv(selection: Selection, progress: Progress = _ignore) -> str:
    """UTF-8 text (the caller writes it as UTF-8), with a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    total = len(selection.assessments) + len(selection.programmes)
    done = 0
    last = None
    for row in csv_rows(selection):
        writer.writerow(row)
        key = (row["assessment_id"], row["programme_id"])
        if key != last:
            last = key
            done += 1
            if done % 50 == 0:
                progress(min(done, total), total)
    progress(total, total)
    return buffer.getvalue()


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
