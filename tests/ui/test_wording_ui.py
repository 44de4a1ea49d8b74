"""Wording on screen: key names in French, helpful empty pickers, the data file in F1."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.i18n import Translator
from workbench.storage.repository import Repository
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.help_screen import HelpScreen
from workbench.ui.key_names import key_display


@pytest.mark.parametrize(
    ("lang", "key", "expected"),
    [
        ("en", "t", "No team yet: teams are created in the Teams tab (f3, then n for a new team)."),
        (
            "fr",
            "t",
            "Aucune équipe pour l'instant : les équipes se créent dans l'onglet Équipes (f3, "
            "puis n pour une nouvelle équipe).",
        ),
        (
            "en",
            "p",
            "No programme yet: programmes are added in the Catalogue tab (f2, then n for a new "
            "programme).",
        ),
    ],
)
async def test_an_empty_picker_says_where_to_create_what_it_lists(
    empty_repo: Repository, make_app: AppFactory, lang: str, key: str, expected: str
) -> None:
    app = make_app(empty_repo, lang=lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: app.screen.query("#scoring-body"))
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        await wait_for_text(pilot, expected[:30])
        assert str(app.screen.query_one("#picker-empty", Static).render()) == expected


async def test_the_empty_team_picker_follows_the_keymap(
    empty_repo: Repository, make_app: AppFactory, tmp_path: object
) -> None:
    app = make_app(empty_repo, lang="en")
    app.keymap_check.keymap["tab-teams"] = "f7"
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: app.screen.query("#scoring-body"))
        await pilot.press("t")
        await wait_for_text(pilot, "in the Teams tab (f7, then n")


async def test_french_help_names_the_keys_in_french(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: app.screen.query("#scoring-body"))
        await wait_for_text(pilot, "Entrée Justifier")
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await wait_for_text(pilot, "Échap")
        text = screen_text(app)
        for name in ("Entrée", "Échap", "Suppr"):
            assert name in text, name
        for english in ("enter", "escape", "shift+tab", " del,", "esc,"):
            assert english not in text, english
        assert str(sample_repo.path) in " ".join(text.split()) or sample_repo.path.name in text


async def test_english_keeps_textual_key_names(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await wait_for_text(pilot, "⏎ Reason")


@pytest.mark.parametrize(
    ("key", "french"),
    [
        ("enter", "Entrée"),
        ("escape", "Échap"),
        ("delete", "Suppr"),
        ("space", "Espace"),
        ("pageup", "Pg préc"),
        ("pagedown", "Pg suiv"),
        ("home", "Début"),
        ("end", "Fin"),
        ("shift+tab", "Maj+Tab"),
        ("ctrl+pagedown", "^Pg suiv"),
        ("ctrl+p", "^p"),
        ("up", "↑"),
        ("down", "↓"),
        ("alt+1", "Alt+1"),
        ("f2", "f2"),
    ],
)
def test_key_names_in_french(key: str, french: str) -> None:
    assert key_display(key, Translator("fr")) == french


async def test_a_range_typed_high_to_low_is_stored_low_to_high(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    from workbench.ui.scoring.range_dialog import RangeDialog

    team_id, programme_id = "team-ecommerce-content", "aws-aif-c01"
    app = make_app(sample_repo)
    app.state.team_id, app.state.programme_id = team_id, programme_id
    app.state.tab = "scoring"
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.screen.query("#scoring-body"))
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, RangeDialog))
        await pilot.press("4", "-", "2", "enter")

        def rating() -> tuple[int | None, int | None] | None:
            found = Repository(sample_repo.path).assessment_for(team_id, programme_id)
            if found is None:
                return None
            stored = found.rating("claire", "business_impact")
            return (stored.low, stored.high) if stored is not None else None

        await wait_until(pilot, lambda: rating() == (2, 4))
        await wait_for_text(pilot, "2-4")


@pytest.mark.parametrize("key", ["enter", "escape", "shift+tab", "ctrl+pagedown", "delete", "home"])
def test_english_key_names_are_textuals(key: str) -> None:
    from textual.app import App
    from textual.binding import Binding

    assert key_display(key, Translator("en")) == App().get_key_display(Binding(key, ""))
