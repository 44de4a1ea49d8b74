"""Stored text is read with the lenient rule everywhere: one hostile value in any text field
of the file never locks anybody out; ``workbench check`` reports it.

The fields come from walking the models (``tests/stored_text.py``), not from a list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.stored_text import KEY, PAYLOADS, cases, hostile_file, read_at, rich_file, text_fields
from tests.stored_text import write as write_file
from workbench.cli.checker import check_file
from workbench.storage.repository import Repository
from workbench.storage.schema import MODELS

FROM_THE_ISSUE = {
    ("pilots", "workflow"),
    ("pilots", "start_reason"),
    ("pilots", "phases", 0, "gate", "decided_by"),
    ("pilots", "phases", 0, "gate", "unmeasured_reason"),
    ("pilots", "journal", 0, "text"),
    ("pilots", "journal", 0, "by"),
}


def test_the_walk_finds_every_text_field_and_the_rich_file_fills_them(tmp_path: Path) -> None:
    paths = text_fields()
    assert set(paths) >= FROM_THE_ISSUE
    assert ("assessments", "ratings", KEY) in paths
    assert ("programmes", "topics", 0) in paths
    data = rich_file()
    for path in paths:
        assert read_at(data, path), path  # every field has a value to replace
    assert check_file(write_file(tmp_path / "rich.json", data)).ok


def _as_stored(repository: Repository) -> dict[str, Any]:
    snapshot = repository.snapshot()
    return {
        name: {
            str(i): r.model_dump(mode="json")
            for i, r in enumerate(getattr(snapshot, name).values())
        }
        for name in MODELS
    }


@pytest.mark.parametrize(("path", "kind"), cases(), ids=lambda value: str(value))
def test_a_hostile_value_in_any_text_field_opens_and_is_reported_by_check(
    tmp_path: Path, path: tuple[str | int, ...], kind: str
) -> None:
    data, hostile = hostile_file(path, kind)
    file = write_file(tmp_path / "workbench.json", data)
    stored = _as_stored(Repository(file))  # opens: no StorageError for anybody
    assert read_at(stored, path) == hostile.new  # kept exactly as written
    report = check_file(file)
    field = next(str(part) for part in reversed(path) if isinstance(part, str) and part != "*")
    if path[-1] == KEY:
        field = str(path[-2])
    located = [
        p for p in report.problems if p.location.startswith(f"{path[0]}[") and field in p.location
    ]
    if hostile.refused_by_check:
        assert located, (str(hostile), [str(p) for p in report.problems])
    else:
        assert report.ok, [str(p) for p in report.problems]


def test_every_payload_is_tried() -> None:
    assert set(PAYLOADS) == {"newline", "escape", "long"}
