"""Saves never hold a key: the screen shows a change at once, the header says when it is in
the file, a failed save is kept and retried, and the file receives changes in order."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from textual import events

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import saved, wait_for_text, wait_until
from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.grid import CRITERION_KEYS
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.saving import SaveState
from workbench.ui.scoring.pane import ScoringPane
from workbench.ui.scoring.score_grid import ScoreGrid
from workbench.ui.widgets.reason_editor import ReasonEditor

NEW_PAIR = ("team-ecommerce-content", "aws-aif-c01")
SCORED_PAIR = ("team-ecommerce-content", "dlai-chatgpt-prompt-engineering")
WORKER = Path(__file__).resolve().parents[1] / "storage" / "worker.py"
ROOT = Path(__file__).resolve().parents[2]

Edits = Iterable[tuple[str, str, Callable[[Assessment], Assessment]]]


def open_on(app: WorkbenchApp, team_id: str, programme_id: str) -> None:
    app.state.team_id, app.state.programme_id = team_id, programme_id
    app.state.tab = "scoring"


def on_disk(path: Path, pair: tuple[str, str]) -> Assessment | None:
    """The assessment as the file holds it, read by a repository of its own."""
    return Repository(path).assessment_for(*pair)


def shown(app: WorkbenchApp) -> Assessment | None:
    return app.screen.query_one(ScoringPane).current()[2]


class Gate:
    """Holds every write of the repository's assessments until ``open()``; records them."""

    def __init__(self, repo: Repository) -> None:
        self.opened = threading.Event()
        self.batches: list[int] = []
        self.entered = threading.Event()
        real = repo.edit_assessments

        def held(edits: Edits) -> list[Assessment]:
            edits = list(edits)
            self.entered.set()
            self.opened.wait(20)  # a failed test must not hold the worker long
            self.batches.append(len(edits))
            return real(edits)

        repo.edit_assessments = held  # type: ignore[method-assign]

    def open(self) -> None:
        self.opened.set()


def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


