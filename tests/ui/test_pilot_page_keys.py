"""The pilot page keeps its place and opens what its footer says."""

from __future__ import annotations

from textual.widgets import Select

from tests.conftest import AppFactory
from tests.ui.test_pilots import MANAGERS, open_tab, pane
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.dialogs.phase_dialog import PhaseDialog
from workbench.ui.pilots.gate_dialog import GateDialog


async def test_f9_keeps_the_pilot_page_and_its_section(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        pane(app).table.move_to(MANAGERS)
        await pilot.press("enter")
        await wait_until(pilot, lambda: pane(app).mode == "page")
        await pilot.press("3")
        await wait_until(pilot, lambda: pane(app).page.section == "people")
        await pilot.press("f9")
        await wait_until(pilot, lambda: app.i18n.lang == "fr")
        await wait_until(pilot, lambda: pane(app).mode == "page")
        assert pane(app).open_id == MANAGERS
        assert pane(app).page.section == "people"
        await wait_until(pilot, lambda: pane(app).page.table().has_focus)


async def test_enter_on_a_phase_opens_it_and_a_gate_starts_undecided(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        pane(app).table.move_to(MANAGERS)
        await pilot.press("enter")
        await wait_until(pilot, lambda: pane(app).mode == "page")
        await wait_until(pilot, lambda: pane(app).page.table("phases").has_focus)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PhaseDialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, PhaseDialog))
        undecided = next(p.kind for p in sample_repo.pilot(MANAGERS).phases if p.gate is None)
        pane(app).page.table("phases").move_to(undecided.value)
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, GateDialog))
        decision = app.screen.query_one("#field-decision", Select)
        assert decision.value is Select.NULL
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: "Choose" in str(app.screen.query_one("#error-decision").render())
        )
        assert sample_repo.pilot(MANAGERS).phase(undecided).gate is None
