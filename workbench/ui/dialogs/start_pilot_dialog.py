"""Start a pilot on a verdict other than "pilot": confirm, and say why (it is recorded)."""

from __future__ import annotations

from workbench.ui.dialogs.pilot_form import FormField, PilotForm


class StartPilotDialog(PilotForm[str]):
    def __init__(self, what: str, verdict: str) -> None:
        super().__init__()
        self.what = what
        self.verdict = verdict

    def heading(self) -> str:
        return self.t("pilots.start.title")

    def introduction(self) -> str:
        return self.t("pilots.start.question", what=self.what, verdict=self.verdict)

    def fields(self) -> list[FormField]:
        return [
            FormField(
                "reason",
                self.t("pilots.start.reason"),
                placeholder=self.t("pilots.start.placeholder"),
            )
        ]

    def build(self) -> str | None:
        return self.text("reason", required=True)
