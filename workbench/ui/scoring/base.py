"""What every part of the Scoring tab reads: the assessment on screen, whose column is
edited, the group's report and the steps to undo."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.assessment import Assessment
from workbench.core.assessment_change import AssessmentChange
from workbench.core.catalogue import Programme
from workbench.core.grid_report import GridReport, build_report
from workbench.core.team import Team
from workbench.ui.dialogs.picker import Choice
from workbench.ui.panes.pane import Pane

ASSESSOR_LIMIT = 40
"""An assessor's name in one-line places of this tab; a longer one ends with an ellipsis."""


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One change to one assessment: how to put back what it replaced, and to redo it."""

    label: str
    team_id: str
    programme_id: str
    restore: AssessmentChange
    reapply: AssessmentChange
    created: bool = False
    """The change created the assessment: undoing it removes the assessment, if nothing
    else was written in it meanwhile."""


class ScoringBase(Pane):
    """The Scoring tab's state; its actions (``picking``, ``ratings``...) extend it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.consensus = True
        """True: the verdict shown is the group's (median grid); False: your own grid's."""
        self.details = False
        self.acting_as: str | None = None
        """Another assessor chosen with `a`, for the assessment on screen only."""
        self.undo_steps: list[UndoStep] = []
        self.redo_steps: list[UndoStep] = []
        self.report: GridReport | None = None
        self.on_screen: Assessment | None = None
        """The assessment shown since the last ``refresh_data`` (which keys work: asked
        for every key of the footer, without reading the repository each time)."""
        self._shown: tuple[str | None, str | None] | None = None
        self._reported: tuple[tuple[object, ...], GridReport] | None = None
        self._context_drawn: tuple[object, ...] | None = None
        """What the context lines were drawn from (``context_inputs``)."""
        self._choices: dict[str, tuple[Assessment, Team, Programme, Choice]] = {}
        """The assessment picker's line of each assessment, while it and its team and
        programme stay the same objects (the pane is recomposed on a language switch)."""

    @property
    def assessor(self) -> str:
        """Whose column you edit: yours, unless you chose another assessor with `a`."""
        return self.acting_as or self.workbench.assessor

    def current(self) -> tuple[Team | None, Programme | None, Assessment | None]:
        state = self.workbench.state
        snapshot = self.workbench.repository.snapshot()
        team = snapshot.teams.get(state.team_id) if state.team_id else None
        programme = snapshot.programmes.get(state.programme_id) if state.programme_id else None
        assessment = None
        if team is not None and programme is not None:
            # with the changes still being saved: the screen shows a key's effect at once
            preview = self.workbench.preview_assessment(team.id, programme.id)
            assessment = self.workbench.shown_assessment(preview, self.assessor)
        return team, programme, assessment

    def _report(self, assessment: Assessment | None, measurable: bool, group: bool) -> GridReport:
        """The grid's report, built again only when what it depends on changed: the save
        of a change already on screen (the same values, another object) costs nothing."""
        key = (assessment, self.assessor, measurable, group)
        if self._reported is not None and self._reported[0] == key:
            return self._reported[1]
        report = build_report(
            assessment, assessor=self.assessor, objective_measurable=measurable, consensus=group
        )
        self._reported = (key, report)
        return report
