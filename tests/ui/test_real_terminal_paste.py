"""A paste holding a raw Escape, through a real terminal (tmux, bracketed paste): the field
keeps it exactly, shows it inert and the form refuses it with its reason; nothing is typed
as keys, nothing is saved."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.test_real_terminal import SGR, WORKBENCH, capture, press_until, tmux, wait_for
from workbench.cli import open_repository

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

PASTED = b"X\x1b]2;PWN\x07Y"


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    name = f"paste-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    data = tmp_path / "wb.json"
    open_repository(data, empty=False)
    command = (
        f"env TERM=xterm-256color TEXTUAL_ANIMATIONS=none "
        f"WORKBENCH_CONFIG={tmp_path / 'config.json'} {WORKBENCH} --db {data} --assessor claire"
    )
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    try:
        yield name, data
    finally:
        tmux("kill-session", "-t", name, check=False)
        tmux("delete-buffer", "-b", name, check=False)


def test_a_pasted_escape_is_kept_and_refused_not_typed(
    session: tuple[str, Path], tmp_path: Path
) -> None:
    name, data = session
    wait_for(name, "Catalogue")
    tmux("send-keys", "-t", name, "F3")
    wait_for(name, "E-commerce content team")
    press_until(name, "n", "New team")
    before = data.read_bytes()
    buffer = tmp_path / "pasted"
    buffer.write_bytes(PASTED)
    tmux("load-buffer", "-b", name, str(buffer))
    tmux("paste-buffer", "-p", "-b", name, "-t", name)  # -p: as a bracketed paste
    shown = wait_for(name, "X␛]2;PWN␇Y")
    assert "control characters: refused" in SGR.sub("", shown)
    assert "^]2;PWN" not in SGR.sub("", capture(name))
    tmux("send-keys", "-t", name, "C-s")
    wait_for(name, "Control characters, new lines and tabs are not")  # may wrap
    assert data.read_bytes() == before
    assert "PWN" not in tmux("display-message", "-p", "-t", name, "#{pane_title}")
