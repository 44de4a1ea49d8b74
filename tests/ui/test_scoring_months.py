"""Scoring: c sets the months of subscription the assessment counts (issue 18, item 1):
validated beside the field, saved, shown in the cost line, undone and redone."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.test_scoring import open_on, stored
from tests.ui.waiting import palette_offers, wait_for_text, wait_until
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.months_dialog import MonthsDialog, parse_months

PAIR = ("team-ecommerce-content", "google-ai-essentials")


def test_parse_months() -> None:
    assert parse_months(" 3 ") == 3
    assert parse_months("") is None
    for bad, why in (("3.5", "format"), ("trois", "format"), ("0", "range"), ("121", "range")):
        with pytest.raises(ValueError, match=f"^{why}$"):
            parse_months(bad)


async def refused_then_saved(
    pilot: Pilot[None], app: WorkbenchApp, key: str, bad: str, good: str, path: Path
) -> None:
    """``key`` opens the months dialog; ``bad`` is refused beside the field with nothing
    written; ``good`` closes it."""
    before = path.read_bytes()
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(app.screen, MonthsDialog))
    field = app.screen.query_one("#months", Input)
    field.value = bad
    await pilot.press("enter")
    error = app.screen.query_one("#months-error", Static)
    await wait_until(pilot, lambda: "From 1 to 120 months" in str(error.render()))
    assert path.read_bytes() == before
    field.value = good
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, MonthsDialog))


async def test_c_sets_the_months_and_undo_puts_them_back(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *PAIR)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_text(pilot, "6 seats × 49 USD / month × 3 months = 882 USD  (c: months)")
        await refused_then_saved(pilot, app, "c", "200", "5", sample_repo.path)
        await wait_for_text(pilot, "6 seats × 49 USD / month × 5 months = 1,470 USD")
        await wait_until(pilot, lambda: stored(sample_repo, *PAIR).months == 5)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: stored(sample_repo, *PAIR).months is None)
        await wait_for_text(pilot, "× 3 months = 882 USD")
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: stored(sample_repo, *PAIR).months == 5)
        assert "× 5 months = 1,470 USD" in screen_text(app)


async def test_the_palette_offers_the_months_in_french(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="fr")
    open_on(app, *PAIR)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_text(pilot, "6 places × 49 USD / mois × 3 mois = 882 USD  (c : mois)")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "mois d’abonnement")
        await wait_until(pilot, lambda: palette_offers(app, "Notation : mois d’abonnement"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MonthsDialog))
        app.screen.query_one("#months", Input).value = "x"
        await pilot.press("enter")
        error = app.screen.query_one("#months-error", Static)
        await wait_until(pilot, lambda: "Un nombre entier de mois" in str(error.render()))
