"""Scoring tab: one team x programme; the group's result first, your own column to edit.

The pane composes the panels and routes keys and the palette; its actions live in
``picking``, ``ratings``, ``weights_and_months``, ``history`` and ``deleting``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from workbench.core.assessment import Assessment
from workbench.core.grid import CRITERIA
from workbench.ui.focus import focus_now
from workbench.ui.panes.pane import PaletteCommand
from workbench.ui.pilot_start import start_pilot_from
from workbench.ui.scoring.context_lines import context_inputs, context_text
from workbench.ui.scoring.criterion_help import criterion_help_text
from workbench.ui.scoring.deleting import Deleting
from workbench.ui.scoring.fitting import update_fitted
from workbench.ui.scoring.picking import Picking
from workbench.ui.scoring.ratings import Ratings
from workbench.ui.scoring.robustness_panel import RobustnessPanel
from workbench.ui.scoring.score_grid import ScoreGrid
from workbench.ui.scoring.summary_lines import summary_text
from workbench.ui.scoring.verdict_bar import VerdictBar
from workbench.ui.scoring.weights_and_months import WeightsAndMonths

WIDE = 120
ROOMY = (160, 45)
SCORE_GROUP = Binding.Group("scoring.keys.score")
EDIT_ACTIONS = {"score", "clear", "reason", "range", "weights", "months"}
NEEDS_ASSESSMENT = {"toggle_median", "toggle_details", "delete_assessment"}


class ScoringPane(Picking, Ratings, WeightsAndMonths, Deleting):
    tab_id = "scoring"
    WRITE_ACTIONS = frozenset({*EDIT_ACTIONS, "undo", "redo", "delete_assessment"})
    help_title = "scoring.help_title"

    DEFAULT_CSS = """
    ScoringPane #scoring-context { height: auto; padding: 0 1; background: $panel; }
    ScoringPane #scoring-summary { height: auto; padding: 0 1; }
    ScoringPane #scoring-body { height: 1fr; overflow-x: hidden; }
    ScoringPane #scoring-lower { height: auto; }
    ScoringPane #criterion-help { height: auto; padding: 0 1; color: $text-muted; }
    ScoringPane #scoring-side { height: auto; }
    ScoringPane #scoring-side.-hidden { display: none; }
    ScoringPane #criterion-help.-hidden { display: none; }
    ScoringPane.-wide #scoring-lower { layout: horizontal; margin-top: 1; }
    ScoringPane.-wide #criterion-help { width: 1fr; }
    ScoringPane.-wide #scoring-side { width: 1fr; border-left: vkey $foreground 20%; }
    ScoringPane.-wide #scoring-side.-hidden { display: block; }
    ScoringPane.-wide #criterion-help.-hidden { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(n), f"score({n})", "scoring.keys.score", group=SCORE_GROUP, id=f"scoring-{n}"
            )
            for n in range(1, 6)
        ),
        # in the order of use: the footer shows as many as fit, F1 lists them all
        Binding("enter", "reason", "scoring.keys.reason", id="scoring-reason"),
        Binding("ctrl+z", "undo", "scoring.keys.undo", id="scoring-undo"),
        Binding("r", "range", "scoring.keys.range", id="scoring-range"),
        Binding("o", "pick_assessment", "scoring.keys.open", id="scoring-open"),
        Binding("t", "pick_team", "scoring.keys.team", id="scoring-team"),
        Binding("p", "pick_programme", "scoring.keys.programme", id="scoring-programme"),
        Binding("a", "pick_assessor", "scoring.keys.assessor", id="scoring-assessor"),
        Binding("n", "new_assessment", "scoring.keys.new", id="scoring-new"),
        Binding("P,shift+p", "start_pilot", "pilots.keys.start", id="scoring-start-pilot"),
        Binding("M,shift+m", "memo", "reports.keys.memo", id="scoring-memo"),
        Binding("m", "toggle_median", "scoring.keys.median", id="scoring-median"),
        Binding("w", "weights", "scoring.keys.weights", id="scoring-weights"),
        Binding("c", "months", "scoring.keys.months", id="scoring-months"),
        Binding("0,delete,backspace", "clear", "scoring.keys.clear", id="scoring-clear"),
        Binding("i", "toggle_details", "scoring.keys.details", id="scoring-details"),
        Binding("ctrl+y", "redo", "scoring.keys.redo", id="scoring-redo"),
        # Delete and 0 clear a score here: deleting the whole assessment is D (shift+d).
        Binding(
            "D,shift+d", "delete_assessment", "scoring.keys.delete", show=False, id="scoring-delete"
        ),
    ]

    # composition and data

    def compose(self) -> ComposeResult:
        yield Static(id="scoring-context")
        yield VerdictBar(id="verdict")
        yield Static(id="scoring-summary")
        with VerticalScroll(id="scoring-body"):
            yield ScoreGrid(id="grid")
            with Vertical(id="scoring-lower"):
                yield Static(id="criterion-help")
                with Vertical(id="scoring-side", classes="-hidden"):
                    yield RobustnessPanel(id="robustness")

    def on_mount(self) -> None:
        self._choose_defaults()
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def on_show(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """From 120 columns the details sit beside the criterion's reasons, under the grid;
        from 160x45 the grid's reasons wrap instead of being cut."""
        size = self.app.size
        wide = size.width >= WIDE
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            self.refresh_bindings()
        self.query_one(ScoreGrid).wrap_reasons = size.width >= ROOMY[0] and size.height >= ROOMY[1]

    def focus_default(self) -> None:
        self._fit()
        focus_now(self.query_one(ScoreGrid))

    def _choose_defaults(self) -> None:
        """Open on the most recently updated assessment when nothing is chosen yet."""
        state = self.workbench.state
        if state.team_id or state.programme_id:
            return
        assessments = self.workbench.repository.assessments()
        if assessments:
            latest = max(assessments, key=lambda a: a.updated_at)
            state.team_id, state.programme_id = latest.team_id, latest.programme_id

    def _reset_view(self) -> None:
        """Another assessment on screen: its group result first, your own column to edit."""
        self.consensus = True
        self.details = False
        self.acting_as = None
        self.query_one(ScoreGrid).cursor = 0

    def refresh_data(self) -> None:
        state = self.workbench.state
        shown = (state.team_id, state.programme_id)
        if self._shown is not None and shown != self._shown:
            self._reset_view()
        self._shown = shown
        self._fit()
        team, programme, assessment = self.current()
        self.on_screen = assessment
        measurable = team.objective.is_measurable if team else True
        ready = team is not None and programme is not None
        group = self.consensus and assessment is not None and bool(assessment.assessors)
        self.report = self._report(assessment, measurable, group) if ready else None
        context = context_inputs(self, team, programme, assessment)
        if context != self._context_drawn:  # a score key changes none of it
            self._context_drawn = context
            context_lines = context_text(self, team, programme, assessment)
            update_fitted(self.query_one("#scoring-context", Static), context_lines)
        self.query_one(VerdictBar).show(self.report.evaluation if self.report else None)
        summary = summary_text(self.report, assessment, self.assessor, self.workbench.i18n)
        update_fitted(self.query_one("#scoring-summary", Static), summary)
        grid = self.query_one(ScoreGrid)
        grid.show(self.report, assessment, self.assessor)
        self.query_one(RobustnessPanel).show(self.report)
        self.query_one("#scoring-side").set_class(not self.details, "-hidden")
        self.query_one("#criterion-help").set_class(self.details, "-hidden")
        self._show_criterion_help(assessment)
        self.refresh_bindings_if_changed()

    def _show_criterion_help(self, assessment: Assessment | None) -> None:
        criterion = CRITERIA[self.query_one(ScoreGrid).cursor]
        help_text = criterion_help_text(criterion, assessment, self.assessor, self.workbench.i18n)
        update_fitted(self.query_one("#criterion-help", Static), help_text)

    @on(ScoreGrid.Moved)
    def _moved(self) -> None:
        self._show_criterion_help(self.current()[2])

    # which keys work, and why not

    def unavailable(self, action: str) -> str | None:
        """Why ``action`` does nothing here (an i18n key), or None when it works."""
        if self.read_only_blocks(action):
            return "sharing.why.read_only"
        ready = self.report is not None
        if action in EDIT_ACTIONS and not ready:
            return "scoring.why.choose"
        if action in NEEDS_ASSESSMENT:
            assessment = self.on_screen if ready else None
            if assessment is None:
                return "scoring.why.no_assessment"
            if action == "toggle_median" and not assessment.assessors:
                return "scoring.why.no_scores"
        if action == "undo" and not self.undo_steps:
            return "scoring.why.nothing_to_undo"
        if action == "redo" and not self.redo_steps:
            return "scoring.why.nothing_to_redo"
        if action == "pick_assessment" and not self.workbench.repository.snapshot().assessments:
            return "scoring.why.no_assessments"
        if action == "memo" and self.workbench.state.team_id is None:
            return "scoring.why.no_team"
        if action == "start_pilot" and (not ready or self.on_screen is None):
            return "scoring.why.no_assessment"
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_details" and self.has_class("-wide"):
            return False
        return None if self.unavailable(action) else True

    def on_key(self, event: events.Key) -> None:
        """A key whose action cannot run here says why instead of doing nothing."""
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            action = binding.action.split("(")[0]
            reason = self.unavailable(action)
            if reason is not None:
                event.stop()
                self.notify(self.t(reason), severity="warning", timeout=4, markup=False)
                return

    # what the assessment leads to

    def action_memo(self) -> None:
        from workbench.ui.reports import open_memo

        state = self.workbench.state
        if state.team_id is not None and self.workbench.flush_saves():
            open_memo(self.workbench, state.team_id, state.programme_id)

    def action_start_pilot(self) -> None:
        """Start the pilot of this assessment (P): see ``workbench.ui.pilot_start``."""
        if not self.workbench.flush_saves():  # the pilot refers to the stored assessment
            return
        team, _, assessment = self.current()
        state = self.workbench.state
        snapshot = self.workbench.repository.snapshot()
        programme = snapshot.programmes.get(state.programme_id or "")
        if team is None or programme is None or assessment is None:
            return
        measurable = team.objective.is_measurable
        verdict = self.evaluations.of(assessment, objective_measurable=measurable).verdict
        start_pilot_from(self, assessment, team, programme, verdict)

    # views

    def action_toggle_median(self) -> None:
        self.consensus = not self.consensus
        self.refresh_data()

    def action_toggle_details(self) -> None:
        self.details = not self.details
        self.refresh_data()
        if self.details:
            self.query_one("#scoring-body", VerticalScroll).scroll_home(animate=False)

    # palette

    def palette_commands(self) -> list[PaletteCommand]:
        t = self.workbench.i18n

        def in_tab(action: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                self.workbench.action_show_tab("scoring")
                action()

            return run

        commands: list[tuple[str, Callable[[], object]]] = [
            ("scoring.commands.new", self.action_new_assessment),
            ("scoring.commands.pick_team", self.action_pick_team),
            ("scoring.commands.pick_programme", self.action_pick_programme),
            ("scoring.commands.open", self.action_pick_assessment),
            ("scoring.commands.assessor", self.action_pick_assessor),
        ]
        optional: list[tuple[str, str, Callable[[], object]]] = [
            ("toggle_median", "scoring.commands.median", self.action_toggle_median),
            ("toggle_details", "scoring.commands.details", self.action_toggle_details),
            ("weights", "scoring.commands.weights", self.action_weights),
            ("months", "scoring.commands.months", self.action_months),
            ("delete_assessment", "scoring.commands.delete", self.action_delete_assessment),
            ("undo", "scoring.commands.undo", self.action_undo),
            ("redo", "scoring.commands.redo", self.action_redo),
            ("start_pilot", "pilots.commands.start", self.action_start_pilot),
        ]
        commands += [(key, run) for action, key, run in optional if not self.unavailable(action)]
        if self.workbench.state.team_id is not None:
            commands.append(("reports.commands.memo_scored", self.action_memo))
        return [
            PaletteCommand(t(key), t(f"{key}_help"), in_tab(action)) for key, action in commands
        ]