async def test_a_slow_save_shows_the_score_at_once_then_saved(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    gate = Gate(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_text(pilot, "Not assessed yet")
        await pilot.press("4")
        # the write is held: the screen already shows the score, the header says "Saving…"
        assessment = shown(app)
        assert assessment is not None
        assert assessment.rating("claire", "business_impact").score == 4
        text = await wait_for_text(pilot, "Saving…")
        assert "1 of 6 scored" in text
        assert on_disk(sample_repo.path, NEW_PAIR) is None
        assert app.saves.state is SaveState.SAVING
        gate.open()
        await wait_for_text(pilot, "Saved ")
        stored = on_disk(sample_repo.path, NEW_PAIR)
        assert stored is not None
        assert stored.rating("claire", "business_impact").score == 4


async def test_keys_do_not_wait_and_reach_the_file_in_order(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """Quick keys on one criterion while the first write is held: the last one wins in the
    file, the ones typed meanwhile are written together, undo and redo keep their place."""
    app = make_app(sample_repo)
    open_on(app, *SCORED_PAIR)
    gate = Gate(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await wait_until(pilot, gate.entered.is_set)
        keys = ["up", "2", "up", "3", "up", "5", "ctrl+z", "ctrl+z", "ctrl+y"]
        await pilot.press(*keys)
        grid = app.screen.query_one(ScoreGrid)
        assert grid.cursor == 1  # undo and redo leave the cursor where it is
        assessment = shown(app)
        assert assessment is not None
        assert assessment.rating("claire", "business_impact").score == 3
        assert app.saves.unsaved == 7  # the one being written, and the six typed meanwhile
        gate.open()
        await saved(pilot)
        stored = on_disk(sample_repo.path, SCORED_PAIR)
        assert stored is not None
        assert stored.rating("claire", "business_impact").score == 3
        assert stored.rating("marc", "business_impact").score == 5  # marc's column untouched
        assert gate.batches == [1, 6]  # everything typed during the first write: one write


async def test_a_failed_save_is_shown_kept_and_retried(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    before = sample_repo.path.read_bytes()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for_text(pilot, "Not assessed yet")
        monkeypatch.setattr(os, "replace", disk_full)
        await pilot.press("4", "3")
        await wait_for_text(pilot, "⚠ 2 unsaved changes · f8 retries")
        text = screen_text(app)
        assert "disk is full" in text  # the notification says why
        assert "2 of 6 scored" in text  # and the changes stay on screen
        assert sample_repo.path.read_bytes() == before
        assert app.saves.unsaved == 2
        keys = {b.binding.action: b.enabled for b in app.screen.active_bindings.values()}
        assert keys["retry_save"] is True
        await pilot.press("2")  # queued behind the failed ones, nothing dropped
        await wait_for_text(pilot, "3 unsaved changes")
        await pilot.press("f8")  # still full: still kept
        await wait_until(pilot, lambda: app.saves.failure is not None)
        assert app.saves.unsaved == 3
        monkeypatch.undo()
        await pilot.press("f8")
        await wait_for_text(pilot, "Saved ")
        stored = on_disk(sample_repo.path, NEW_PAIR)
        assert stored is not None
        assert [stored.rating("claire", key).score for key in CRITERION_KEYS[:3]] == [4, 3, 2]


async def test_quitting_with_a_failed_save_asks_and_esc_stays(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(os, "replace", disk_full)
        await pilot.press("4")
        await wait_for_text(pilot, "1 unsaved change")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Quit and lose it?" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert app.is_running
        assert app.saves.unsaved == 1
        monkeypatch.undo()
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: not app.is_running)
    assert on_disk(sample_repo.path, NEW_PAIR) is None


async def test_quitting_while_saving_waits_for_the_file(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    gate = Gate(sample_repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("5")
        await wait_until(pilot, gate.entered.is_set)
        await pilot.press("ctrl+q")
        await wait_for_text(pilot, "Saving 1 change before quitting")
        assert app.is_running
        gate.open()
        await wait_until(pilot, lambda: not app.is_running)
    stored = on_disk(sample_repo.path, NEW_PAIR)
    assert stored is not None
    assert stored.rating("claire", "business_impact").score == 5


async def test_a_form_save_waits_for_the_keys_typed_before_it(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """``store()`` (forms, deletions) is written after the score keys queued before it."""
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    gate = Gate(sample_repo)
    order: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, gate.entered.is_set)
        opener = threading.Timer(0.2, gate.open)
        opener.start()

        def save_team(repo: Repository) -> Team:
            order.append("team")
            assessment = repo.assessment_for(*NEW_PAIR)
            order.append("score first" if assessment is not None else "team first")
            return repo.save_team(Team(id="late", name="Saved after the score"))

        team = app.store(save_team)
        opener.join()
        assert team is not None
        assert order == ["team", "score first"]
        assert app.saves.idle()
    assert Repository(sample_repo.path).team("late").name == "Saved after the score"


async def test_a_reload_keeps_the_cursor_the_dialog_and_the_changes_being_saved(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """A colleague saves while you type a reason: the grid keeps its row, the dialog what
    you typed, and your score still being written is neither hidden nor lost."""
    app = make_app(sample_repo, watch_interval=0)
    open_on(app, *SCORED_PAIR)
    colleague = Repository(sample_repo.path, author="marc@host")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        await pilot.press("down", "down")
        await pilot.press("1")  # scores the third criterion, moves to the fourth
        await saved(pilot)
        await wait_until(pilot, lambda: grid.cursor == 3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
        await type_text(pilot, " half typed")
        editor = app.screen.query_one(ReasonEditor)
        await wait_until(pilot, lambda: editor.text.endswith("half typed"))
        typed = editor.text
        last = CRITERION_KEYS[-1]
        colleague.edit_assessments(
            [(*SCORED_PAIR, lambda a: a.with_rating("marc", last, Rating(score=1), at=now_utc()))]
        )
        app.check_for_changes()
        # said, though not drawn over the dialog
        await wait_until(pilot, lambda: "Updated by marc@host" in "".join(app.toasts.messages()))
        assert isinstance(app.screen, ReasonDialog)
        assert app.screen.query_one(ReasonEditor).text == typed
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ReasonDialog))
        assert grid.cursor == 3
        assert (app.state.team_id, app.state.programme_id) == SCORED_PAIR
        await saved(pilot)
    stored = on_disk(sample_repo.path, SCORED_PAIR)
    assert stored is not None
    assert stored.rating("marc", CRITERION_KEYS[-1]).score == 1
    assert stored.rating("claire", CRITERION_KEYS[2]).score == 1
    assert stored.rating("claire", CRITERION_KEYS[3]).reason == typed


async def test_a_reload_never_hides_a_change_still_queued(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, watch_interval=0)
    open_on(app, *SCORED_PAIR)
    gate = Gate(sample_repo)
    colleague = Repository(sample_repo.path, author="marc@host")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2")
        await wait_until(pilot, gate.entered.is_set)
        colleague.update(Team, SCORED_PAIR[0], lambda t: t.model_copy(update={"headcount": 99}))
        app.check_for_changes()  # waits for the write being held: the reload comes after it
        assessment = shown(app)
        assert assessment is not None
        assert assessment.rating("claire", "business_impact").score == 2
        gate.open()
        await saved(pilot)
        await wait_until(pilot, lambda: not app.reloading)
        # our write read the colleague's version under the lock: the app holds both
        assert app.repository.team(SCORED_PAIR[0]).headcount == 99
        assessment = shown(app)
        assert assessment is not None
        assert assessment.rating("claire", "business_impact").score == 2
    fresh = Repository(sample_repo.path)
    assert fresh.team(SCORED_PAIR[0]).headcount == 99
    stored = fresh.assessment_for(*SCORED_PAIR)
    assert stored is not None
    assert stored.rating("claire", "business_impact").score == 2


@pytest.mark.slow
async def test_keys_and_another_process_writing_lose_nothing(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """A colleague's process adds 40 teams while 30 score keys are typed: all of both."""
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    async with app.run_test(size=(120, 40)) as pilot:
        other = subprocess.Popen(
            [sys.executable, str(WORKER), "increments", str(sample_repo.path), "bob", "40"],
            env=env,
        )
        expected: dict[str, int] = {}
        for round_ in range(5):
            for index, key in enumerate(CRITERION_KEYS):
                score = (round_ + index) % 5 + 1
                expected[key] = score
                await pilot.press(str(score))
            await pilot.press("home")
        assert app.is_running
        await saved(pilot)
        assert other.wait(timeout=240) == 0
    fresh = Repository(sample_repo.path)
    assert len([t for t in fresh.teams() if t.id.startswith("bob-")]) == 40
    stored = fresh.assessment_for(*NEW_PAIR)
    assert stored is not None
    assert stored.scores_of("claire") == expected


async def test_a_key_typed_just_before_ctrl_q_is_saved(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """Both keys arrive in one read from the terminal: ctrl+q (a priority key) must not
    overtake the score key still on its way from the grid to the app."""
    app = make_app(sample_repo)
    open_on(app, *NEW_PAIR)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen.query_one(ScoreGrid).has_focus)
        app.post_message(events.Key("4", "4"))
        app.post_message(events.Key("ctrl+q", None))
        await wait_until(pilot, lambda: not app.is_running)
    stored = on_disk(sample_repo.path, NEW_PAIR)
    assert stored is not None
    assert stored.rating("claire", "business_impact").score == 4
