"""Scoring tab: keys score the grid, the verdict follows, undo, weights, assessors."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import saved, wait_for_text, wait_until
from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.grid import CRITERION_KEYS
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.scoring.pane import ScoringPane
from workbench.ui.scoring.score_grid import ScoreGrid
from workbench.ui.scoring.weights_dialog import WeightsDialog

NEW_PAIR = ("team-ecommerce-content", "aws-aif-c01")


def open_on(app: WorkbenchApp, team_id: str, programme_id: str) -> None:
    app.state.team_id, app.state.programme_id = team_id, programme_id
    app.state.tab = "scoring"


def stored(repo: Repository, team_id: str, programme_id: str) -> Assessment:
    assessment = Repository(repo.path).assessment_for(team_id, programme_id)
    assert assessment is not None
    return assessment


async def test_scoring_a_whole_grid_by_keys(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Not assessed yet" in screen_text(app))
        assert "Not assessed yet" in screen_text(app)
        await pilot.press(*"433243")
        await wait_for_text(pilot, "74 / 115")
        assessment = stored(sample_repo, *NEW_PAIR)
        assert assessment.scores_of("claire") == dict(
            zip(CRITERION_KEYS, (4, 3, 3, 2, 4, 3), strict=True)
        )
        shown = screen_text(app)
        assert "74 / 115" in shown
        assert "64.3 %" in shown
        assert "PILOT" in shown
        assert "Fragile: 1 score point (Business impact 4 → 3) turns it to INVESTIGATE" in shown


async def test_a_missing_score_shows_the_possible_range(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test() as pilot:
        await pilot.press(*"43324")
        shown = await wait_for_text(pilot, "5 of 6 scored")
        assert "5 of 6 scored" in shown
        assert "INVESTIGATE / PILOT" in shown
        assert "74 / 115" not in shown


async def test_undo_restores_the_previous_score(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, "team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
    async with app.run_test() as pilot:
        before = stored(sample_repo, "team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
        assert before.rating("claire", "business_impact").score == 5
        await pilot.press("2")
        await saved(pilot)
        after = stored(sample_repo, "team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
        assert after.rating("claire", "business_impact").score == 2
        await pilot.press("ctrl+z")
        await saved(pilot)
        restored = stored(sample_repo, "team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
        old = before.rating("claire", "business_impact")
        back = restored.rating("claire", "business_impact")
        assert (back.score, back.reason) == (old.score, old.reason)


async def test_clear_and_reason(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test() as pilot:
        await pilot.press("3", "up", "0")
        await wait_until(
            pilot,
            lambda: (
                stored(sample_repo, *NEW_PAIR).rating("claire", "business_impact").score is None
            ),
        )
        assert stored(sample_repo, *NEW_PAIR).rating("claire", "business_impact").score is None
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
        assert isinstance(app.screen, ReasonDialog)
        await type_text(pilot, "[/b] see [@click=app.quit]x[/]")
        await pilot.press("enter")
        await wait_for_text(pilot, "[/b] see [@click=app.quit]x[/]")
        rating = stored(sample_repo, *NEW_PAIR).rating("claire", "business_impact")
        assert rating.reason == "[/b] see [@click=app.quit]x[/]"
        assert "[/b] see [@click=app.quit]x[/]" in screen_text(app)
        assert app.is_running


async def test_weights_dialog_refuses_bad_values_and_saves_good_ones(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, "team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
    async with app.run_test() as pilot:
        before = sample_repo.path.read_bytes()
        await pilot.press("w")
        await wait_until(pilot, lambda: app.screen.query_one("#w-pilot_above", Input))
        assert isinstance(app.screen, WeightsDialog)
        app.screen.query_one("#w-pilot_above", Input).value = "30"  # below alternatives (40)
        await pilot.press("ctrl+s")
        # beside the pilot threshold, wrapped in its column: read the field's own message
        await wait_until(
            pilot,
            lambda: (
                "The alternatives threshold (40 %) is above"
                in str(app.screen.query_one("#e-pilot_above", Static).render())
            ),
        )
        assert isinstance(app.screen, WeightsDialog)
        assert sample_repo.path.read_bytes() == before
        await pilot.press("ctrl+r")
        app.screen.query_one("#w-business_impact", Input).focus()
        await pilot.press("backspace", "9", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, WeightsDialog))
        assert not isinstance(app.screen, WeightsDialog)
        grid = stored(sample_repo, "team-ecommerce-content", "dlai-chatgpt-prompt-engineering").grid
        assert grid.weights["business_impact"] == 9


async def test_unclear_objective_never_shows_pilot(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    sample_repo.save_team(Team(id="vague", name="Vague team"))
    app = make_app(sample_repo)
    open_on(app, "vague", "google-ai-essentials")
    async with app.run_test() as pilot:
        await pilot.press(*"555555")
        shown = await wait_for_text(pilot, "CLARIFY THE OBJECTIVE")
        assert "Clarify the objective first" in shown
        assert "CLARIFY THE OBJECTIVE" in shown
        assert "PILOT" not in shown.replace("Pilots", "")


async def test_several_assessors_median_and_disagreement(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, "team-ecommerce-content", "google-ai-essentials")
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await wait_for_text(pilot, "Discuss: Alternatives (claire 2, marc 4)")
        assert "group of 2" in shown
        assert "92 / 115" in shown
        await pilot.press("m")
        shown = await wait_for_text(pilot, "your grid")
        assert "87 / 115" in shown
        await pilot.press("m", "1")  # the keys edit your column in both views
        pair = ("team-ecommerce-content", "google-ai-essentials")
        await wait_until(
            pilot, lambda: stored(sample_repo, *pair).rating("claire", "business_impact").score == 1
        )
        assert stored(sample_repo, *pair).rating("marc", "business_impact").score == 5


async def test_the_assessor_picker_lists_everyone_who_scores_in_the_file(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    everyone = {n for a in sample_repo.assessments() for n, r in a.ratings.items() if r}
    assert "marc" in everyone
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)  # nobody scored this one yet
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        shown = await wait_for_text(pilot, "marc")
        assert all(name in shown for name in everyone)


async def test_scoring_as_another_assessor_keeps_both(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, "team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
    async with app.run_test() as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        assert isinstance(app.screen, PickerDialog)
        await type_text(pilot, "zoe")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.query_one(ScoringPane).assessor == "zoe")
        await pilot.press("1")
        await saved(pilot)
        pair = ("team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
        assessment = stored(sample_repo, *pair)
        assert assessment.assessors == ["claire", "marc", "zoe"]
        assert assessment.rating("claire", "business_impact").score == 5
        assert assessment.rating("zoe", "business_impact").score == 1


async def test_enter_on_a_team_elsewhere_and_keys_move(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test() as pilot:
        grid = app.screen.query_one(ScoreGrid)
        await pilot.press("down", "down", "j")
        await wait_until(pilot, lambda: grid.cursor == 3)
        assert grid.cursor == 3
        assert "Risk / compliance — Are we exposed" in screen_text(app)
        await pilot.press("k")
        await wait_until(pilot, lambda: grid.cursor == 2)
        assert grid.cursor == 2


async def test_french_labels(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    open_on(app, "team-ecommerce-content", "google-ai-essentials")
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await wait_for_text(pilot, "Noter")
        assert "Impact business" in shown
        assert "PILOTE" in shown
        assert "Robustesse" in shown
        await wait_for_text(pilot, "Noter")


async def test_new_assessment_picks_team_then_programme(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.tab = "scoring"
    async with app.run_test() as pilot:
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        assert isinstance(app.screen, PickerDialog)
        await type_text(pilot, "legal")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        assert isinstance(app.screen, PickerDialog)
        await type_text(pilot, "AIF-C01")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.state.programme_id == "aws-aif-c01")
        assert (app.state.team_id, app.state.programme_id) == (
            "team-legal-compliance",
            "aws-aif-c01",
        )
        assert sample_repo.assessment_for("team-legal-compliance", "aws-aif-c01") is None
        await pilot.press("3")
        await wait_until(
            pilot,
            lambda: Repository(sample_repo.path).assessment_for(
                "team-legal-compliance", "aws-aif-c01"
            ),
        )
        assert Repository(sample_repo.path).assessment_for("team-legal-compliance", "aws-aif-c01")


async def test_keymap_from_settings_remaps_a_key(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    from workbench.settings import Settings

    app = make_app(sample_repo, settings=Settings(keymap={"scoring-undo": "u"}))
    open_on(app, *NEW_PAIR)
    async with app.run_test() as pilot:
        await pilot.press("4")
        await wait_until(
            pilot,
            lambda: stored(sample_repo, *NEW_PAIR).rating("claire", "business_impact").score == 4,
        )
        assert stored(sample_repo, *NEW_PAIR).rating("claire", "business_impact").score == 4
        await pilot.press("up", "u")
        # the score had created the assessment: undoing it removes the assessment
        await wait_until(
            pilot, lambda: Repository(sample_repo.path).assessment_for(*NEW_PAIR) is None
        )


async def test_assessment_picker_follows_saves_and_renames(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """The picker's lines are kept between openings: they must follow every change."""
    pair = ("team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
    app = make_app(sample_repo)
    open_on(app, *pair)
    async with app.run_test() as pilot:

        async def line_of_pair() -> Choice:
            await pilot.press("o")
            picker = app.screen
            assert isinstance(picker, PickerDialog)
            assert len(picker.choices) == len(sample_repo.assessments())
            assessment = sample_repo.assessment_for(*pair)
            assert assessment is not None
            found = next(c for c in picker.choices if c.id == assessment.id)
            await pilot.press("escape")
            return found

        before = await line_of_pair()
        assert (before.label, before.detail) == (
            "E-commerce content team × ChatGPT Prompt Engineering for Developers",
            "Pilot",
        )
        await pilot.press(*"111111")
        await saved(pilot)
        assert (await line_of_pair()).detail == "Investigate"
        sample_repo.update(Team, pair[0], lambda t: t.model_copy(update={"name": "Content"}))
        label = (await line_of_pair()).label
        assert label.startswith("Content × ")


async def test_picker_with_many_choices(sample_repo: Repository, make_app: AppFactory) -> None:
    """As tall as its options up to 16 lines; the current one highlighted; filter narrows."""
    choices = [Choice(f"id-{n}", f"Choice {n:04d}", "detail") for n in range(2000)]
    app = make_app(sample_repo)
    chosen: list[str | None] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(PickerDialog("Pick", choices, current="id-1500"), chosen.append)
        await wait_until(pilot, lambda: app.screen.query_one(OptionList).size.height == 16)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2000
        assert options.size.height == 16
        assert options.highlighted == 1500
        assert "Choice 1500" in screen_text(app)
        await type_text(pilot, "choice 000")
        await wait_until(pilot, lambda: options.option_count == 10)
        assert options.option_count == 10
        assert options.size.height == 10
        await pilot.press("backspace", "backspace")
        await wait_until(pilot, lambda: options.option_count == 1000)
        assert options.option_count == 1000
        assert options.size.height == 16
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: chosen == ["id-1"])
        assert chosen == ["id-1"]


