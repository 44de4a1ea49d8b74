"""Forms and dialogs behave alike: Esc asks before losing changes, ctrl+s saves, the
focus goes to the first wrong field, nothing typed is lost or lands in the wrong field."""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.test_scoring import NEW_PAIR, open_on, stored
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.catalogue.programme_form import ProgrammeForm
from workbench.ui.dialogs.base import Dialog
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.keymap import character_key
from workbench.ui.scoring.weights_dialog import WeightsDialog
from workbench.ui.teams.form import TeamForm


def burst(app: App[object], typed: str) -> None:
    """Send every key at once, as a fast typist or a paste does: ``\\t`` is Tab."""
    for character in typed:
        if character == "\t":
            key = events.Key("tab", "\t")
        else:
            key = events.Key(character_key(character) if character != " " else "space", character)
        key.set_sender(app)
        app.post_message(key)


def value(app: App[object], selector: str) -> str:
    return app.screen.query_one(selector, Input).value


async def open_dialog(
    pilot: Pilot[object], *keys: str, kind: type[Dialog[object]]
) -> Dialog[object]:
    app = pilot.app
    await pilot.press(*keys)
    await wait_until(pilot, lambda: isinstance(app.screen, kind), what=kind.__name__)
    await wait_until(pilot, lambda: app.focused is not None)
    dialog = app.screen
    assert isinstance(dialog, Dialog)
    return dialog


async def test_keys_typed_ahead_land_in_their_own_fields(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await pilot.press("alt+1")
        form = await open_dialog(pilot, "n", kind=ProgrammeForm)
        form.query_one("#field-price_note").focus()
        await wait_until(pilot, lambda: app.focused is form.query_one("#field-price_note"))
        burst(app, "note1\tPrompting, Sales\t")
        await wait_until(pilot, lambda: value(app, "#field-topics") == "Prompting, Sales")
        assert value(app, "#field-price_note") == "note1"
        assert app.focused is form.query_one("#field-status")


async def test_a_burst_from_the_first_field_of_the_team_form(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.tab = "teams"
    async with app.run_test() as pilot:
        burst(app, "n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        burst(app, "Acme\tSales team\t12\t")
        await wait_until(pilot, lambda: value(app, "#field-headcount") == "12")
        assert value(app, "#field-name") == "Acme"
        assert value(app, "#field-department") == "Sales team"


@pytest.mark.parametrize("which", ["team", "programme", "weights", "reason"])
async def test_esc_asks_before_discarding_changes_in_every_form(
    sample_repo: Repository, make_app: AppFactory, which: str
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test() as pilot:
        if which == "team":
            await pilot.press("alt+2")
            dialog = await open_dialog(pilot, "n", kind=TeamForm)
        elif which == "programme":
            await pilot.press("alt+1")
            dialog = await open_dialog(pilot, "n", kind=ProgrammeForm)
        elif which == "weights":
            dialog = await open_dialog(pilot, "w", kind=WeightsDialog)
        else:
            await pilot.press("4", "up")  # a reason needs an assessment
            dialog = await open_dialog(pilot, "enter", kind=ReasonDialog)
        # unchanged: Esc closes at once
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is not dialog)
        assert not isinstance(app.screen, ConfirmDialog)
        opener = {"team": "n", "programme": "n", "weights": "w", "reason": "enter"}[which]
        dialog = await open_dialog(pilot, opener, kind=type(dialog))
        await pilot.press("end", "1")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")  # keep editing: nothing lost
        await wait_until(pilot, lambda: app.screen is dialog)
        assert dialog.changed
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: not isinstance(app.screen, Dialog))


async def test_ctrl_s_saves_the_reason_and_the_weights(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test() as pilot:
        await pilot.press("4", "up")
        await open_dialog(pilot, "enter", kind=ReasonDialog)
        await type_text(pilot, "Big win")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: (
                stored(sample_repo, *NEW_PAIR).rating("claire", "business_impact").reason
                == "Big win"
            ),
        )
        dialog = await open_dialog(pilot, "w", kind=WeightsDialog)
        first = dialog.query(Input).first()
        first.focus()
        await pilot.press("end", "backspace", "backspace", "2", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, WeightsDialog))


async def test_focusing_a_field_keeps_its_text_and_the_focus_goes_to_the_first_error(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.tab = "teams"
    async with app.run_test() as pilot:
        form = await open_dialog(pilot, "e", kind=TeamForm)
        shown = value(app, "#field-name")
        assert shown in {t.name for t in sample_repo.teams()}
        await pilot.press("tab", "shift+tab")  # back into the name: its text is not selected
        await wait_until(pilot, lambda: app.focused is form.query_one("#field-name"))
        await pilot.press("x")
        assert value(app, "#field-name") in {shown + "x", "x" + shown}
        headcount = form.query_one("#field-headcount", Input)
        headcount.value = "many"
        form.query_one("#field-baseline", Input).value = "abc"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.focused is headcount)
        assert isinstance(app.screen, TeamForm)
        assert all(t.name != shown + "x" for t in Repository(sample_repo.path).teams())


def test_every_dialog_with_fields_shares_the_base() -> None:
    for form in (TeamForm, ProgrammeForm, WeightsDialog, ReasonDialog):
        assert issubclass(form, Dialog)
