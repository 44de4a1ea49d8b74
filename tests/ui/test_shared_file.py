"""The app on a shared file that fails: OS errors, a broken file, read-only use, reloads."""

from __future__ import annotations

import errno
import os

import pytest
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.team import Team
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.teams.form import TeamForm

PAIR = ("team-ecommerce-content", "dlai-chatgpt-prompt-engineering")


def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


SEEN: dict[int, list[str]] = {}


def watched(app: WorkbenchApp) -> WorkbenchApp:
    """Record every notification: a loaded machine can outlast a toast's few seconds."""
    seen = SEEN.setdefault(id(app), [])
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        real(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign, assignment]
    return app


def messages(app: WorkbenchApp) -> list[str]:
    return SEEN[id(app)]


async def poll(pilot: Pilot[None], app: WorkbenchApp) -> None:
    """One tick of the app's watch on the file, waited for."""
    app.check_for_changes()
    await wait_until(pilot, lambda: not app.reloading)


async def open_teams(pilot: Pilot[None]) -> None:
    app = pilot.app
    await pilot.press("f3")
    await wait_until(pilot, lambda: app.screen.query_one(TabbedContent).active == "teams")
    await wait_until(
        pilot,
        lambda: "new_team" in {b.binding.action for b in app.screen.active_bindings.values()},
    )


