"""The first look at a file (what the app's first screen shows, before the other records are
validated): the same programmes and counts as the full load, the records read once, and a
file that fails validation still refused, with the same message, by the next ``snapshot()``."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from workbench.core.sample import load_sample
from workbench.core.team import Team
from workbench.storage.errors import DataFileError
from workbench.storage.repository import Repository
from workbench.storage.schema import FirstLook


def sample_file(path: Path) -> Path:
    sample = load_sample()
    Repository(path, author="tester@host").ensure_exists(
        [*sample.programmes, *sample.teams, *sample.assessments, *sample.pilots, *sample.rates]
    )
    return path


def test_the_look_shows_what_the_full_load_does(tmp_path: Path) -> None:
    path = sample_file(tmp_path / "wb.json")
    repository = Repository(path)
    look = repository.first_look()
    assert repository.loaded is None  # nothing but the programmes validated yet
    full = FirstLook.of(Repository(path).snapshot())
    assert look.part.programmes == full.part.programmes
    assert look.assessments == full.assessments
    assert look.pilots == full.pilots
    assert look.assessments  # the sample's assessments name programmes
    snapshot = repository.snapshot()
    assert repository.loaded_as_looked()  # the records looked at, not read again
    looked = look.part.programmes
    assert all(snapshot.programmes[key] is looked[key] for key in looked)
    assert not repository.loaded_as_looked()  # once


def test_a_file_that_fails_is_refused_after_the_look_with_the_same_message(
    tmp_path: Path,
) -> None:
    path = sample_file(tmp_path / "wb.json")
    data = orjson.loads(path.read_bytes())
    doc_id = next(iter(data["assessments"]))
    data["assessments"][doc_id]["team_id"] = 7  # not a string
    path.write_bytes(orjson.dumps(data))
    before = path.read_bytes()
    with pytest.raises(DataFileError) as direct:
        Repository(path).snapshot()
    repository = Repository(path)
    assert repository.first_look().part.programmes  # the programmes are fine
    with pytest.raises(DataFileError) as after_look:
        repository.snapshot()
    assert str(after_look.value) == str(direct.value)
    assert "fails validation" in str(after_look.value)
    with pytest.raises(DataFileError):
        repository.save_team(Team(name="y"))
    assert path.read_bytes() == before
    assert not repository.backup_path.exists()


def test_a_file_changed_after_the_look_is_read_again(tmp_path: Path) -> None:
    path = sample_file(tmp_path / "wb.json")
    repository = Repository(path)
    repository.first_look()
    data = orjson.loads(path.read_bytes())
    programme = next(iter(data["programmes"].values()))
    programme["name"] = "Renamed by a colleague"
    path.write_bytes(orjson.dumps(data) + b" ")
    os.utime(path, ns=(1, 1))  # a new stat, whatever the clock's resolution
    assert repository.snapshot().programmes[programme["id"]].name == "Renamed by a colleague"
    assert not repository.loaded_as_looked()


@pytest.mark.parametrize(
    "content",
    [b"", b'{"teams": {"1": {"name": "x"', b"[1, 2]", b'{"_meta": {"1": {"schema_version": 99}}}'],
)
def test_no_look_at_an_unusable_file_the_load_says_why(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "wb.json"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as direct:
        Repository(path).snapshot()
    with pytest.raises(DataFileError) as looked:
        Repository(path).first_look()
    assert str(looked.value) == str(direct.value)


def test_an_invalid_programme_means_the_full_load(tmp_path: Path) -> None:
    path = sample_file(tmp_path / "wb.json")
    data = orjson.loads(path.read_bytes())
    next(iter(data["programmes"].values()))["name"] = ""
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(DataFileError, match="fails validation"):
        Repository(path).first_look()
