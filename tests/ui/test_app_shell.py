"""The shell: tabs by F-keys, help, language switch, themes, data reload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import TabbedContent

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import palette_offers, saved, steady, wait_until
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.help_screen import HelpScreen
from workbench.ui.scoring.score_grid import ScoreGrid
from workbench.ui.themes import THEMES_DIR, load_themes


async def test_f_keys_switch_tabs(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "catalogue"
        for key, tab in [("f3", "teams"), ("f4", "scoring"), ("f5", "compare"), ("f6", "pilots")]:
            await pilot.press(key)
            await wait_until(pilot, lambda: tabs.active == tab)  # noqa: B023
            assert tabs.active == tab
        await pilot.press("f2")
        await wait_until(pilot, lambda: tabs.active == "catalogue")
        assert tabs.active == "catalogue"


async def test_help_lists_keys_in_the_current_language(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "L’atelier" in shown
        assert "Quitter" in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("tab_key", ["f2", "f3", "f4", "f5", "f6"])
async def test_help_names_no_class_and_no_framework_default(
    sample_repo: Repository, make_app: AppFactory, tab_key: str
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 200)) as pilot:
        await pilot.press(tab_key)
        await wait_until(pilot, lambda: app.screen.query("Tab"))
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = screen_text(app)
        assert "The workbench" in shown
        assert "Score and change" in shown or "Find and sort" in shown
        for internal in ("Table", "Grid", "Input", "Scroll Left", "Focus Next", "Pane", "Dialog"):
            assert internal not in shown.replace("Dialogs", ""), internal


def test_every_key_has_a_task_and_the_usual_ones_the_right_one() -> None:
    from workbench.ui.help_screen import TASKS, task_of
    from workbench.ui.keymap import known_bindings

    assert {task_of(binding_id) for binding_id in known_bindings()} <= set(TASKS)
    expected = {
        "catalogue-sort": "find",
        "catalogue-clear": "find",
        "teams-filter": "find",
        "scoring-clear": "edit",
        "scoring-undo": "edit",
        "scoring-3": "edit",
        "scoring-up": "move",
        "tab-teams": "move",
        "pilots-section-2": "move",
        "teams-memo": "reports",
        "pilots-report": "reports",
        "quit": "workbench",
        "help": "workbench",
        "help-alt": "workbench",
        "catalogue-new": "edit",
        "pilots-delete": "edit",
    }
    assert {key: task_of(key) for key in expected} == expected


async def test_language_switch_relabels_tabs_and_is_remembered(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await pilot.press("f9")
        await wait_until(pilot, lambda: app.screen.title == "Atelier de certification IA")
        labels = [str(tab.label) for tab in app.screen.query("Tab")]
        assert any("Équipes" in label for label in labels)
        assert app.screen.title == "Atelier de certification IA"
    assert json.loads((tmp_path / "config.json").read_text())["lang"] == "fr"


async def test_theme_is_remembered(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        assert app.theme == "workbench-dark"
        app.theme = "workbench-ansi"
        config = tmp_path / "config.json"
        await wait_until(pilot, lambda: json.loads(config.read_text())["theme"] == "workbench-ansi")
    assert json.loads(config.read_text())["theme"] == "workbench-ansi"


async def test_unknown_theme_falls_back_and_says_so(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, theme="no-such-theme")
    async with app.run_test(notifications=True) as pilot:
        await wait_until(pilot, lambda: app._notifications)
        assert app.theme == "workbench-dark"
        assert any("no-such-theme" in n.message for n in app._notifications)


async def test_another_process_change_is_reloaded(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        Repository(sample_repo.path).save_team(Team(id="new-team", name="Added elsewhere"))
        app.check_for_changes()
        await wait_until(pilot, lambda: "new-team" in app.repository.snapshot().teams)
        assert "new-team" in app.repository.snapshot().teams


async def test_palette_offers_the_app_actions(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test():
        titles = [command.title for command in app.palette_commands()]
        assert "Go to Teams" in titles
        assert "Switch language: English / Français" in titles
        assert "Show where the data file is" in titles


@pytest.mark.parametrize(
    ("search", "one"), [("theme", "theme"), ("keys", "keys"), ("quit", "Quit")]
)
async def test_the_palette_has_one_entry_per_action_and_none_of_the_framework(
    sample_repo: Repository, make_app: AppFactory, search: str, one: str
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, search)
        await wait_until(pilot, lambda: palette_offers(app, one))
        await steady(pilot)
        listed = app.screen.query_one(CommandList)
        titles = [
            str(listed.get_option_at_index(index).prompt) for index in range(listed.option_count)
        ]
        assert len([title for title in titles if one.lower() in title.lower()]) == 1, titles
        assert not any("Screenshot" in title or "Maximize" in title for title in titles)


async def test_a_click_on_a_tab_gives_its_keys_at_once(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.team_id, app.state.programme_id = "team-ecommerce-content", "aws-aif-c01"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#--content-tab-scoring")
        await wait_until(pilot, lambda: isinstance(app.focused, ScoreGrid))
        await pilot.press("5")
        await saved(pilot)
        found = Repository(sample_repo.path).assessment_for("team-ecommerce-content", "aws-aif-c01")
        assert found is not None
        assert found.rating("claire", "business_impact").score == 5


@pytest.mark.parametrize("theme", sorted(p.stem for p in THEMES_DIR.glob("*.toml")))
async def test_every_theme_file_loads_and_styles_every_tab(
    sample_repo: Repository, make_app: AppFactory, theme: str
) -> None:
    app = make_app(sample_repo, theme=theme)
    async with app.run_test(notifications=True) as pilot:
        for key in ("f2", "f3", "f4", "f5", "f6"):
            await pilot.press(key)
        assert app.theme == theme
        assert not app._notifications


def test_a_broken_theme_file_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text('name = "good"\nprimary = "#123456"\n')
    (tmp_path / "typo.toml").write_text('name = "typo"\nprimary = "#123456"\nprimry = "x"\n')
    (tmp_path / "colour.toml").write_text('name = "colour"\nprimary = "not-a-colour"\n')
    (tmp_path / "syntax.toml").write_text("name = \n")
    themes, problems = load_themes(tmp_path)
    assert [t.name for t in themes] == ["good"]
    assert dict(problems).keys() == {"typo.toml", "colour.toml", "syntax.toml"}
    assert "primry" in dict(problems)["typo.toml"]
