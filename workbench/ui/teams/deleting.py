"""Deleting a team: asked first, refused while an assessment or a pilot still names it."""

from __future__ import annotations

from workbench.core.assessment import Assessment
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.panes.table_pane import TablePane, describe_uses
from workbench.ui.teams.records import TeamView


def delete_team(pane: TablePane[TeamView], view: TeamView) -> None:
    team = view.team
    t = pane.t
    unknown = t("teams.detail.unknown_programme")

    def refuse(uses: list[str]) -> None:
        pane.app.push_screen(
            MessageDialog(
                t("teams.delete.in_use_title"),
                t("teams.delete.in_use", name=team.name),
                details=uses,
                hint=t("teams.delete.in_use_hint"),
            )
        )

    def used_by(programme: str | None) -> str:
        return t("teams.delete.used_assessment", programme=programme or unknown)

    def used_by_assessment(assessment: Assessment) -> str:
        snapshot = pane.workbench.repository.snapshot()
        programme = snapshot.programmes.get(assessment.programme_id)
        return used_by(programme.name if programme else None)

    def pilot(name: str) -> str:
        return t("teams.delete.used_pilot", name=name)

    def deleted() -> None:
        pane.refresh_data()
        pane.table.focus()
        pane.notify(t("teams.deleted", name=team.name), timeout=3, markup=False)

    pane.delete_unless_used(
        [used_by(scored.programme) for scored in view.scored] + list(map(pilot, view.pilots)),
        question=ConfirmDialog(
            t("teams.delete.title"),
            t("teams.delete.question", name=team.name),
            confirm_label=t("teams.delete.confirm"),
            cancel_label=t("teams.delete.cancel"),
            danger=True,
        ),
        delete=lambda repository: repository.delete_team(team.id),
        refuse=refuse,
        describe=lambda uses: describe_uses(
            uses,
            pane.workbench.repository.snapshot().assessments,
            assessment=used_by_assessment,
            pilot=pilot,
            other=str,
        ),
        deleted=deleted,
    )
