"""Saves write each record straight into a copy of its table, with an index of document ids
kept from one transaction to the next: the file must stay what TinyDB's layout says."""

from __future__ import annotations

import gc
from pathlib import Path

import orjson

from workbench.core.team import Team
from workbench.storage.repository import Repository


def tables(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    data: dict[str, dict[str, dict[str, object]]] = orjson.loads(path.read_bytes())
    return data


def team_ids(path: Path) -> dict[str, str]:
    """Document id -> record id of the teams table."""
    return {doc_id: str(doc["id"]) for doc_id, doc in tables(path)["teams"].items()}


def test_an_updated_record_keeps_its_document_id_and_place(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repository = Repository(path)
    with repository.transaction() as tx:
        tx.put_all([Team(id=f"t{n}", name=f"Team {n}") for n in range(5)])
    before = team_ids(path)
    repository.save_team(Team(id="t2", name="Renamed"))
    assert team_ids(path) == before
    assert list(tables(path)["teams"]) == list(before)
    assert tables(path)["teams"]["3"]["name"] == "Renamed"


def test_new_ids_follow_the_largest_even_after_a_deletion(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repository = Repository(path)
    for n in range(3):
        repository.save_team(Team(id=f"t{n}", name=f"Team {n}"))
    repository.delete_team("t2")  # the largest id: TinyDB then reuses 3, as before
    repository.save_team(Team(id="t9", name="Nine"))
    repository.delete_team("t0")
    repository.save_team(Team(id="t8", name="Eight"))
    assert team_ids(path) == {"2": "t1", "3": "t9", "4": "t8"}
    assert set(Repository(path).snapshot().teams) == {"t1", "t8", "t9"}


def test_the_index_of_an_earlier_save_is_not_used_after_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    mine, theirs = Repository(path, author="me@host"), Repository(path, author="them@host")
    for n in range(4):
        mine.save_team(Team(id=f"t{n}", name=f"Team {n}"))
    theirs.delete_team("t1")
    theirs.save_team(Team(id="t7", name="Theirs"))
    mine.save_team(Team(id="t3", name="Mine again"))  # my index said t3 -> 4: still true
    mine.save_team(Team(id="t5", name="Five"))
    theirs.delete_team("t0")
    mine.save_team(Team(id="t2", name="Two renamed"))
    reread = Repository(path).snapshot().teams
    assert {key: team.name for key, team in reread.items()} == {
        "t2": "Two renamed",
        "t3": "Mine again",
        "t5": "Five",
        "t7": "Theirs",
    }
    ids = team_ids(path)
    assert sorted(ids.values()) == ["t2", "t3", "t5", "t7"]
    assert len(ids) == 4  # no record twice


def test_a_failed_transaction_leaves_the_next_one_a_true_index(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repository = Repository(path)
    repository.save_team(Team(id="t0", name="Zero"))
    try:
        with repository.transaction() as tx:
            tx.put(Team(id="t1", name="Never saved"))
            raise RuntimeError("the change fails half-way")
    except RuntimeError:
        pass
    repository.save_team(Team(id="t2", name="Two"))
    assert team_ids(path) == {"1": "t0", "2": "t2"}


def test_a_loaded_file_is_left_out_of_later_garbage_collections(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    Repository(path).save_team(Team(id="t0", name="Zero"))
    gc.unfreeze()
    reader = Repository(path)
    team = reader.snapshot().teams["t0"]
    assert gc.get_freeze_count() > 0
    assert not any(obj is team for obj in gc.get_objects())  # frozen: not tracked any more


def test_a_reload_lets_go_of_the_index_of_the_older_version(tmp_path: Path) -> None:
    """The index held the older version's table: every document of it, after a reload."""
    path = tmp_path / "wb.json"
    mine, theirs = Repository(path, author="me@host"), Repository(path, author="them@host")
    mine.save_team(Team(id="t0", name="Zero"))
    mine.save_team(Team(id="t1", name="One"))
    cached = mine.file.cached
    assert cached is not None
    older = cached.raw["teams"]
    assert any(table is older for table, _ in mine._indexes.values())
    theirs.save_team(Team(id="t2", name="Theirs"))
    mine.reload()
    assert not any(table is older for table, _ in mine._indexes.values())
    mine.save_team(Team(id="t1", name="One renamed"))
    assert team_ids(path) == {"1": "t0", "2": "t1", "3": "t2"}
    assert Repository(path).team("t1").name == "One renamed"