async def test_footer_offers_undo_only_when_there_is_something_to_undo(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test(size=(120, 40)) as pilot:

        def undo_offered() -> bool | None:
            """The footer's ctrl+z state: None while the footer has no undo key."""
            keys = [k for k in app.screen.query("FooterKey") if "Undo" in str(k.render())]
            return None if len(keys) != 1 else not keys[0].has_class("-disabled")

        await wait_until(pilot, lambda: undo_offered() is False)
        await pilot.press("4", "up")
        await wait_until(pilot, lambda: undo_offered() is True)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: undo_offered() is False)


async def test_a_long_assessor_name_is_cut_on_one_line(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    long_name = "Zoé " + "x" * 300
    pair = ("team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
    found = sample_repo.assessment_for(*pair)
    assert found is not None
    sample_repo.update(
        Assessment,
        found.id,
        lambda a: a.with_rating(
            long_name, "business_impact", Rating(score=2, reason="short"), at=now_utc()
        ),
    )
    app = make_app(sample_repo, assessor=long_name)
    open_on(app, *pair)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await wait_for_text(pilot, "• Zoé xxx")
        lines = [line for line in shown.splitlines() if "Zoé" in line]
        assert lines
        for line in lines:
            assert "x" * 60 not in line  # cut, not wrapped over several lines
        help_line = next(line for line in lines if "• Zoé" in line)
        assert "…" in help_line
        assert "2: short" in help_line  # the score and reason stay on the same line
