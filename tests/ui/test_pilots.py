"""Pilots tab, used as a person would: start a pilot from a verdict, record a measurement,
pass a gate, watch a warning appear and clear, undo, write the report."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.conftest import TODAY, AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.pilot import GateDecision, PhaseStatus
from workbench.core.pilot_metrics import warnings
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.start_pilot_dialog import StartPilotDialog
from workbench.ui.main_screen import MainScreen
from workbench.ui.pilots.gate_dialog import GateDialog
from workbench.ui.pilots.measurement_dialog import MeasurementDialog
from workbench.ui.pilots.pane import PilotsPane

ECOMMERCE = "pilot-ecommerce-ai-essentials"
MANAGERS = "pilot-managers-genai"


def pane(app: WorkbenchApp) -> PilotsPane:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane("pilots")
    assert isinstance(found, PilotsPane)
    return found


async def open_tab(pilot: Pilot[None], app: WorkbenchApp) -> None:
    await pilot.press("f6")
    await wait_until(pilot, lambda: pane(app).table.has_focus, what="the pilots list")


async def start_from_scoring(
    pilot: Pilot[None], app: WorkbenchApp, team_id: str, programme_id: str
) -> None:
    app.state.team_id, app.state.programme_id = team_id, programme_id
    await pilot.press("f4")
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    await wait_until(pilot, lambda: main.active_tab == "scoring")
    main.pane("scoring").refresh_data()
    await pilot.press("P")


def decide(app: WorkbenchApp, decision: GateDecision) -> None:
    app.screen.query_one("#field-decision", Select).value = decision.value


def new_pilot_of(repo: Repository, assessment_id: str):  # type: ignore[no-untyped-def]
    found = [p for p in repo.pilots() if p.assessment_id == assessment_id]
    return found[0] if found else None


async def test_the_list_shows_both_seed_stories(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_tab(pilot, app)
        shown = screen_text(app)
        managers = next(line for line in shown.splitlines() if "Industrial mana" in line)
        ecommerce = next(line for line in shown.splitlines() if "E-commerce cont" in line)
        assert "not yet" in managers  # no benefit valued: no ROI, never 0 or -100
        assert managers.rstrip().endswith("2")
        assert "32.3 %" in ecommerce
        assert ecommerce.rstrip().endswith("1")


async def test_filter_and_sort(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_tab(pilot, app)
        table = pane(app).table
        assert [row.key for row in table.rows] == [MANAGERS, ECOMMERCE]  # next due first
        await pilot.press("S")
        await wait_until(pilot, lambda: [r.key for r in table.rows] == [ECOMMERCE, MANAGERS])
        await pilot.press("slash", *"google")
        await wait_until(pilot, lambda: [r.key for r in table.rows] == [ECOMMERCE])
        await pilot.press("enter", "escape")
        await wait_until(pilot, lambda: len(table.rows) == 2, what="the filter cleared")


async def test_the_warnings_show_on_the_page(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_tab(pilot, app)
        await pilot.press("enter")
        shown = await wait_for_text(pilot, "2 warnings: Reaction level only")
        assert "1 Phases" in shown
        await pilot.press("6")
        shown = await wait_for_text(pilot, "Pilot was planned to end on 2026-09-30 (54 days ago)")
        await pilot.press("2")
        await wait_for_text(pilot, "Session satisfaction")
        await pilot.press("escape")
        await wait_until(pilot, lambda: pane(app).mode == "list")


async def test_the_pilots_warnings_are_a_badge_on_their_tab_not_a_toast(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, pilot_summary=True)
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "f6 Pilots ⚠ 3")
        assert len(app.screen_stack) == 1  # not a modal: the keys keep working
        assert not app.toasts
        await pilot.press("f9")  # a language switch recomposes: the badge is drawn again
        await wait_for_text(pilot, "f6 Pilotes ⚠ 3")
        assert "alerte" not in screen_text(app)


async def test_start_a_pilot_from_a_pilot_verdict_and_follow_it(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_from_scoring(pilot, app, "team-data-ml", "aws-mla-c01")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))  # asked first
        await pilot.press("y")
        await wait_until(pilot, lambda: new_pilot_of(sample_repo, "assess-dataml-mla"))
        started = new_pilot_of(sample_repo, "assess-dataml-mla")
        assert started.kpis[0].name == "lead time from validated model to production"
        await wait_until(
            pilot, lambda: pane(app).mode == "page" and pane(app).open_id == started.id
        )
        await wait_for_text(pilot, "Diagnose and scope")

        # diagnose gate: the baseline is the evidence, no reason needed
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, GateDialog))
        decide(app, GateDecision.GO)  # a gate starts undecided
        await pilot.press("tab", *"Baseline signed off", "enter")
        await wait_until(
            pilot,
            lambda: sample_repo.pilot(started.id).phases[0].status is PhaseStatus.DONE,
        )
        current = sample_repo.pilot(started.id)
        assert current.phases[0].gate is not None
        assert current.phases[0].gate.decided_by == "claire"
        assert current.phases[1].status is PhaseStatus.IN_PROGRESS

        # pilot gate without any measurement: refused until the user writes why
        await pilot.press("down", "g")
        await wait_until(pilot, lambda: isinstance(app.screen, GateDialog))
        decide(app, GateDecision.GO)
        await pilot.press("tab", *"Good feedback", "enter")
        await wait_for_text(pilot, "No KPI measurement in this phase yet: record one")
        assert sample_repo.pilot(started.id).phases[1].gate is None
        app.screen.query_one("#field-unmeasured_reason", Input).value = "no data export yet"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: sample_repo.pilot(started.id).phases[1].gate is not None)
        gate = sample_repo.pilot(started.id).phases[1].gate
        assert gate is not None
        assert gate.decision is GateDecision.GO
        assert gate.unmeasured_reason == "no data export yet"
        keys = [w.key for w in warnings(sample_repo.pilot(started.id), TODAY)]
        assert keys == ["gate_without_measurement"]
        await wait_for_text(pilot, "with no KPI measurement")

        # a measurement in two keystrokes plus the value: the warning clears
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeasurementDialog))
        await type_text(pilot, "38,5")
        await pilot.press("enter")
        await wait_until(pilot, lambda: sample_repo.pilot(started.id).kpis[0].measurements)
        [measurement] = sample_repo.pilot(started.id).kpis[0].measurements
        assert (measurement.on, measurement.value) == (TODAY, 38.5)
        assert warnings(sample_repo.pilot(started.id), TODAY) == []
        await wait_until(pilot, lambda: "Warnings (0)" in screen_text(app))

        # undo puts the measurement back out, and the warning returns
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: not sample_repo.pilot(started.id).kpis[0].measurements)
        await wait_for_text(pilot, "Warnings (1)")


async def test_another_verdict_asks_why_and_keeps_it(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await start_from_scoring(pilot, app, "team-legal-compliance", "iapp-aigp")
        await wait_until(pilot, lambda: isinstance(app.screen, StartPilotDialog))
        await pilot.press("enter")
        await wait_for_text(pilot, "Required")
        assert new_pilot_of(sample_repo, "assess-legal-aigp") is None
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, StartPilotDialog))
        assert new_pilot_of(sample_repo, "assess-legal-aigp") is None
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, StartPilotDialog))
        await type_text(pilot, "Regulator audit in March")
        await pilot.press("enter")
        await wait_until(pilot, lambda: new_pilot_of(sample_repo, "assess-legal-aigp"))
        started = new_pilot_of(sample_repo, "assess-legal-aigp")
        assert started.start_verdict == "investigate"
        assert started.start_reason == "Regulator audit in March"


async def test_an_assessment_with_a_pilot_opens_it(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        before = len(sample_repo.pilots())
        await start_from_scoring(pilot, app, "team-ecommerce-content", "google-ai-essentials")
        await wait_until(pilot, lambda: pane(app).open_id == ECOMMERCE)
        assert len(sample_repo.pilots()) == before


async def test_bad_input_is_refused_next_to_the_field(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        pane(app).open_pilot(ECOMMERCE, "kpis")
        await wait_until(pilot, lambda: pane(app).page.table("kpis").has_focus)
        before = sample_repo.pilot(ECOMMERCE)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeasurementDialog))
        await type_text(pilot, "lots")
        await pilot.press("tab", "ctrl+a")
        await type_text(pilot, "23/11/2026")
        await pilot.press("enter")
        shown = await wait_for_text(pilot, "is not a number")
        assert "Write the date as YYYY-MM-DD" in shown
        await pilot.press("escape")  # something was typed: asks before discarding it
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert sample_repo.pilot(ECOMMERCE) == before

        await pilot.press("c")
        await wait_until(pilot, lambda: app.screen.query("#field-label"))
        app.screen.query_one("#field-label", Input).value = "Travel"
        app.screen.query_one("#field-amount", Input).value = "120 USD"
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "This pilot counts in EUR, not USD")
        app.screen.query_one("#field-amount", Input).value = "120,50"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(sample_repo.pilot(ECOMMERCE).costs) == 6)
        assert str(sample_repo.pilot(ECOMMERCE).costs[-1].amount) == "120.50"


async def test_a_participant_expiring_soon_warns_until_renewed(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tab(pilot, app)
        pane(app).open_pilot(MANAGERS, "people")
        await wait_until(pilot, lambda: pane(app).page.table("people").has_focus)
        await pilot.press("a")
        await wait_until(pilot, lambda: app.screen.query("#field-name"))
        screen = app.screen
        screen.query_one("#field-name", Input).value = "Zoé Petit"
        screen.query_one("#field-expires_on", Input).value = "2027-01-10"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: any(p.name == "Zoé Petit" for p in sample_repo.pilot(MANAGERS).participants),
        )
        await pilot.press("6")
        await wait_for_text(pilot, "Zoé Petit's certification expires on 2027-01-10 (in 48 days)")
        zoe = next(p for p in sample_repo.pilot(MANAGERS).participants if p.name == "Zoé Petit")
        await pilot.press("3")
        await wait_until(pilot, lambda: pane(app).page.section == "people")
        assert pane(app).page.table("people").move_to(zoe.id)
        await wait_until(pilot, lambda: pane(app).page.table("people").cursor_key == zoe.id)
        await pilot.press("e")
        await wait_until(pilot, lambda: app.screen.query("#field-expires_on"))
        app.screen.query_one("#field-expires_on", Input).value = "2028-01-10"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: sample_repo.pilot(MANAGERS).participants[-1].expires_on.year == 2028,  # type: ignore[union-attr]
        )
        await pilot.press("6")
        await wait_for_text(pilot, "Warnings (2)")
        assert "Zoé Petit's certification" not in screen_text(app)


async def test_no_summary_when_nothing_needs_attention(
    empty_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(empty_repo, pilot_summary=True)
    async with app.run_test(notifications=True) as pilot:
        await open_tab(pilot, app)
        assert "No pilot yet" in screen_text(app)
        assert "Pilots ⚠" not in screen_text(app)
        assert not app.toasts


async def test_the_report_is_written_and_named(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("r")
        expected = tmp_path / "pilot-pilot-managers-genai-2026-11-23-fr.md"
        await wait_until(pilot, expected.exists)
        assert "Niveau réaction seulement" in expected.read_text(encoding="utf-8")
        await wait_for_text(pilot, "Rapport d’avancement écrit dans")


async def test_a_report_that_cannot_be_written_is_a_message(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    (tmp_path / "pilot-pilot-managers-genai-2026-11-23-en.md").mkdir()
    app = make_app(sample_repo)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("r")
        await wait_for_text(pilot, "Could not write the report")
