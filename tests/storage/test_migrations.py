"""Files of an older schema open and are migrated on the next save; a newer one is refused.

``fixtures/schema1.json`` is a real file written by the workbench at schema 1 (the sample's
teams, assessments and two pilots, before KPI measurements had an id).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from workbench.cli import main
from workbench.cli.checker import check_file
from workbench.core.pilot import Measurement, Pilot
from workbench.core.pilot_changes import correct_measurement, remove_measurement
from workbench.core.team import Team
from workbench.storage.errors import DataFileError, StorageError
from workbench.storage.repository import Repository
from workbench.storage.schema import SCHEMA_VERSION, Migration, migrate, pending_migrations

SCHEMA1 = Path(__file__).parent / "fixtures" / "schema1.json"
MEASUREMENTS_IN_FIXTURE = 20
ECOMMERCE = "pilot-ecommerce-ai-essentials"
PRICE_NOTES_IN_FIXTURE = 2
"""Google AI Essentials and the Google AI Professional Certificate: "per month"."""


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "wb.json"
    shutil.copyfile(SCHEMA1, path)
    return path


def listing(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def measurement_ids(pilots: dict[str, Pilot]) -> list[str]:
    return [m.id for p in pilots.values() for k in p.kpis for m in k.measurements]


def test_the_fixture_is_schema_1_without_measurement_ids() -> None:
    raw = orjson.loads(SCHEMA1.read_bytes())
    assert raw["_meta"]["1"]["schema_version"] == 1
    measurements = [m for p in raw["pilots"].values() for k in p["kpis"] for m in k["measurements"]]
    assert len(measurements) == MEASUREMENTS_IN_FIXTURE
    assert all("id" not in m for m in measurements)
    assert SCHEMA_VERSION == 5


def test_an_old_file_opens_unchanged_with_the_same_ids_at_every_read(old_file: Path) -> None:
    before = listing(old_file.parent)
    first = Repository(old_file).snapshot()
    second = Repository(old_file).snapshot()
    assert len(first.pilots) == 2
    assert len(first.teams) == 6
    ids = measurement_ids(dict(first.pilots))
    assert len(set(ids)) == MEASUREMENTS_IN_FIXTURE
    assert measurement_ids(dict(second.pilots)) == ids
    assert listing(old_file.parent) == before  # reading migrates nothing on disk


def test_the_next_save_migrates_the_file_and_keeps_every_record(old_file: Path) -> None:
    repo = Repository(old_file)
    seen = repo.snapshot()
    ids = measurement_ids(dict(seen.pilots))
    repo.save_team(Team(name="Newcomers"))
    raw = orjson.loads(old_file.read_bytes())
    assert raw["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    stored = [m["id"] for p in raw["pilots"].values() for k in p["kpis"] for m in k["measurements"]]
    assert sorted(stored) == sorted(ids)
    after = Repository(old_file).snapshot()
    assert after.pilots == seen.pilots
    assert after.assessments == seen.assessments
    assert after.programmes == seen.programmes
    assert len(after.teams) == len(seen.teams) + 1


def test_a_measurement_of_an_old_file_can_be_corrected_and_removed(old_file: Path) -> None:
    repo = Repository(old_file)
    kpi = next(k for k in repo.pilot(ECOMMERCE).kpis if k.measurements)
    first, second = kpi.measurements[0], kpi.measurements[1]
    fixed = Measurement(id=first.id, on=first.on, value=first.value + 1, note="typo fixed")
    repo.update(Pilot, ECOMMERCE, lambda p: correct_measurement(p, kpi.id, fixed))
    repo.update(Pilot, ECOMMERCE, lambda p: remove_measurement(p, kpi.id, second.id))
    stored = next(k for k in Repository(old_file).pilot(ECOMMERCE).kpis if k.id == kpi.id)
    assert stored.measurements[0] == fixed
    assert second.id not in [m.id for m in stored.measurements]
    assert len(stored.measurements) == len(kpi.measurements) - 1


def test_read_only_an_old_file_is_never_migrated(old_file: Path) -> None:
    before = listing(old_file.parent)
    repo = Repository(old_file, read_only=True)
    assert len(repo.snapshot().pilots) == 2
    with pytest.raises(StorageError):
        repo.save_team(Team(name="No"))
    assert listing(old_file.parent) == before


@pytest.mark.parametrize("read_only", [False, True])
def test_a_newer_file_is_refused_and_left_untouched(old_file: Path, read_only: bool) -> None:
    raw = orjson.loads(old_file.read_bytes())
    raw["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    raw["pilots"]["1"]["a_field_from_the_future"] = True
    old_file.write_bytes(orjson.dumps(raw))
    before = listing(old_file.parent)
    repo = Repository(old_file, read_only=read_only)
    with pytest.raises(DataFileError) as caught:
        repo.snapshot()
    message = str(caught.value)
    assert str(old_file) in message
    assert f"newer workbench (schema {SCHEMA_VERSION + 1}" in message
    assert "upgrade the workbench" in message
    if not read_only:
        with pytest.raises(DataFileError):
            repo.save_team(Team(name="No"))
    assert listing(old_file.parent) == before  # no lock, no backup, no temp file


def test_migrate_does_not_change_its_argument() -> None:
    raw = orjson.loads(SCHEMA1.read_bytes())
    copy = orjson.loads(SCHEMA1.read_bytes())
    migrated = migrate(raw)
    assert raw == copy
    assert migrated["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert migrate(migrated) == migrated  # a current file is left as it is


def test_pending_migrations_say_what_a_save_would_do() -> None:
    raw = orjson.loads(SCHEMA1.read_bytes())
    assert pending_migrations(raw) == [
        Migration(1, 2, MEASUREMENTS_IN_FIXTURE),
        Migration(2, 3, prices=PRICE_NOTES_IN_FIXTURE),
        Migration(3, 4),
        Migration(4, 5),
    ]
    assert pending_migrations(migrate(raw)) == []
    assert pending_migrations({"teams": {}}) == [
        Migration(0, 1),
        Migration(1, 2),
        Migration(2, 3),
        Migration(3, 4),
        Migration(4, 5),
    ]


def test_check_says_what_it_would_migrate_and_writes_nothing(
    old_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = listing(old_file.parent)
    report = check_file(old_file)
    assert report.ok
    assert report.migrations == [
        Migration(1, 2, MEASUREMENTS_IN_FIXTURE),
        Migration(2, 3, prices=PRICE_NOTES_IN_FIXTURE),
        Migration(3, 4),
        Migration(4, 5),
    ]
    assert main(["--lang", "en", "check", "--db", str(old_file)]) == 0
    out = capsys.readouterr().out
    assert (
        f"{old_file} is in schema 1: the next save by the app migrates it to schema 5 "
        "(check writes nothing)." in out
    )
    assert f"schema 1 → 2: give {MEASUREMENTS_IN_FIXTURE} KPI measurements an id" in out
    assert "schema 2 → 3: turn 2 price notes such as “per month” into the price’s basis" in out
    assert f"{old_file}: OK - " in out
    assert main(["--lang", "fr", "check", "--db", str(old_file)]) == 0
    assert "est au schéma 1" in capsys.readouterr().out
    assert listing(old_file.parent) == before


def test_check_of_a_newer_file_says_so(old_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = orjson.loads(old_file.read_bytes())
    raw["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    old_file.write_bytes(orjson.dumps(raw))
    assert main(["--lang", "en", "check", "--db", str(old_file)]) == 1
    assert "written by a newer workbench" in capsys.readouterr().err


def test_check_of_an_old_file_without_measurements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wb.json"
    raw = orjson.loads(SCHEMA1.read_bytes())
    raw["pilots"] = {}
    path.write_bytes(orjson.dumps(raw))
    assert main(["--lang", "en", "check", "--db", str(path)]) == 0
    assert "schema 1 → 2: only the version number changes" in capsys.readouterr().out
