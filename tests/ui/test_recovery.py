"""The changes a stopped app did not write: offered at the next start (apply / show /
discard, Esc: later), applied through the merge rule, and the journal kept by the save queue."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from textual.widgets import Button, Static

from tests.conftest import AppFactory
from tests.hostile import CONTROL, PAYLOADS
from tests.stopped_app import leave_journal, scored
from tests.ui.waiting import saved, wait_for_text, wait_until
from workbench.core.assessment import Rating, now_utc
from workbench.core.assessment_change import PendingChange, RatingChange
from workbench.storage.recovery import RecoveryJournal, journal_folder
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.recovery_dialog import RecoveryDialog

PAIR = ("team-ecommerce-content", "dlai-chatgpt-prompt-engineering")


def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


def journals(repo: Repository, tmp_path: Path) -> list[Path]:
    return sorted(journal_folder(state(tmp_path), repo.path).glob("*.jsonl"))


def score_of(repo: Repository, key: str) -> int | None:
    assessment = Repository(repo.path).assessment_for(*PAIR)
    assert assessment is not None
    return assessment.rating("claire", key).score


@pytest.fixture
def left_three(sample_repo: Repository, tmp_path: Path) -> Path:
    """A stopped app's three changes: business impact 2, total cost 1, risk 2."""
    return leave_journal(
        sample_repo.path,
        state(tmp_path),
        [
            scored(sample_repo, PAIR, "business_impact", 2),
            scored(sample_repo, PAIR, "total_cost", 1),
            scored(sample_repo, PAIR, "risk_compliance", 2),
        ],
    )


async def test_apply_writes_the_changes_and_removes_the_journal(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path, left_three: Path
) -> None:
    with left_three.open("ab") as handle:
        handle.write(b'{"seq": 4, "queued_at": "2026-12-0')  # cut by the kill
    app = make_app(sample_repo, journal=RecoveryJournal(sample_repo.path, state(tmp_path)))
    async with app.run_test(notifications=True) as pilot:
        text = await wait_for_text(pilot, "3 changes of")
        assert "were not saved" in text
        assert "1 line of the journal could not be read" in text
        assert isinstance(app.screen, RecoveryDialog)
        assert app.focused is not None
        assert app.focused.id == "recovery-show"  # Enter alone neither writes nor forgets
        await pilot.press("s")
        text = await wait_for_text(pilot, "Business impact (claire) 5 → 2")
        assert "Total cost (claire) 5 → 1" in text
        await pilot.press("a")
        await wait_for_text(pilot, "3 unsaved changes applied")
        await saved(pilot)
    assert score_of(sample_repo, "business_impact") == 2
    assert score_of(sample_repo, "total_cost") == 1
    assert score_of(sample_repo, "risk_compliance") == 2
    assert not left_three.exists()


async def test_a_value_changed_since_is_kept_and_the_user_told_why(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path, left_three: Path
) -> None:
    Repository(sample_repo.path, author="claire@laptop").edit_assessments(
        [(*PAIR, RatingChange("claire", "total_cost", Rating(score=4), now_utc()).apply)]
    )
    app = make_app(sample_repo, journal=RecoveryJournal(sample_repo.path, state(tmp_path)))
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "3 changes of")
        await pilot.press("a")
        text = await wait_for_text(pilot, "Some changes were not applied")
        assert isinstance(app.screen, MessageDialog)
        assert "Applied: 2" in text
        details = [str(d.content) for d in app.screen.query(".dialog-details").results(Static)]
        assert len(details) == 1
        assert details[0].startswith(
            "• Total cost (claire) 5 → 1: not applied, claire changed it since (now 4) · "
        )
    assert score_of(sample_repo, "business_impact") == 2
    assert score_of(sample_repo, "total_cost") == 4  # theirs
    assert not left_three.exists()


async def test_discard_asks_first_then_forgets(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path, left_three: Path
) -> None:
    app = make_app(sample_repo, journal=RecoveryJournal(sample_repo.path, state(tmp_path)))
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "3 changes of")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert app.focused is not None
        assert app.focused.id == "confirm-no"
        await pilot.press("n")  # back to the offer
        await wait_until(pilot, lambda: isinstance(app.screen, RecoveryDialog))
        assert left_three.exists()
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for_text(pilot, "were discarded")
    assert score_of(sample_repo, "business_impact") == 5
    assert not left_three.exists()


