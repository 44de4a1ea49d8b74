"""The import dialog says what a path names when it is not a file, and never waits on a
FIFO."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from tests.conftest import AppFactory
from tests.ui.test_reports import run_palette
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.dialogs.import_dialog import ImportDialog


async def checked(pilot: Pilot[None], source: Path) -> Static:
    """The import dialog opened from the palette, ``source`` checked: its summary."""
    await run_palette(pilot, "Import a file")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ImportDialog))
    pilot.app.screen.query_one("#import-path", Input).value = str(source)
    await pilot.press("enter")
    return pilot.app.screen.query_one("#import-summary", Static)


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda path: path.mkdir(), "is a folder"),
        (os.mkfifo, "is not a regular file"),
        (lambda path: None, "No file at"),
    ],
)
async def test_what_is_not_a_file_is_named(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path, make: object, said: str
) -> None:
    source = tmp_path / "incoming.csv"
    make(source)  # type: ignore[operator]
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        summary = await checked(pilot, source)
        await wait_until(pilot, lambda: said in str(summary.render()), what=said)
        assert app.screen.query_one("#import-now", Button).disabled


async def test_the_dialog_shows_each_field_a_catalogue_would_change(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    programme = sample_repo.programmes()[0]
    source = tmp_path / "vendor.csv"
    source.write_text(
        f"programme_id,programme,provider,renewal\n{programme.id},{programme.name},"
        f"{programme.provider},every two years\n",
        encoding="utf-8",
    )
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        summary = await checked(pilot, source)
        said = "→ every two years"
        await wait_until(pilot, lambda: said in str(summary.render()), what=said)
        assert "matched by id, updated" in str(summary.render())
        assert sample_repo.programme(programme.id).renewal != "every two years"


async def test_the_dialog_lists_a_changed_rating_and_writes_it(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    snapshot = sample_repo.snapshot()
    assessment = next(a for a in snapshot.assessments.values() if a.assessors)
    assessor = assessment.assessors[0]
    key, rating = next(
        (k, r) for k, r in assessment.ratings[assessor].items() if r.score is not None
    )
    assert rating.score is not None
    new = rating.score % 5 + 1
    programme = snapshot.programmes[assessment.programme_id]
    source = tmp_path / "grid.csv"
    source.write_text(
        "team_id,programme_id,programme,provider,assessor,criterion,score,reason\n"
        f'{assessment.team_id},{programme.id},"{programme.name}",{programme.provider},'
        f"{assessor},{key},{new},Edited in the spreadsheet\n",
        encoding="utf-8",
    )
    app = make_app(sample_repo)
    async with app.run_test(size=(140, 30)) as pilot:
        summary = await checked(pilot, source)
        said = f"{assessor}, {key}: {rating.score} → {new}"
        await wait_until(pilot, lambda: said in str(summary.render()), what=said)
        assert "ratings: 1 changed, 0 unchanged" in str(summary.render())
        assert not app.screen.query_one("#import-now", Button).disabled
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ImportDialog))
        stored = Repository(sample_repo.path).snapshot().assessments[assessment.id]
        assert stored.rating(assessor, key).score == new
        assert stored.rating(assessor, key).reason == "Edited in the spreadsheet"