async def test_a_full_disk_keeps_the_form_open_with_what_was_typed(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = watched(make_app(sample_repo))
    async with app.run_test(notifications=True) as pilot:
        await open_teams(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        await type_text(pilot, "Sales ops")
        await pilot.press("tab", "tab", *"12")
        monkeypatch.setattr(os, "replace", disk_full)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("disk is full" in m for m in messages(app)))
        assert isinstance(app.screen, TeamForm)
        assert "Sales ops" in screen_text(app)
        assert "Sales ops" not in {t.name for t in Repository(sample_repo.path).teams()}
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # the retry saves what is on the screen
        await wait_until(pilot, lambda: not isinstance(app.screen, TeamForm))
        assert "Sales ops" in {t.name for t in Repository(sample_repo.path).teams()}


async def test_a_score_key_on_a_full_disk_shows_the_error_and_the_previous_score(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = watched(make_app(sample_repo))
    app.state.team_id, app.state.programme_id = PAIR
    app.state.tab = "scoring"
    before = sample_repo.assessment_for(*PAIR)
    assert before is not None
    old = before.rating("claire", "business_impact").score
    new = "1" if old != 1 else "2"
    async with app.run_test(notifications=True) as pilot:
        await wait_until(pilot, lambda: app.screen.query_one("ScoreGrid").has_focus)
        monkeypatch.setattr(os, "replace", disk_full)
        await pilot.press(new)
        await wait_until(pilot, lambda: any("disk is full" in m for m in messages(app)))
        monkeypatch.undo()
        stored = Repository(sample_repo.path).assessment_for(*PAIR)
        assert stored is not None
        assert stored.rating("claire", "business_impact").score == old
        assert app.is_running


async def test_a_broken_file_is_reported_once_and_the_last_good_version_stays(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = watched(make_app(sample_repo))
    async with app.run_test(notifications=True) as pilot:
        await open_teams(pilot)
        sample_repo.path.write_bytes(b"")
        for _ in range(6):
            await poll(pilot, app)
        await wait_until(pilot, lambda: any("empty" in m for m in messages(app)))
        broken = [m for m in messages(app) if "empty" in m]
        assert len(broken) == 1
        assert app.repository.teams()  # the last good version is still shown
        await pilot.press("n")  # and saving refuses without touching the file
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        await type_text(pilot, "Late team")
        await pilot.press("tab", "tab", *"3")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len([m for m in messages(app) if "empty" in m]) == 2)
        assert sample_repo.path.read_bytes() == b""


async def test_a_change_that_keeps_the_stat_is_seen_within_five_polls(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.storage import datafile

    frozen = datafile.Identity(inode=1, mtime_ns=0, size=0)
    monkeypatch.setattr(datafile.Identity, "of", classmethod(lambda cls, _: frozen))
    app = watched(make_app(Repository(sample_repo.path, author="claire@here")))
    async with app.run_test(notifications=True) as pilot:
        app.repository.snapshot()
        Repository(sample_repo.path, author="alice@elsewhere").save_team(
            Team(id="new-team", name="Added elsewhere")
        )
        for _ in range(WorkbenchApp.DEEP_CHECK_EVERY):
            await poll(pilot, app)
        await wait_until(
            pilot,
            lambda: any(m.startswith("Updated by alice@elsewhere at ") for m in messages(app)),
        )
        assert "new-team" in app.repository.snapshot().teams


async def test_read_only_shows_a_banner_greys_the_editing_keys_and_writes_nothing(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    path = sample_repo.path
    listing = sorted(p.name for p in path.parent.iterdir())
    content = path.read_bytes()
    app = watched(make_app(Repository(path, read_only=True)))
    app.state.team_id, app.state.programme_id = PAIR
    async with app.run_test(notifications=True) as pilot:
        await wait_for_text(pilot, "Opened with --read-only")
        await open_teams(pilot)
        keys = {b.binding.action: b.enabled for b in app.screen.active_bindings.values()}
        assert keys["new_team"] is False
        await pilot.press("n")
        await wait_until(pilot, lambda: app.state.tab == "teams")
        assert not isinstance(app.screen, TeamForm)
        await pilot.press("f4")
        await wait_until(pilot, lambda: app.state.tab == "scoring")
        await pilot.press("5")
        await wait_until(pilot, lambda: any("see the banner" in m for m in messages(app)))
        keys = {b.binding.action: b.enabled for b in app.screen.active_bindings.values()}
        assert keys["score(5)"] is False
        assert keys["clear"] is False
        assert app.store(lambda repo: repo.save_team(Team(name="x"))) is None
        await wait_until(pilot, lambda: any("--read-only" in m for m in messages(app)))
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == listing


async def test_an_unexpected_error_never_prints_record_contents(
    sample_repo: Repository, make_app: AppFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "Reason: Léa is leaving in March"
    app = watched(make_app(sample_repo))

    def boom() -> None:
        record = {"reason": secret}
        raise ValueError(record["reason"])

    async def run() -> None:
        async with app.run_test() as pilot:
            app.call_later(boom)
            await pilot.pause()

    with pytest.raises(ValueError, match="Léa"):
        await run()
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert "unexpected error (ValueError)" in printed
    assert "in boom" in printed
    assert "Léa" not in printed


async def test_a_conflict_shows_both_values_and_keeps_the_chosen_one_per_field(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    from textual.widgets import Input, RadioButton

    from workbench.ui.dialogs.conflict_dialog import ConflictDialog
    from workbench.ui.teams.pane import TeamsPane

    managers = "team-industrial-managers"
    app = watched(make_app(sample_repo, lang="en"))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_teams(pilot)
        teams = app.screen.query_one("#teams-pane", TeamsPane)
        assert teams.table.move_to(managers)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        form = app.screen
        form.query_one("#field-name", Input).value = "Plant managers"
        form.query_one("#field-headcount", Input).value = "21"
        alice = Repository(sample_repo.path, author="alice@there")
        alice.update(
            Team,
            managers,
            lambda t: t.model_copy(update={"name": "Site managers", "headcount": 22}),
        )
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        shown = await wait_for_text(pilot, "alice@there saved at")
        assert "Theirs: Site managers" in shown
        assert "Yours: Plant managers" in shown
        assert "Theirs: 22" in shown
        assert "Yours: 21" in shown
        dialog = app.screen
        dialog.query_one("#conflict-0-theirs", RadioButton).value = True  # their name
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, (ConflictDialog, TeamForm)))
        team = Repository(sample_repo.path).team(managers)
        assert (team.name, team.headcount) == ("Site managers", 21)


async def test_a_reload_reads_the_file_off_the_ui_thread(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    app = watched(make_app(sample_repo))
    threads: list[threading.Thread] = []
    real_reload = sample_repo.reload

    def recording_reload() -> object:
        threads.append(threading.current_thread())
        return real_reload()

    monkeypatch.setattr(sample_repo, "reload", recording_reload)
    async with app.run_test(notifications=True) as pilot:
        Repository(sample_repo.path).save_team(Team(id="new-team", name="Added elsewhere"))
        await poll(pilot, app)
        await wait_until(pilot, lambda: any(m.startswith("Updated by") for m in messages(app)))
    assert threads
    assert threads[0] is not threading.main_thread()
