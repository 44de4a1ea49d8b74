"""``workbench check``: every problem of a data file, with its location. Never writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from workbench.core.json_position import utf8_problem
from workbench.storage.schema import (
    Migration,
    Problem,
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

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(path: Path) -> CheckReport:
    report = CheckReport(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        report.problems.append(Problem(str(path), error.strerror or str(error)))
        return report
    if not content.strip():  # as the app reads it: only a missing file is new
        report.problems.append(Problem(str(path), "the file is empty"))
        return report
    try:
        raw = orjson.loads(content)
    except orjson.JSONDecodeError as error:
        bad_byte = utf8_problem(content)
        if bad_byte is not None:
            line, column, what = bad_byte
            report.problems.append(Problem(f"line {line}, column {column}", what))
            return report
        line, column = error.lineno, error.colno  # error.pos counts characters, not bytes
        report.problems.append(
            Problem(f"line {line}, column {column}", f"not valid JSON: {error.msg}")
        )
        return report
    if not isinstance(raw, dict):
        report.problems.append(Problem("top level", "expected a JSON object of tables"))
        return report
    try:
        report.migrations = pending_migrations(raw)
        raw = migrate(raw)
    except ValueError as error:
        report.problems.append(Problem("_meta", str(error)))
        return report
    report.snapshot, problems = validate(raw, strict=True)
    report.problems.extend(problems)
    return report
