"""Which records an export holds: everything, or one team and/or one programme."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.diagnostic import Diagnostic, visible_assessments
from workbench.core.money import Rate
from workbench.core.pilot import Pilot
from workbench.core.team import Team
from workbench.storage.errors import NotFoundError
from workbench.storage.schema import Snapshot


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen records, each list sorted as people read it (by name)."""

    programmes: list[Programme]
    teams: list[Team]
    assessments: list[Assessment]
    pilots: list[Pilot]
    filtered_by_team: bool
    rates: list[Rate] = field(default_factory=list)
    """Every exchange rate of the file: a team's figures in another currency need them."""
    diagnostics: list[Diagnostic] = field(default_factory=list)


def select(
    snapshot: Snapshot,
    team_id: str | None = None,
    programme_id: str | None = None,
    *,
    viewer: str | None = None,
) -> Selection:
    """The records of ``team_id`` and ``programme_id`` (None: all); ``NotFoundError`` for
    an id the file does not hold. A selection keeps every record its records refer to.
    The ratings of an open blind round are left out, but ``viewer``'s own."""
    if team_id is not None and team_id not in snapshot.teams:
        raise NotFoundError("team", team_id)
    if programme_id is not None and programme_id not in snapshot.programmes:
        raise NotFoundError("programme", programme_id)
    teams = [t for t in snapshot.teams.values() if team_id is None or t.id == team_id]
    programmes = [
        p for p in snapshot.programmes.values() if programme_id is None or p.id == programme_id
    ]
    team_ids = {t.id for t in teams}
    programme_ids = {p.id for p in programmes}
    sessions = snapshot.diagnostics.values()
    assessments = [
        a
        for a in visible_assessments(snapshot.assessments, sessions, viewer).values()
        if a.team_id in team_ids and a.programme_id in programme_ids
    ]
    assessment_ids = {a.id for a in assessments}
    pilots = [
        p
        for p in snapshot.pilots.values()
        if p.team_id in team_ids
        and p.programme_id in programme_ids
        and (p.assessment_id is None or p.assessment_id in assessment_ids)
    ]
    teams.sort(key=lambda t: (t.name.casefold(), t.id))
    programmes.sort(key=lambda p: (p.name.casefold(), p.id))
    names = {t.id: t.name.casefold() for t in teams}
    titles = {p.id: p.name.casefold() for p in programmes}
    assessments.sort(key=lambda a: (names[a.team_id], titles[a.programme_id], a.id))
    pilots.sort(key=lambda p: (p.name.casefold(), p.id))
    rates = sorted(snapshot.rates.values(), key=lambda r: (r.pair, r.on, r.id))
    diagnostics = sorted(
        (
            d
            for d in sessions
            if d.team_id in team_ids
            and (d.pilot_id is None or d.pilot_id in {p.id for p in pilots})
        ),
        key=lambda d: (d.started_at, d.id),
    )
    return Selection(
        programmes,
        teams,
        assessments,
        pilots,
        filtered_by_team=team_id is not None,
        rates=rates,
        diagnostics=diagnostics,
    )
