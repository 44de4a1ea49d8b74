"""A pilot as a whole: delete it (d in the list), cancel or reopen it (x), write its status
report (r, in the list or on its page)."""

from __future__ import annotations

from textual.binding import Binding

from workbench.core.pilot import Pilot
from workbench.core.pilot_changes import cancel_pilot, reopen_pilot
from workbench.core.pilot_report import pilot_report, report_filename
from workbench.exchange.files import write_atomically
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.pilots.cancel_pilot_dialog import CancelPilotDialog
from workbench.ui.pilots.editing import PilotEditing, UndoStep

REPORT = Binding("r", "report", "pilots.keys.report", id="pilots-report")
CANCEL = Binding("x", "cancel_pilot", "pilots.keys.cancel_pilot", id="pilots-cancel")


class PilotLifecycle(PilotEditing):
    def _delete_pilot(self) -> None:
        """Delete the highlighted pilot of the list, once confirmed (ctrl+z saves it again)."""
        view = self.current
        if view is None:
            return
        pilot = view.pilot
        t = self.t
        goes = t(
            "pilots.delete.pilot_goes",
            kpis=len(pilot.kpis),
            measurements=sum(len(k.measurements) for k in pilot.kpis),
            costs=len(pilot.costs) + len(pilot.benefits),
            people=len(pilot.participants),
            notes=len(pilot.journal),
        )
        question = t("pilots.delete.pilot_question", name=pilot.name, goes=goes)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            pilot_id = pilot.id

            def delete(repository: Repository) -> Pilot:
                gone = repository.pilot(pilot_id)
                repository.delete_pilot(pilot_id)
                return gone

            gone = self.workbench.store(delete)
            if gone is not None:
                label = t("pilots.undo.delete_pilot", name=gone.name)
                self.undo_steps.append(UndoStep(label, gone, None))
                self.refresh_bindings_if_changed()

        self.app.push_screen(
            ConfirmDialog(
                t("pilots.delete.pilot_title"),
                f"{question} {t('pilots.delete.undo_hint')}",
                confirm_label=t("pilots.delete.confirm"),
                cancel_label=t("pilots.delete.cancel"),
                danger=True,
            ),
            answered,
        )

    def action_cancel_pilot(self) -> None:
        """Cancel the highlighted pilot (asked, with an optional reason); reopen a
        cancelled one (asked)."""
        if self._refused("cancel_pilot"):
            return
        view = self.current
        if view is None:
            return
        pilot = view.pilot
        t = self.t
        if pilot.cancelled:

            def reopen(yes: bool | None) -> None:
                if yes:
                    label = t("pilots.undo.reopen", name=pilot.name)
                    self._change(label, reopen_pilot, pilot.id)

            self.app.push_screen(
                ConfirmDialog(
                    t("pilots.reopen.title"),
                    f"{t('pilots.reopen.question', name=pilot.name)} "
                    f"{t('pilots.delete.undo_hint')}",
                    confirm_label=t("pilots.reopen.yes"),
                    cancel_label=t("pilots.cancel.no"),
                    danger=True,
                ),
                reopen,
            )
            return
        today = self.today

        def check(reason: str) -> None:
            cancel_pilot(pilot, today, reason)

        def answered(reason: str | None) -> None:
            if reason is not None:
                label = t("pilots.undo.cancel", name=pilot.name)
                self._change(label, lambda p: cancel_pilot(p, today, reason), pilot.id)

        self.app.push_screen(CancelPilotDialog(pilot.name, check), answered)

    def action_report(self) -> None:
        pilot_id = self.open_id if self.mode == "page" else self.table.cursor_key
        view = self.by_key.get(pilot_id) if pilot_id else None
        if view is None:
            return
        i18n = self.workbench.i18n
        text = pilot_report(
            view.pilot, team=view.team, programme=view.programme, today=self.today, i18n=i18n
        )
        folder = self.workbench.repository.path.parent
        path = folder / report_filename(view.pilot, self.today, i18n.lang)
        try:
            write_atomically(path, text.encode("utf-8"), like=self.workbench.repository.path)
        except OSError as error:
            self.notify(
                self.t("pilots.report_failed", path=str(path), error=error.strerror or str(error)),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.notify(self.t("pilots.report_written", path=str(path)), timeout=10, markup=False)
