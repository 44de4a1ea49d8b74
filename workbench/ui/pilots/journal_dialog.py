"""Write a dated note in the pilot's journal."""

from __future__ import annotations

from datetime import date

from workbench.core.pilot import JournalNote
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm


class JournalDialog(PilotForm[JournalNote]):
    def __init__(self, today: date, author: str, check: Check[JournalNote] | None = None) -> None:
        super().__init__(check)
        self.today = today
        self.author = author

    def heading(self) -> str:
        return self.t("pilots.journal.title")

    def fields(self) -> list[FormField]:
        return [
            FormField("text", self.t("pilots.form.note")),
            FormField(
                "on",
                self.t("pilots.form.date"),
                self.today.isoformat(),
                self.t("pilots.form.date_placeholder"),
            ),
            FormField("by", self.t("pilots.gate.by"), self.author),
        ]

    def build(self) -> JournalNote | None:
        text = self.text("text", required=True)
        on = self.day("on", required=True)
        by = self.text("by")
        if text is None or on is None:
            return None
        return JournalNote(text=text, on=on, by=by)
