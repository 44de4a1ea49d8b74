"""The people section (3): one row per participant with their status and certification
dates, flagged when a warning names them, and the count per status below. a adds a
participant; e (or Enter) edits the highlighted one."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding

from workbench.core.pilot import Participant
from workbench.core.pilot_changes import save_participant
from workbench.ui.pilots.editing import PilotEditing
from workbench.ui.pilots.participant_dialog import ParticipantDialog
from workbench.ui.pilots.section import PilotSection
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Column, Row

NEW_PARTICIPANT = Binding(
    "a",
    "new_participant",
    "pilots.keys.new_participant",
    show=False,
    id="pilots-new-participant",
)


class PeopleSection(PilotSection):
    SECTION = "people"

    def columns(self) -> list[Column]:
        t = self.t
        return [
            Column("name", t("pilots.report.name"), min_width=14),
            Column("status", t("pilots.columns.status"), 12),
            Column("certified_on", t("pilots.columns.certified_on"), 10),
            Column("expires_on", t("pilots.columns.expires_on"), 10),
            Column("flag", "", 1),
        ]

    def rows(self) -> list[Row]:
        t = self.t
        warned = {
            w.participant_id
            for w in (self.summary.warnings if self.summary else ())
            if w.participant_id
        }
        return [
            Row(
                p.id,
                (
                    safe_text(p.name),
                    t(f"pilots.participant_status.{p.status.value}"),
                    p.certified_on.isoformat() if p.certified_on else "—",
                    p.expires_on.isoformat() if p.expires_on else "—",
                    "⚠" if p.id in warned else "",
                ),
            )
            for p in self.pilot.participants
        ]

    def empty_text(self) -> str:
        return self.t("pilots.report.no_participant")

    def detail(self, key: str | None) -> RenderableType:
        assert self.summary is not None
        t = self.t
        counts = self.summary.participants
        parts = [
            t(
                "pilots.page.count_status",
                count=count,
                status=t(f"pilots.participant_status.{status.value}"),
            )
            for status, count in counts.items()
            if count
        ]
        return Text(" · ".join(parts) if parts else t("pilots.report.no_participant"))


class ParticipantActions(PilotEditing):
    def _participant_form(self, participant: Participant | None) -> None:
        self._ask(
            lambda check: ParticipantDialog(participant, check),
            save_participant,
            lambda saved: self.t("pilots.undo.participant"),
            "people",
        )

    def action_new_participant(self) -> None:
        if self._ready("new_participant") is not None:
            self._participant_form(None)
