"""The 60-minute diagnostic driven by keys, with two assessors on one data file: ana at
this terminal, bob through a repository of his own (another terminal)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import recorded, screen_text
from tests.ui.test_reports import run_palette
from tests.ui.test_teams import highlight, open_teams
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.diagnostic import Diagnostic, Outcome, Step
from workbench.core.grid import CRITERION_KEYS
from workbench.core.pilot import KpiLevel
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.diagnostic.screen import DiagnosticScreen
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.help_screen import HelpScreen

ECOMMERCE = "team-ecommerce-content"
MANAGERS = "team-industrial-managers"
FIRST, SECOND = "aws-aif-c01", "google-cloud-pmle"
BOB_SAYS = "bob-thinks-impact-is-low"


def session_of(repo: Repository, team_id: str) -> Diagnostic:
    """The team's latest session (the sample holds finished ones)."""
    return [s for s in repo.diagnostics() if s.team_id == team_id][-1]


def open_round(repo: Repository, team_id: str, programme_id: str) -> Diagnostic:
    """A session of ana and bob, in its blind round on one programme since a minute."""
    return repo.save_diagnostic(
        Diagnostic(
            team_id=team_id,
            facilitator="ana",
            assessors=["ana", "bob"],
            step=Step.BLIND,
            programme_ids=[programme_id],
            round_started_at=now_utc() - timedelta(minutes=1),
        )
    )


def bob_scores(bob: Repository, programme_id: str, scores: list[int]) -> None:
    at = now_utc() + timedelta(seconds=1)

    def change(assessment: Assessment) -> Assessment:
        for key, score in zip(CRITERION_KEYS, scores, strict=True):
            rating = Rating(score=score, reason=BOB_SAYS if key == "business_impact" else "")
            assessment = assessment.with_rating("bob", key, rating, at=at)
        return assessment

    bob.edit_assessments([(ECOMMERCE, programme_id, change)])


async def start(pilot: Pilot[None], team_id: str) -> None:
    app = pilot.app
    assert isinstance(app, WorkbenchApp)
    await open_teams(pilot)
    await highlight(pilot, app, team_id)
    await pilot.press("g")
    await wait_until(pilot, lambda: isinstance(app.screen, DiagnosticScreen))


async def score_column(pilot: Pilot[None], column: int, scores: list[int]) -> None:
    table = pilot.app.screen.query_one("#blind-table", DataTable)
    await wait_until(pilot, lambda: table.has_focus and table.columns)
    while table.cursor_column < column:
        await pilot.press("right")
    while table.cursor_column > column:
        await pilot.press("left")
    while table.cursor_row > 0:
        await pilot.press("up")
    await pilot.press(*[str(score) for score in scores])


