"""Deleting the assessment on screen (D): refused while a pilot refers to it."""

from __future__ import annotations

from workbench.storage.errors import InUseError
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.scoring.history import History
from workbench.ui.text import safe_str


class Deleting(History):
    def action_delete_assessment(self) -> None:
        team, programme, assessment = self.current()
        if team is None or programme is None or assessment is None:
            return
        name = f"{safe_str(team.name)} × {safe_str(programme.name)}"
        pilots = [
            safe_str(p.name)
            for p in self.workbench.repository.pilots()
            if p.assessment_id == assessment.id
        ]
        if pilots:
            self._refuse_delete(name, pilots)
            return
        scored = sum(
            1
            for who in assessment.assessors
            for s in assessment.scores_of(who).values()
            if s is not None
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(team.id, programme.id, name)

        self.app.push_screen(
            ConfirmDialog(
                self.t("scoring.delete.title"),
                self.t(
                    "scoring.delete.question",
                    name=name,
                    assessors=len(assessment.assessors),
                    scores=scored,
                ),
                confirm_label=self.t("scoring.delete.confirm"),
                danger=True,
            ),
            answered,
        )

    def _refuse_delete(self, name: str, pilots: list[str]) -> None:
        self.app.push_screen(
            MessageDialog(
                self.t("scoring.delete.refused_title"),
                self.t("scoring.delete.refused", name=name, pilots=", ".join(pilots)),
            )
        )

    def _delete(self, team_id: str, programme_id: str, name: str) -> None:
        def delete(repository: Repository) -> InUseError | bool:
            # written after the score keys queued before it: the assessment they created
            found = repository.assessment_for(team_id, programme_id)
            if found is None:
                return True
            try:
                repository.delete_assessment(found.id)
            except InUseError as error:
                return error
            return True

        outcome = self.workbench.store(delete)
        if isinstance(outcome, InUseError):
            pilots = [use.removeprefix("pilot ") for use in outcome.used_by]
            self._refuse_delete(name, pilots)
            return
        if outcome:
            self._forget(team_id, programme_id)
            self.refresh_data()
            self.notify(self.t("scoring.delete.done", name=name), timeout=4, markup=False)
