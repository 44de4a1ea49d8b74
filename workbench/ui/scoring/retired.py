"""A retiring or retired programme: how it is named, and the question before scoring it."""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.catalogue import Programme, Status
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.scoring.base import ScoringBase
from workbench.ui.text import safe_str
from workbench.ui.widgets.catalogue_view import INACTIVE, with_successor


class RetiredProgrammes(ScoringBase):
    def status_words(self, programme: Programme) -> str:
        """ "retired 2026-06-30 → AI-901": the status, its date and the successor."""
        status = self.t("scoring.status." + programme.status.value)
        if programme.status_date is not None:
            status = f"{status} {programme.status_date.isoformat()}"
        programmes = self.workbench.repository.snapshot().programmes
        return safe_str(with_successor(self.workbench.i18n, status, programme, programmes))

    def programme_choice(self, programme: Programme) -> Choice:
        """A programme in the picker; a retired or retiring one says so first."""
        status = self.t("scoring.status." + programme.status.value)
        label = safe_str(programme.name)
        if programme.status in (Status.RETIRED, Status.RETIRING):
            label = f"{label}  [{status.upper()}]"
            status = self.status_words(programme)
        return Choice(programme.id, label, f"{safe_str(programme.provider)} · {status}")

    def ask_if_retired(
        self, programme_id: str, then: Callable[[str], None], *, team_id: str | None = None
    ) -> None:
        """Score ``programme_id`` (``then``), asking first when it is retiring or retired
        and not yet assessed for the team: its successor, when it names one, is offered."""
        repo = self.workbench.repository
        snapshot = repo.snapshot()
        programme = snapshot.programmes.get(programme_id)
        team_id = team_id or self.workbench.state.team_id
        started = team_id is not None and repo.assessment_for(team_id, programme_id)
        if programme is None or started or programme.status not in INACTIVE:
            then(programme_id)
            return
        successor = snapshot.programmes.get(programme.successor_id or "")
        if successor is not None:
            choices = [
                Choice(
                    successor.id,
                    self.t("scoring.retired.successor", name=safe_str(successor.name)),
                    safe_str(successor.provider),
                ),
                Choice(
                    programme.id,
                    self.t("scoring.retired.anyway", name=safe_str(programme.name)),
                    self.status_words(programme),
                ),
            ]
            title = self.t(
                "scoring.retired.which",
                name=safe_str(programme.short_name),
                status=self.status_words(programme),
            )
            self.app.push_screen(
                PickerDialog(title, choices, current=successor.id),
                lambda chosen: then(chosen) if chosen else None,
            )
            return
        status = self.t("scoring.status." + programme.status.value)
        when = programme.status_date.isoformat() if programme.status_date else "—"
        self.app.push_screen(
            ConfirmDialog(
                self.t("scoring.retired.title"),
                self.t(
                    "scoring.retired.question",
                    name=safe_str(programme.name),
                    status=status,
                    date=when,
                ),
                confirm_label=self.t("scoring.retired.confirm"),
            ),
            lambda go: then(programme_id) if go else None,
        )
