"""``Transaction.put_all``: many records in one transaction, as ``put`` one by one would."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.storage.schema import META_TABLE


def organisation(n: int) -> list[Programme | Team | Assessment]:
    programmes = [Programme(id=f"p{i}", name=f"Programme {i}", provider="X") for i in range(3)]
    teams = [Team(id=f"t{i}", name=f"Team {i}") for i in range(n)]
    assessments = [
        Assessment(id=f"a{i}-{p.id}", team_id=t.id, programme_id=p.id)
        for i, t in enumerate(teams)
        for p in programmes
    ]
    return [*programmes, *teams, *assessments]


def stored(path: Path) -> dict[str, object]:
    data = orjson.loads(path.read_bytes())
    del data[META_TABLE]
    return data


def test_put_all_writes_what_put_one_by_one_writes(tmp_path: Path) -> None:
    records = organisation(20)
    one_by_one = Repository(tmp_path / "one.json")
    with one_by_one.transaction() as tx:
        for record in records:
            tx.put(record)
    all_at_once = Repository(tmp_path / "all.json")
    with all_at_once.transaction() as tx:
        tx.put_all(records)
    assert stored(tmp_path / "all.json") == stored(tmp_path / "one.json")
    # the patched snapshot kept in memory is the one a fresh reader validates
    fresh = Repository(tmp_path / "all.json").snapshot()
    assert all_at_once.snapshot().assessments == fresh.assessments
    assert len(all_at_once.snapshot().assessments) == 60


def test_put_all_updates_existing_records_and_keeps_the_last_of_one_id(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "wb.json")
    with repository.transaction() as tx:
        tx.put_all(organisation(2))
    renamed = Team(id="t0", name="Renamed")
    with repository.transaction() as tx:
        tx.put_all([renamed, Team(id="t9", name="First"), Team(id="t9", name="Second")])
    for reader in (repository, Repository(tmp_path / "wb.json")):
        teams = reader.snapshot().teams
        assert teams["t0"].name == "Renamed"
        assert teams["t9"].name == "Second"
        assert len(teams) == 3
    raw = orjson.loads((tmp_path / "wb.json").read_bytes())
    assert sorted(doc["id"] for doc in raw["teams"].values()) == ["t0", "t1", "t9"]


def test_an_invalid_record_in_put_all_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repository = Repository(path)
    with repository.transaction() as tx:
        tx.put_all(organisation(1))
    before = path.read_bytes()
    bad = Team.model_construct(id="t5", name="", headcount=0)
    with pytest.raises(ValidationError), repository.transaction() as tx:
        tx.put_all([Team(id="t4", name="Fine"), bad])
    assert path.read_bytes() == before
    assert "t4" not in Repository(path).snapshot().teams
