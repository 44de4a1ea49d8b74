"""Pilots tab: edit and delete KPIs, participants, costs and benefits, correct or remove a
measurement, as a person would; and the same keys read-only, where nothing is written."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import TODAY, AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_until
from workbench.core.pilot_report import pilot_report
from workbench.i18n import Translator
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.kpi_dialog import KpiDialog
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.main_screen import MainScreen
from workbench.ui.pilots.benefit_dialog import BenefitDialog
from workbench.ui.pilots.cost_dialog import CostDialog
from workbench.ui.pilots.measurement_dialog import MeasurementDialog
from workbench.ui.pilots.pane import WRITES, PilotsPane

ECOMMERCE = "pilot-ecommerce-ai-essentials"
MANAGERS = "pilot-managers-genai"
SECTIONS = ("phases", "kpis", "people", "money")


def pane(app: WorkbenchApp) -> PilotsPane:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane("pilots")
    assert isinstance(found, PilotsPane)
    return found


async def open_page(pilot: Pilot[None], app: WorkbenchApp, pilot_id: str, section: str) -> None:
    await pilot.press("f6")
    await wait_until(pilot, lambda: pane(app).table.has_focus, what="the pilots list")
    pane(app).table.move_to(pilot_id)
    await pilot.press("enter")
    await wait_until(pilot, lambda: pane(app).mode == "page")
    await pilot.press(str(SECTIONS.index(section) + 1))
    await wait_until(pilot, lambda: pane(app).page.section == section)


async def highlight(pilot: Pilot[None], app: WorkbenchApp, key: str) -> None:
    table = pane(app).page.table()
    table.move_to(key)
    await wait_until(pilot, lambda: table.cursor_key == key, what=f"row {key}")


async def set_field(pilot: Pilot[None], app: WorkbenchApp, name: str, text: str) -> None:
    field = app.screen.query_one(f"#field-{name}", Input)
    field.value = text
    await wait_until(pilot, lambda: field.value == text)


def question(app: WorkbenchApp) -> str:
    """The open question's text, whatever the width it wraps at."""
    return " ".join(str(w.render()) for w in app.screen.query(".dialog-message"))


def report(repo: Repository, pilot_id: str) -> str:
    return pilot_report(
        Repository(repo.path).pilot(pilot_id),
        team="T",
        programme="P",
        today=TODAY,
        i18n=Translator("en"),
    )


def stored(repo: Repository, pilot_id: str):  # type: ignore[no-untyped-def]
    """The pilot as a fresh reader of the file sees it."""
    return Repository(repo.path).pilot(pilot_id)


async def test_edit_a_kpi_keeps_its_measurements(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_page(pilot, app, MANAGERS, "kpis")
        await highlight(pilot, app, "kpi-mg-satisfaction")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, KpiDialog))
        assert app.screen.query_one("#field-target", Input).value == "4"
        await set_field(pilot, app, "target", "4,5")
        await set_field(pilot, app, "name", "Session satisfaction (/5)")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, KpiDialog))
        kpi = stored(sample_repo, MANAGERS).kpis[0]
        assert (kpi.name, kpi.target) == ("Session satisfaction (/5)", 4.5)
        assert [m.value for m in kpi.measurements] == [4.6, 4.7, 4.6]
        assert "Session satisfaction (/5)" in report(sample_repo, MANAGERS)


async def test_deleting_a_kpi_asks_says_how_many_measurements_and_can_be_undone(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_page(pilot, app, MANAGERS, "kpis")
        await highlight(pilot, app, "kpi-mg-satisfaction")
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Its 3 measurements are deleted with it." in question(app)
        await pilot.press("enter")  # the question starts on Cancel
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert len(stored(sample_repo, MANAGERS).kpis) == 2
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: len(stored(sample_repo, MANAGERS).kpis) == 1)
        assert [k.id for k in stored(sample_repo, MANAGERS).kpis] == ["kpi-mg-recommend"]
        assert "Session satisfaction" not in report(sample_repo, MANAGERS)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(stored(sample_repo, MANAGERS).kpis) == 2)
        assert len(stored(sample_repo, MANAGERS).kpis[0].measurements) == 3


async def test_correct_then_remove_a_measurement(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_page(pilot, app, ECOMMERCE, "kpis")
        await highlight(pilot, app, "kpi-ec-descriptions")
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        await pilot.press("enter")  # the latest first
        await wait_until(pilot, lambda: isinstance(app.screen, MeasurementDialog))
        assert app.screen.query_one("#field-value", Input).value == "97"
        await set_field(pilot, app, "value", "96,5")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: (
                [m.value for m in stored(sample_repo, ECOMMERCE).kpis[4].measurements][-1] == 96.5
            ),
        )
        assert len(stored(sample_repo, ECOMMERCE).kpis[4].measurements) == 4
        await pilot.press("V")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        await pilot.press("down", "enter")  # the one before the latest
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Remove the measurement of " in question(app)
        await pilot.press("y")
        await wait_until(
            pilot, lambda: len(stored(sample_repo, ECOMMERCE).kpis[4].measurements) == 3
        )
        assert [m.value for m in stored(sample_repo, ECOMMERCE).kpis[4].measurements] == [
            40.0,
            58.0,
            96.5,
        ]


