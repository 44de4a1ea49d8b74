"""The warnings section (6): what needs attention (a due date passed, a certification
expiring, a KPI unmeasured...), one per row; nothing to record here."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from workbench.core.pilot_report import warning_text
from workbench.ui.pilots.section import PilotSection
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Column, Row


class WarningsSection(PilotSection):
    SECTION = "warnings"

    def columns(self) -> list[Column]:
        return [
            Column("flag", "", 1),
            Column("text", self.t("pilots.section.warnings"), min_width=20),
        ]

    def rows(self) -> list[Row]:
        assert self.summary is not None
        i18n = self.workbench.i18n
        return [
            Row(str(index), ("⚠", safe_text(warning_text(w, i18n))))
            for index, w in enumerate(self.summary.warnings)
        ]

    def empty_text(self) -> str:
        return self.t("pilots.report.no_warning")

    def detail(self, key: str | None) -> RenderableType:
        return Text(self.t("pilots.page.warnings_hint"), style="italic")