async def test_a_whole_session_from_objective_to_memo(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    bob = Repository(sample_repo.path, author="bob")
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test() as pilot:
        await start(pilot, ECOMMERCE)
        # 1. the objective: measurable already; the assessors are named
        await wait_for_text(pilot, "1/5 Objective")
        app.screen.query_one("#objective-assessors").focus()
        await pilot.press("end")
        await type_text(pilot, ", bob")
        await pilot.press("f5")
        await wait_for_text(pilot, "2/5 Shortlist")
        assert session_of(sample_repo, ECOMMERCE).assessors == ["ana", "bob"]
        # 2. the shortlist: two programmes by Space
        table = app.screen.query_one("#shortlist-table", DataTable)
        for programme_id in (FIRST, SECOND):
            await wait_until(pilot, lambda: table.row_count > 0)
            while table.cursor_row != table.get_row_index(programme_id):
                await pilot.press(
                    "down" if table.cursor_row < table.get_row_index(programme_id) else "up"
                )
            await pilot.press("space")
        await wait_until(
            pilot, lambda: session_of(sample_repo, ECOMMERCE).programme_ids == [FIRST, SECOND]
        )
        await pilot.press("f5")
        await wait_for_text(pilot, "3/5 Blind round")
        # 3. the blind round: bob scores in his terminal; ana does not see it
        bob_scores(bob, FIRST, [2, 4, 3, 3, 4, 3])
        bob_scores(bob, SECOND, [3, 3, 3, 3, 3, 3])
        await score_column(pilot, 1, [5, 4, 3, 3, 4, 3])
        await wait_until(
            pilot, lambda: "bob" in sample_repo.assessment_for(ECOMMERCE, SECOND).ratings
        )
        shown = screen_text(app)
        assert "Round open" in shown
        assert BOB_SAYS not in shown
        assert "~" not in shown  # no median before the reveal
        await pilot.press("f5")  # not over: stays
        await wait_until(pilot, lambda: session_of(sample_repo, ECOMMERCE).step is Step.BLIND)
        # ana's last scores open the round to all within the screen's next tick
        await score_column(pilot, 2, [3, 3, 3, 3, 3, 3])
        shown = await wait_for_text(pilot, "Revealed")
        shown = await wait_for_text(pilot, "Disputed 1/1: Business impact")
        assert BOB_SAYS in shown
        assert "Pilot" in shown
        # the second round: bob changes his mind
        bob_scores(bob, FIRST, [4, 4, 3, 3, 4, 3])
        await wait_for_text(pilot, "No criterion is 2 points or more apart")
        await pilot.press("f5")
        await wait_for_text(pilot, "4/5 Pilot plan")
        # 4. the pilot plan: a behaviour KPI proposed; created with c
        await pilot.press("c")
        await wait_until(pilot, lambda: session_of(sample_repo, ECOMMERCE).pilot_id is not None)
        pilot_record = sample_repo.pilot(session_of(sample_repo, ECOMMERCE).pilot_id or "")
        assert {k.level for k in pilot_record.kpis} == {KpiLevel.RESULTS, KpiLevel.BEHAVIOUR}
        assert pilot_record.phases[0].planned_start == app.today
        await pilot.press("f5")
        await wait_for_text(pilot, "5/5 Memo")
        # 5. the memo, written and named; F5 closes the session
        await pilot.press("w")
        await wait_until(pilot, lambda: session_of(sample_repo, ECOMMERCE).memo_name)
        name = session_of(sample_repo, ECOMMERCE).memo_name or ""
        memo = (Path(sample_repo.path).parent / name).read_text(encoding="utf-8")
        assert "## Diagnostic session" in memo
        assert "Participants: ana, bob" in memo
        await pilot.press("f5")
        await wait_until(pilot, lambda: not isinstance(app.screen, DiagnosticScreen))
        assert session_of(sample_repo, ECOMMERCE).outcome is Outcome.FINISHED


async def test_the_facilitator_reveals_after_asking(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    bob = Repository(sample_repo.path, author="bob")
    open_round(sample_repo, ECOMMERCE, FIRST)
    bob_scores(bob, FIRST, [1, 1, 1, 1, 1, 1])
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test() as pilot:
        await start(pilot, ECOMMERCE)
        await wait_for_text(pilot, "3/5 Blind round")  # resumed from its step
        assert BOB_SAYS not in screen_text(app)
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        shown = await wait_for_text(pilot, "Revealed")
        assert session_of(sample_repo, ECOMMERCE).revealed_by == "ana"
        assert "~1" in shown


async def test_a_vague_objective_stops_the_session_with_its_memo(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test() as pilot:
        await start(pilot, MANAGERS)
        await pilot.press("f5")
        await wait_for_text(pilot, "Not measurable yet")
        assert session_of(sample_repo, MANAGERS).step is Step.OBJECTIVE
        await pilot.press("f7")
        await wait_until(pilot, lambda: not isinstance(app.screen, DiagnosticScreen))
        session = session_of(sample_repo, MANAGERS)
        assert session.outcome is Outcome.STOPPED
        memo = (Path(sample_repo.path).parent / (session.memo_name or "")).read_text("utf-8")
        assert "clarify the objective first" in memo


async def test_switching_assessor_hides_the_previous_persons_scores(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    open_round(sample_repo, ECOMMERCE, FIRST)
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test() as pilot:
        await start(pilot, ECOMMERCE)
        await wait_for_text(pilot, "Scoring as ana")
        await score_column(pilot, 1, [5])
        await wait_until(
            pilot, lambda: "ana" in sample_repo.assessment_for(ECOMMERCE, FIRST).ratings
        )
        await pilot.press("a")
        await wait_for_text(pilot, "Scoring as bob")
        table = app.screen.query_one("#blind-table", DataTable)
        assert str(table.get_cell_at((0, 1))).startswith("·")


async def test_the_steps_keys_are_in_the_palette(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test() as pilot:
        await start(pilot, ECOMMERCE)
        await wait_for_text(pilot, "1/5 Objective")
        await run_palette(pilot, "Diagnostic: Next step")
        await wait_for_text(pilot, "2/5 Shortlist")
        await run_palette(pilot, "Diagnostic: Pause")
        await wait_until(pilot, lambda: session_of(sample_repo, ECOMMERCE).paused)
        assert "PAUSED" in screen_text(app)


async def test_a_bad_field_is_said_on_screen_and_nothing_is_written(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test() as pilot:
        await start(pilot, ECOMMERCE)
        await wait_for_text(pilot, "1/5 Objective")
        before = sample_repo.team(ECOMMERCE)
        app.screen.query_one("#objective-horizon").focus()
        await pilot.press("end")
        await type_text(pilot, "x")
        await pilot.press("f5")
        await wait_for_text(pilot, "The horizon is a whole number of months.")
        app.screen.query_one("#objective-horizon", Input).value = "6"
        app.screen.query_one("#objective-assessors", Input).value = "ana, bob\x1b[2J"  # pasted
        await pilot.press("f5")
        await wait_until(pilot, lambda: "control character" in screen_text(app).lower())
        assert session_of(sample_repo, ECOMMERCE).step is Step.OBJECTIVE
        assert sample_repo.team(ECOMMERCE) == before


async def test_f9_switches_the_step_to_french_and_f1_lists_its_keys(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test() as pilot:
        await start(pilot, ECOMMERCE)
        await wait_for_text(pilot, "1/5 Objective")
        await pilot.press("f9")
        shown = await wait_for_text(pilot, "Quel problème concret")
        assert "1/5 Objectif" in shown
        assert isinstance(app.screen, DiagnosticScreen)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "Étape suivante" in screen_text(app)


async def test_only_the_facilitator_reveals(sample_repo: Repository, make_app: AppFactory) -> None:
    open_round(sample_repo, ECOMMERCE, FIRST)  # facilitated by ana
    bob = Repository(sample_repo.path, author="bob")
    app = make_app(bob, assessor="bob")
    said = recorded(app)
    async with app.run_test() as pilot:
        await start(pilot, ECOMMERCE)
        await wait_for_text(pilot, "Scoring as bob")
        await pilot.press("v")
        await wait_until(pilot, lambda: any("Only the facilitator, ana" in s for s in said))
        assert not isinstance(app.screen, ConfirmDialog)
        assert session_of(sample_repo, ECOMMERCE).revealed_at is None
