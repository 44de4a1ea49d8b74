"""What uses a programme: the detail panel's counts, and the reasons a delete is refused."""

from __future__ import annotations

from collections import Counter

from workbench.i18n import Translator
from workbench.storage.schema import FirstLook, Snapshot
from workbench.ui.panes.table_pane import describe_uses


class Uses:
    """How many assessments and pilots use each programme, counted once per load."""

    def __init__(self, look: FirstLook | None = None) -> None:
        self.assessments: Counter[str] = look.assessments if look is not None else Counter()
        self.pilots: Counter[str] = look.pilots if look is not None else Counter()

    def text(self, i18n: Translator, programme_id: str) -> str:
        """The detail panel's "used by" line."""
        assessments = self.assessments[programme_id]
        pilots = self.pilots[programme_id]
        if not assessments and not pilots:
            return i18n("catalogue.detail.used_none")
        return i18n(
            "catalogue.detail.used_counts",
            assessments=i18n.plural("catalogue.detail.used_assessments", assessments),
            pilots=i18n.plural("catalogue.detail.used_pilots", pilots),
        )


def used_by_assessment(i18n: Translator, snapshot: Snapshot, team_id: str) -> str:
    team = snapshot.teams.get(team_id)
    return i18n("catalogue.delete.used_assessment", team=team.name if team is not None else team_id)


def usage(i18n: Translator, snapshot: Snapshot, programme_id: str) -> list[str]:
    """What still uses a programme, said in words: the reason a delete is refused."""
    reasons = [
        used_by_assessment(i18n, snapshot, assessment.team_id)
        for assessment in snapshot.assessments.values()
        if assessment.programme_id == programme_id
    ]
    for pilot in snapshot.pilots.values():
        if pilot.programme_id == programme_id:
            reasons.append(i18n("catalogue.delete.used_pilot", name=pilot.name))
    return reasons


def refused_uses(i18n: Translator, snapshot: Snapshot, used_by: list[str]) -> list[str]:
    """The storage layer's reasons, in words (someone started using the programme
    between the question and the delete)."""
    return describe_uses(
        used_by,
        snapshot.assessments,
        assessment=lambda assessment: used_by_assessment(i18n, snapshot, assessment.team_id),
        pilot=lambda pilot: i18n("catalogue.delete.used_pilot", name=pilot),
        other=lambda entry: i18n("catalogue.delete.used_other", what=entry),
    )