async def test_edit_a_cost_delete_a_benefit_and_the_report_follows(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = report(sample_repo, ECOMMERCE)
    assert "Earlier go-live of the autumn range" in before
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_page(pilot, app, ECOMMERCE, "money")
        await highlight(pilot, app, "cost:cost-ec-pim")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, CostDialog))
        assert app.screen.query_one("#field-amount", Input).value == "600"
        await set_field(pilot, app, "amount", "750")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: stored(sample_repo, ECOMMERCE).costs[-1].total == 750)
        assert len(stored(sample_repo, ECOMMERCE).costs) == 5
        await highlight(pilot, app, "benefit:benefit-ec-early-sales")
        await pilot.press("enter")  # Enter on a money row edits it too
        await wait_until(pilot, lambda: isinstance(app.screen, BenefitDialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, BenefitDialog))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Delete the benefit “Earlier go-live of the autumn range”" in question(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: len(stored(sample_repo, ECOMMERCE).benefits) == 1)
    after = report(sample_repo, ECOMMERCE)
    assert "Earlier go-live of the autumn range" not in after
    assert "Prompt library set-up in the PIM" in after
    assert "750" in after
    assert after != before


async def test_remove_a_participant(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_page(pilot, app, ECOMMERCE, "people")
        first = stored(sample_repo, ECOMMERCE).participants[0]
        await highlight(pilot, app, first.id)
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert f"Remove {first.name} from this pilot?" in question(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: len(stored(sample_repo, ECOMMERCE).participants) == 5)
        assert first.id not in [p.id for p in stored(sample_repo, ECOMMERCE).participants]
        assert first.name not in report(sample_repo, ECOMMERCE)


async def test_french_delete_question(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test() as pilot:
        await open_page(pilot, app, MANAGERS, "kpis")
        await highlight(pilot, app, "kpi-mg-recommend")
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Ses 2 mesures sont supprimées avec lui." in question(app)
        assert "Annuler" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
    assert len(stored(sample_repo, MANAGERS).kpis) == 2


SECTION_KEYS = (
    ("kpis", ["m", "v", "V", "k", "e", "delete"]),
    ("people", ["a", "e", "d"]),
    ("money", ["c", "b", "e", "d"]),
    ("phases", ["g", "o", "j"]),
)


def listing(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


async def test_read_only_every_write_key_is_greyed_says_why_and_writes_nothing(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    path = sample_repo.path
    sample_repo.file.lock_path.unlink()
    before = listing(path.parent)
    app = make_app(Repository(path, read_only=True))
    seen: list[str] = []
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        real(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign, assignment]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_page(pilot, app, ECOMMERCE, "kpis")
        for section, keys in SECTION_KEYS:
            await pilot.press(str(SECTIONS.index(section) + 1))
            await wait_until(pilot, lambda s=section: pane(app).page.section == s)  # type: ignore[misc]
            offered = {b.binding.action: b.enabled for b in app.screen.active_bindings.values()}
            for action in WRITES & set(offered):
                assert offered[action] is False, action
            for key in keys:
                count = len(seen)
                await pilot.press(key)
                await wait_until(pilot, lambda c=count: len(seen) > c, what=f"why {key} is off")  # type: ignore[misc]
                assert "read-only" in seen[-1]
                assert len(app.screen_stack) == 1, key  # no form, no question
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: "read-only" in seen[-1])
        palette = {c.title for c in pane(app).palette_commands()}
        assert palette.isdisjoint(
            {"Pilot: record a measurement", "Pilot: delete the highlighted row"}
        )
        assert "Pilot: write the status report" in palette
    assert listing(path.parent) == before  # same bytes, same mtime, no lock file


async def test_k_and_j_on_a_page_add_a_kpi_and_write_a_note(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """The section tables move with the arrows only: k and j are the page's keys."""
    from workbench.ui.pilots.journal_dialog import JournalDialog

    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_page(pilot, app, MANAGERS, "kpis")
        await highlight(pilot, app, "kpi-mg-recommend")
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(app.screen, KpiDialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, KpiDialog))
        assert pane(app).page.table().cursor_key == "kpi-mg-recommend"
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalDialog))


async def test_read_only_starting_a_pilot_from_scoring_says_why_and_writes_nothing(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    path = sample_repo.path
    sample_repo.file.lock_path.unlink()
    before = listing(path.parent)
    app = make_app(Repository(path, read_only=True))
    app.state.team_id, app.state.programme_id = "team-data-ml", "aws-mla-c01"
    seen: list[str] = []
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        real(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign, assignment]
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: app.state.tab == "scoring")
        await pilot.press("P")
        await wait_until(pilot, lambda: any("--read-only" in m for m in seen))
        assert len(app.screen_stack) == 1
        assert app.state.tab == "scoring"
    assert len(Repository(path).snapshot().pilots) == 2
    assert listing(path.parent) == before


async def test_a_key_that_cannot_work_here_says_why(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    from workbench.core.pilot import Kpi, KpiLevel, Pilot
    from workbench.core.pilot_changes import save_kpi

    fresh = Kpi(
        id="kpi-new", name="Plant use cases", level=KpiLevel.BEHAVIOUR, baseline=0, target=5
    )
    sample_repo.update(Pilot, MANAGERS, lambda p: save_kpi(p, fresh))
    app = make_app(sample_repo)
    seen: list[str] = []
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        real(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign, assignment]
    async with app.run_test(notifications=True) as pilot:
        await open_page(pilot, app, MANAGERS, "kpis")
        await highlight(pilot, app, "kpi-new")
        offered = {b.binding.action: b.enabled for b in app.screen.active_bindings.values()}
        assert offered["correct_measurement"] is False
        assert offered["edit"] is True
        await pilot.press("v")
        await wait_until(pilot, lambda: any("has no measurement yet" in m for m in seen))
        assert len(app.screen_stack) == 1
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: any("Nothing to undo yet." in m for m in seen))
