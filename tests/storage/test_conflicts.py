"""Two people editing one record: sub-fields merge separately, a real clash names each
field with both values and who saved last, and resolving it keeps either side per field."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.team import Objective, Team
from workbench.storage.errors import ConflictError, FieldConflict
from workbench.storage.repository import Repository

OBJECTIVE = Objective(metric="answers per day", unit="answers", baseline=10, target=20)


@pytest.fixture
def original(tmp_path: Path) -> tuple[Repository, Team]:
    repo = Repository(tmp_path / "wb.json", author="claire@here")
    repo.ensure_exists()
    team = repo.save_team(Team(id="t", name="Sales", headcount=5, objective=OBJECTIVE))
    return repo, team


def theirs(repo: Repository, **objective: object) -> Team:
    alice = Repository(repo.path, author="alice@there")
    return alice.update(
        Team,
        "t",
        lambda t: t.model_copy(update={"objective": t.objective.model_copy(update=objective)}),
    )


def test_sub_fields_of_the_objective_merge_separately(original: tuple[Repository, Team]) -> None:
    repo, team = original
    theirs(repo, metric="leads answered per day")
    mine = team.model_copy(update={"objective": OBJECTIVE.model_copy(update={"target": 30.0})})
    saved = repo.save_edit(team, mine)
    assert (saved.objective.metric, saved.objective.target) == ("leads answered per day", 30)
    assert Repository(repo.path).team("t") == saved


def test_a_clash_names_the_sub_field_both_values_and_who_saved(
    original: tuple[Repository, Team],
) -> None:
    repo, team = original
    theirs(repo, target=25.0)
    mine = team.model_copy(
        update={"name": "Sales ops", "objective": OBJECTIVE.model_copy(update={"target": 30.0})}
    )
    before = repo.path.read_bytes()
    with pytest.raises(ConflictError) as caught:
        repo.save_edit(team, mine)
    conflict = caught.value
    assert conflict.conflicts == [FieldConflict("objective.target", 20.0, 25.0, 30.0)]
    assert conflict.last_write is not None
    assert conflict.last_write.writer == "alice@there"
    assert "objective.target" in str(conflict)
    assert "nothing was saved" not in str(conflict).lower()  # the app says it once
    assert repo.path.read_bytes() == before
    # their target, and my name change that did not clash
    assert (conflict.merged.name, conflict.merged.objective.target) == ("Sales ops", 25.0)
    kept_mine = conflict.resolve({"objective.target"})
    assert isinstance(kept_mine, Team)
    assert (kept_mine.name, kept_mine.objective.target) == ("Sales ops", 30.0)
    saved = repo.resolve_conflict(conflict, {"objective.target"})
    assert Repository(repo.path).team("t") == saved
    assert (saved.name, saved.objective.target) == ("Sales ops", 30.0)
    assert conflict.resolve(set()).objective.target == 25.0  # type: ignore[attr-defined]
