"""Resolving a conflict writes their current record, every field the edit changed, and the
side chosen for each clashing field: for every kind of record a form edits.

Two ``Repository`` instances on one real file: A saves first, B's edit of the version
before then clashes on one field and changes several others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.pilot import JournalNote, Pilot
from workbench.core.pilot_changes import remove_kpi, revalidated
from workbench.core.team import Team
from workbench.storage.errors import ConflictError
from workbench.storage.repository import Repository

Change = Callable[[Any], Any]


@dataclass(frozen=True)
class Case:
    model: type[BaseModel]
    record_id: Callable[[Repository], str]
    theirs: Change
    """A's edit: the clashing field, and one field B leaves alone."""
    mine: Change
    """B's edit: the clashing field, and several others (a cleared one among them)."""
    clash: str
    check_mine: Callable[[Any], object]
    """What B changed besides the clash, as stored: must equal ``check_mine(B's edit)``."""
    check_theirs: Callable[[Any], object]
    """What A changed besides the clash, as stored."""


def first_id(table: str) -> Callable[[Repository], str]:
    return lambda repo: next(iter(getattr(repo.snapshot(), table)))


CASES = {
    "team": Case(
        Team,
        lambda repo: "team-ecommerce-content",
        lambda t: revalidated(
            t, name="Site managers", objective=revalidated(t.objective, target=4.5)
        ),
        lambda t: revalidated(
            t,
            name="Plant managers",
            department="Operations (B)",
            headcount=37,
            objective=revalidated(t.objective, metric=None),
        ),
        "name",
        lambda t: (t.department, t.headcount, t.objective.metric),
        lambda t: t.objective.target,
    ),
    "programme": Case(
        Programme,
        first_id("programmes"),
        lambda p: revalidated(p, provider="Their provider", platform="Their platform"),
        lambda p: revalidated(
            p, provider="My provider", renewal="every two years", modules=7, notes=None
        ),
        "provider",
        lambda p: (p.renewal, p.modules, p.notes),
        lambda p: p.platform,
    ),
    "pilot": Case(
        Pilot,
        lambda repo: "pilot-managers-genai",
        lambda p: revalidated(p, start_reason="Their reason", currency="USD"),
        lambda p: revalidated(
            remove_kpi(p, "kpi-mg-recommend"),
            start_reason="My reason",
            workflow="Weekly report drafting",
            journal=[*p.journal, JournalNote(on=date(2026, 11, 20), text="B's note")],
        ),
        "start_reason",
        lambda p: (p.workflow, [k.id for k in p.kpis], [n.text for n in p.journal]),
        lambda p: p.currency,
    ),
    "assessment": Case(
        Assessment,
        first_id("assessments"),
        lambda a: revalidated(a, notes="Their notes", created_by="alice@there"),
        lambda a: revalidated(a, notes="My notes", updated_by="bob@here"),
        "notes",
        lambda a: a.updated_by,
        lambda a: a.created_by,
    ),
}


def clash(repo: Repository, case: Case) -> tuple[ConflictError, BaseModel]:
    """A saves first; B's edit of the version both started from clashes."""
    record_id = case.record_id(repo)
    name = {Team: "team", Programme: "programme", Pilot: "pilot", Assessment: "assessment"}
    bob = Repository(repo.path, author="bob@here")
    original = getattr(bob, name[case.model])(record_id)
    Repository(repo.path, author="alice@there").update(case.model, record_id, case.theirs)
    edited = case.mine(original)
    with pytest.raises(ConflictError) as caught:
        bob.save_edit(original, edited)
    assert caught.value.fields == [case.clash]
    return caught.value, edited


@pytest.mark.parametrize("keep", ["mine", "theirs"])
@pytest.mark.parametrize("kind", list(CASES))
def test_resolving_keeps_every_other_change_of_both_sides(
    sample_repo: Repository, kind: str, keep: str
) -> None:
    case = CASES[kind]
    conflict, edited = clash(sample_repo, case)
    theirs = conflict.theirs
    assert theirs is not None
    bob = Repository(sample_repo.path, author="bob@here")
    saved = bob.resolve_conflict(conflict, {case.clash} if keep == "mine" else set())
    stored = getattr(Repository(sample_repo.path).snapshot(), f"{kind}s")[conflict.item_id]
    assert stored == saved
    assert case.check_mine(stored) == case.check_mine(edited), "B's other changes were lost"
    assert case.check_theirs(stored) == case.check_theirs(theirs), "A's other change was lost"
    chosen = edited if keep == "mine" else theirs
    assert getattr(stored, case.clash) == getattr(chosen, case.clash)


def test_a_field_changed_again_before_resolving_is_a_new_conflict(
    sample_repo: Repository,
) -> None:
    conflict, _ = clash(sample_repo, CASES["team"])
    Repository(sample_repo.path, author="carol@else").update(
        Team, "team-ecommerce-content", lambda t: revalidated(t, name="Carol's name")
    )
    before = sample_repo.path.read_bytes()
    with pytest.raises(ConflictError) as caught:
        Repository(sample_repo.path).resolve_conflict(conflict, {"name"})
    assert caught.value.fields == ["name"]
    assert sample_repo.path.read_bytes() == before


def test_a_field_changed_elsewhere_meanwhile_is_kept(sample_repo: Repository) -> None:
    conflict, _ = clash(sample_repo, CASES["team"])
    Repository(sample_repo.path, author="carol@else").update(
        Team, "team-ecommerce-content", lambda t: revalidated(t, headcount=12, department=None)
    )
    # B changed both: a second conflict (their latest values) rather than a silent overwrite
    with pytest.raises(ConflictError) as caught:
        Repository(sample_repo.path).resolve_conflict(conflict, {"name"})
    assert sorted(caught.value.fields) == ["department", "headcount"]
