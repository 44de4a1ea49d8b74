"""The Catalogue at 80x24 marks facts to re-check and filters them; Scoring's header says
how old they are (issue 20)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.test_catalogue import choose, highlight, line_with, pane, shown_ids
from tests.ui.waiting import wait_for_text, wait_until
from workbench.settings import Settings
from workbench.storage.repository import Repository
from workbench.ui.dialogs.picker import PickerDialog

AIGP = "iapp-aigp"


def age_aigp(repo: Repository) -> None:
    programme = repo.programme(AIGP)
    repo.save_programme(programme.model_copy(update={"checked_on": date(2026, 4, 1)}))


@pytest.mark.parametrize(
    ("lang", "said", "option"),
    [
        ("en", "facts checked 7 months ago", "To re-check"),
        ("fr", "faits vérifiés il y a 7 mois", "À revérifier"),
    ],
)
async def test_old_facts_are_marked_and_filtered_at_80x24(
    sample_repo: Repository, make_app: AppFactory, lang: str, said: str, option: str
) -> None:
    age_aigp(sample_repo)
    app = make_app(sample_repo, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: AIGP in shown_ids(app))
        shown = screen_text(app)
        assert line_with(shown, "(AIGP)").lstrip("│ ").startswith("◷")
        await choose(pilot, app, "#filter-status", 6)  # blank, 4 statuses, not retired, facts
        await wait_until(pilot, lambda: shown_ids(app) == [AIGP])
        assert pane(app).view.status == "old_facts"
        assert option in screen_text(app)
    async with make_app(sample_repo, lang=lang).run_test(size=(230, 50)) as pilot:
        await wait_until(pilot, lambda: AIGP in shown_ids(pilot.app))  # type: ignore[arg-type]
        await highlight(pilot, pilot.app, AIGP)  # type: ignore[arg-type]
        await wait_for_text(pilot, said)  # the detail panel, by its date checked


async def test_the_limit_comes_from_the_settings(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    age_aigp(sample_repo)
    app = make_app(sample_repo, settings=Settings(facts_max_age_days=400))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: AIGP in shown_ids(app))
        assert "◷" not in screen_text(app)


async def test_scoring_says_how_old_the_facts_are(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    age_aigp(sample_repo)
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: AIGP in shown_ids(app))
        await highlight(pilot, app, AIGP)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))  # the team
        await pilot.press("enter")
        await wait_for_text(pilot, "◷ facts checked 7 months ago")
