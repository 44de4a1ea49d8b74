"""Two assessors, each in a real terminal (tmux) on one data file, in a blind round: bob's
scores stay off ana's screen until the round opens, then both see it within seconds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.polling import poll_until
from workbench.cli import open_repository
from workbench.core.assessment import now_utc
from workbench.core.diagnostic import Diagnostic, Step

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

WORKBENCH = Path(sys.executable).parent / "workbench"
SOCKET = f"workbench-diagnostic-{os.getpid()}"
"""A tmux server of these tests' own: a person's sessions (or their kill-server) stay apart."""
SGR = re.compile(r"\x1b\[[0-9;:]*m")
SECONDS_TO_SEE_THE_ROUND_OPEN = 5.0


def tmux(*args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, timeout=30
    )
    return done.stdout


def screen(name: str) -> str:
    return SGR.sub("", tmux("capture-pane", "-p", "-t", name))


def wait_for(name: str, needle: str, timeout: float = 60) -> float:
    """Seconds until ``needle`` shows on ``name``'s screen."""
    start = time.monotonic()
    poll_until(
        lambda: needle in screen(name),
        timeout=timeout,
        failure=lambda: f"{needle!r} never appeared:\n{screen(name)}",
    )
    return time.monotonic() - start


@pytest.fixture
def terminals(tmp_path: Path) -> Iterator[tuple[str, str]]:
    data = tmp_path / "wb.json"
    repo = open_repository(data, empty=False)
    repo.save_diagnostic(
        Diagnostic(
            team_id="team-ecommerce-content",
            facilitator="ana",
            assessors=["ana", "bob"],
            step=Step.BLIND,
            programme_ids=["aws-aif-c01"],
            round_started_at=now_utc() - timedelta(minutes=1),
        )
    )
    names = ("ana", "bob")
    try:
        for who in names:
            command = (
                f"env TERM=xterm-256color TEXTUAL_ANIMATIONS=none "
                f"WORKBENCH_CONFIG={tmp_path / f'{who}.json'} {WORKBENCH} --db {data} "
                f"--assessor {who} --lang en diagnostic team-ecommerce-content"
            )
            tmux("new-session", "-d", "-s", who, "-x", "80", "-y", "24", command)
        yield names
    finally:
        tmux("kill-server", check=False)


def test_bob_is_hidden_from_ana_until_the_round_opens(terminals: tuple[str, str]) -> None:
    ana, bob = terminals
    wait_for(ana, "Scoring as ana")
    wait_for(bob, "Scoring as bob")
    tmux("send-keys", "-t", bob, *"111111")
    wait_for(ana, "✓ bob")  # ana learns that bob has scored, not what
    shown = screen(ana)
    assert "Round open" in shown
    assert re.search(r"Business impact\s+·", shown), shown
    assert "~" not in shown
    tmux("send-keys", "-t", ana, *"555555")
    seconds = wait_for(bob, "Revealed", timeout=30)
    assert seconds < SECONDS_TO_SEE_THE_ROUND_OPEN
    assert "ana: 5" in screen(bob)
    wait_for(ana, "bob: 1", timeout=10)  # the disputed criterion, reasons side by side
