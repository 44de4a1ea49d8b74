from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.team import Team
from workbench.storage.errors import ConflictError, DataFileError, InUseError, NotFoundError
from workbench.storage.repository import Repository
from workbench.storage.schema import SCHEMA_VERSION


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repository = Repository(tmp_path / "data.json", author="tester@host")
    repository.ensure_exists()
    return repository


def test_new_file_has_meta(repo: Repository) -> None:
    data = orjson.loads(repo.path.read_bytes())
    meta = data["_meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION
    assert meta["writes"] == 1
    assert meta["last_writer"] == "tester@host"


def test_save_and_read_back_in_another_repository(repo: Repository) -> None:
    repo.save_team(Team(id="t1", name="Content"))
    other = Repository(repo.path)
    assert other.team("t1").name == "Content"
    repo.save_team(Team(id="t1", name="Content team"))
    assert other.has_changed()
    assert other.team("t1").name == "Content team"
    assert not other.has_changed()


def test_previous_version_is_kept_beside_the_file(repo: Repository) -> None:
    repo.save_team(Team(id="t1", name="First"))
    repo.save_team(Team(id="t1", name="Second"))
    backup = orjson.loads(repo.backup_path.read_bytes())
    assert next(iter(backup["teams"].values()))["name"] == "First"


def test_writes_keep_the_file_mode(repo: Repository) -> None:
    os.chmod(repo.path, 0o664)
    repo.save_team(Team(name="Shared"))
    assert stat.S_IMODE(os.stat(repo.path).st_mode) == 0o664


def test_stale_temp_files_are_removed(repo: Repository) -> None:
    stale = repo.path.with_name(f".{repo.path.name}.tmp-crash_01")
    stale.write_text("half")
    other = repo.path.with_name(".other.json.tmp-keep")
    other.write_text("not ours")
    repo.save_team(Team(name="x"))
    assert not stale.exists()
    assert other.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"teams": {"1": {"name": "x"', "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"teams": {"1": {"id": "t", "name": "", "headcount": 0}}}', "fails validation"),
        (b'{"_meta": {"1": {"schema_version": 99}}}', "newer workbench"),
    ],
)
def test_unusable_file_is_never_overwritten(repo: Repository, content: bytes, reason: str) -> None:
    repo.save_team(Team(name="x"))  # so that a backup exists
    repo.path.write_bytes(content)
    before = repo.path.read_bytes()
    with pytest.raises(DataFileError) as caught:
        repo.save_team(Team(name="y"))
    assert reason in str(caught.value)
    assert str(repo.path) in str(caught.value)
    assert str(repo.backup_path) in str(caught.value)
    assert repo.path.read_bytes() == before
    with pytest.raises(DataFileError):
        Repository(repo.path).snapshot()
    assert repo.path.read_bytes() == before


