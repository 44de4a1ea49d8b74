"""The app draws its first screen from a look at the file (``Repository.first_look``) and
validates every record right after: a file that fails still ends the workbench with the
command line's message and exit code, and nothing is written (a real process in tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import orjson
import pytest

from workbench.cli import open_repository

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

WORKBENCH = Path(sys.executable).parent / "workbench"
SOCKET = f"workbench-first-look-{os.getpid()}"


def tmux(*args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, timeout=30
    )
    return done.stdout


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
        tmux("kill-server", check=False)
    assert code.read_text().strip() == "2"
    message = errors.read_text()
    assert "fails validation" in message
    assert "team_id" in message
    assert "Traceback" not in message
    assert data.read_bytes() == before
    left = {p.name for p in tmp_path.iterdir() if p.name.startswith(("wb.json", ".wb.json"))}
    assert left <= {"wb.json", "wb.json.lock"}  # no backup, no temp file
