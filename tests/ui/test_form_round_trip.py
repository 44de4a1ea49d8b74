"""Opening a form and saving it without changes writes exactly what was there; a change to
one field changes that field only. Topics are split on commas only."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest
from textual.widgets import Input, Select, Static, TextArea

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.waiting import wait_until
from workbench.core.catalogue import Price, PriceBasis, PriceKind, Programme
from workbench.core.portfolio import pair_cost
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.catalogue.programme_fields import parse_topics
from workbench.ui.catalogue.programme_form import ProgrammeForm
from workbench.ui.main_screen import MainScreen
from workbench.ui.teams.form import TeamForm

INJECTION = "'; DROP TABLE teams; --"
ECOMMERCE = "team-ecommerce-content"


def raw_record(path: Path, table: str, record_id: str) -> dict[str, Any]:
    data = orjson.loads(path.read_bytes())
    [doc] = [doc for doc in data[table].values() if doc["id"] == record_id]
    return dict(doc)


def patch_raw(path: Path, table: str, record_id: str, **fields: Any) -> None:
    data = orjson.loads(path.read_bytes())
    for doc in data[table].values():
        if doc["id"] == record_id:
            doc.update(fields)
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))


def move_to(app: WorkbenchApp, tab: str, record_id: str) -> None:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    assert main.pane(tab).table.move_to(record_id)  # type: ignore[attr-defined]


def test_topics_split_on_commas_only() -> None:
    assert parse_topics(f"{INJECTION}, prompting ,, a;b") == [INJECTION, "prompting", "a;b"]


async def test_an_untouched_programme_form_keeps_every_value(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    saved = sample_repo.save_programme(
        Programme(name="Injection", provider="Acme", topics=[INJECTION, "prompting"])
    )
    patch_raw(sample_repo.path, "programmes", saved.id, audience="", platform="   ")
    before = raw_record(sample_repo.path, "programmes", saved.id)
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: move_to(app, "catalogue", saved.id) is None)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ProgrammeForm))
    after = raw_record(sample_repo.path, "programmes", saved.id)
    assert {key: after.get(key) for key in before} == before
    assert after["topics"] == [INJECTION, "prompting"]
    assert (after["audience"], after["platform"]) == ("", "   ")


async def test_changing_one_field_leaves_the_others(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    saved = sample_repo.save_programme(
        Programme(name="Injection", provider="Acme", topics=[INJECTION])
    )
    patch_raw(sample_repo.path, "programmes", saved.id, audience="")
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: move_to(app, "catalogue", saved.id) is None)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        notes = app.screen.query_one("#field-notes", TextArea)
        notes.focus()
        await type_text(pilot, "line one")
        await pilot.press("enter")
        await type_text(pilot, "line two")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ProgrammeForm))
    after = raw_record(sample_repo.path, "programmes", saved.id)
    assert after["notes"] == "line one\nline two"
    assert after["topics"] == [INJECTION]
    assert after["audience"] == ""


async def test_a_topic_typed_with_semicolons_stays_one_topic(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    saved = sample_repo.save_programme(Programme(name="Injection", provider="Acme"))
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: move_to(app, "catalogue", saved.id) is None)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        app.screen.query_one("#field-topics", Input).focus()
        await type_text(pilot, f"{INJECTION}, genai")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ProgrammeForm))
    assert Repository(sample_repo.path).programme(saved.id).topics == [INJECTION, "genai"]


async def test_an_untouched_team_form_keeps_every_value(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    patch_raw(sample_repo.path, "teams", ECOMMERCE, department="", name="  E-commerce  ")
    before = raw_record(sample_repo.path, "teams", ECOMMERCE)
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: move_to(app, "teams", ECOMMERCE) is None)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, TeamForm))
    after = raw_record(sample_repo.path, "teams", ECOMMERCE)
    assert after == before


@pytest.mark.parametrize("name", ["\u200b\u2060", "\u3164\u3164", "\u2800", "\u0301\u0302"])
async def test_an_invisible_name_is_refused_next_to_the_field(
    sample_repo: Repository, make_app: AppFactory, name: str
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: move_to(app, "teams", ECOMMERCE) is None)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        app.screen.query_one("#field-name", Input).value = name
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: (
                "only invisible characters" in str(app.screen.query_one("#error-name").render())
            ),
        )
    assert sample_repo.path.read_bytes() == before


async def open_programme_form(app: WorkbenchApp, pilot: Any, programme_id: str) -> ProgrammeForm:
    await wait_until(pilot, lambda: move_to(app, "catalogue", programme_id) is None)
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
    form = app.screen
    assert isinstance(form, ProgrammeForm)
    return form


async def test_an_untouched_price_basis_is_written_back_as_it_was(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    per_team = Price(kind=PriceKind.AMOUNT, amount=Decimal(900), currency="EUR", basis="team")
    seat = Price(kind=PriceKind.AMOUNT, amount=Decimal(90), currency="EUR")
    saved = [
        sample_repo.save_programme(Programme(name=name, provider="Acme", price=price))
        for name, price in (("Per team", per_team), ("Per seat", seat))
    ]
    before = [raw_record(sample_repo.path, "programmes", p.id) for p in saved]
    assert before[1]["price"].get("basis") is None
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        for programme in saved:
            await open_programme_form(app, pilot, programme.id)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not isinstance(app.screen, ProgrammeForm))
    after = [raw_record(sample_repo.path, "programmes", p.id) for p in saved]
    assert [{key: a.get(key) for key in b} for a, b in zip(after, before, strict=True)] == before


async def test_the_price_basis_is_chosen_in_the_form_and_checked(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    seat = Price(kind=PriceKind.AMOUNT, amount=Decimal(90), currency="EUR")
    unknown = sample_repo.save_programme(Programme(name="Unknown price", provider="Acme"))
    priced = sample_repo.save_programme(Programme(name="Priced", provider="Acme", price=seat))
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_programme_form(app, pilot, unknown.id)
        form.query_one("#field-price_basis", Select).value = "team"
        before = sample_repo.path.read_bytes()
        await pilot.press("ctrl+s")
        error = form.query_one("#error-price_basis", Static)
        await wait_until(pilot, lambda: "toute l'équipe demande un montant" in str(error.render()))
        assert isinstance(app.screen, ProgrammeForm)
        assert sample_repo.path.read_bytes() == before  # nothing written
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_programme_form(app, pilot, priced.id)
        form.query_one("#field-price_basis", Select).value = "team"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ProgrammeForm))
    price = Repository(sample_repo.path).programme(priced.id).price
    assert price.basis is PriceBasis.TEAM
    assert pair_cost(price, 7) == Decimal(90)  # the portfolio counts it once per team
    assert pair_cost(seat, 7) == Decimal(630)
