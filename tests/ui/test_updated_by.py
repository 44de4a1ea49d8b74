"""Two people saving at about the same moment: the app names the other writer every time.

The app saves in this process; a colleague's real process saves on cue, either just
before (the app's save is then made over the colleague's version, and no reload ever sees
it) or at the same moment. Each round, "Updated by bob@there" must be said."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

from tests.conftest import AppFactory
from tests.ui.screen import recorded
from tests.ui.waiting import wait_until
from workbench.core.team import Team
from workbench.storage.repository import Repository

WORKER = Path(__file__).resolve().parents[1] / "storage" / "worker.py"
ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 16


def saved_by_bob(bob: subprocess.Popen[str], cue: int) -> None:
    assert bob.stdout is not None
    ready, _, _ = select.select([bob.stdout], [], [], 30)
    assert ready, "the colleague's process did not save within 30 s"
    assert bob.stdout.readline().strip() == str(cue)


async def test_the_other_writer_is_named_whoever_saved_last(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    messages = recorded(app)
    bob = subprocess.Popen(
        [sys.executable, str(WORKER), "on_cue", str(sample_repo.path), "bob@there"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert bob.stdin is not None
    try:
        async with app.run_test() as pilot:
            for cue in range(ROUNDS):
                said = len(messages)
                bob.stdin.write(f"{cue}\n")
                bob.stdin.flush()
                if cue % 2 == 0:
                    saved_by_bob(bob, cue)  # just before the app's save
                mine = Team(id=f"mine-{cue}", name=f"Mine {cue}")
                assert app.store(lambda repo, team=mine: repo.save_team(team)) is not None
                if cue % 2 == 1:
                    saved_by_bob(bob, cue)  # at about the same moment

                def named(said: int = said) -> bool:
                    app.check_for_changes()
                    return any(m.startswith("Updated by bob@there") for m in messages[said:])

                await wait_until(pilot, named, what=f"'Updated by bob@there' in round {cue}")
            await wait_until(pilot, lambda: not app.reloading)
        assert not [m for m in messages if m.startswith("Updated by") and "bob@there" not in m]
    finally:
        bob.stdin.close()
        assert bob.wait(timeout=30) == 0
    teams = {t.id for t in Repository(sample_repo.path).teams()}
    assert {f"bob@there-{c}" for c in range(ROUNDS)} <= teams
    assert {f"mine-{c}" for c in range(ROUNDS)} <= teams
