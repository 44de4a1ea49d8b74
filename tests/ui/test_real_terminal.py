"""In a real terminal (tmux), hostile data drives nothing: no clipboard, no title, no
clearing, no mouse or cursor modes; the only escape sequences on screen are the app's colours.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile import ESCAPES_FROM_DATA, write_hostile_file
from tests.polling import poll_until

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

SGR = re.compile(r"\x1b\[[0-9;:]*m")
WORKBENCH = Path(sys.executable).parent / "workbench"


SOCKET = f"workbench-tests-{os.getpid()}"
"""A tmux server of the tests' own: a person's sessions (or their kill-server) stay apart."""


def tmux(*args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, timeout=30
    )
    return done.stdout


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    name = f"inert-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    data = write_hostile_file(tmp_path / "wb.json")
    command = (
        f"env TERM=xterm-256color TEXTUAL_ANIMATIONS=none "
        f"WORKBENCH_CONFIG={tmp_path / 'config.json'} {WORKBENCH} --db {data} --assessor claire"
    )
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    try:
        yield name
    finally:
        tmux("kill-session", "-t", name, check=False)


def capture(name: str) -> str:
    return tmux("capture-pane", "-e", "-p", "-t", name)


def wait_for(name: str, needle: str, timeout: float = 60) -> str:
    def shown() -> str:
        screen = capture(name)
        return screen if needle in SGR.sub("", screen) else ""

    return poll_until(
        shown,
        timeout=timeout,
        failure=lambda: f"{needle!r} never appeared:\n{SGR.sub('', capture(name))}",
    )


def press_until(name: str, key: str, needle: str, attempts: int = 3) -> str:
    """Press ``key`` until ``needle`` shows: a key sent while a tab is still settling
    (focus moving to it) can reach the previous widget."""
    for attempt in range(attempts):
        tmux("send-keys", "-t", name, key)
        try:
            return wait_for(name, needle, timeout=15)
        except AssertionError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def wait_gone(name: str, needle: str, timeout: float = 60) -> None:
    poll_until(
        lambda: needle not in SGR.sub("", capture(name)),
        timeout=timeout,
        failure=lambda: f"{needle!r} is still on the screen",
    )


def assert_inert(name: str, shown: str) -> None:
    for sequence in ESCAPES_FROM_DATA:
        # "␛[2J" drawn as text is fine; the sequence itself, with its ESC, is not
        assert "\x1b" + sequence not in shown
    assert "\x9b" not in shown
    assert "\x1b" not in SGR.sub("", shown), "an escape sequence other than a colour"
    assert "pwned" not in tmux("display-message", "-p", "-t", name, "#{pane_title}")


def test_hostile_data_in_a_real_terminal(session: str) -> None:
    shown = wait_for(session, "P00")
    assert "␛]52;" in shown
    assert_inert(session, shown)
    for key, needle in (("F3", "T00"), ("F4", "Business impact")):
        tmux("send-keys", "-t", session, key)
        assert_inert(session, wait_for(session, needle))
    assert_inert(session, press_until(session, "o", "Open an assessment"))
    tmux("send-keys", "-t", session, "Escape")
    wait_gone(session, "Open an assessment")  # else Escape and Enter read as alt+enter
    tmux("send-keys", "-t", session, "Enter")
    assert_inert(session, wait_for(session, "characters"))
