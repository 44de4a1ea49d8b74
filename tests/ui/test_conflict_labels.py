"""The conflict dialog names every field of every kind of record in the user's language.

The conflicts are real: two ``Repository`` instances on one data file, the second saving
an edit of a version the first one changed meanwhile."""

from __future__ import annotations

import typing
from datetime import date

import pytest
from pydantic import BaseModel
from textual.pilot import Pilot as TextualPilot

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_until
from workbench.core.catalogue import Programme
from workbench.core.pilot import Measurement, Pilot
from workbench.core.pilot_changes import record_measurement, remove_kpi, revalidated
from workbench.core.team import Team
from workbench.i18n import Translator, catalogue
from workbench.storage.errors import ConflictError
from workbench.storage.repository import Repository
from workbench.storage.schema import MODELS
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.conflict_dialog import ConflictDialog, field_label
from workbench.ui.main_screen import MainScreen
from workbench.ui.pilots.pane import PilotsPane

MANAGERS_PILOT = "pilot-managers-genai"
MANAGERS_TEAM = "team-industrial-managers"
KIND = {
    "programmes": "programme",
    "teams": "team",
    "assessments": "assessment",
    "pilots": "pilot",
    "rates": "rate",
    "diagnostics": "diagnostic",
}


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field a conflict can name: nested models field by field (as merged)."""
    paths = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        candidates = typing.get_args(annotation) or (annotation,)
        inner = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        if inner and typing.get_origin(annotation) is not list:
            paths += field_paths(inner[0], f"{prefix}{name}.")
        else:
            paths.append(prefix + name)
    return paths


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("table", list(MODELS))
def test_every_field_of_every_record_has_a_label(table: str, lang: str) -> None:
    messages = catalogue(lang)  # the language's own catalogue: no fallback to English
    kind = KIND[table]
    for path in field_paths(MODELS[table]):
        keys = (f"sharing.fields.{kind}.{path}", f"sharing.fields.common.{path}")
        assert any(key in messages for key in keys), f"{kind} {path} has no {lang} label"
        assert field_label(kind, path, Translator(lang)) != path


def conflict_of(save: typing.Callable[[], object]) -> ConflictError:
    with pytest.raises(ConflictError) as caught:
        save()
    return caught.value


def team_conflict(repo: Repository) -> ConflictError:
    mine = Repository(repo.path, author="claire@here")
    original = mine.team(MANAGERS_TEAM)
    Repository(repo.path, author="alice@there").update(
        Team,
        MANAGERS_TEAM,
        lambda t: revalidated(t, objective=revalidated(t.objective, target=5.0)),
    )
    edited = revalidated(original, objective=revalidated(original.objective, target=4.0))
    return conflict_of(lambda: mine.save_edit(original, edited))


def programme_conflict(repo: Repository) -> ConflictError:
    mine = Repository(repo.path, author="claire@here")
    original = next(iter(mine.snapshot().programmes.values()))
    Repository(repo.path, author="alice@there").update(
        Programme,
        original.id,
        lambda p: revalidated(p, provider="Their provider", renewal="yearly"),
    )
    edited = revalidated(original, provider="My provider", renewal="never")
    return conflict_of(lambda: mine.save_edit(original, edited))


def pilot_conflict(repo: Repository) -> ConflictError:
    mine = Repository(repo.path, author="claire@here")
    original = mine.pilot(MANAGERS_PILOT)
    later = Measurement(on=date(2026, 11, 20), value=4.8)
    Repository(repo.path, author="alice@there").update(
        Pilot,
        MANAGERS_PILOT,
        lambda p: revalidated(
            record_measurement(p, "kpi-mg-satisfaction", later), start_reason="Theirs"
        ),
    )
    edited = revalidated(remove_kpi(original, "kpi-mg-recommend"), start_reason="Mine")
    return conflict_of(lambda: mine.save_edit(original, edited))


CASES = {
    "team": (team_conflict, {"en": ["Objective: target"], "fr": ["Objectif : cible"]}),
    "programme": (
        programme_conflict,
        {"en": ["Provider", "Renewal"], "fr": ["Fournisseur", "Renouvellement"]},
    ),
    "pilot": (
        pilot_conflict,
        {
            "en": ["KPIs and their measurements", "Why it was started", "(4 measurements)"],
            "fr": ["Indicateurs et leurs mesures", "Raison du lancement", "(4 mesures)"],
        },
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", list(CASES))
async def test_a_real_conflict_shows_translated_labels(
    sample_repo: Repository, make_app: AppFactory, kind: str, lang: str
) -> None:
    make_conflict, expected = CASES[kind]
    conflict = make_conflict(sample_repo)
    assert conflict.kind == kind
    app = make_app(sample_repo, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ConflictDialog(conflict))
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        shown = screen_text(app)
        for text in expected[lang]:
            assert text in shown, text
        for clash in conflict.conflicts:
            assert f"\n{clash.field}\n" not in shown  # never the raw field name


def pane(app: WorkbenchApp) -> PilotsPane:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane("pilots")
    assert isinstance(found, PilotsPane)
    return found


async def open_kpis(pilot: TextualPilot[None], app: WorkbenchApp) -> None:
    await pilot.press("f6")
    await wait_until(pilot, lambda: pane(app).table.has_focus)
    pane(app).table.move_to(MANAGERS_PILOT)
    await pilot.press("enter", "2")
    await wait_until(pilot, lambda: pane(app).page.section == "kpis")


async def test_undo_after_a_colleagues_change_asks_field_by_field(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_kpis(pilot, app)
        pane(app).page.table().move_to("kpi-mg-recommend")
        await pilot.press("delete", "y")
        await wait_until(
            pilot, lambda: len(Repository(sample_repo.path).pilot(MANAGERS_PILOT).kpis) == 1
        )
        Repository(sample_repo.path, author="alice@there").update(
            Pilot,
            MANAGERS_PILOT,
            lambda p: record_measurement(
                p, "kpi-mg-satisfaction", Measurement(on=date(2026, 11, 20), value=4.8)
            ),
        )
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        assert "KPIs and their measurements" in screen_text(app)
        await pilot.press("ctrl+s")  # keep mine: the undone version, both KPIs back
        await wait_until(pilot, lambda: not isinstance(app.screen, ConflictDialog))
        await wait_until(
            pilot, lambda: len(Repository(sample_repo.path).pilot(MANAGERS_PILOT).kpis) == 2
        )
