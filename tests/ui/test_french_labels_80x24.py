"""At 80x24 in French, the labels that carry meaning are on screen whole, never cut."""

from __future__ import annotations

import re

from textual.widgets import Static

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import steady, wait_for_text, wait_until
from workbench.i18n import Translator
from workbench.storage.repository import Repository
from workbench.ui.help_screen import HelpScreen
from workbench.ui.scoring.weights_dialog import WeightsDialog

SIZE = (80, 24)
FR = Translator("fr")


def whole(shown: str, label: str) -> None:
    """``label`` is on screen, not followed by the ellipsis of a cut."""
    assert label in shown, label
    assert not re.search(re.escape(label[:-1]) + r"…", shown.replace(label, "")), label


async def test_catalogue_filters_whole(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Tout fournisseur")
        await steady(pilot)
        shown = screen_text(app)
        for key in ("any_level", "any_provider", "any_topic", "any_status"):
            label = FR(f"catalogue.filters.{key}")
            assert re.search(rf"{re.escape(label)}\s*▼", shown), label
        assert "Tout fourni…" not in shown


async def test_scoring_criteria_and_weights_whole(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="fr")
    app.state.team_id = "team-ecommerce-content"
    app.state.programme_id = "dlai-chatgpt-prompt-engineering"
    app.state.tab = "scoring"
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Critère")
        await steady(pilot)
        grid = [line for line in screen_text(app).splitlines() if "×" in line]
        for key in (
            "business_impact",
            "technical_fit",
            "team_leverage",
            "risk_compliance",
            "total_cost",
            "alternatives",
        ):
            label = FR(f"scoring.criterion_short.{key}")
            cell = rf"^[›\s]*{re.escape(label)}\s*×\d"  # a cursor row: no blank in the SVG
            assert any(re.search(cell, line) for line in grid), label
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, WeightsDialog))
        await wait_for_text(pilot, FR("scoring.weights.alternatives_below"))
        shown = screen_text(app)
        whole(shown, FR("scoring.weights.alternatives_below"))
        whole(shown, FR("scoring.weights.pilot_above"))


async def test_portfolio_reasons_whole(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await wait_for_text(pilot, "Équipes côte à côte")
        await pilot.press("4")
        await wait_for_text(pilot, FR("compare.reason.not_pilot"))
        shown = screen_text(app)
        whole(shown, FR("compare.reason.not_pilot"))
        assert "verdict autre que…" not in shown


async def test_help_shows_the_data_and_settings_files(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await wait_for_text(pilot, "Fichier de données")
        for name, expected in (
            ("#help-data-file", f"Fichier de données : {sample_repo.path}"),
            ("#help-settings-file", f"Fichier de réglages : {app.settings_path}"),
        ):
            line = app.screen.query_one(name, Static)
            assert str(line.render()) == expected
            assert line.region.height >= 1
            assert app.screen.region.contains_region(line.region)
