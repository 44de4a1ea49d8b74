"""The app opens read-only, and says why, a data file no save could work on: one nobody
may write (root included), one shared with a group this machine does not have."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from tests.conftest import AppFactory
from tests.storage.users import TEAM_GROUP, need_root
from tests.ui.waiting import wait_for_text
from workbench.cli import open_repository
from workbench.core.team import Team
from workbench.storage.repository import Repository


def marked(path: Path) -> None:
    path.chmod(0o444)


def group_unknown_here(path: Path) -> None:
    os.chown(path, -1, TEAM_GROUP)
    path.chmod(0o660)
    data = orjson.loads(path.read_bytes())
    data["_meta"]["1"]["shared_group"] = "wb-absent-group"
    path.write_bytes(orjson.dumps(data))


CASES = {
    "marked": (marked, "marked read-only (nobody has write permission)"),
    "group": (group_unknown_here, "shared with a group this machine does not have"),
}


@pytest.mark.parametrize("reason", list(CASES))
async def test_the_banner_says_why_and_nothing_is_written(
    tmp_path: Path, make_app: AppFactory, reason: str
) -> None:
    need_root()
    prepare, banner = CASES[reason]
    path = tmp_path / "wb.json"
    Repository(path).ensure_exists([Team(id="t", name="First")])
    prepare(path)
    content = path.read_bytes()
    repository = open_repository(path, empty=False)
    assert repository.read_only_reason == reason
    app = make_app(repository)
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, banner)
        assert app.store(lambda repo: repo.save_team(Team(name="x"))) is None
    assert path.read_bytes() == content
