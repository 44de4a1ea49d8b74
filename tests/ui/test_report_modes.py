"""The app's memo, exports and pilot reports get the data file's access, as the command
line's do (``tests/cli/test_output_modes.py``)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.conftest import AppFactory
from tests.ui.test_pilots import open_tab
from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.dialogs.export_dialog import ExportDialog


@pytest.fixture(autouse=True)
def private_file_and_umask_022(
    tmp_path: Path, sample_repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.chdir(tmp_path)
    sample_repo.path.chmod(0o600)
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_the_memo_is_private_like_the_data_file(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: app.screen.query_one("#teams-pane").has_focus_within)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        path = Path(app.screen.query_one("#export-path", Input).value)
        await pilot.press("ctrl+s")
        await wait_until(pilot, path.exists, what="the memo")
        assert mode(path) == 0o600


async def test_the_pilot_report_is_private_like_the_data_file(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("r")
        expected = tmp_path / "pilot-pilot-managers-genai-2026-11-23-en.md"
        await wait_until(pilot, expected.exists, what="the report")
        assert mode(expected) == 0o600