async def test_escape_keeps_the_changes_for_the_next_start_in_french(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path, left_three: Path
) -> None:
    app = make_app(
        sample_repo, lang="fr", journal=RecoveryJournal(sample_repo.path, state(tmp_path))
    )
    async with app.run_test(notifications=True) as pilot:
        text = await wait_for_text(pilot, "3 modifications faites à")
        assert "n'ont pas été enregistrées" in text
        labels = {str(button.label) for button in app.screen.query(Button)}
        assert labels == {"Appliquer", "Afficher", "Abandonner"}
        await pilot.press("escape")
        await wait_for_text(pilot, "proposées de nouveau")
    assert left_three.exists()
    again = RecoveryJournal(sample_repo.path, state(tmp_path)).recovered()
    assert len(again.changes) == 3
    again.release()


async def test_a_read_only_app_offers_nothing(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path, left_three: Path
) -> None:
    read_only = Repository(sample_repo.path, read_only=True)
    app = make_app(read_only, journal=RecoveryJournal(sample_repo.path, state(tmp_path)))
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, RecoveryDialog)
    assert left_three.exists()


async def test_queued_score_keys_are_journaled_until_written(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    journal = RecoveryJournal(sample_repo.path, state(tmp_path))
    app = make_app(sample_repo, journal=journal)
    app.state.team_id, app.state.programme_id = PAIR
    app.state.tab = "scoring"
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "Business impact")
        held = app.saves.io
        held.acquire()  # the save thread waits: the keys stay queued
        try:
            await pilot.press("2", "3")
            await wait_until(pilot, lambda: journal.pending == 2)
            assert journal.flush(5)
            recovered_while_running = RecoveryJournal(sample_repo.path, state(tmp_path))
            assert recovered_while_running.recovered().orphans == []  # ours: not offered
            assert journal.path is not None
            assert len(journal.path.read_bytes().splitlines()) == 2
        finally:
            held.release()
        await saved(pilot)
        await wait_until(pilot, lambda: journal.pending == 0)
        assert journal.flush(5)
        assert journal.path.read_bytes() == b""
    assert journals(sample_repo, tmp_path) == []  # a clean exit leaves no journal
    assert score_of(sample_repo, "business_impact") == 2


async def test_a_journal_that_cannot_be_written_is_said_once(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path
) -> None:
    blocked = tmp_path / "state-is-a-file"
    blocked.write_text("")
    journal = RecoveryJournal(sample_repo.path, blocked)
    app = make_app(sample_repo, journal=journal)
    app.state.team_id, app.state.programme_id = PAIR
    app.state.tab = "scoring"
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "Business impact")
        await pilot.press("2")
        await wait_until(pilot, lambda: journal.problem is not None)
        await pilot.press("3")
        await wait_for_text(pilot, "cannot be kept")
        await saved(pilot)
    assert score_of(sample_repo, "business_impact") == 2  # the saves still ran


async def test_the_palette_offers_the_changes_again_after_escape(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path, left_three: Path
) -> None:
    app = make_app(sample_repo, journal=RecoveryJournal(sample_repo.path, state(tmp_path)))
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "3 changes of")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecoveryDialog))
        app.action_offer_recovered()
        await wait_until(pilot, lambda: isinstance(app.screen, RecoveryDialog))
        await pilot.press("a")
        await wait_for_text(pilot, "3 unsaved changes applied")
        app.action_offer_recovered()
        await wait_for_text(pilot, "No unsaved changes were left")
    assert score_of(sample_repo, "total_cost") == 1


@pytest.mark.parametrize("kind", ["osc52", "markup", "newline", "long"])
async def test_names_and_assessors_in_the_offer_are_inert(
    sample_repo: Repository, make_app: AppFactory, tmp_path: Path, kind: str
) -> None:
    hostile = PAYLOADS[kind]
    change = RatingChange(hostile, "business_impact", Rating(score=3), now_utc())
    leave_journal(
        sample_repo.path, state(tmp_path), [PendingChange(*PAIR, change, change.value_in(None))]
    )
    raw = orjson.loads(sample_repo.path.read_bytes())
    for document in raw["teams"].values():
        if document["id"] == PAIR[0]:
            document["name"] = hostile  # written raw: an old or hand-edited file
    sample_repo.path.write_bytes(orjson.dumps(raw))
    app = make_app(sample_repo, journal=RecoveryJournal(sample_repo.path, state(tmp_path)))
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "1 change of")
        await pilot.press("s")
        lines = [str(s.content) for s in app.screen.query("#recovery-list Static").results(Static)]
        assert len(lines) == 1
        assert all(c not in lines[0] for c in CONTROL)
        assert "\n" not in lines[0]
        assert len(lines[0]) < 200
        await pilot.press("a")
        await wait_for_text(pilot, "1 unsaved change applied")
