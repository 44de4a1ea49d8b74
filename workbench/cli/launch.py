"""No command: open the workbench (the full-screen app) on the data file."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import collector
from workbench.cli.repository import open_repository

if TYPE_CHECKING:
    from workbench.i18n import Translator
    from workbench.storage.schema import Snapshot


FRAMES_PER_SECOND = "120"
"""Textual draws at most 60 frames a second unless told: a Down whose detail panel and
footer follow the cursor in later frames took 59 ms to its last byte in tmux, 35 ms at 120
(the cursor itself is drawn in the first frame either way)."""


def set_frame_rate(environ: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Before Textual is imported; a ``TEXTUAL_FPS`` of the user's is kept."""
    environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)


THREAD_SWITCH_SECONDS = 0.001
"""How long a thread may hold Python's lock before another may run (5 ms by default).
Textual writes each frame from a thread of its own: while the app works out what follows a
key (a detail panel: 6-9 ms on the Teams list), the frame already drawn waited for the
lock. The first byte of a Down on Teams: 7-8 ms at 5 ms, 4-5 ms at 1 ms (tmux)."""


def set_thread_switch() -> None:
    sys.setswitchinterval(THREAD_SWITCH_SECONDS)


def run(args: argparse.Namespace, path: Path, i18n: Translator) -> int:
    return open_app(args, path)


def open_app(
    args: argparse.Namespace, path: Path, team: Callable[[Snapshot], str] | None = None
) -> int:
    """Open (or make) the data file, then the app; on the diagnostic of the team that
    ``team`` finds in the file, if given."""
    collector.pause()  # until the first screen is painted: MainScreen resumes it
    set_frame_rate()
    set_thread_switch()
    try:
        repository = open_repository(
            path, empty=args.empty, read_only=args.read_only, look_only=team is None
        )
        team_id = team(repository.snapshot()) if team is not None else None
        from workbench.ui.launch import launch

        return launch(
            repository,
            theme=args.theme,
            lang=args.lang,
            assessor=args.assessor,
            diagnostic_team=team_id,
        )
    finally:
        collector.resume()  # when the workbench could not start
