"""Scoring tab: the weighted grid of one team x programme, scored with single keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from workbench.core.catalogue import Programme
from workbench.core.consensus import evaluate_consensus
from workbench.core.grid import CRITERIA, CRITERIA_BY_KEY, Grid
from workbench.core.grid_report import GridReport, build_report
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.dialogs.range_dialog import RangeChoice, RangeDialog
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.dialogs.weights_dialog import WeightsDialog
from workbench.ui.screens.pane import PaletteCommand, Pane
from workbench.ui.widgets.robustness_panel import RobustnessPanel
from workbench.ui.widgets.score_grid import ScoreGrid
from workbench.ui.widgets.verdict_bar import VerdictBar
from workbench.ui.widgets.verdict_style import verdict_key

WIDE = 120
SCORE_GROUP = Binding.Group("scoring.keys.score")
EDIT_ACTIONS = {"score", "clear", "reason", "range", "weights"}


@dataclass(frozen=True, slots=True)
class UndoStep:
    """How to put back what one change replaced."""

    label: str
    restore: Callable[[Repository], object]


class ScoringPane(Pane):
    tab_id = "scoring"
    help_title = "scoring.help_title"

    DEFAULT_CSS = """
    ScoringPane #scoring-context { height: auto; padding: 0 1; background: $panel; }
    ScoringPane #scoring-body { height: 1fr; overflow-x: hidden; }
    ScoringPane #scoring-main { height: auto; }
    ScoringPane #criterion-help {
        height: auto;
        padding: 0 1;
        margin-top: 1;
        color: $text-muted;
    }
    ScoringPane #scoring-side { height: auto; }
    ScoringPane #assessors { height: auto; padding: 0 1; margin-top: 1; }
    ScoringPane RobustnessPanel { margin-top: 1; }
    ScoringPane.-wide #scoring-body { layout: horizontal; }
    ScoringPane.-wide #scoring-main { width: 3fr; }
    ScoringPane.-wide #scoring-side { width: 2fr; border-left: vkey $foreground 20%; }
    ScoringPane.-wide RobustnessPanel { margin-top: 0; }
    ScoringPane .objective-flag { color: $text-warning; text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(n), f"score({n})", "scoring.keys.score", group=SCORE_GROUP, id=f"scoring-{n}"
            )
            for n in range(1, 6)
        ),
        Binding("0,delete,backspace", "clear", "scoring.keys.clear", id="scoring-clear"),
        Binding("enter", "reason", "scoring.keys.reason", id="scoring-reason"),
        Binding("r", "range", "scoring.keys.range", show=False, id="scoring-range"),
        Binding("w", "weights", "scoring.keys.weights", id="scoring-weights"),
        Binding("t", "pick_team", "scoring.keys.team", show=False, id="scoring-team"),
        Binding(
            "p", "pick_programme", "scoring.keys.programme", show=False, id="scoring-programme"
        ),
        Binding("o", "pick_assessment", "scoring.keys.open", show=False, id="scoring-open"),
        Binding("n", "new_assessment", "scoring.keys.new", show=False, id="scoring-new"),
        Binding("m", "toggle_median", "scoring.keys.median", id="scoring-median"),
        Binding("a", "pick_assessor", "scoring.keys.assessor", show=False, id="scoring-assessor"),
        Binding("ctrl+z", "undo", "scoring.keys.undo", id="scoring-undo"),
        Binding("M,shift+m", "memo", "reports.keys.memo", show=False, id="scoring-memo"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.consensus = False
        self.undo_steps: list[UndoStep] = []
        self.report: GridReport | None = None
        self._choices: dict[str, tuple[Assessment, Team, Programme, Choice]] = {}
        """The assessment picker's line of each assessment, while it and its team and
        programme stay the same objects (the pane is recomposed on a language switch)."""

    # composition and data

    def compose(self) -> ComposeResult:
        yield Static(id="scoring-context")
        yield VerdictBar(id="verdict")
        with VerticalScroll(id="scoring-body"):
            with Vertical(id="scoring-main"):
                yield ScoreGrid(id="grid")
                yield Static(id="criterion-help")
            with Vertical(id="scoring-side"):
                yield Static(id="assessors")
                yield RobustnessPanel(id="robustness")

    def on_mount(self) -> None:
        self._choose_defaults()
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")

    def focus_default(self) -> None:
        self.query_one(ScoreGrid).focus()

    @property
    def assessor(self) -> str:
        return self.workbench.assessor

    def _choose_defaults(self) -> None:
        """Open on the most recently updated assessment when nothing is chosen yet."""
        state = self.workbench.state
        if state.team_id or state.programme_id:
            return
        assessments = self.workbench.repository.assessments()
        if assessments:
            latest = max(assessments, key=lambda a: a.updated_at)
            state.team_id, state.programme_id = latest.team_id, latest.programme_id

    def current(self) -> tuple[Team | None, str | None, Assessment | None]:
        state = self.workbench.state
        snapshot = self.workbench.repository.snapshot()
        team = snapshot.teams.get(state.team_id) if state.team_id else None
        programme = snapshot.programmes.get(state.programme_id) if state.programme_id else None
        assessment = None
        if team is not None and programme is not None:
            assessment = self.workbench.repository.assessment_for(team.id, programme.id)
        return team, programme.name if programme else None, assessment

    def refresh_data(self) -> None:
        team, programme_name, assessment = self.current()
        measurable = team.objective.is_measurable if team else True
        ready = team is not None and programme_name is not None
        self.report = (
            build_report(
                assessment,
                assessor=self.assessor,
                objective_measurable=measurable,
                consensus=self.consensus,
            )
            if ready
            else None
        )
        self.query_one("#scoring-context", Static).update(
            self._context_text(team, programme_name, assessment)
        )
        self.query_one(VerdictBar).show(self.report.evaluation if self.report else None)
        grid = self.query_one(ScoreGrid)
        if self.report is not None:
            grid.show(self.report, assessment, self.assessor)
        grid.display = self.report is not None
        self.query_one("#assessors", Static).update(self._assessors_text(assessment, measurable))
        self.query_one(RobustnessPanel).show(self.report)
        self._show_criterion_help()
        self.refresh_bindings_if_changed()

    def _context_text(
        self, team: Team | None, programme: str | None, assessment: Assessment | None
    ) -> Group:
        t = self.workbench.i18n
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(team.name if team else t("scoring.no_team"), "bold" if team else "italic")
        title.append("  ×  ")
        title.append(programme or t("scoring.no_programme"), "bold" if programme else "italic")
        mode = "scoring.view_median" if self.consensus else "scoring.view_mine"
        layout = Table.grid(expand=True)
        layout.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        layout.add_column(justify="right", no_wrap=True)
        layout.add_row(title, Text(t(mode, assessor=self.assessor), style="dim"))
        notes = Text()
        if team is not None and not team.objective.is_measurable:
            gaps = ", ".join(t(f"scoring.gap.{gap}") for gap in team.objective.missing())
            notes.append(f"⚠ {t('scoring.clarify')}", "bold")
            notes.append(f" ({gaps})", "dim")
        if team is None or programme is None:
            notes.append(t("scoring.choose_hint"), "italic")
        elif assessment is None:
            notes.append(("\n" if notes else "") + t("scoring.not_started"), "italic")
        return Group(layout, notes) if notes else Group(layout)

    def _assessors_text(self, assessment: Assessment | None, measurable: bool) -> Text:
        t = self.workbench.i18n
        lang = t.lang
        text = Text()
        if assessment is None or not assessment.assessors:
            return text
        names = []
        for name in assessment.assessors:
            scored = sum(1 for s in assessment.scores_of(name).values() if s is not None)
            names.append(f"{name} ({scored}/6)")
        text.append(t("scoring.assessors", names=", ".join(names)))
        if len(assessment.assessors) > 1:
            median = evaluate_consensus(assessment, objective_measurable=measurable)
            text.append("\n")
            text.append(t("scoring.median_grid"), "bold")
            text.append(" ")
            if median.complete and median.verdict is not None and median.percent is not None:
                assert median.total is not None
                text.append(
                    f"{t.smart(median.total)} / {median.maximum} · {t.percent(median.percent)} · "
                )
                text.append(t(verdict_key(median.verdict)).upper(), "bold")
            else:
                text.append(t("scoring.median_incomplete"))
        report = self.report
        disputed = report.disputed if report else []
        for key in disputed:
            spread = report.spread(key) if report else None
            if spread is None:
                continue
            detail = ", ".join(f"{who} {score}" for who, score in sorted(spread.scores.items()))
            text.append("\n")
            text.append(f"⚑ {t('scoring.discuss')} ", "bold")
            text.append(f"{CRITERIA_BY_KEY[key].label(lang)} ({detail})")
        return text

    def _show_criterion_help(self) -> None:
        grid = self.query_one(ScoreGrid)
        criterion = CRITERIA[grid.cursor]
        lang = self.workbench.i18n.lang
        t = self.workbench.i18n
        help_text = Text.assemble(
            (criterion.label(lang), "bold"),
            " — ",
            criterion.question(lang),
        )
        meaning = Text.assemble(
            ("1 ", "bold"), criterion.low(lang), "   ", ("5 ", "bold"), criterion.high(lang)
        )
        lines: list[Text] = [help_text, meaning]
        if self.report and not self.report.consensus:
            assessment = self.current()[2]
            if assessment is not None:
                reason = assessment.rating(self.assessor, criterion.key).reason
                if reason:
                    lines.append(Text.assemble((t("scoring.reason_label") + " ", "bold"), reason))
        self.query_one("#criterion-help", Static).update(Group(*lines))

    @on(ScoreGrid.Moved)
    def _moved(self) -> None:
        self._show_criterion_help()

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDIT_ACTIONS:
            if self.report is None:
                return False
            if self.consensus:
                return None
        if action == "undo" and not self.undo_steps:
            return None
        if action == "memo":
            return self.workbench.state.team_id is not None
        return True

    def action_memo(self) -> None:
        from workbench.ui.reports import open_memo

        state = self.workbench.state
        if state.team_id is not None:
            open_memo(self.workbench, state.team_id, state.programme_id)

    def _open_assessment(self) -> Assessment | None:
        state = self.workbench.state
        if state.team_id is None or state.programme_id is None:
            return None
        team_id, programme_id = state.team_id, state.programme_id
        return self.workbench.store(lambda repo: repo.open_assessment(team_id, programme_id))

    def _change_rating(self, key: str, change: Callable[[Rating], Rating], label: str) -> bool:
        assessment = self._open_assessment()
        if assessment is None:
            return False
        assessor = self.assessor
        before = assessment.rating(assessor, key)
        after = change(before)
        if after == before:
            return True

        def apply(rating: Rating) -> Callable[[Repository], object]:
            def run(repo: Repository) -> object:
                return repo.update(
                    Assessment,
                    assessment.id,
                    lambda a: a.with_rating(assessor, key, rating, at=now_utc()),
                )

            return run

        if self.workbench.store(apply(after)) is None:
            return False
        self.undo_steps.append(UndoStep(label, apply(before)))
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
            opened = self._open_assessment()
            if opened is None:
                return
            by = self.assessor

            def apply(value: Grid) -> Callable[[Repository], object]:
                def run(repo: Repository) -> object:
                    return repo.update(
                        Assessment, opened.id, lambda a: a.with_grid(value, by=by, at=now_utc())
                    )

                return run

            if self.workbench.store(apply(new_grid)) is not None:
                self.undo_steps.append(UndoStep(self.t("scoring.undo.weights"), apply(opened.grid)))

        self.app.push_screen(WeightsDialog(grid), done)

    def action_undo(self) -> None:
        if not self.undo_steps:
            return
        step = self.undo_steps.pop()
        if self.workbench.store(step.restore) is not None:
            self.notify(self.t("scoring.undone", change=step.label), timeout=3, markup=False)
        self.refresh_bindings_if_changed()

    def action_toggle_median(self) -> None:
        self.consensus = not self.consensus
        self.refresh_data()

    def action_new_assessment(self) -> None:
        """Choose a team, then a programme: the grid opens, saved from the first score on."""
        self.action_pick_team(then=self.action_pick_programme)

    def _pick(
        self, title: str, choices: list[Choice], current: str | None, chosen: Callable[[str], None]
    ) -> None:
        def done(choice: str | None) -> None:
            if choice:
                chosen(choice)

        placeholder = self.t("scoring.pick.filter")
        self.app.push_screen(
            PickerDialog(title, choices, current=current, placeholder=placeholder), done
        )

    def action_pick_team(self, then: Callable[[], None] | None = None) -> None:
        def chosen(team_id: str) -> None:
            self.workbench.state.team_id = team_id
            self.refresh_data()
            if then is not None:
                then()

        choices = [
            Choice(team.id, team.name, team.department or "")
            for team in self.workbench.repository.teams()
        ]
        self._pick(self.t("scoring.pick.team"), choices, self.workbench.state.team_id, chosen)

    def action_pick_programme(self) -> None:
        def chosen(programme_id: str) -> None:
            self.workbench.state.programme_id = programme_id
            self.refresh_data()

        choices = [
            Choice(p.id, p.name, f"{p.provider} · {self.t('scoring.status.' + p.status.value)}")
            for p in self.workbench.repository.programmes()
        ]
        current = self.workbench.state.programme_id
        self._pick(self.t("scoring.pick.programme"), choices, current, chosen)

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
        choice = Choice(assessment.id, f"{team.name} × {programme.name}", verdict)
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
        for assessment in sorted(repo.assessments(), key=lambda a: a.updated_at, reverse=True):
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

    def action_pick_assessor(self) -> None:
        t = self.workbench.i18n
        _, _, assessment = self.current()
        names = set(assessment.assessors if assessment else [])
        names.add(self.assessor)
        choices = [Choice(name, name) for name in sorted(names)]

        def done(name: str | None) -> None:
            if name:
                self.workbench.assessor = name
                self.consensus = False
                self.undo_steps.clear()
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

    def palette_commands(self) -> list[PaletteCommand]:
        t = self.workbench.i18n

        def in_tab(action: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                self.workbench.action_show_tab("scoring")
                action()

            return run

        commands = [
            ("scoring.commands.new", self.action_new_assessment),
            ("scoring.commands.pick_team", self.action_pick_team),
            ("scoring.commands.pick_programme", self.action_pick_programme),
            ("scoring.commands.open", self.action_pick_assessment),
            ("scoring.commands.assessor", self.action_pick_assessor),
            ("scoring.commands.median", self.action_toggle_median),
        ]
        if self.report is not None and not self.consensus:
            commands.append(("scoring.commands.weights", self.action_weights))
        if self.undo_steps:
            commands.append(("scoring.commands.undo", self.action_undo))
        if self.workbench.state.team_id is not None:
            commands.append(("reports.commands.memo_scored", self.action_memo))
        return [
            PaletteCommand(t(key), t(f"{key}_help"), in_tab(action)) for key, action in commands
        ]
