"""Scoring tab: one team x programme; the group's result first, your own column to edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.assessment_change import (
    AssessmentChange,
    GridChange,
    MonthsChange,
    RatingChange,
)
from workbench.core.catalogue import PriceBasis, Programme, Status
from workbench.core.grid import CRITERIA, CRITERIA_BY_KEY, Grid
from workbench.core.grid_report import GridReport, build_report
from workbench.core.memo_money import PilotCost, arithmetic, pilot_cost
from workbench.core.team import Team
from workbench.storage.errors import InUseError
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.months_dialog import MonthsChoice, MonthsDialog
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.focus import focus_now
from workbench.ui.panes.pane import PaletteCommand, Pane
from workbench.ui.pilot_start import start_pilot_from
from workbench.ui.saving import AssessmentEdit
from workbench.ui.scoring.range_dialog import RangeChoice, RangeDialog
from workbench.ui.scoring.robustness_panel import (
    RobustnessPanel,
    discuss_text,
    headline_text,
    thresholds_text,
)
from workbench.ui.scoring.score_grid import ScoreGrid, rating_cell
from workbench.ui.scoring.verdict_bar import VerdictBar
from workbench.ui.scoring.weights_dialog import WeightsDialog
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.catalogue_view import (
    INACTIVE,
    OLD_FACTS_MARK,
    old_facts_text,
    with_successor,
)
from workbench.ui.widgets.verdict_style import verdict_key

WIDE = 120
ROOMY = (160, 45)
SCORE_GROUP = Binding.Group("scoring.keys.score")
SUBSCRIPTION = (PriceBasis.SEAT_MONTH, PriceBasis.SEAT_YEAR)
"""Prices whose cost over the pilot counts months: the context shows it, c changes them."""
EDIT_ACTIONS = {"score", "clear", "reason", "range", "weights", "months"}
NEEDS_ASSESSMENT = {"toggle_median", "toggle_details", "delete_assessment"}


ASSESSOR_LIMIT = 40
"""An assessor's name in one-line places of this tab; a longer one ends with an ellipsis."""


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One change to one assessment: how to put back what it replaced, and to redo it."""

    label: str
    team_id: str
    programme_id: str
    restore: AssessmentChange
    reapply: AssessmentChange
    created: bool = False
    """The change created the assessment: undoing it removes the assessment, if nothing
    else was written in it meanwhile."""


NEW_ASSESSMENT = "\0new"
"""The last line of a team's assessments: not an id any record can have."""


