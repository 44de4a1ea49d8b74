"""While a diagnostic's blind round is open, no tab shows another assessor's scores or
reasons: the data file holds them (bob scored in his own terminal), the views hide them."""

from __future__ import annotations

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.test_compare import open_compare
from tests.ui.test_compare import pane as compare_pane
from tests.ui.test_diagnostic import open_round
from tests.ui.test_scoring import open_on
from tests.ui.test_teams import highlight, open_teams
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.grid import CRITERION_KEYS
from workbench.storage.repository import Repository

TEAM, PROGRAMME = "team-ecommerce-content", "aws-aif-c01"
SECRET = "bob-secret-reason"


def blind_round(repo: Repository) -> None:
    open_round(repo, TEAM, PROGRAMME)
    bob = Repository(repo.path, author="bob")
    at = now_utc()

    def change(assessment: Assessment) -> Assessment:
        for key in CRITERION_KEYS:
            assessment = assessment.with_rating("bob", key, Rating(score=1, reason=SECRET), at=at)
        return assessment

    bob.edit_assessments([(TEAM, PROGRAMME, change)])


async def test_scoring_shows_nothing_of_bob_during_the_round(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    blind_round(sample_repo)
    app = make_app(sample_repo, assessor="ana")
    open_on(app, TEAM, PROGRAMME)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await wait_for_text(pilot, "Not assessed yet")
        assert SECRET not in shown
        assert "bob" not in shown
        await pilot.press("a")  # the assessor picker lists names, never scores
        await pilot.press("escape")


async def test_compare_shows_nothing_of_bob_during_the_round(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    blind_round(sample_repo)
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: found.data.snapshot is not None)
        snapshot = compare_pane(app).data.snapshot
        assert snapshot is not None
        shown_pair = next(
            a
            for a in snapshot.assessments.values()
            if (a.team_id, a.programme_id) == (TEAM, PROGRAMME)
        )
        assert shown_pair.ratings == {}
        assert SECRET not in screen_text(app)


async def test_teams_verdicts_leave_the_blind_assessment_out(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    blind_round(sample_repo)
    app = make_app(sample_repo, assessor="ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_teams(pilot)
        await highlight(pilot, app, TEAM)
        shown = screen_text(app)
        line = next(row for row in shown.splitlines() if "AWS Certified AI Practitioner" in row)
        assert "20.0–100.0 %" in line  # no score yet, as ana sees it (bob's 1s give 20.0 %)
        assert SECRET not in shown
