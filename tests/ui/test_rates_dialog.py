"""The exchange rates dialog, through the keyboard: open (c in the Catalogue, or the palette),
add, edit, refuse a bad rate beside its field, delete after a question."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.conftest import TODAY, AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import palette_offers, wait_for_text, wait_until
from workbench.core.money import Rate
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.rates_dialog import RateForm, RatesDialog

HOSTILE_SOURCE = "[@click=app.quit]ECB[/] \x1b[31m"


def stored(repo: Repository) -> dict[tuple[str, str], tuple[Decimal, date, str]]:
    return {r.pair: (r.rate, r.on, r.source) for r in Repository(repo.path).rates()}


async def open_rates(pilot: Pilot[Any]) -> RatesDialog:
    await wait_until(pilot, lambda: pilot.app.focused is not None)
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, RatesDialog))
    dialog = pilot.app.screen
    assert isinstance(dialog, RatesDialog)
    return dialog


async def fill(pilot: Pilot[Any], form: RateForm, values: dict[str, str]) -> None:
    for key, text in values.items():
        field = form.query_one(f"#field-{key}", Input)
        field.value = ""
        field.focus()
        await type_text(pilot, text)


async def test_add_a_rate_from_the_catalogue(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_rates(pilot)
        shown = await wait_for_text(pilot, "USD  EUR  0.92")
        assert "GBP  EUR  1.17        2026-12-01 ECB reference rate" in shown
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RateForm))
        form = app.screen
        assert isinstance(form, RateForm)
        assert form.query_one("#field-on", Input).value == TODAY.isoformat()
        await fill(pilot, form, {"from": "chf", "to": "eur", "rate": "1,065", "source": "BNS"})
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is dialog)
        await wait_for_text(pilot, "CHF  EUR  1.065")
        assert stored(sample_repo)[("CHF", "EUR")] == (Decimal("1.065"), TODAY, "BNS")


async def test_a_bad_rate_is_refused_beside_its_field_and_nothing_is_written(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_rates(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RateForm))
        form = app.screen
        assert isinstance(form, RateForm)
        await fill(pilot, form, {"from": "EUR", "to": "eur", "rate": "0", "source": "x"})
        await pilot.press("ctrl+s")
        rate_error = form.query_one("#error-rate", Static)
        await wait_until(pilot, lambda: "more than 0" in str(rate_error.render()))
        assert isinstance(app.screen, RateForm)
        await fill(pilot, form, {"rate": "1"})
        await pilot.press("ctrl+s")
        to_error = form.query_one("#error-to", Static)
        await wait_until(pilot, lambda: "two different currencies" in str(to_error.render()))
        await fill(pilot, form, {"to": "EURO", "rate": "abc"})
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: "is not a number" in str(form.query_one("#error-rate", Static).render())
        )
        assert isinstance(app.screen, RateForm)
    assert sample_repo.path.read_bytes() == before


async def test_edit_then_delete_a_rate_after_a_question(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_rates(pilot)
        await wait_for_text(pilot, "GBP  EUR  1.17")
        assert dialog.current is not None
        assert dialog.current.pair == ("GBP", "EUR")  # by pair: GBP before USD
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RateForm))
        form = app.screen
        assert isinstance(form, RateForm)
        assert form.query_one("#field-rate", Input).value == "1.17"
        await fill(pilot, form, {"rate": "1.1712", "source": HOSTILE_SOURCE})
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is dialog)
        shown = await wait_for_text(pilot, "GBP  EUR  1.1712")
        assert "[@click=app.quit]ECB[/]" in shown  # shown as typed, never as markup
        assert "\x1b" not in shown
        assert stored(sample_repo)[("GBP", "EUR")][0] == Decimal("1.1712")

        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")  # no: nothing happens
        await wait_until(pilot, lambda: app.screen is dialog)
        assert ("GBP", "EUR") in stored(sample_repo)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: ("GBP", "EUR") not in stored(sample_repo))
        await wait_until(pilot, lambda: "GBP  EUR" not in screen_text(app))
        assert ("USD", "EUR") in stored(sample_repo)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RatesDialog))


async def test_the_palette_opens_the_rates_and_a_stale_rate_is_marked(
    empty_repo: Repository, make_app: AppFactory
) -> None:
    old = TODAY - timedelta(days=45)
    empty_repo.save_rate(Rate(from_="USD", to="EUR", rate=Decimal("0.9"), on=old, source="ECB"))
    app = make_app(empty_repo, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "Taux de change")
        await wait_until(pilot, lambda: palette_offers(app, "Taux de change"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RatesDialog))
        shown = await wait_for_text(pilot, "USD  EUR  0,9")
        assert "⚠ plus de 30 jours" in shown


async def test_no_rate_yet_says_how_to_add_one(
    empty_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(empty_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_rates(pilot)
        await wait_for_text(pilot, "No exchange rate yet: a adds one")
