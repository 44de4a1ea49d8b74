"""The collector is paused while the workbench starts and back on once the screen is painted."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import AppFactory
from tests.ui.waiting import wait_until
from workbench import collector
from workbench.cli import main
from workbench.storage.repository import Repository


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    collector.resume()
    gc.enable()
    yield
    collector.resume()
    gc.enable()


def test_pause_and_resume_freeze_what_exists() -> None:
    gc.unfreeze()
    collector.pause()
    assert not gc.isenabled()
    collector.pause()  # twice: still one resume
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resume_leaves_a_collector_it_did_not_pause_alone() -> None:
    gc.disable()
    collector.pause()  # off already: not ours to turn on
    collector.resume()
    assert not gc.isenabled()


def test_a_workbench_that_cannot_start_turns_the_collector_back_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["--db", str(bad)]) == 2
    assert gc.isenabled()


async def test_the_first_painted_screen_turns_the_collector_back_on(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    collector.pause()
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await wait_until(pilot, gc.isenabled)
        assert app.screen.query("#catalogue-table")


def test_leave_freezes_what_exists_and_stops_the_collector() -> None:
    gc.unfreeze()
    collector.leave()
    assert not gc.isenabled()
    assert gc.get_freeze_count() > 0


async def test_the_collector_is_left_only_once_saves_and_journal_are_closed(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    from workbench.storage.recovery import RecoveryJournal
    from workbench.ui.launch import finished

    app = make_app(sample_repo, journal=RecoveryJournal(sample_repo.path, tmp_path / "state"))
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.screen.query("#catalogue-table"))
        assert not finished(app)  # running: saves may still come
    assert finished(app)  # on_unmount closed the queue and the journal