class ScoringPane(Pane):
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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.consensus = True
        """True: the verdict shown is the group's (median grid); False: your own grid's."""
        self.details = False
        self.acting_as: str | None = None
        """Another assessor chosen with `a`, for the assessment on screen only."""
        self.undo_steps: list[UndoStep] = []
        self.redo_steps: list[UndoStep] = []
        self.report: GridReport | None = None
        self._shown: tuple[str | None, str | None] | None = None
        self._reported: tuple[tuple[object, ...], GridReport] | None = None
        self._choices: dict[str, tuple[Assessment, Team, Programme, Choice]] = {}
        """The assessment picker's line of each assessment, while it and its team and
        programme stay the same objects (the pane is recomposed on a language switch)."""

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

    @property
    def assessor(self) -> str:
        """Whose column you edit: yours, unless you chose another assessor with `a`."""
        return self.acting_as or self.workbench.assessor

    def _choose_defaults(self) -> None:
        """Open on the most recently updated assessment when nothing is chosen yet."""
        state = self.workbench.state
        if state.team_id or state.programme_id:
            return
        assessments = self.workbench.repository.assessments()
        if assessments:
            latest = max(assessments, key=lambda a: a.updated_at)
            state.team_id, state.programme_id = latest.team_id, latest.programme_id

    def current(self) -> tuple[Team | None, Programme | None, Assessment | None]:
        state = self.workbench.state
        snapshot = self.workbench.repository.snapshot()
        team = snapshot.teams.get(state.team_id) if state.team_id else None
        programme = snapshot.programmes.get(state.programme_id) if state.programme_id else None
        assessment = None
        if team is not None and programme is not None:
            # with the changes still being saved: the screen shows a key's effect at once
            preview = self.workbench.preview_assessment(team.id, programme.id)
            assessment = self.workbench.shown_assessment(preview, self.assessor)
        return team, programme, assessment

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
        measurable = team.objective.is_measurable if team else True
        ready = team is not None and programme is not None
        group = self.consensus and assessment is not None and bool(assessment.assessors)
        self.report = self._report(assessment, measurable, group) if ready else None
        self.query_one("#scoring-context", Static).update(
            self._context_text(team, programme, assessment)
        )
        self.query_one(VerdictBar).show(self.report.evaluation if self.report else None)
        self.query_one("#scoring-summary", Static).update(self._summary_text(assessment))
        grid = self.query_one(ScoreGrid)
        grid.show(self.report, assessment, self.assessor)
        self.query_one(RobustnessPanel).show(self.report)
        self.query_one("#scoring-side").set_class(not self.details, "-hidden")
        self.query_one("#criterion-help").set_class(self.details, "-hidden")
        self._show_criterion_help()
        self.refresh_bindings_if_changed()

    def _report(self, assessment: Assessment | None, measurable: bool, group: bool) -> GridReport:
        """The grid's report, built again only when what it depends on changed: the save
        of a change already on screen (the same values, another object) costs nothing."""
        key = (assessment, self.assessor, measurable, group)
        if self._reported is not None and self._reported[0] == key:
            return self._reported[1]
        report = build_report(
            assessment, assessor=self.assessor, objective_measurable=measurable, consensus=group
        )
        self._reported = (key, report)
        return report

    def _context_text(
        self, team: Team | None, programme: Programme | None, assessment: Assessment | None
    ) -> Group:
        t = self.workbench.i18n
        title = Text(no_wrap=True, overflow="ellipsis")
        if team:
            title.append_text(safe_text(team.name, "bold"))
        else:
            title.append(t("scoring.no_team"), "italic")
        title.append("  ×  ")
        if programme:
            title.append_text(safe_text(programme.name, "bold"))
            if programme.status in (Status.RETIRED, Status.RETIRING):
                title.append(f"  ({self.status_words(programme)})", "bold")
        else:
            title.append(t("scoring.no_programme"), "italic")
        mode = Text(style="dim", no_wrap=True)
        if self.report is not None and assessment is not None and assessment.assessors:
            count = len(assessment.assessors)
            key = "scoring.view_mine"
            if self.report.consensus:
                key = "scoring.view_median_one" if count == 1 else "scoring.view_median"
            mode.append(t(key, count=count))
            mode.append(" · ")
        mode.append("✎ ")
        mode.append_text(safe_text(self.assessor, limit=ASSESSOR_LIMIT))
        layout = Table.grid(expand=True, padding=(0, 0, 0, 2))  # the cut name never touches
        layout.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        layout.add_column(justify="right", no_wrap=True)
        layout.add_row(title, mode)
        lines: list[Table | Text] = [layout]
        if self.report is not None:
            grid = self.report.grid
            if (grid.pilot_above, grid.alternatives_below) != (
                Grid().pilot_above,
                Grid().alternatives_below,
            ):
                custom = Text("⚙ ", style="bold")
                custom.append(t("scoring.thresholds.custom"), "bold")
                custom.append(" ")
                custom.append_text(thresholds_text(grid, t))
                lines.append(custom)
        if team is not None and not team.objective.is_measurable:
            gaps = ", ".join(t(f"scoring.gap.{gap}") for gap in team.objective.missing())
            flag = Text(f"⚠ {t('scoring.clarify')}", style="bold")
            flag.append(f" ({gaps})", "dim")
            lines.append(flag)
        if programme is not None:
            old = old_facts_text(
                t, programme, self.workbench.today, self.workbench.settings.facts_max_age_days
            )
            if old:
                lines.append(Text(OLD_FACTS_MARK + old, style="bold"))
        if team is not None and programme is not None and programme.price.basis in SUBSCRIPTION:
            lines.append(self._cost_text(team, programme, assessment))
        if team is None or programme is None:
            lines.append(Text(t("scoring.choose_hint"), style="italic"))
        return Group(*lines)

    def _cost_text(self, team: Team, programme: Programme, assessment: Assessment | None) -> Text:
        """A subscription's cost over the pilot, with the months it counts (c changes them)."""
        t = self.workbench.i18n
        months = assessment.months if assessment else None
        found = pilot_cost(programme, team.headcount, months)
        text = Text(t("scoring.cost") + " ", style="dim", no_wrap=True, overflow="ellipsis")
        if isinstance(found, PilotCost):
            cost = t.money(found.money.amount, found.money.currency)
            text.append_text(safe_text(arithmetic(found, cost, t)))
        else:
            text.append(t("reports.memo.months_unknown"))
        key = self.workbench.bound_key("scoring-months")
        text.append(f"  ({t('scoring.cost_key', shortcut=key)})", "dim")
        return text

    def _summary_text(self, assessment: Assessment | None) -> Text:
        """Under the verdict: how robust it is, what to discuss, and where your column is."""
        t = self.workbench.i18n
        report = self.report
        if report is None:
            return Text()
        text = Text()
        if assessment is None or not assessment.assessors:
            text.append(t("scoring.not_started"), "italic")
            return text
        if report.headline is not None:
            text.append_text(headline_text(report.headline, t))
        discuss = discuss_text(report, t)
        if discuss.plain:
            text.append("\n")
            text.append_text(discuss)
        mine = [s for s in assessment.scores_of(self.assessor).values() if s is not None]
        if not mine:
            text.append("\n")
            text.append(
                t("scoring.yours_empty", assessor=safe_str(self.assessor, limit=ASSESSOR_LIMIT)),
                "italic",
            )
        return text

    def _show_criterion_help(self) -> None:
        grid = self.query_one(ScoreGrid)
        criterion = CRITERIA[grid.cursor]
        t = self.workbench.i18n
        lang = t.lang
        lines: list[Text] = [
            Text.assemble((criterion.label(lang), "bold"), " — ", criterion.question(lang)),
            Text.assemble(
                ("1 ", "bold"), criterion.low(lang), "   ", ("5 ", "bold"), criterion.high(lang)
            ),
        ]
        assessment = self.current()[2]
        if assessment is not None:
            names = list(assessment.assessors)
            if self.assessor not in names:
                names.append(self.assessor)
            for name in names:
                rating = assessment.rating(name, criterion.key)
                if rating.is_empty:
                    continue
                line = Text("• ")
                line.append_text(safe_text(name, "bold", limit=ASSESSOR_LIMIT))
                line.append(" ")
                line.append_text(rating_cell(rating))
                if rating.reason:
                    line.append(": ")
                    line.append_text(safe_text(rating.reason, "italic", one_line=False))
                lines.append(line)
        self.query_one("#criterion-help", Static).update(Group(*lines))

    @on(ScoreGrid.Moved)
    def _moved(self) -> None:
        self._show_criterion_help()

    # which keys work, and why not

    def unavailable(self, action: str) -> str | None:
        """Why ``action`` does nothing here (an i18n key), or None when it works."""
        if self.read_only_blocks(action):
            return "sharing.why.read_only"
        ready = self.report is not None
        if action in EDIT_ACTIONS and not ready:
            return "scoring.why.choose"
        if action in NEEDS_ASSESSMENT:
            assessment = self.current()[2] if ready else None
            if assessment is None:
                return "scoring.why.no_assessment"
            if action == "toggle_median" and not assessment.assessors:
                return "scoring.why.no_scores"
        if action == "undo" and not self.undo_steps:
            return "scoring.why.nothing_to_undo"
        if action == "redo" and not self.redo_steps:
            return "scoring.why.nothing_to_redo"
        if action == "pick_assessment" and not self.workbench.repository.assessments():
            return "scoring.why.no_assessments"
        if action == "memo" and self.workbench.state.team_id is None:
            return "scoring.why.no_team"
        if action == "start_pilot" and (not ready or self.current()[2] is None):
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

    # changes, undo and redo

    def action_memo(self) -> None:
        from workbench.ui.reports import open_memo

        state = self.workbench.state
        if state.team_id is not None and self.workbench.flush_saves():
            open_memo(self.workbench, state.team_id, state.programme_id)

    def _edit(self, change: AssessmentChange) -> UndoStep | None:
        """Queue ``change`` to the assessment on screen and show it at once; the save runs
        in the background (the header says when it is written)."""
        state = self.workbench.state
        if state.team_id is None or state.programme_id is None:
            return None
        edit = AssessmentEdit(state.team_id, state.programme_id, change)
        created = self.current()[2] is None
        if not self.workbench.queue_edit(edit):
            return None
        self.refresh_data()
        return UndoStep("", edit.team_id, edit.programme_id, change, change, created)

    def _record(self, step: UndoStep) -> None:
        self.undo_steps.append(step)
        self.redo_steps.clear()
        self.refresh_bindings_if_changed()

    def _change_rating(self, key: str, change: Callable[[Rating], Rating], label: str) -> bool:
        if self.report is None:
            return False
        assessment = self.current()[2]
        assessor = self.assessor
        before = assessment.rating(assessor, key) if assessment else Rating()
        after = change(before)
        if after == before:
            return True

        def apply(rating: Rating) -> RatingChange:
            return RatingChange(assessor, key, rating, now_utc())

        step = self._edit(apply(after))
        if step is None:
            return False
        self._record(replace(step, label=label, restore=apply(before)))
        return True

    def action_score(self, score: int) -> None:
        grid = self.query_one(ScoreGrid)
        key = grid.key
        label = CRITERIA_BY_KEY[key].label(self.workbench.i18n.lang)
        changed = self._change_rating(
            key,
            lambda r: r.model_copy(update={"score": score, "low": None, "high": None}),
            self.t("scoring.undo.score", criterion=label, score=score),
        )
        if changed and grid.cursor < len(CRITERIA) - 1:
            grid.cursor += 1

    def action_clear(self) -> None:
        key = self.query_one(ScoreGrid).key
        label = CRITERIA_BY_KEY[key].label(self.workbench.i18n.lang)
        self._change_rating(
            key,
            lambda r: r.model_copy(update={"score": None, "low": None, "high": None}),
            self.t("scoring.undo.clear", criterion=label),
        )

    def action_reason(self) -> None:
        key = self.query_one(ScoreGrid).key
        criterion = CRITERIA_BY_KEY[key]
        lang = self.workbench.i18n.lang
        _, _, assessment = self.current()
        current = assessment.rating(self.assessor, key).reason if assessment else ""

        def done(reason: str | None) -> None:
            if reason is None:
                return
            self._change_rating(
                key,
                lambda r: r.model_copy(update={"reason": reason}),
                self.t("scoring.undo.reason", criterion=criterion.label(lang)),
            )

        self.app.push_screen(
            ReasonDialog(criterion.label(lang), criterion.question(lang), current), done
        )

    def action_range(self) -> None:
        key = self.query_one(ScoreGrid).key
        criterion = CRITERIA_BY_KEY[key]
        label = criterion.label(self.workbench.i18n.lang)
        _, _, assessment = self.current()
        rating = assessment.rating(self.assessor, key) if assessment else Rating()
        current = (
            (rating.low, rating.high)
            if rating.low is not None and rating.high is not None
            else None
        )

        def done(choice: RangeChoice | None) -> None:
            if choice is None:
                return
            low, high = choice.bounds if choice.bounds else (None, None)
            self._change_rating(
                key,
                lambda r: r.model_copy(update={"score": None, "low": low, "high": high}),
                self.t("scoring.undo.range", criterion=label),
            )

        self.app.push_screen(RangeDialog(label, current), done)

    def action_weights(self) -> None:
        _, _, assessment = self.current()
        grid = assessment.grid if assessment else Grid()

        def done(new_grid: Grid | None) -> None:
            if new_grid is None or new_grid == grid:
                return
            by = self.assessor

            def apply(value: Grid) -> GridChange:
                return GridChange(value, by, now_utc())

            step = self._edit(apply(new_grid))
            if step is not None:
                label = self.t("scoring.undo.weights")
                self._record(replace(step, label=label, restore=apply(grid)))

        self.app.push_screen(WeightsDialog(grid), done)

    def action_months(self) -> None:
        """The months of subscription this assessment counts (the cost over the pilot)."""
        team, programme, assessment = self.current()
        if team is None or programme is None:
            return
        current = assessment.months if assessment else None

        def done(choice: MonthsChoice | None) -> None:
            if choice is None or choice.months == current:
                return
            by = self.assessor

            def apply(value: int | None) -> MonthsChange:
                return MonthsChange(value, by, now_utc())

            step = self._edit(apply(choice.months))
            if step is not None:
                label = self.t("money.months.undo")
                self._record(replace(step, label=label, restore=apply(current)))

        dialog = MonthsDialog(programme.name, current, programme.price.months)
        self.app.push_screen(dialog, done)

    def _replay(self, step: UndoStep, run: AssessmentChange, key: str) -> bool:
        """Run an undo or redo on its assessment, bringing that one on screen first."""
        state = self.workbench.state
        elsewhere = (state.team_id, state.programme_id) != (step.team_id, step.programme_id)
        if not self.workbench.queue_edit(AssessmentEdit(step.team_id, step.programme_id, run)):
            return False
        if elsewhere:
            keep = (self.consensus, self.acting_as)
            state.team_id, state.programme_id = step.team_id, step.programme_id
            self.refresh_data()
            self.consensus, self.acting_as = keep
            self.refresh_data()
            team, programme, _ = self.current()
            where = f"{safe_str(team.name) if team else '?'} × "
            where += safe_str(programme.name) if programme else "?"
            message = self.t(f"{key}_elsewhere", change=step.label, where=where)
        else:
            self.refresh_data()
            message = self.t(key, change=step.label)
        self.notify(message, timeout=4, markup=False)
        return True

    def action_undo(self) -> None:
        if not self.undo_steps:
            return
        step = self.undo_steps.pop()
        if self._replay(step, step.restore, "scoring.undone"):
            self.redo_steps.append(step)
            if step.created:
                self._remove_if_empty(step.team_id, step.programme_id)
        self.refresh_bindings_if_changed()

    def _remove_if_empty(self, team_id: str, programme_id: str) -> None:
        """The change undone had created the assessment: remove it again, unless someone
        wrote in it since (written after the undo queued before)."""

        def remove(repository: Repository) -> bool:
            found = repository.assessment_for(team_id, programme_id)
            if found is None or any(
                rating.score is not None or rating.low is not None or rating.reason
                for ratings in found.ratings.values()
                for rating in ratings.values()
            ):
                return False
            try:
                repository.delete_assessment(found.id)
            except InUseError:
                return False
            return True

        if self.workbench.store(remove):
            self.refresh_data()

    def action_redo(self) -> None:
        if not self.redo_steps:
            return
        step = self.redo_steps.pop()
        if self._replay(step, step.reapply, "scoring.redone"):
            self.undo_steps.append(step)
        self.refresh_bindings_if_changed()

    # views
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

    # choosing what to score

    def action_new_assessment(self) -> None:
        """Choose a team, then a programme: the grid opens, saved from the first score on."""
        self.action_pick_team(then=self.action_pick_programme)

    def _pick(
        self,
        title: str,
        choices: list[Choice],
        current: str | None,
        chosen: Callable[[str], None],
        empty: str = "",
    ) -> None:
        def done(choice: str | None) -> None:
            if choice:
                chosen(choice)

        placeholder = self.t("scoring.pick.filter")
        self.app.push_screen(
            PickerDialog(title, choices, current=current, placeholder=placeholder, empty=empty),
            done,
        )

    def action_pick_team(
        self, then: Callable[[], None] | None = None, programme_id: str | None = None
    ) -> None:
        """Choose the team to score (for ``programme_id``, set only once one is chosen)."""

        def chosen(team_id: str) -> None:
            self.workbench.state.team_id = team_id
            if programme_id is not None:
                self.workbench.state.programme_id = programme_id
            self.refresh_data()
            if then is not None:
                then()

        choices = [
            Choice(team.id, safe_str(team.name), safe_str(team.department or ""))
            for team in self.workbench.repository.teams()
        ]
        app = self.workbench
        empty = self.t(
            "scoring.pick.no_teams",
            tab=app.bound_key("tab-teams"),
            new=app.bound_key("teams-new"),
        )
        self._pick(self.t("scoring.pick.team"), choices, app.state.team_id, chosen, empty)

    def status_words(self, programme: Programme) -> str:
        """ "retired 2026-06-30 → AI-901": the status, its date and the successor."""
        status = self.t("scoring.status." + programme.status.value)
        if programme.status_date is not None:
            status = f"{status} {programme.status_date.isoformat()}"
        programmes = self.workbench.repository.snapshot().programmes
        return safe_str(with_successor(self.workbench.i18n, status, programme, programmes))

    def programme_choice(self, programme: Programme) -> Choice:
        """A programme in the picker; a retired or retiring one says so first."""
        status = self.t("scoring.status." + programme.status.value)
        label = safe_str(programme.name)
        if programme.status in (Status.RETIRED, Status.RETIRING):
            label = f"{label}  [{status.upper()}]"
            status = self.status_words(programme)
        return Choice(programme.id, label, f"{safe_str(programme.provider)} · {status}")

    def ask_if_retired(
        self, programme_id: str, then: Callable[[str], None], *, team_id: str | None = None
    ) -> None:
        """Score ``programme_id`` (``then``), asking first when it is retiring or retired
        and not yet assessed for the team: its successor, when it names one, is offered."""
        repo = self.workbench.repository
        snapshot = repo.snapshot()
        programme = snapshot.programmes.get(programme_id)
        team_id = team_id or self.workbench.state.team_id
        started = team_id is not None and repo.assessment_for(team_id, programme_id)
        if programme is None or started or programme.status not in INACTIVE:
            then(programme_id)
            return
        successor = snapshot.programmes.get(programme.successor_id or "")
        if successor is not None:
            choices = [
                Choice(
                    successor.id,
                    self.t("scoring.retired.successor", name=safe_str(successor.name)),
                    safe_str(successor.provider),
                ),
                Choice(
                    programme.id,
                    self.t("scoring.retired.anyway", name=safe_str(programme.name)),
                    self.status_words(programme),
                ),
            ]
            title = self.t(
                "scoring.retired.which",
                name=safe_str(programme.short_name),
                status=self.status_words(programme),
            )
            self.app.push_screen(
                PickerDialog(title, choices, current=successor.id),
                lambda chosen: then(chosen) if chosen else None,
            )
            return
        status = self.t("scoring.status." + programme.status.value)
        when = programme.status_date.isoformat() if programme.status_date else "—"
        self.app.push_screen(
            ConfirmDialog(
                self.t("scoring.retired.title"),
                self.t(
                    "scoring.retired.question",
                    name=safe_str(programme.name),
                    status=status,
                    date=when,
                ),
                confirm_label=self.t("scoring.retired.confirm"),
            ),
            lambda go: then(programme_id) if go else None,
        )

    def action_pick_programme(self, team_id: str | None = None) -> None:
        """Choose the programme to score (of ``team_id``, set only once one is chosen)."""
        repo = self.workbench.repository

        def show(programme_id: str) -> None:
            if team_id is not None:
                self.workbench.state.team_id = team_id
            self.workbench.state.programme_id = programme_id
            self.refresh_data()

        def chosen(programme_id: str) -> None:
            self.ask_if_retired(programme_id, show, team_id=team_id)

        choices = [self.programme_choice(p) for p in repo.programmes()]
        current = self.workbench.state.programme_id
        empty = self.t(
            "scoring.pick.no_programmes",
            tab=self.workbench.bound_key("tab-catalogue"),
            new=self.workbench.bound_key("catalogue-new"),
        )
        self._pick(self.t("scoring.pick.programme"), choices, current, chosen, empty)

    def _assessment_choice(
        self, assessment: Assessment, team: Team, programme: Programme
    ) -> Choice:
        known = self._choices.get(assessment.id)
        if (
            known is not None
            and known[0] is assessment
            and known[1] is team
            and known[2] is programme
        ):
            return known[3]
        t = self.workbench.i18n
        result = self.evaluations.of(assessment, objective_measurable=team.objective.is_measurable)
        verdict = (
            t(verdict_key(result.verdict)) if result.verdict else t("scoring.incomplete_short")
        )
        choice = Choice(
            assessment.id, f"{safe_str(team.name)} × {safe_str(programme.name)}", verdict
        )
        self._choices[assessment.id] = (assessment, team, programme, choice)
        return choice

    def action_pick_assessment(self) -> None:
        t = self.workbench.i18n
        repo = self.workbench.repository
        snapshot = repo.snapshot()
        self.evaluations.forget_missing(snapshot.assessments)
        if len(self._choices) > len(snapshot.assessments):  # deleted assessments
            self._choices = {
                key: known for key, known in self._choices.items() if key in snapshot.assessments
            }
        choices = []
        for stored in sorted(repo.assessments(), key=lambda a: a.updated_at, reverse=True):
            assessment = self.workbench.shown_assessment(stored, self.assessor)
            team = snapshot.teams.get(assessment.team_id)
            programme = snapshot.programmes.get(assessment.programme_id)
            if team is None or programme is None:
                continue
            choices.append(self._assessment_choice(assessment, team, programme))

        def chosen(assessment_id: str) -> None:
            found = repo.snapshot().assessments.get(assessment_id)
            if found is not None:
                self.workbench.state.team_id = found.team_id
                self.workbench.state.programme_id = found.programme_id
                self.refresh_data()

        self._pick(t("scoring.pick.assessment"), choices, None, chosen)

    def pick_of_team(self, team_id: str) -> None:
        """Enter on a team (Teams tab): its assessments, latest first, and "new assessment…"
        last. Esc leaves Scoring as it was."""
        snapshot = self.workbench.repository.snapshot()
        team = snapshot.teams.get(team_id)
        if team is None:
            return
        choices = []
        for assessment in sorted(
            (a for a in snapshot.assessments.values() if a.team_id == team_id),
            key=lambda a: a.updated_at,
            reverse=True,
        ):
            programme = snapshot.programmes.get(assessment.programme_id)
            if programme is not None:
                choices.append(self._assessment_choice(assessment, team, programme))
        choices.append(Choice(NEW_ASSESSMENT, self.t("scoring.pick.new_assessment")))

        def chosen(key: str) -> None:
            if key == NEW_ASSESSMENT:
                self.action_pick_programme(team_id=team_id)
                return
            found = self.workbench.repository.snapshot().assessments.get(key)
            if found is not None:
                self.workbench.state.team_id = found.team_id
                self.workbench.state.programme_id = found.programme_id
                self.refresh_data()

        title = self.t("scoring.pick.team_assessments", team=safe_str(team.name))
        self._pick(title, choices, None, chosen)

    def action_pick_assessor(self) -> None:
        t = self.workbench.i18n
        _, _, assessment = self.current()
        # everyone who scores anywhere in the file, not only in this assessment
        names = {
            name
            for each in self.workbench.repository.assessments()
            for name, ratings in each.ratings.items()
            if ratings
        }
        if assessment is not None:
            names.update(assessment.ratings)
        names.add(self.assessor)
        names.add(self.workbench.assessor)
        choices = [Choice(name, safe_str(name)) for name in sorted(names)]

        def done(name: str | None) -> None:
            if name:
                self.acting_as = None if name == self.workbench.assessor else name
                self.consensus = False
                self.refresh_data()

        self.app.push_screen(
            PickerDialog(
                t("scoring.pick.assessor"),
                choices,
                current=self.assessor,
                placeholder=t("scoring.pick.assessor_placeholder"),
                allow_new=True,
                hint=t("scoring.pick.assessor_hint"),
            ),
            done,
        )

    # deleting an assessment

    def action_delete_assessment(self) -> None:
        team, programme, assessment = self.current()
        if team is None or programme is None or assessment is None:
            return
        name = f"{safe_str(team.name)} × {safe_str(programme.name)}"
        pilots = [
            safe_str(p.name)
            for p in self.workbench.repository.pilots()
            if p.assessment_id == assessment.id
        ]
        if pilots:
            self._refuse_delete(name, pilots)
            return
        scored = sum(
            1
            for who in assessment.assessors
            for s in assessment.scores_of(who).values()
            if s is not None
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(team.id, programme.id, name)

        self.app.push_screen(
            ConfirmDialog(
                self.t("scoring.delete.title"),
                self.t(
                    "scoring.delete.question",
                    name=name,
                    assessors=len(assessment.assessors),
                    scores=scored,
                ),
                confirm_label=self.t("scoring.delete.confirm"),
                danger=True,
            ),
            answered,
        )

    def _refuse_delete(self, name: str, pilots: list[str]) -> None:
        self.app.push_screen(
            MessageDialog(
                self.t("scoring.delete.refused_title"),
                self.t("scoring.delete.refused", name=name, pilots=", ".join(pilots)),
            )
        )

    def _delete(self, team_id: str, programme_id: str, name: str) -> None:
        def delete(repository: Repository) -> InUseError | bool:
            # written after the score keys queued before it: the assessment they created
            found = repository.assessment_for(team_id, programme_id)
            if found is None:
                return True
            try:
                repository.delete_assessment(found.id)
            except InUseError as error:
                return error
            return True

        outcome = self.workbench.store(delete)
        if isinstance(outcome, InUseError):
            pilots = [use.removeprefix("pilot ") for use in outcome.used_by]
            self._refuse_delete(name, pilots)
            return
        if outcome:
            self.undo_steps = [
                s for s in self.undo_steps if (s.team_id, s.programme_id) != self._shown
            ]
            self.redo_steps = [
                s for s in self.redo_steps if (s.team_id, s.programme_id) != self._shown
            ]
            self.refresh_data()
            self.notify(self.t("scoring.delete.done", name=name), timeout=4, markup=False)

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
