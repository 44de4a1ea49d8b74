"""Prices as sold in the Catalogue: whole at 120 columns ("49 USD / seat / month"), short at
80 ("49 USD/mo", never cut to "49 USD"); the form edits the basis and the typical months."""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual.widgets import Input, Select, Static

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.test_form_round_trip import open_programme_form, raw_record
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.catalogue import Price, PriceBasis, PriceKind, Programme
from workbench.storage.repository import Repository
from workbench.ui.catalogue.programme_form import ProgrammeForm

ESSENTIALS = "google-ai-essentials"


def row_of(shown: str, name: str) -> str:
    lines = [line for line in shown.splitlines() if line.startswith(name)]
    assert lines, f"{name!r} not on the screen:\n{shown}"
    return lines[0]


def add_priced(repo: Repository) -> None:
    for name, basis, amount in (
        ("A yearly seat", PriceBasis.SEAT_YEAR, 300),
        ("A team workshop", PriceBasis.TEAM, 900),
    ):
        price = Price(kind=PriceKind.AMOUNT, amount=Decimal(amount), currency="EUR", basis=basis)
        repo.save_programme(Programme(name=name, provider="Acme", price=price))


@pytest.mark.parametrize(
    ("lang", "width", "expected"),
    [
        (
            "en",
            120,
            {
                "Google AI Essentials": "49 USD / seat / month",
                "AI-102 Azure AI Engineer": "165 USD / seat",
                "A yearly seat": "300 EUR / seat / year",
                "A team workshop": "900 EUR / team",
            },
        ),
        (
            "en",
            80,
            {
                "Google AI Essentials": "49 USD/mo",
                "AI-102 Azure AI Eng": "165 USD ",
                "A yearly seat": "300 EUR/yr",
                "A team workshop": "900 EUR/team",
            },
        ),
        (
            "fr",
            120,
            {
                "Google AI Essentials": "49 USD / place / mois",
                "A yearly seat": "300 EUR / place / an",
                "A team workshop": "900 EUR / équipe",
            },
        ),
        (
            "fr",
            80,
            {
                "Google AI Essentials": "49 USD/mois",
                "A yearly seat": "300 EUR/an",
                "A team workshop": "900 EUR/équipe",
            },
        ),
    ],
)
async def test_the_price_shows_whole_at_any_width(
    sample_repo: Repository,
    make_app: AppFactory,
    lang: str,
    width: int,
    expected: dict[str, str],
) -> None:
    add_priced(sample_repo)
    app = make_app(sample_repo, lang=lang)
    async with app.run_test(size=(width, 40)) as pilot:
        shown = await wait_for_text(pilot, "A team workshop")
        for name, price in expected.items():
            assert price in row_of(shown, name), (name, row_of(shown, name))
        essentials = row_of(shown, "Google AI Essentials")
        assert "49 USD " not in essentials.replace("49 USD / ", "")  # never cut to "49 USD"


async def test_the_form_edits_the_basis_and_the_typical_months(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_programme_form(app, pilot, ESSENTIALS)
        assert form.query_one("#field-price_basis", Select).value == "seat_month"
        months = form.query_one("#field-price_months", Input)
        assert months.value == "3"
        months.value = ""
        months.focus()
        await type_text(pilot, "6")
        form.query_one("#field-price_basis", Select).value = "seat_year"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ProgrammeForm))
        price = raw_record(sample_repo.path, "programmes", ESSENTIALS)["price"]
        assert price == {
            "kind": "amount",
            "amount": "49",
            "currency": "USD",
            "basis": "seat_year",
            "months": 6,
        }
        await wait_for_text(pilot, "49 USD / seat / year")
        assert "6 months (typical)" in screen_text(app)


async def test_months_without_a_subscription_are_refused_beside_the_field(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_programme_form(app, pilot, "microsoft-ai-102")
        months = form.query_one("#field-price_months", Input)
        months.focus()
        await type_text(pilot, "3")
        await pilot.press("ctrl+s")
        error = form.query_one("#error-price_months", Static)
        await wait_until(pilot, lambda: "que pour un abonnement" in str(error.render()))
        months.value = "0"
        form.query_one("#field-price_basis", Select).value = "seat_month"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: "1" in str(error.render()) and "abonnement" not in str(error.render())
        )
        assert isinstance(app.screen, ProgrammeForm)
    assert sample_repo.path.read_bytes() == before
