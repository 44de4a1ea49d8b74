"""Start a pilot from an assessment (Scoring tab, and Compare once it exists).

A "pilot" verdict starts at once; any other verdict (or none yet) asks for confirmation
and the reason, which the pilot keeps. An assessment that already has a pilot opens it.
"""

from __future__ import annotations

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.pilot import Pilot
from workbench.core.pilot_changes import needs_start_reason, start_pilot
from workbench.core.scoring import Verdict
from workbench.core.team import Team
from workbench.ui.dialogs.start_pilot_dialog import StartPilotDialog
from workbench.ui.messages import OpenPilot
from workbench.ui.screens.pane import Pane


def start_pilot_from(
    pane: Pane,
    assessment: Assessment,
    team: Team,
    programme: Programme,
    verdict: Verdict | None,
) -> None:
    workbench = pane.workbench
    existing = [
        p
        for p in workbench.repository.snapshot().pilots.values()
        if p.assessment_id == assessment.id
    ]
    if existing:
        pane.notify(pane.t("pilots.start.exists", name=existing[0].name), timeout=5, markup=False)
        pane.post_message(OpenPilot(existing[0].id))
        return
    if workbench.read_only:  # before any question: nothing could be saved
        workbench.notify_read_only()
        return

    def create(reason: str | None) -> None:
        pilot = start_pilot(
            assessment, team, programme, verdict=verdict, today=workbench.today, reason=reason
        )
        saved: Pilot | None = workbench.store(lambda repo: repo.save_pilot(pilot))
        if saved is None:
            return
        pane.notify(pane.t("pilots.start.started", name=saved.name), timeout=6, markup=False)
        pane.post_message(OpenPilot(saved.id))

    if not needs_start_reason(verdict):
        create(None)
        return
    verdict_text = pane.t(f"pilots.verdict.{verdict.value if verdict else 'none'}")

    def confirmed(reason: str | None) -> None:
        if reason:
            create(reason)

    pane.app.push_screen(
        StartPilotDialog(f"{team.name} × {programme.name}", verdict_text), confirmed
    )
