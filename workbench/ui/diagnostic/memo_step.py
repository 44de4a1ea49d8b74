"""Step 5: the committee memo of the session, written and named; then the session ends."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from workbench.core.diagnostic import Diagnostic, Outcome, Step, clock_text, visible_assessments
from workbench.core.diagnostic_memo import diagnostic_memo_name, participants, with_session
from workbench.core.memo import memo, sections
from workbench.storage.schema import Snapshot
from workbench.ui.diagnostic.step import StepView
from workbench.ui.diagnostic.writing import write_memo
from workbench.ui.text import safe_str


class MemoStep(StepView):
    STEP = Step.MEMO
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"write_memo", "finish"})

    def compose(self) -> ComposeResult:
        yield Static(id="memo-summary")

    def focus_first(self) -> None:
        self.flow.focus()

    def show(self, snapshot: Snapshot) -> None:
        t = self.workbench.i18n
        session = self.session
        text = Text(end="")
        text.append(t("diagnostic.memo_step.intro") + "\n\n", "italic")
        text.append(t("diagnostic.memo.date", date=session.started_at.date().isoformat()) + "\n")
        names = ", ".join(safe_str(n, limit=30) for n in participants(session))
        text.append(t("diagnostic.memo.participants", names=names) + "\n")
        text.append(
            t("diagnostic.memo_step.elapsed", time=clock_text(session.elapsed(self.flow.now())))
            + "\n"
        )
        pilot = snapshot.pilots.get(session.pilot_id) if session.pilot_id else None
        if pilot is not None:
            text.append(t("diagnostic.memo_step.pilot", name=safe_str(pilot.name)) + "\n")
        if session.memo_name:
            text.append("\n" + t("diagnostic.memo_step.written", name=safe_str(session.memo_name)))
            text.append("\n" + t("diagnostic.memo_step.finish"), "bold")
        self.query_one("#memo-summary", Static).update(text)

    def do_write_memo(self) -> None:
        app = self.workbench
        if not app.flush_saves():
            return
        snapshot = self.flow.snapshot
        session, team = self.session, self.team
        now = self.flow.now()
        shown = visible_assessments(snapshot.assessments, snapshot.diagnostics.values(), None)
        chosen = [a for a in shown.values() if a.programme_id in session.programme_ids]
        parts = sections(team, chosen, snapshot.programmes)
        pilot = snapshot.pilots.get(session.pilot_id) if session.pilot_id else None
        pilots = [pilot] if pilot is not None else []
        body = memo(
            team,
            parts,
            app.i18n,
            today=app.today,
            pilots=pilots,
            programmes=snapshot.programmes,
            prepared_by=session.facilitator or app.repository.author,
        )
        text = with_session(body, session, app.i18n, now=now)
        path = write_memo(app, diagnostic_memo_name(team, app.today, app.i18n.lang), text)
        if path is None:
            return
        self.flow.save(lambda s: s.model_copy(update={"memo_name": path.name}))
        app.notify(
            app.i18n("reports.ui.written", name=path.name, folder=str(path.parent)),
            timeout=10,
            markup=False,
        )
        self.show(self.flow.snapshot)

    def do_finish(self) -> None:
        if not self.session.memo_name:
            self.workbench.notify(self.t("diagnostic.memo_step.write_first"), timeout=5)
            return
        now = self.flow.now()
        saved = self.flow.save(
            lambda s: s.paused_at(now).model_copy(
                update={"outcome": Outcome.FINISHED, "finished_at": now}
            )
        )
        if saved is not None:
            self.workbench.notify(self.t("diagnostic.finished"), timeout=6, markup=False)
            self.flow.dismiss(None)

    def forward(self) -> Diagnostic | None:
        return None
