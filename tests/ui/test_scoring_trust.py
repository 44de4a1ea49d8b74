"""Scoring a committee can trust: the result first, undo in view, keys that say why,
exact robustness in words, a screen that fits, deleting, retired programmes, the story."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import saved as wait_saved
from tests.ui.waiting import steady, wait_for_text, wait_until
from workbench.core.assessment import Assessment
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.scoring.pane import ScoringPane
from workbench.ui.scoring.score_grid import ScoreGrid
from workbench.ui.scoring.weights_dialog import WeightsDialog

ECOMMERCE = "team-ecommerce-content"
ESSENTIALS = ("team-ecommerce-content", "google-ai-essentials")
PROMPTING = ("team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
NEW_PAIR = ("team-ecommerce-content", "aws-aif-c01")


def open_on(app: WorkbenchApp, team_id: str, programme_id: str) -> None:
    app.state.team_id, app.state.programme_id = team_id, programme_id
    app.state.tab = "scoring"


def stored(repo: Repository, team_id: str, programme_id: str) -> Assessment | None:
    return Repository(repo.path).assessment_for(team_id, programme_id)


def pane(app: WorkbenchApp) -> ScoringPane:
    return app.screen.query_one(ScoringPane)


async def open_by_picker(pilot: Pilot[None], app: WorkbenchApp, text: str) -> None:
    await pilot.press("o")
    await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
    await type_text(pilot, text)
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, PickerDialog))


# 1. the result first


async def test_opening_shows_the_group_result_and_every_assessor(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, assessor="zoe")
    open_on(app, *ESSENTIALS)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await wait_for_text(pilot, "92 / 115")
        assert "80.0 %" in shown
        assert "PILOT" in shown
        assert "group of 2" in shown
        assert "Discuss: Alternatives (claire 2, marc 4)" in shown
        assert "Your column (zoe) is empty" in shown
        assert "Descriptions per week" in shown  # claire's reason
        assert "Clear metric" in shown  # marc's reason
        await pilot.press("1")
        await wait_saved(pilot)
        saved = stored(sample_repo, *ESSENTIALS)
        assert saved is not None
        assert saved.rating("zoe", "business_impact").score == 1
        assert saved.rating("claire", "business_impact").score == 5


async def test_mode_and_assessor_do_not_carry_over(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *ESSENTIALS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        await type_text(pilot, "marc")
        await pilot.press("enter")
        await wait_until(pilot, lambda: pane(app).assessor == "marc")
        assert "your grid" in screen_text(app)
        await open_by_picker(pilot, app, "prompt engineering")
        await wait_until(pilot, lambda: app.state.programme_id == PROMPTING[1])
        assert pane(app).assessor == "claire"
        assert pane(app).consensus
        assert "group of 2" in screen_text(app)


# 2. undo in view


async def test_undo_brings_the_changed_assessment_back_on_screen(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *PROMPTING)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("1")
        await wait_saved(pilot)
        changed = stored(sample_repo, *PROMPTING)
        assert changed is not None
        assert changed.rating("claire", "business_impact").score == 1
        await open_by_picker(pilot, app, "HR and")
        await wait_until(pilot, lambda: app.state.team_id == "team-hr")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: app.state.team_id == ECOMMERCE)
        assert app.state.programme_id == PROMPTING[1]
        back = stored(sample_repo, *PROMPTING)
        assert back is not None
        assert back.rating("claire", "business_impact").score == 5
        shown = " ".join((await wait_for_text(pilot, "Undone in E-commerce")).split())
        assert "now on screen" in shown
        await pilot.press("ctrl+y")
        redone = stored(sample_repo, *PROMPTING)
        assert redone is not None
        assert redone.rating("claire", "business_impact").score == 1


# 3. keys that do nothing say why


async def test_keys_that_cannot_act_are_disabled_and_say_why(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await steady(pilot)
        scoring = pane(app)
        for action in ("undo", "redo", "toggle_median", "delete_assessment"):
            assert scoring.check_action(action, ()) is None, action
        assert scoring.check_action("score", (3,)) is True
        await pilot.press("ctrl+z")
        await wait_for_text(pilot, "Nothing to undo.")
        await pilot.press("D")
        await wait_for_text(pilot, "No assessment on screen")
        assert stored(sample_repo, *NEW_PAIR) is None


async def test_without_team_the_edit_keys_say_what_to_do(
    empty_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(empty_repo)
    app.state.tab = "scoring"
    async with app.run_test(notifications=True) as pilot:
        await steady(pilot)
        assert pane(app).check_action("score", (1,)) is None
        assert pane(app).check_action("pick_assessment", ()) is None
        await pilot.press("3")
        await wait_for_text(pilot, "Choose a team (t)")


# 4 and 5. exact robustness, in words


async def test_headline_follows_the_objective_rule(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    sample_repo.save_team(Team(id="vague", name="Vague team"))
    app = make_app(sample_repo)
    open_on(app, "vague", "google-ai-essentials")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"333333")
        shown = await wait_for_text(pilot, "Fragile")
        assert "turns it to CLARIFY THE OBJECTIVE" in shown
        assert "⇒  PILOT" not in shown


async def test_fragile_headline_and_a_two_criteria_flip(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"114225")
        shown = await wait_for_text(pilot, "↓ 2 score points")
        assert "Close: 2 score points" in shown
        assert "INVESTIGATE" in shown
        assert "pilot needs more than 60 %, alternatives below 40 %" in shown


async def test_custom_thresholds_are_in_the_header(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *PROMPTING)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await wait_until(pilot, lambda: app.screen.query("#w-pilot_above"))
        assert isinstance(app.screen, WeightsDialog)
        app.screen.query_one("#w-pilot_above", Input).value = "90"
        await pilot.press("ctrl+s")
        shown = await wait_for_text(pilot, "Custom thresholds:")
        assert "pilot needs more than 90 %" in shown
        assert "INVESTIGATE" in shown


# 6. a screen that fits


async def test_80x24_shows_what_decides_and_details_a_key_away(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *ESSENTIALS)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await wait_for_text(pilot, "Robust: 5 score points from any other verdict")
        assert "PILOT" in shown
        assert "Discuss: Alternatives" in shown
        assert "Alternatives ⚑" in shown
        assert "Smallest change" not in shown
        await pilot.press("i")
        shown = await wait_for_text(pilot, "Smallest change")
        assert "PILOT" in shown


async def test_wide_terminals_do_not_cut_reasons(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *ESSENTIALS)
    async with app.run_test(size=(200, 50)) as pilot:
        await steady(pilot)
        assert app.screen.query_one(ScoreGrid).wrap_reasons
        shown = " ".join(screen_text(app).split())
        rating = sample_repo.assessment_for(*ESSENTIALS)
        assert rating is not None
        for name in ("claire", "marc"):
            reason = rating.rating(name, "alternatives").reason
            assert " ".join(reason.split()) in shown.replace("▏", " ").replace("  ", " ")


# 7. deleting an assessment


async def test_delete_an_assessment_after_confirming(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, "team-hr", "google-ai-essentials")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        assert stored(sample_repo, "team-hr", "google-ai-essentials") is not None
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(
            pilot, lambda: stored(sample_repo, "team-hr", "google-ai-essentials") is None
        )
        sample_repo.delete_team("team-hr")  # a team once assessed can now be deleted


async def test_delete_is_refused_while_a_pilot_uses_it(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *ESSENTIALS)
    async with app.run_test(size=(120, 40)) as pilot:
        before = sample_repo.path.read_bytes()
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
        assert "Prompting for product descriptions" in screen_text(app)
        assert sample_repo.path.read_bytes() == before


# 8. retired programmes


async def test_retired_programmes_are_marked_and_warn(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, "team-legal-compliance", "iapp-aigp")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        assert "AI-900 Azure AI Fundamentals  [RETIRED]" in screen_text(app)
        await type_text(pilot, "MLS-C01")  # retired, no successor named
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "since 2026-03-31" in " ".join(screen_text(app).split())
        await pilot.press("n")
        assert app.state.programme_id == "iapp-aigp"
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        await type_text(pilot, "MLS-C01")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: app.state.programme_id == "aws-mls-c01")
        assert "(retired 2026-03-31)" in screen_text(app)


# 9. the seed's first story, where a user looks first


async def test_the_scoring_tab_opens_on_the_prompt_engineering_pilot(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.tab = "scoring"
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await wait_for_text(pilot, "ChatGPT Prompt Engineering for Developers")
        assert "E-commerce content team" in shown
        assert "86.5 %" in shown
        assert "PILOT" in shown
        assert "Robust" in shown


async def test_the_managers_story_is_alternatives_with_clarify(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, "team-industrial-managers", "dlai-genai-for-everyone")
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await wait_for_text(pilot, "ALTERNATIVES")
        assert "Clarify the objective first" in shown
        assert "33.0 %" in shown
