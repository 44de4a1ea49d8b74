"""The conflict dialog, driven by keys: the rest of the edit is saved with the choice made.

A colleague renames the team while the form is open; the form also changes the department
and the headcount and clears the metric. Whichever name is kept, the file ends with the
form's other changes and the colleague's own."""

from __future__ import annotations

import orjson
import pytest
from textual.widgets import Input, RadioButton, RadioSet, TabbedContent

from tests.conftest import AppFactory
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.pilot_changes import revalidated
from workbench.core.team import Team
from workbench.storage.errors import ConflictError
from workbench.storage.repository import Repository
from workbench.ui.dialogs.conflict_dialog import ConflictDialog
from workbench.ui.teams.form import TeamForm
from workbench.ui.teams.pane import TeamsPane

TEAM = "team-ecommerce-content"
KEYS = {"mine": ["enter"], "theirs": ["down", "enter"]}
"""Enter picks the highlighted option; the dialog opens with "yours" highlighted."""


@pytest.mark.parametrize("keep", list(KEYS))
async def test_either_choice_keeps_the_rest_of_the_edit(
    sample_repo: Repository, make_app: AppFactory, keep: str
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: app.screen.query_one(TabbedContent).active == "teams")
        teams = app.screen.query_one("#teams-pane", TeamsPane)
        await wait_until(pilot, lambda: teams.table.move_to(TEAM))
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        form = app.screen
        for field, value in (
            ("name", "Product copy team"),
            ("department", "Digital"),
            ("headcount", "9"),
            ("metric", ""),
        ):
            form.query_one(f"#field-{field}", Input).value = value
        Repository(sample_repo.path, author="alice@there").update(
            Team,
            TEAM,
            lambda t: revalidated(
                t, name="Content studio", objective=revalidated(t.objective, target=150.0)
            ),
        )
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        await wait_for_text(pilot, "alice@there saved at")
        dialog = app.screen
        for radio_set in dialog.query(RadioSet):
            highlighted = radio_set.query(".-selected").only_one(RadioButton)
            assert highlighted.value, "the highlight starts on the option chosen"
            assert str(highlighted.id).endswith("-yours")
        await pilot.press(*KEYS[keep])
        chosen = "theirs" if keep == "theirs" else "yours"
        await wait_until(
            pilot, lambda: dialog.query_one(f"#conflict-0-{chosen}", RadioButton).value
        )
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, (ConflictDialog, TeamForm)))
        stored = Repository(sample_repo.path).team(TEAM)
        name = "Product copy team" if keep == "mine" else "Content studio"
        assert stored.name == name
        assert (stored.department, stored.headcount) == ("Digital", 9)
        assert stored.objective.metric is None
        assert stored.objective.target == 150.0  # the colleague's other change


async def test_the_meta_record_is_shown_inert(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """An OSC 52 sequence put in ``_meta.last_write_at`` (and a title change in the writer's
    name) never reaches the screen: the writer shows inert, the time as unknown."""
    osc52, title = "\x1b]52;c;cHduZWQ=\x07", "\x1b]2;PWNED\x07"
    bob = Repository(sample_repo.path, author="bob@here")
    original = bob.team(TEAM)
    Repository(sample_repo.path, author="alice@there").update(
        Team, TEAM, lambda t: revalidated(t, name="Content studio")
    )
    data = orjson.loads(sample_repo.path.read_bytes())
    data["_meta"]["1"].update(last_write_at=osc52, last_writer=f"mallory{title}")
    sample_repo.path.write_bytes(orjson.dumps(data))
    with pytest.raises(ConflictError) as caught:
        bob.save_edit(original, revalidated(original, name="Mine"))
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        app.push_screen(ConflictDialog(caught.value))
        shown = await wait_for_text(pilot, "saved at an unknown time")
        assert "mallory␛]2;PWNED␇" in shown
        assert "\x1b" not in shown
        assert "\x07" not in shown
        assert "\x1b" not in app._updated_message(sample_repo.last_write())
