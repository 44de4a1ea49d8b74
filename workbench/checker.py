"""``workbench check``: every problem of a data file, with its location. Never writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from workbench.core.json_position import bad_utf8
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
    return report
