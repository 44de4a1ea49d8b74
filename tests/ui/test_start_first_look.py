"""The app draws its first screen from a look at the file (``Repository.first_look``) and
validates every record right after: a file that fails still ends the workbench with the
command line's message and exit code, and nothing is written (a real process in tmux)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import orjson
import pytest

from tests.ui.screen import screen_text
from tests.ui.test_real_terminal import tmux
from tests.ui.waiting import wait_until
from workbench.cli import open_repository
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.main_screen import MainScreen


async def test_the_first_screen_shows_before_the_records_are_validated(
    sample_repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = open_repository(sample_repo.path, empty=False, look_only=True)
    assert repository.loaded is None
    app = WorkbenchApp(repository, today=date(2026, 11, 23), watch_interval=0)
    shown_then: list[str] = []
    load = repository.snapshot

    def snapshot() -> object:
        if repository.loaded is None:
            shown_then.append(screen_text(app))
        return load()

    monkeypatch.setattr(repository, "snapshot", snapshot)
    async with app.run_test() as pilot:
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        await wait_until(pilot, lambda: repository.loaded is not None)
        await wait_until(pilot, lambda: main.seen is repository.loaded)
        assert "AI Foundations" in shown_then[0]  # the rows were there before
        assert app.start_error is None


WORKBENCH = Path(sys.executable).parent / "workbench"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_an_invalid_assessment_ends_the_app_with_the_message(tmp_path: Path) -> None:
    data = tmp_path / "wb.json"
    open_repository(data, empty=False)
    raw = orjson.loads(data.read_bytes())
    raw["assessments"][next(iter(raw["assessments"]))]["team_id"] = 7
    data.write_bytes(orjson.dumps(raw))
    before = data.read_bytes()
    expected = subprocess.run(
        [str(WORKBENCH), "--db", str(data), "check"], capture_output=True, text=True
    )
    assert expected.returncode == 1
    errors, code = tmp_path / "stderr.txt", tmp_path / "code.txt"
    command = (
        f"env TERM=xterm-256color TEXTUAL_ANIMATIONS=none WORKBENCH_CONFIG={tmp_path / 'c.json'} "
        f"WORKBENCH_STATE={tmp_path / 'state'} {WORKBENCH} --db {data} 2>{errors}; "
        f"echo $? >{code}; sleep 30"
    )
    name = f"first-look-{uuid.uuid4().hex[:8]}"
    tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)
    try:
        deadline = time.monotonic() + 60
        while not code.exists() or not code.read_text():
            assert time.monotonic() < deadline, tmux("capture-pane", "-p", "-t", name)
            time.sleep(0.1)
    finally:
        tmux("kill-session", "-t", name, check=False)
    assert code.read_text().strip() == "2"
    message = errors.read_text()
    assert "fails validation" in message
    assert "team_id" in message
    assert "Traceback" not in message
    assert data.read_bytes() == before
    left = {p.name for p in tmp_path.iterdir() if p.name.startswith(("wb.json", ".wb.json"))}
    assert left <= {"wb.json", "wb.json.lock"}  # no backup, no temp file
    assert not [p for p in (tmp_path / "state").rglob("*") if p.is_file()]  # no journal left
