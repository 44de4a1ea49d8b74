"""``workbench check``: every problem of a data file, with its location. Never writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import orjson

from workbench.core.freshness import FACTS_MAX_AGE_DAYS, facts_are_old, months_between
from workbench.core.json_position import bad_utf8
from workbench.core.money import STALE_DAYS, is_stale
from workbench.storage.meta import meta_problems
from workbench.storage.schema import (
    Migration,
    Problem,
    SchemaError,
    Snapshot,
    migrate,
    pending_migrations,
    validate,
)


@dataclass(slots=True)
class CheckReport:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    snapshot: Snapshot | None = None
    migrations: list[Migration] = field(default_factory=list)
    """What the next save would migrate (a file of an older schema); nothing is written."""
    warnings: list[Problem] = field(default_factory=list)
    """What deserves a look but is not wrong (a stale exchange rate)."""

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(
    path: Path, today: date | None = None, facts_max_age_days: int = FACTS_MAX_AGE_DAYS
) -> CheckReport:
    report = CheckReport(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        report.problems.append(Problem(str(path), error.strerror or str(error)))
        return report
    if not content.strip():  # as the app reads it: only a missing file is new
        report.problems.append(Problem(str(path), "the file is empty", "check.file_empty"))
        return report
    try:
        raw = orjson.loads(content)
    except orjson.JSONDecodeError as error:
        bad_byte = bad_utf8(content)
        if bad_byte is not None:
            line, column, byte = bad_byte
            report.problems.append(
                Problem(
                    f"line {line}, column {column}",
                    f"not valid UTF-8 (byte {byte})",
                    "check.not_utf8",
                    {"line": line, "column": column, "byte": byte},
                    "check.line_column",
                )
            )
            return report
        line, column = error.lineno, error.colno  # error.pos counts characters, not bytes
        report.problems.append(
            Problem(
                f"line {line}, column {column}",
                f"not valid JSON: {error.msg}",
                "check.not_json",
                {"line": line, "column": column, "reason": error.msg},
                "check.line_column",
            )
        )
        return report
    if not isinstance(raw, dict):
        report.problems.append(
            Problem(
                "top level",
                "expected a JSON object of tables",
                "check.not_object",
                location_key="check.top_level",
            )
        )
        return report
    try:
        report.migrations = pending_migrations(raw)
        raw = migrate(raw)
    except SchemaError as error:
        report.problems.append(Problem("_meta", str(error), error.key, error.params))
        return report
    except ValueError as error:
        report.problems.append(Problem("_meta", str(error)))
        return report
    report.snapshot, problems = validate(raw, strict=True)
    report.problems.extend(meta_problems(report.snapshot.meta))
    report.problems.extend(problems)
    today = today or date.today()
    report.warnings = stale_rates(report.snapshot, today)
    report.warnings += old_facts(report.snapshot, today, facts_max_age_days)
    return report


def old_facts(snapshot: Snapshot, today: date, max_days: int) -> list[Problem]:
    """A warning for each programme whose facts were checked more than ``max_days`` ago."""
    warnings = []
    for programme in sorted(snapshot.programmes.values(), key=lambda p: (p.checked_on, p.id)):
        if programme.checked_on is None or not facts_are_old(programme, today, max_days):
            continue
        on = programme.checked_on.isoformat()
        months = months_between(programme.checked_on, today)
        warnings.append(
            Problem(
                f"programmes (id {programme.id})",
                f"facts checked {months} months ago ({on}; more than {max_days} days): "
                "check them again",
                "check.old_facts",
                {"months": months, "on": on, "limit": max_days},
            )
        )
    return warnings


def stale_rates(snapshot: Snapshot, today: date) -> list[Problem]:
    """A warning for each exchange rate dated more than ``STALE_DAYS`` before ``today``."""
    warnings = []
    for rate in sorted(snapshot.rates.values(), key=lambda r: (r.pair, r.on, r.id)):
        if is_stale(rate, today):
            days = (today - rate.on).days
            params = {
                "from_": rate.from_,
                "to": rate.to,
                "on": rate.on.isoformat(),
                "days": days,
                "limit": STALE_DAYS,
            }
            warnings.append(
                Problem(
                    f"rates (id {rate.id})",
                    f"the {rate.from_}→{rate.to} rate of {rate.on.isoformat()} is {days} days "
                    f"old (more than {STALE_DAYS}): update it",
                    "check.stale_rate",
                    params,
                )
            )
    return warnings
