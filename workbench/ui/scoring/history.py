"""Changes to the assessment on screen, queued for the background save, and their undo
and redo (ctrl+z, ctrl+y), which bring the changed assessment back on screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from workbench.core.assessment_change import AssessmentChange
from workbench.storage.errors import InUseError
from workbench.storage.repository import Repository
from workbench.ui.saving import AssessmentEdit
from workbench.ui.scoring.base import ScoringBase, UndoStep
from workbench.ui.text import safe_str

Value = TypeVar("Value")


class History(ScoringBase):
    def _edit(self, change: AssessmentChange) -> UndoStep | None:
        """Queue ``change`` to the assessment on screen and show it at once; the save runs
        in the background (the header says when it is written)."""
        state = self.workbench.state
        if state.team_id is None or state.programme_id is None:
            return None
        edit = AssessmentEdit(state.team_id, state.programme_id, change)
        created = self.current()[2] is None
        if not self.workbench.queue_edit(edit):
            return None
        self.refresh_data()
        return UndoStep("", edit.team_id, edit.programme_id, change, change, created)

    def _change(
        self, make: Callable[[Value], AssessmentChange], before: Value, after: Value, label: str
    ) -> bool:
        """Queue ``make(after)``; undoing it (``label``) applies ``make(before)``."""
        step = self._edit(make(after))
        if step is None:
            return False
        self.undo_steps.append(replace(step, label=label, restore=make(before)))
        self.redo_steps.clear()
        self.refresh_bindings_if_changed()
        return True

    def _replay(self, step: UndoStep, run: AssessmentChange, key: str) -> bool:
        """Run an undo or redo on its assessment, bringing that one on screen first."""
        state = self.workbench.state
        elsewhere = (state.team_id, state.programme_id) != (step.team_id, step.programme_id)
        if not self.workbench.queue_edit(AssessmentEdit(step.team_id, step.programme_id, run)):
            return False
        if elsewhere:
            keep = (self.consensus, self.acting_as)
            state.team_id, state.programme_id = step.team_id, step.programme_id
            self.refresh_data()
            self.consensus, self.acting_as = keep
            self.refresh_data()
            team, programme, _ = self.current()
            where = f"{safe_str(team.name) if team else '?'} × "
            where += safe_str(programme.name) if programme else "?"
            message = self.t(f"{key}_elsewhere", change=step.label, where=where)
        else:
            self.refresh_data()
            message = self.t(key, change=step.label)
        self.notify(message, timeout=4, markup=False)
        return True

    def action_undo(self) -> None:
        if not self.undo_steps:
            return
        step = self.undo_steps.pop()
        if self._replay(step, step.restore, "scoring.undone"):
            self.redo_steps.append(step)
            if step.created:
                self._remove_if_empty(step.team_id, step.programme_id)
        self.refresh_bindings_if_changed()

    def _remove_if_empty(self, team_id: str, programme_id: str) -> None:
        """The change undone had created the assessment: remove it again, unless someone
        wrote in it since (written after the undo queued before)."""

        def remove(repository: Repository) -> bool:
            found = repository.assessment_for(team_id, programme_id)
            if found is None or any(
                rating.score is not None or rating.low is not None or rating.reason
                for ratings in found.ratings.values()
                for rating in ratings.values()
            ):
                return False
            try:
                repository.delete_assessment(found.id)
            except InUseError:
                return False
            return True

        if self.workbench.store(remove):
            self.refresh_data()

    def action_redo(self) -> None:
        if not self.redo_steps:
            return
        step = self.redo_steps.pop()
        if self._replay(step, step.reapply, "scoring.redone"):
            self.undo_steps.append(step)
        self.refresh_bindings_if_changed()

    def _forget(self, team_id: str, programme_id: str) -> None:
        """The assessment was deleted: its steps can no longer be undone or redone."""
        self.undo_steps = [
            s for s in self.undo_steps if (s.team_id, s.programme_id) != (team_id, programme_id)
        ]
        self.redo_steps = [
            s for s in self.redo_steps if (s.team_id, s.programme_id) != (team_id, programme_id)
        ]
