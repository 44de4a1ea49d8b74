"""Export, import and the decision memo from the app, as a user drives them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, Input

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.waiting import palette_offers, steady, wait_for_text, wait_until
from workbench.cli.checker import check_file
from workbench.exchange.export import export_json
from workbench.exchange.selection import select
from workbench.settings import Settings
from workbench.storage.repository import Repository
from workbench.ui.dialogs.export_dialog import ExportDialog
from workbench.ui.dialogs.import_dialog import ImportDialog


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # reports are offered in the current folder


async def run_palette(pilot: Pilot[Any], text: str) -> None:
    """Open the command palette, type ``text``, run the command found."""
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await type_text(pilot, text)
    await wait_until(pilot, lambda: palette_offers(pilot.app, text))
    await pilot.press("enter")


def exported(repo: Repository, path: Path, change: object = None) -> Path:
    from datetime import UTC, datetime

    content = export_json(select(repo.snapshot()), author="t", now=datetime.now(UTC))
    data = orjson.loads(content)
    if callable(change):
        change(data)
    path.write_bytes(orjson.dumps(data))
    return path


async def test_export_json_from_the_palette(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(notifications=True) as pilot:
        await run_palette(pilot, "Export the data")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.click("#format-json")
        field = app.screen.query_one("#export-path", Input)
        assert field.value == str(tmp_path / "workbench-2026-11-23.json")
        await pilot.press("ctrl+s")
        target = tmp_path / "workbench-2026-11-23.json"
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert check_file(target).ok
        await wait_for_text(pilot, "Written: workbench-2026-11-23.json")


async def test_export_csv_asks_before_replacing_a_file(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    target = tmp_path / "grid.csv"
    target.write_text("old", encoding="utf-8")
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        app.palette_commands()  # the commands are built in the app's language
        [command] = [c for c in app.palette_commands() if c.title.startswith("Export the data")]
        command.callback()
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await wait_for_text(pilot, "exists: press Write again")
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert target.read_text(encoding="utf-8").startswith("team_id,team,programme_id")


async def test_an_export_into_a_missing_folder_says_so_and_writes_nothing(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        [command] = [c for c in app.palette_commands() if c.title.startswith("Export the data")]
        command.callback()
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "no" / "x.csv")
        await pilot.press("enter")
        await wait_for_text(pilot, "does not exist")
        assert isinstance(app.screen, ExportDialog)


async def test_import_shows_the_dry_run_and_asks_before_writing(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    def bigger_hr(data: dict) -> None:  # type: ignore[type-arg]
        for team in data["teams"].values():
            if team["id"] == "team-hr":
                team["headcount"] = 42

    source = exported(sample_repo, tmp_path / "edited.json", bigger_hr)
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await run_palette(pilot, "Import a file")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportDialog))
        app.screen.query_one("#import-path", Input).value = str(source)
        assert app.screen.query_one("#import-now", Button).disabled
        await pilot.press("enter")
        await wait_for_text(pilot, "0 to add, 1 to update")
        assert sample_repo.path.read_bytes() == before  # the check wrote nothing
        assert not app.screen.query_one("#import-now", Button).disabled
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ImportDialog))
        assert Repository(sample_repo.path).team("team-hr").headcount == 42
        await wait_for_text(pilot, "Imported: 0 added, 1 updated")


async def test_an_import_with_a_bad_record_lists_it_and_cannot_be_written(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    def broken(data: dict) -> None:  # type: ignore[type-arg]
        for team in data["teams"].values():
            if team["id"] == "team-hr":
                team["headcount"] = 0

    source = exported(sample_repo, tmp_path / "broken.json", broken)
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        [command] = [c for c in app.palette_commands() if c.title.startswith("Import a file")]
        command.callback()
        await wait_until(pilot, lambda: isinstance(app.screen, ImportDialog))
        app.screen.query_one("#import-path", Input).value = str(source)
        await pilot.press("enter")
        text = await wait_for_text(pilot, "1 problem: nothing will be imported.")
        assert "(id team-hr) headcount" in text
        assert app.screen.query_one("#import-now", Button).disabled
        await pilot.press("ctrl+s")
        await steady(pilot)
        assert isinstance(app.screen, ImportDialog)
        assert sample_repo.path.read_bytes() == before


@pytest.mark.parametrize(
    ("tab", "expected"), [("f3", "memo-Data-and-ML-engineering-2026-11-23-en.md"), ("f4", None)]
)
async def test_the_memo_key_on_teams_and_scoring(
    sample_repo: Repository,
    make_app: AppFactory,
    tmp_path: Path,
    tab: str,
    expected: str | None,
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press(tab)
        pane = "#teams-pane" if tab == "f3" else "#scoring-pane"
        await wait_until(pilot, lambda: app.screen.query_one(pane).has_focus_within)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        path = Path(app.screen.query_one("#export-path", Input).value)
        if expected is not None:
            assert path == tmp_path / expected
        assert path.parent == tmp_path
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert path.read_text(encoding="utf-8").startswith("# Decision memo: ")
        await wait_for_text(pilot, "Written:")
        said = [n.message for n in app._notifications]
        assert f"Written: {path.name}\nin {tmp_path}" in said


async def test_the_memo_in_french_from_the_palette(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test() as pilot:
        [command] = [
            c for c in app.palette_commands() if c.title == "Note de décision d'une équipe"
        ]
        command.callback()
        await wait_for_text(pilot, "Industrial managers")
        await type_text(pilot, "Industrial")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("ctrl+s")
        target = tmp_path / "memo-Industrial-managers-2026-11-23-fr.md"
        await wait_until(pilot, target.exists)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Note de décision : Industrial managers")
        assert "Clarifier l'objectif d'abord." in text
        assert "Lancé alors que le verdict était ALTERNATIVES" in text
        assert "7\u202f400\u00a0EUR dépensés sur 8\u202f000\u00a0EUR" in text


async def test_a_file_already_imported_has_nothing_to_write(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    source = exported(sample_repo, tmp_path / "same.json")
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        [command] = [c for c in app.palette_commands() if c.title.startswith("Import a file")]
        command.callback()
        await wait_until(pilot, lambda: isinstance(app.screen, ImportDialog))
        app.screen.query_one("#import-path", Input).value = str(source)
        await pilot.press("enter")
        await wait_for_text(pilot, "Nothing to import")
        assert app.screen.query_one("#import-now", Button).disabled


async def test_the_memo_goes_to_the_reports_folder_setting(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "committee"
    folder.mkdir()
    app = make_app(sample_repo, settings=Settings(reports_folder=str(folder)))
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: app.screen.query_one("#teams-pane").has_focus_within)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        path = Path(app.screen.query_one("#export-path", Input).value)
        assert path.parent == folder
        await pilot.press("ctrl+s")
        await wait_until(pilot, path.exists)
        await wait_until(pilot, lambda: any(path.name in n.message for n in app._notifications))


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        (None, "6 seats × 49\u00a0USD / month × 3 months = 882\u00a0USD ≈ 811.44\u00a0EUR at 0.92"),
        ("usd", "All phases: 5,952\u00a0EUR ≈ 6,469.57\u00a0USD spent of 17,000\u00a0EUR"),
    ],
)
async def test_the_app_s_memo_counts_in_the_currency_setting(
    sample_repo: Repository, make_app: AppFactory, setting: str | None, said: str
) -> None:
    from tests.ui.test_scoring import open_on

    app = make_app(sample_repo, settings=Settings(currency=setting))
    open_on(app, "team-ecommerce-content", "google-ai-essentials")
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.screen.query_one("#scoring-pane").has_focus_within)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        path = Path(app.screen.query_one("#export-path", Input).value)
        await pilot.press("ctrl+s")
        await wait_until(pilot, path.exists)
        assert said in path.read_text(encoding="utf-8")
