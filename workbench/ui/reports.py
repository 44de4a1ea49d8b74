"""Reports out, data in, from the app: export, import and the decision memo.

The palette offers the three; the Teams and Scoring tabs call ``open_memo`` with their key.
Each opens a dialog; the file written or what was imported is then said on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.memo import memo_file_name
from workbench.exchange.memo_file import reports_folder
from workbench.exchange.selection import select
from workbench.i18n.messages import storage_message
from workbench.storage.errors import StorageError
from workbench.storage.repository import ImportSummary
from workbench.ui.dialogs.export_dialog import ExportDialog, ExportRequest
from workbench.ui.dialogs.import_dialog import ImportDialog
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.panes.pane import PaletteCommand

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp


def working_folder() -> Path:
    """Where a report is written unless the user types another path."""
    try:
        return Path.cwd()
    except OSError:
        return Path.home()


def _written(app: WorkbenchApp, path: Path | None) -> None:
    if path is not None:
        app.notify(
            app.i18n("reports.ui.written", name=path.name, folder=str(path.parent)),
            timeout=10,
            markup=False,
        )


def open_export(app: WorkbenchApp) -> None:
    try:
        selection = select(app.repository.snapshot(), viewer=app.assessor)
    except StorageError as error:
        app.notify(storage_message(error, app.i18n), severity="error", markup=False)
        return
    today = app.today.isoformat()
    request = ExportRequest(
        selection,
        app.i18n("reports.export.title"),
        stem=f"workbench-{today}",
        folder=working_folder(),
    )
    app.push_screen(ExportDialog(request), lambda path: _written(app, path))


def open_memo(app: WorkbenchApp, team_id: str, programme_id: str | None = None) -> None:
    """The memo's dialog, its file named from the team's and programme's names and the
    date, in the reports folder (the setting, else beside the data file)."""
    try:
        snapshot = app.repository.snapshot()
        selection = select(snapshot, team_id, programme_id, viewer=app.assessor)
    except StorageError as error:
        app.notify(storage_message(error, app.i18n), severity="error", markup=False)
        return
    team = snapshot.teams[team_id]
    programme = snapshot.programmes[programme_id] if programme_id is not None else None
    name = memo_file_name(team, programme, app.today, app.i18n.lang)
    request = ExportRequest(
        selection,
        app.i18n("reports.memo_dialog.title", team=team.name),
        formats=("md",),
        stem=name.removesuffix(".md"),
        folder=reports_folder(app.repository.path, app.settings.reports_folder),
    )
    app.push_screen(ExportDialog(request), lambda path: _written(app, path))


def pick_team_for_memo(app: WorkbenchApp) -> None:
    teams = app.repository.teams()
    if not teams:
        app.notify(app.i18n("reports.memo_dialog.no_team"), severity="warning")
        return
    choices = [Choice(team.id, team.name, team.department or "") for team in teams]

    def chosen(team_id: str | None) -> None:
        if team_id:
            open_memo(app, team_id)

    app.push_screen(PickerDialog(app.i18n("reports.memo_dialog.pick"), choices), chosen)


def open_import(app: WorkbenchApp) -> None:
    def imported(summary: ImportSummary | None) -> None:
        if summary is None:
            return
        app.notify(
            app.i18n(
                "reports.import.done",
                added=summary.count("added"),
                updated=summary.count("updated"),
                unchanged=summary.count("unchanged"),
            ),
            timeout=8,
        )

    app.push_screen(ImportDialog(working_folder()), imported)


def report_commands(app: WorkbenchApp) -> list[PaletteCommand]:
    t = app.i18n
    return [
        PaletteCommand(t("reports.commands.export"), t("reports.commands.export_help"),
                       lambda: open_export(app)),
        PaletteCommand(t("reports.commands.import"), t("reports.commands.import_help"),
                       lambda: open_import(app)),
        PaletteCommand(t("reports.commands.memo"), t("reports.commands.memo_help"),
                       lambda: pick_team_for_memo(app)),
    ]  # fmt: skip
