"""Add or edit a participant: name, status, certification date and expiry."""

from __future__ import annotations

from datetime import date

from workbench.core.pilot import Participant, ParticipantStatus
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class ParticipantDialog(PilotForm[Participant]):
    def __init__(
        self, participant: Participant | None = None, check: Check[Participant] | None = None
    ) -> None:
        super().__init__(check)
        self.participant = participant

    def heading(self) -> str:
        if self.participant is None:
            return self.t("pilots.participant.new_title")
        return self.t("pilots.participant.edit_title", name=self.participant.name)

    def fields(self) -> list[FormField]:
        p = self.participant
        statuses = [
            (self.t(f"pilots.participant_status.{s.value}"), s.value) for s in ParticipantStatus
        ]

        def day(value: date | None) -> str:
            return value.isoformat() if value is not None else ""

        return [
            FormField("name", self.t("pilots.report.name"), p.name if p else ""),
            FormField(
                "status",
                self.t("pilots.report.status"),
                p.status.value if p else ParticipantStatus.ENROLLED.value,
                options=statuses,
            ),
            FormField(
                "certified_on",
                self.t("pilots.report.certified_on"),
                day(p.certified_on) if p else "",
                self.t("pilots.form.date_placeholder"),
            ),
            FormField(
                "expires_on",
                self.t("pilots.report.expires_on"),
                day(p.expires_on) if p else "",
                self.t("pilots.form.date_placeholder"),
            ),
        ]

    def build(self) -> Participant | None:
        name = self.text("name", required=True)
        status = self.choice("status")
        certified_on = self.day("certified_on")
        expires_on = self.day("expires_on")
        if name is None or status is None or self._errors:
            return None
        values = {
            "name": name,
            "status": ParticipantStatus(status),
            "certified_on": certified_on,
            "expires_on": expires_on,
        }
        if self.participant is not None:
            values["id"] = self.participant.id
        return Participant.model_validate(values)