def test_a_plain_tinydb_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_bytes(orjson.dumps({"teams": {"1": {"id": "t", "name": "Old"}}}))
    repo = Repository(path)
    assert repo.team("t").name == "Old"
    repo.save_team(Team(name="New"))
    data = orjson.loads(path.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert len(data["teams"]) == 2


def test_delete_refused_while_used(repo: Repository) -> None:
    repo.save_team(Team(id="t", name="T"))
    repo.save_programme(Programme(id="p", name="P", provider="X"))
    assessment = repo.open_assessment("t", "p")
    assert repo.open_assessment("t", "p").id == assessment.id
    with pytest.raises(InUseError) as caught:
        repo.delete_programme("p")
    assert caught.value.used_by == [f"assessment {assessment.id}"]
    with pytest.raises(InUseError):
        repo.delete_team("t")
    repo.delete_assessment(assessment.id)
    repo.delete_programme("p")
    repo.delete_team("t")
    assert repo.snapshot().is_empty


def test_update_applies_to_the_latest_version(repo: Repository) -> None:
    repo.save_team(Team(id="t", name="T", headcount=1))
    stale_view = Repository(repo.path)
    stale_view.snapshot()
    repo.update(Team, "t", lambda t: t.model_copy(update={"headcount": 5}))
    stale_view.update(Team, "t", lambda t: t.model_copy(update={"name": "Renamed"}))
    team = Repository(repo.path).team("t")
    assert (team.name, team.headcount) == ("Renamed", 5)


def test_invalid_change_writes_nothing(repo: Repository) -> None:
    repo.save_team(Team(id="t", name="T"))
    before = repo.path.read_bytes()
    with pytest.raises(ValueError, match="headcount"):
        repo.update(Team, "t", lambda t: t.model_copy(update={"headcount": -3}))
    assert repo.path.read_bytes() == before
    with pytest.raises(NotFoundError):
        repo.update(Team, "nope", lambda t: t)


def test_retire_keeps_the_programme(repo: Repository) -> None:
    repo.save_programme(Programme(id="p", name="P", provider="X"))
    retired = repo.retire_programme("p")
    assert retired.status == "retired"
    assert retired.status_date is not None
    assert repo.programme("p").status == "retired"


def test_reload_validates_only_what_changed(repo: Repository) -> None:
    repo.save_team(Team(id="a", name="A"))
    repo.save_team(Team(id="b", name="B"))
    reader = Repository(repo.path)
    before = reader.snapshot()
    Repository(repo.path).save_team(Team(id="b", name="B renamed"))
    after = reader.snapshot()
    assert after.teams["b"].name == "B renamed"
    assert after.teams["a"] is before.teams["a"]  # unchanged document: model reused
    assert after.teams["b"] is not before.teams["b"]


def test_a_failed_change_leaves_the_cache_as_the_file(repo: Repository) -> None:
    repo.save_team(Team(id="a", name="A"))

    def boom(team: Team) -> Team:
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        repo.update(Team, "a", boom)
    assert repo.team("a").name == "A"
    assert Repository(repo.path).team("a").name == "A"


def test_an_edit_keeps_what_others_changed_meanwhile(repo: Repository) -> None:
    original = repo.save_team(Team(id="t", name="Sales", department="Ops", headcount=5))
    Repository(repo.path).update(Team, "t", lambda t: t.model_copy(update={"headcount": 9}))
    edited = original.model_copy(update={"department": "Sales ops"})
    saved = repo.save_edit(original, edited)
    assert (saved.department, saved.headcount) == ("Sales ops", 9)
    assert Repository(repo.path).team("t") == saved


def test_an_edit_of_a_field_changed_meanwhile_is_refused(repo: Repository) -> None:
    original = repo.save_team(Team(id="t", name="Sales", headcount=5))
    Repository(repo.path).update(Team, "t", lambda t: t.model_copy(update={"headcount": 9}))
    before = repo.path.read_bytes()
    with pytest.raises(ConflictError) as caught:
        repo.save_edit(original, original.model_copy(update={"headcount": 6}))
    assert caught.value.fields == ["headcount"]
    assert repo.path.read_bytes() == before


def test_assessment_for_follows_every_change(repo: Repository) -> None:
    repo.save_team(Team(id="t", name="T"))
    repo.save_programme(Programme(id="p", name="P", provider="X"))
    assert repo.assessment_for("t", "p") is None
    created = repo.open_assessment("t", "p")
    found = repo.assessment_for("t", "p")
    assert found is not None
    assert found.id == created.id
    repo.update(Assessment, created.id, lambda a: a.model_copy(update={"notes": "first"}))
    found = repo.assessment_for("t", "p")
    assert found is not None
    assert found.notes == "first"
    other = Repository(repo.path)  # another process changes it
    other.update(Assessment, created.id, lambda a: a.model_copy(update={"notes": "second"}))
    found = repo.assessment_for("t", "p")
    assert found is not None
    assert found.notes == "second"
    repo.delete_assessment(created.id)
    assert repo.assessment_for("t", "p") is None
