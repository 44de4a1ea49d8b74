"""The diagnostic's screen: the session clock, the current step, and the keys of the flow.

Every change is saved at once in the data file (the session record), so anyone can resume
the session from its step; the screen reads the file again every second, which is how
assessors in other terminals see the blind round open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from workbench.core.assessment import now_utc
from workbench.core.diagnostic import (
    SESSION_MINUTES,
    STEPS,
    Clock,
    Diagnostic,
    Outcome,
    Step,
    clock_text,
    current_session,
    resume_step,
)
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.storage.schema import Snapshot
from workbench.ui.bindings import TranslatedModalScreen
from workbench.ui.context import WorkbenchNode
from workbench.ui.diagnostic.blind import BlindStep
from workbench.ui.diagnostic.memo_step import MemoStep
from workbench.ui.diagnostic.objective import ObjectiveStep
from workbench.ui.diagnostic.pilot_plan import PilotPlanStep
from workbench.ui.diagnostic.shortlist import ShortlistStep
from workbench.ui.diagnostic.step import StepView
from workbench.ui.panes.pane import PaletteCommand
from workbench.ui.text import safe_str
from workbench.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp

VIEWS: dict[Step, type[StepView]] = {
    Step.OBJECTIVE: ObjectiveStep,
    Step.SHORTLIST: ShortlistStep,
    Step.BLIND: BlindStep,
    Step.PILOT: PilotPlanStep,
    Step.MEMO: MemoStep,
}
SCORE_GROUP = Binding.Group("diagnostic.keys.score")
FLOW_ACTIONS = frozenset({"back", "next", "pause"})
STEP_ACTIONS = {
    "pick": "toggle",
    "score": "score",
    "reason": "reason",
    "assessor": "assessor",
    "reveal": "reveal",
    "next_disputed": "next_disputed",
    "edit": "edit",
    "add_kpi": "add_kpi",
    "create_pilot": "create_pilot",
    "write_memo": "write_memo",
    "stop": "stop",
}
"""The screen's keys that a step does, by the step's name for them."""


class DiagnosticScreen(WorkbenchNode, TranslatedModalScreen[None]):
    """The whole session, full screen; Esc goes back a step (and closes from the first)."""

    DEFAULT_CSS = """
    DiagnosticScreen { background: $background; }
    DiagnosticScreen > Vertical { width: 100%; height: 100%; }
    DiagnosticScreen #diagnostic-clock { height: 1; background: $panel; padding: 0 1; }
    DiagnosticScreen #diagnostic-clock.-late { background: $warning 40%; }
    DiagnosticScreen #diagnostic-body { height: 1fr; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "next", "diagnostic.keys.next", id="diagnostic-next"),
        Binding("escape", "back", "diagnostic.keys.back", id="diagnostic-back"),
        Binding("f7", "stop", "diagnostic.keys.stop", id="diagnostic-stop"),
        Binding("space", "pick", "diagnostic.keys.toggle", id="diagnostic-toggle"),
        *(
            Binding(
                str(n),
                f"score({n})",
                "diagnostic.keys.score",
                group=SCORE_GROUP,
                id=f"diagnostic-score-{n}",
            )
            for n in range(1, 6)
        ),
        Binding("r", "reason", "diagnostic.keys.reason", id="diagnostic-reason"),
        Binding("a", "assessor", "diagnostic.keys.assessor", id="diagnostic-assessor"),
        Binding("v", "reveal", "diagnostic.keys.reveal", id="diagnostic-reveal"),
        Binding("n", "next_disputed", "diagnostic.keys.next_disputed", id="diagnostic-disputed"),
        Binding("e", "edit", "diagnostic.keys.edit", id="diagnostic-edit"),
        Binding("k", "add_kpi", "diagnostic.keys.add_kpi", id="diagnostic-add-kpi"),
        Binding("c", "create_pilot", "diagnostic.keys.create_pilot", id="diagnostic-create"),
        Binding("w", "write_memo", "diagnostic.keys.write_memo", id="diagnostic-write"),
        Binding("f6", "pause", "diagnostic.keys.pause", id="diagnostic-pause"),
        # the app's own keys do not reach a screen shown over the tabs: these do
        Binding("f1", "app.help", "app.keys.help", id="diagnostic-help"),
        Binding(
            "f9", "app.toggle_language", "app.keys.language", show=False, id="diagnostic-language"
        ),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self._seen: Snapshot | None = None
        self._view: StepView | None = None
        self._lang = ""
        self.operator = ""
        """Who opened the session in this terminal (``a`` changes the assessor, not this)."""

    # what the session is, from the file

    @property
    def snapshot(self) -> Snapshot:
        return self.workbench.repository.snapshot()

    @property
    def session(self) -> Diagnostic:
        return self.snapshot.diagnostics[self.session_id]

    @property
    def team(self) -> Team:
        return self.snapshot.teams[self.session.team_id]

    def now(self) -> datetime:
        return now_utc()

    def save(self, change: Callable[[Diagnostic], Diagnostic]) -> Diagnostic | None:
        """Apply ``change`` to the latest stored session; None when it could not be saved."""
        saved: Diagnostic | None = self.workbench.store(
            lambda repo: repo.update(Diagnostic, self.session_id, change)
        )
        return saved

    # the screen

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="diagnostic-clock")
            yield Vertical(id="diagnostic-body")
            yield KeyFooter()

    def on_mount(self) -> None:
        self.operator = self.workbench.assessor
        if not self.workbench.read_only and self.session.paused:
            self.save(lambda s: s.started(self.now()))
        self._show_step(self.session.step)
        self.set_interval(1.0, self._tick)

    def _show_step(self, step: Step) -> None:
        body = self.query_one("#diagnostic-body")
        if self._view is not None:
            self._view.remove()
        self._view = VIEWS[step]()
        body.mount(self._view)
        self._seen = self.snapshot
        self._lang = self.workbench.i18n.lang

    def step_shown(self) -> None:
        """The step is drawn (``StepView.on_mount``): the clock and the footer follow."""
        self._show_clock()
        self.refresh_bindings()

    def _tick(self) -> None:
        snapshot = self.snapshot
        if self.session_id not in snapshot.diagnostics:  # removed by an import meanwhile
            if self.is_current:
                self.dismiss(None)
            return
        if self._lang != self.workbench.i18n.lang:  # F9: the step in the new language
            self._show_step(self.session.step)
        elif snapshot is not self._seen:
            self._seen = snapshot
            if self._view is not None and self._view.STEP is not self.session.step:
                self._show_step(self.session.step)
            elif self._view is not None and self._view.ready:
                self._view.show(snapshot)
            self.refresh_bindings()
        self._show_clock()

    def _show_clock(self) -> None:
        session = self.session
        clock = Clock(session.elapsed(self.now()), session.step)
        t = self.t
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(
            t(
                "diagnostic.clock.step",
                index=clock.step_index,
                count=len(STEPS),
                name=t(f"diagnostic.step.{clock.step.value}"),
            ),
            "bold",
        )
        text.append(" · ")
        text.append(f"{clock_text(clock.elapsed)} / {SESSION_MINUTES}:00", "bold")
        text.append(" · ")
        text.append(
            t("diagnostic.clock.share", minutes=clock.suggested_minutes, until=clock.step_ends_at)
        )
        if session.paused:
            text.append(" · ")
            text.append(t("diagnostic.clock.paused"), "reverse")
        text.append(" · ")
        text.append(safe_str(self.team.name, limit=40))
        clock_line = self.query_one("#diagnostic-clock", Static)
        clock_line.update(text)
        clock_line.set_class(clock.over_step, "-late")

    def palette_commands(self) -> list[PaletteCommand]:
        """The keys of this step, for the command palette (each once, with its key)."""
        commands: list[PaletteCommand] = []
        seen: set[str] = set()
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            name = binding.action.split("(")[0]
            if name in seen or not self.check_action(name, ()):
                continue
            seen.add(name)
            key = self.workbench.get_key_display(binding)
            title = self.t(binding.description)
            if name == "score":
                key = "1 … 5"
            commands.append(
                PaletteCommand(
                    f"{self.t('diagnostic.commands.prefix')}: {title}",
                    f"{title} ({key})",
                    partial(self.run_action, binding.action),
                )
            )
        return commands

    # keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FLOW_ACTIONS or self._view is None:
            return True
        step_action = STEP_ACTIONS.get(action)
        if step_action is None:
            return True
        return step_action in self._view.ACTIONS

    def _step_action(self, name: str, *args: object) -> None:
        view = self._view
        if view is not None and name in view.ACTIONS:
            getattr(view, f"do_{name}")(*args)

    def action_pick(self) -> None:
        self._step_action("toggle")

    def action_score(self, score: int) -> None:
        self._step_action("score", score)

    def action_reason(self) -> None:
        self._step_action("reason")

    def action_assessor(self) -> None:
        self._step_action("assessor")

    def action_reveal(self) -> None:
        self._step_action("reveal")

    def action_next_disputed(self) -> None:
        self._step_action("next_disputed")

    def action_edit(self) -> None:
        self._step_action("edit")

    def action_add_kpi(self) -> None:
        self._step_action("add_kpi")

    def action_create_pilot(self) -> None:
        self._step_action("create_pilot")

    def action_write_memo(self) -> None:
        self._step_action("write_memo")

    def action_stop(self) -> None:
        self._step_action("stop")

    def action_pause(self) -> None:
        session = self.session
        now = self.now()
        if session.paused:
            self.save(lambda s: s.started(now))
        else:
            self.save(lambda s: s.paused_at(now))
        self._show_clock()

    def action_next(self) -> None:
        if self._view is None:
            return
        if self.session.step is Step.MEMO:
            self._step_action("finish")
            return
        ready = self._view.forward()
        if ready is None:
            return
        following = STEPS[STEPS.index(self.session.step) + 1]
        self.go_to(following)

    def go_to(self, step: Step) -> None:
        if self.save(lambda s: s.at_step(step)) is not None:
            self._show_step(step)

    def action_back(self) -> None:
        step = self.session.step
        if step is Step.OBJECTIVE or self.session.outcome is not Outcome.OPEN:
            self.close()
            return
        self.go_to(STEPS[STEPS.index(step) - 1])

    def close(self) -> None:
        """Leave the session, its clock paused: anyone resumes it from this step."""
        if not self.workbench.read_only and self.session.outcome is Outcome.OPEN:
            self.save(lambda s: s.paused_at(self.now()))
        self.dismiss(None)


def open_diagnostic(workbench: WorkbenchApp, team_id: str) -> None:
    """Resume the team's open session from its step, or start one."""
    snapshot = workbench.repository.snapshot()
    team = snapshot.teams.get(team_id)
    if team is None:
        return
    session = current_session(snapshot.diagnostics.values(), team_id)
    if session is None:
        if workbench.read_only:
            workbench.notify_read_only()
            return
        created = Diagnostic(
            team_id=team_id,
            facilitator=workbench.assessor,
            assessors=[workbench.assessor],
        )

        def create(repo: Repository) -> Diagnostic:
            return repo.save_diagnostic(created)

        session = workbench.store(create)
        if session is None:
            return
    else:
        step = resume_step(session, team)
        if step is not session.step and not workbench.read_only:
            workbench.store(
                lambda repo: repo.update(Diagnostic, session.id, lambda s: s.at_step(step))
            )
    workbench.push_screen(DiagnosticScreen(session.id))
