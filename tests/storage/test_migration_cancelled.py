"""Schema 4 → 5: a pilot may be cancelled (``cancelled_on``, ``cancel_reason``).

``fixtures/schema4.json`` is a real file written by the workbench at schema 4 (the
schema-3 fixture saved once by it). Only the version changes: a workbench that does not
know the fields refuses a schema-5 file as newer ("upgrade the workbench"), not as invalid.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from workbench.cli import main
from workbench.core.pilot import Pilot
from workbench.storage import schema
from workbench.storage.repository import Repository
from workbench.storage.schema import (
    SCHEMA_VERSION,
    Migration,
    SchemaError,
    migrate,
    newer_refused,
    pending_migrations,
)

SCHEMA4 = Path(__file__).parent / "fixtures" / "schema4.json"
PILOT = "pilot-ecommerce-ai-essentials"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "wb.json"
    shutil.copyfile(SCHEMA4, path)
    return path


def test_the_fixture_is_schema_4_without_cancelled_pilots() -> None:
    raw = orjson.loads(SCHEMA4.read_bytes())
    assert raw["_meta"]["1"]["schema_version"] == 4
    assert raw["pilots"]
    assert all("cancelled_on" not in doc for doc in raw["pilots"].values())
    assert SCHEMA_VERSION == 5


def test_only_the_version_changes() -> None:
    raw = orjson.loads(SCHEMA4.read_bytes())
    assert pending_migrations(raw) == [Migration(4, 5)]
    migrated = migrate(raw)
    assert migrated["_meta"]["1"]["schema_version"] == 5
    assert {k: v for k, v in migrated.items() if k != "_meta"} == {
        k: v for k, v in raw.items() if k != "_meta"
    }


def test_check_says_the_step_and_a_save_cancels_a_pilot(
    old_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "check", "--db", str(old_file)]) == 0
    out = capsys.readouterr().out
    assert "schema 4 → 5: only the version number changes (a pilot may now be cancelled)" in out
    repo = Repository(old_file)
    pilot = repo.pilot(PILOT)
    repo.save_pilot(
        pilot.model_copy(update={"cancelled_on": date(2026, 12, 7), "cancel_reason": "No budget"})
    )
    raw = orjson.loads(old_file.read_bytes())
    assert raw["_meta"]["1"]["schema_version"] == 5
    again = Repository(old_file).pilot(PILOT)
    assert again.cancelled_on == date(2026, 12, 7)
    assert again.cancel_reason == "No budget"


def test_an_older_workbench_is_told_to_upgrade(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repository(old_file)
    repo.save_pilot(repo.pilot(PILOT).model_copy(update={"cancelled_on": date(2026, 12, 7)}))
    version = orjson.loads(old_file.read_bytes())["_meta"]["1"]["schema_version"]
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 4)  # the workbench before cancelling
    with pytest.raises(SchemaError, match=r"newer workbench.*upgrade the workbench") as error:
        newer_refused(version)
    assert error.value.key == "check.schema_newer"


def test_a_typed_cancel_reason_follows_the_form_rules() -> None:
    with pytest.raises(ValueError, match="cancel_reason"):
        Pilot.model_validate(
            {"name": "P", "team_id": "t", "programme_id": "p", "cancel_reason": "bad\x07"}
        )
