"""Schema 3 → 4: a retiring or retired programme may name its successor (``successor_id``).

``fixtures/schema3.json`` is a real file written by the workbench at schema 3 (the sample,
before successors). Only the version changes: a workbench that does not know the field
refuses a schema-4 file as newer ("upgrade the workbench"), not as invalid.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from workbench.cli import main
from workbench.cli.checker import check_file
from workbench.core.catalogue import Programme, Status
from workbench.storage.errors import InUseError
from workbench.storage.repository import Repository
from workbench.storage.schema import SCHEMA_VERSION, Migration, migrate, pending_migrations

SCHEMA3 = Path(__file__).parent / "fixtures" / "schema3.json"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "wb.json"
    shutil.copyfile(SCHEMA3, path)
    return path


def test_the_fixture_is_schema_3_without_successors() -> None:
    raw = orjson.loads(SCHEMA3.read_bytes())
    assert raw["_meta"]["1"]["schema_version"] == 3
    assert all("successor_id" not in doc for doc in raw["programmes"].values())


def test_only_the_version_changes() -> None:
    raw = orjson.loads(SCHEMA3.read_bytes())
    assert pending_migrations(raw) == [Migration(3, 4), Migration(4, 5)]
    migrated = migrate(raw)
    assert migrated["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert {k: v for k, v in migrated.items() if k != "_meta"} == {
        k: v for k, v in raw.items() if k != "_meta"
    }


def test_check_says_the_step_and_a_save_names_a_successor(
    old_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "check", "--db", str(old_file)]) == 0
    out = capsys.readouterr().out
    assert "schema 3 → 4: only the version number changes" in out
    repo = Repository(old_file)
    ai900 = repo.programme("microsoft-ai-900")
    repo.save_programme(ai900.model_copy(update={"successor_id": "microsoft-ai-102"}))
    raw = orjson.loads(old_file.read_bytes())
    assert raw["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert Repository(old_file).programme("microsoft-ai-900").successor_id == "microsoft-ai-102"


def test_a_successor_is_for_a_retiring_or_retired_programme_only() -> None:
    with pytest.raises(ValueError, match="Only a retiring or retired programme"):
        Programme(name="A", provider="X", successor_id="b")
    with pytest.raises(ValueError, match="cannot succeed itself"):
        Programme(
            id="a",
            name="A",
            provider="X",
            status=Status.RETIRED,
            status_date="2026-06-30",  # type: ignore[arg-type]
            successor_id="a",
        )


def test_a_successor_that_points_nowhere_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    Repository(path).ensure_exists([Programme(id="a", name="A", provider="X")])
    raw = orjson.loads(path.read_bytes())
    doc = raw["programmes"]["1"]
    doc.update(status="retired", status_date="2026-06-30", successor_id="gone")
    path.write_bytes(orjson.dumps(raw))
    report = check_file(path)
    assert [str(p) for p in report.problems] == [
        "programmes (id a) successor_id: no programme with id 'gone'"
    ]


def test_a_successor_cannot_be_deleted_while_named(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "wb.json")
    repo.ensure_exists(
        [
            Programme(id="new", name="AI-901", provider="Microsoft"),
            Programme(
                id="old",
                name="AI-900",
                provider="Microsoft",
                status=Status.RETIRED,
                status_date="2026-06-30",  # type: ignore[arg-type]
                successor_id="new",
            ),
        ]
    )
    with pytest.raises(InUseError):
        repo.delete_programme("new")
    assert repo.programme("new").name == "AI-901"


def test_short_names_and_successor_names() -> None:
    new = Programme(id="new", name="AI-901", provider="Microsoft")
    old = Programme(
        id="old",
        name="AI-900 Azure AI Fundamentals",
        provider="Microsoft",
        status=Status.RETIRED,
        status_date="2026-06-30",  # type: ignore[arg-type]
        successor_id="new",
    )
    assert old.short_name == "AI-900"
    assert Programme(name="Google AI Essentials", provider="Google").short_name == (
        "Google AI Essentials"
    )
    assert old.successor_name({"new": new}) == "AI-901"
    assert old.successor_name({}) == "new"
    assert new.successor_name({"old": old}) is None
