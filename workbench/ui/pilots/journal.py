"""The journal section (5): the notes, latest first, and the highlighted one in full. j
writes a note."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding

from workbench.core.pilot_changes import add_note
from workbench.ui.pilots.editing import PilotEditing
from workbench.ui.pilots.journal_dialog import JournalDialog
from workbench.ui.pilots.section import PilotSection
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Column, Row

NOTE = Binding("j", "note", "pilots.keys.note", show=False, id="pilots-note")


class JournalSection(PilotSection):
    SECTION = "journal"

    def columns(self) -> list[Column]:
        t = self.t
        return [
            Column("on", t("pilots.columns.date"), 10),
            Column("by", t("pilots.columns.by"), 12),
            Column("text", t("pilots.form.note"), min_width=20),
        ]

    def rows(self) -> list[Row]:
        return [
            Row(
                note.id,
                (note.on.isoformat(), safe_text(note.by or ""), safe_text(note.text)),
            )
            for note in reversed(self.pilot.journal)
        ]

    def empty_text(self) -> str:
        return self.t("pilots.report.no_note")

    def detail(self, key: str | None) -> RenderableType:
        note = next((n for n in self.pilot.journal if n.id == key), None)
        if note is None:
            return Text(self.t("pilots.page.journal_hint"), style="italic")
        return safe_text(note.text, one_line=False)


class JournalActions(PilotEditing):
    def action_note(self) -> None:
        if self._ready("note") is not None:
            self._ask(
                lambda check: JournalDialog(self.today, self.workbench.assessor, check),
                add_note,
                lambda note: self.t("pilots.undo.note"),
                "journal",
            )
