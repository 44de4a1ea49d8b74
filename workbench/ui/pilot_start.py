"""Start a pilot from an assessment (Scoring and Compare tabs).

Starting always asks first: a "pilot" verdict asks yes or no, saying what will be created;
any other verdict (or none yet) asks for the reason, which the pilot keeps. An assessment
that already has a pilot opens it. ctrl+z in the Pilots tab takes a pilot just started back.
"""

from __future__ import annotations

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.pilot import Pilot
from workbench.core.pilot_changes import needs_start_reason, start_pilot
from workbench.core.scoring import Verdict
from workbench.core.team import Team
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.start_pilot_dialog import StartPilotDialog
from workbench.ui.messages import OpenPilot
from workbench.ui.panes.pane import Pane


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
        pane.post_message(OpenPilot(saved.id, started=True))

    if not needs_start_reason(verdict):
        planned = start_pilot(assessment, team, programme, verdict=verdict, today=workbench.today)
        kpis = (
            pane.t("pilots.start.confirm_kpi", kpi=planned.kpis[0].name)
            if planned.kpis
            else pane.t("pilots.start.confirm_no_kpi")
        )
        question = pane.t(
            "pilots.start.confirm_question",
            what=f"{team.name} × {programme.name}",
            phases=len(planned.phases),
            kpis=kpis,
        )

        def answered(yes: bool | None) -> None:
            if yes:
                create(None)

        pane.app.push_screen(
            ConfirmDialog(
                pane.t("pilots.start.title"),
                question,
                confirm_label=pane.t("pilots.start.confirm"),
                cancel_label=pane.t("pilots.delete.cancel"),
            ),
            answered,
        )
        return
    verdict_text = pane.t(f"pilots.verdict.{verdict.value if verdict else 'none'}")

    def confirmed(reason: str | None) -> None:
        if reason:
            create(reason)

    pane.app.push_screen(
        StartPilotDialog(f"{team.name} × {programme.name}", verdict_text), confirmed
    )
