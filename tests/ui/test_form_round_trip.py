"""Opening a form and saving it without changes writes exactly what was there; a change to
one field changes that field only. Topics are split on commas only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from textual.widgets import Input, TextArea

from tests.conftest import AppFactory
from tests.ui.waiting import wait_until
from workbench.core.catalogue import Programme
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.programme_form import ProgrammeForm, parse_topics
from workbench.ui.dialogs.team_form import TeamForm
from workbench.ui.main_screen import MainScreen

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
        await pilot.press(*"line one", "enter", *"line two")
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
        await pilot.press(*f"{INJECTION}, genai")
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


async def test_a_control_character_typed_in_a_name_is_refused_next_to_the_field(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: move_to(app, "teams", ECOMMERCE) is None)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        app.screen.query_one("#field-name", Input).value = "\u200b\u2060"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: (
                "only invisible characters" in str(app.screen.query_one("#error-name").render())
            ),
        )
    assert sample_repo.path.read_bytes() == before
