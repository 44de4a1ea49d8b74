"""What the Compare tab's views read: the assessments of one data version, indexed by
programme and by team, each with its team and cached evaluation (``Compared``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.comparison import Compared
from workbench.core.team import Team
from workbench.storage.schema import Snapshot
from workbench.ui.panes.pane import Evaluations


def _differ(before: Mapping[str, object], after: Mapping[str, object]) -> bool:
    """Whether two snapshots' records differ (models are replaced, never changed in place)."""
    if before is after:
        return False
    return len(before) != len(after) or any(after.get(k) is not v for k, v in before.items())


class CompareData:
    """One data version as the views see it, shared by them and brought up to date in place."""

    def __init__(self, t: Callable[..., str]) -> None:
        self.t = t
        self.snapshot: Snapshot | None = None
        self.by_programme: dict[str, list[Assessment]] = {}
        self.by_team: dict[str, list[Assessment]] = {}
        self._compared: dict[str, Compared] = {}
        self._evaluations = Evaluations()

    def load(self, snapshot: Snapshot, evaluations: Evaluations) -> list[Assessment] | None:
        """Take ``snapshot``: the assessments that changed since the last one (old and new
        versions), or None when everything may have (the first load, or teams or
        programmes changed: names, departments and objectives show in many places)."""
        previous = self.snapshot
        self.snapshot = snapshot
        self._evaluations = evaluations
        changed = None if previous is None else self._reindex(previous, snapshot)
        if changed is None:
            self._index_all(snapshot)
        return changed

    def _index_all(self, snapshot: Snapshot) -> None:
        by_programme: dict[str, list[Assessment]] = {}
        by_team: dict[str, list[Assessment]] = {}
        for assessment in snapshot.assessments.values():
            if assessment.team_id in snapshot.teams:
                by_programme.setdefault(assessment.programme_id, []).append(assessment)
                by_team.setdefault(assessment.team_id, []).append(assessment)
        self.by_programme = by_programme
        self.by_team = by_team
        self._compared = {
            k: v
            for k, v in self._compared.items()
            if snapshot.assessments.get(k) is v.assessment
            and snapshot.teams.get(v.team.id) is v.team
        }

    def _reindex(self, previous: Snapshot, snapshot: Snapshot) -> list[Assessment] | None:
        if _differ(previous.teams, snapshot.teams) or _differ(
            previous.programmes, snapshot.programmes
        ):
            return None
        before, after = previous.assessments, snapshot.assessments
        changed = [a for key, a in after.items() if before.get(key) is not a]
        changed += [a for key, a in before.items() if after.get(key) is not a]
        for assessment in changed:
            self._compared.pop(assessment.id, None)
            for index, key in (
                (self.by_programme, assessment.programme_id),
                (self.by_team, assessment.team_id),
            ):
                kept = [a for a in index.get(key, []) if a.id != assessment.id]
                if kept:
                    index[key] = kept
                else:
                    index.pop(key, None)
        for assessment in changed:
            if after.get(assessment.id) is assessment and assessment.team_id in snapshot.teams:
                self.by_programme.setdefault(assessment.programme_id, []).append(assessment)
                self.by_team.setdefault(assessment.team_id, []).append(assessment)
        return changed

    def default_team(self) -> str | None:
        """The team assessed on the most programmes (the first by id among equals)."""
        if not self.by_team:
            return None
        return max(sorted(self.by_team), key=lambda team: len(self.by_team[team]))

    def compared(self, assessment: Assessment) -> Compared:
        """One assessment with its team and cached evaluation (the team's objective rule)."""
        found = self._compared.get(assessment.id)
        team = self.team(assessment.team_id)
        if found is not None and found.assessment is assessment and found.team is team:
            return found
        evaluation = self._evaluations.of(
            assessment, objective_measurable=team.objective.is_measurable
        )
        found = Compared(assessment, team, evaluation)
        self._compared[assessment.id] = found
        return found

    def assessment(self, key: str | None) -> Assessment | None:
        if self.snapshot is None or key is None:
            return None
        return self.snapshot.assessments.get(key)

    @property
    def teams(self) -> Mapping[str, Team]:
        return self.snapshot.teams if self.snapshot is not None else {}

    def team(self, team_id: str) -> Team:
        assert self.snapshot is not None
        return self.snapshot.teams[team_id]

    def programme(self, programme_id: str) -> Programme | None:
        assert self.snapshot is not None
        return self.snapshot.programmes.get(programme_id)

    def programme_name(self, programme_id: str) -> str:
        programme = self.programme(programme_id)
        return programme.name if programme is not None else self.t("compare.unknown_programme")
