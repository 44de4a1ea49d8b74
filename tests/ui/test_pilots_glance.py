"""All pilots at a glance (issue 18, item 5): the totals in the list's header, and the
highlighted pilot's summary below the list."""

from __future__ import annotations

from tests.conftest import AppFactory
from tests.ui.test_pilots import open_tab, pane
from tests.ui.waiting import wait_for_text, wait_until
from workbench.settings import Settings
from workbench.storage.repository import Repository

MANAGERS = "pilot-managers-genai"
ECOMMERCE = "pilot-ecommerce-ai-essentials"


async def test_the_header_totals_and_the_highlighted_pilot(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        await wait_for_text(pilot, "2 pilots in EUR: budget 55,500 EUR · spent 13,352 EUR")
        await wait_for_text(pilot, "no exchange rate used")
        assert pane(app).table.cursor_key == MANAGERS
        await wait_for_text(pilot, "7,400 EUR of 38,500 EUR spent (19.2 %)")
        await wait_for_text(pilot, "planned to end 2026-09-30, 54 days late")
        await wait_for_text(pilot, "160.0 %")  # a KPI beyond its target
        await wait_for_text(pilot, "Pilot was planned to end on 2026-09-30 (54 days ago)")
        await pilot.press("down")
        await wait_until(pilot, lambda: pane(app).table.cursor_key == ECOMMERCE)
        await wait_for_text(pilot, "5,952 EUR of 17,000 EUR spent (35.0 %)")
        await wait_for_text(pilot, "71.3 %")
        await wait_for_text(pilot, "ends 2026-12-18, in 25 days")


async def test_the_glance_in_french(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        await wait_for_text(pilot, "2 pilotes en EUR : budget 55\u202f500 EUR")
        await wait_for_text(pilot, "7\u202f400 EUR dépensés sur 38\u202f500 EUR (19,2 %)")
        await wait_for_text(pilot, "fin prévue le 2026-09-30, 54 jours de retard")


async def test_the_header_totals_convert_each_pilot_at_its_stated_rate(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    dollars = sample_repo.pilot(ECOMMERCE).model_copy(update={"currency": "USD"})
    sample_repo.save_pilot(dollars)
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_tab(pilot, app)
        # 38,500 EUR + 17,000 USD x 0.92 = 54,140 EUR
        await wait_for_text(pilot, "2 pilots in EUR: budget 54,140 EUR")
        await wait_for_text(pilot, "USD converted at 0.92 EUR per USD, 2026-12-01, ECB")
    settings = Settings(currency="USD")
    app = make_app(sample_repo, settings=settings)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_tab(pilot, app)
        await wait_for_text(pilot, "2 pilots in USD: budget 58,847.83 USD")  # 38,500 / 0.92
        await wait_for_text(pilot, "EUR converted at 1.086957 USD per EUR")
