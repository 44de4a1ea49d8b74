"""Type part of a name to show only the rows that hold it (Compare's 500-team views, /)."""

from __future__ import annotations

from workbench.ui.dialogs.pilot_form import FormField, PilotForm


class SearchDialog(PilotForm[str]):
    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def heading(self) -> str:
        return self.t("compare.search.title")

    def introduction(self) -> str:
        return self.t("compare.search.hint")

    def fields(self) -> list[FormField]:
        return [FormField("text", self.t("compare.search.label"), self.current)]

    def build(self) -> str | None:
        return self.text("text") or ""  # empty: every team again
