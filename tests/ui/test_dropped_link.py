"""A dropped SSH link (SIGHUP), a SIGTERM or a SIGKILL loses no score that stayed on screen
for 100 ms: the real app in a real terminal (tmux), killed 0 to 1000 ms after a burst of keys.

SIGHUP and SIGTERM write the save queue before the app exits; what SIGKILL interrupts is
in the recovery journal, and replaying it (as the dialog at the next start does) completes
the file. No temp file is left either way.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from filelock import FileLock

from workbench.core.grid import CRITERION_KEYS
from workbench.storage.recovery import RecoveryJournal, journal_folder
from workbench.storage.repository import Repository

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
    pytest.mark.slow,
]

WORKBENCH = Path(sys.executable).parent / "workbench"
SGR = re.compile(r"\x1b\[[0-9;:]*m")
KEYS = CRITERION_KEYS
ROW = re.compile(r"^ [› ] \S.*?\s×\d+\s+\S+\s+\S+\s+(\S+)\s", re.MULTILINE)
"""A criterion's row: its weight, marc's score, the median, then the assessor's score."""
ASSESSOR = "claire"
SAMPLE = ("5", "5", "4", "3", "5", "4")
FIRST = ("2", "3", "1", "5", "4", "2")
"""Each criterion's score in the first burst (the sample's are 5 5 4 3 5 4)."""
SECOND = ("4", "1", "2", "1", "2", "5")
"""And in the second burst: each differs from the first."""
SHOWN_LONG_ENOUGH = 0.1
SIGNALS = {"SIGHUP": signal.SIGHUP, "SIGTERM": signal.SIGTERM, "SIGKILL": signal.SIGKILL}


SOCKET = f"workbench-dropped-{os.getpid()}"
"""A tmux server of these tests' own: another's ``kill-server`` cannot end them."""


def tmux(*args: str) -> str:
    command = ["tmux", "-L", SOCKET, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)
    if done.returncode != 0:
        raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


@pytest.fixture(scope="module", autouse=True)
def own_tmux_server() -> Iterator[None]:
    yield
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True, check=False)
    folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
    (folder / SOCKET).unlink(missing_ok=True)


def start(name: str, data: Path, tmp_path: Path, *, status: Path | None = None) -> str:
    """The app in a new tmux session; with ``status``, under a shell that writes its exit
    status there (tmux 3.3 does not always record it: ``#{pane_dead_status}`` stays empty)."""
    command = (
        f"env TERM=xterm-256color TEXTUAL_ANIMATIONS=none "
        f"WORKBENCH_CONFIG={tmp_path / 'config.json'} WORKBENCH_STATE={tmp_path / 'state'} "
        f"{WORKBENCH} --db {data} --assessor {ASSESSOR} --lang en"
    )
    if status is not None:
        command = f"sh -c '{command}; echo $? > {status}'"
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "30", command)
    tmux("set-option", "-t", name, "remain-on-exit", "on")  # a crash stays readable
    return name


@pytest.fixture
def session(sample_repo: Repository, tmp_path: Path) -> Iterator[str]:
    name = f"dropped-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        yield start(name, sample_repo.path, tmp_path)
    finally:
        for suffix in ("", "-again"):
            subprocess.run(
                ["tmux", "-L", SOCKET, "kill-session", "-t", f"={name}{suffix}"],
                capture_output=True,
                check=False,
            )


def shown_scores(name: str) -> tuple[str, ...]:
    screen = SGR.sub("", tmux("capture-pane", "-p", "-t", name))
    return tuple(ROW.findall(screen))


def wait_shown(name: str, expected: tuple[str, ...], timeout: float = 30) -> float:
    """Wait until the scores column shows ``expected``; when it was seen."""
    deadline = time.monotonic() + timeout
    while True:
        shown = shown_scores(name)
        if shown == expected:
            return time.monotonic()
        if time.monotonic() > deadline:
            screen = tmux("capture-pane", "-p", "-t", name)
            raise AssertionError(f"{expected} never shown, {shown} is:\n{screen}")
        time.sleep(0.01)


def app_pid(name: str) -> int:
    return int(tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())


def exited(pid: int) -> bool:
    """Gone, or a zombie whose every thread ended (its files, the journal's lock among
    them, are closed); tmux may take its time to reap it."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state == "Z" and tasks == [str(pid)]


def wait_gone(pid: int, timeout: float) -> float:
    """How long the app took to exit."""
    start = time.monotonic()
    while not exited(pid):
        if time.monotonic() - start > timeout:
            raise AssertionError(f"the app is still running {timeout} s after the signal")
        time.sleep(0.01)
    return time.monotonic() - start


def stored_scores(path: Path, assessment_id: str) -> tuple[str, ...]:
    """The assessor's scores in the file, read as bytes (not through the app's code)."""
    raw = orjson.loads(path.read_bytes())
    for document in raw["assessments"].values():
        if document["id"] == assessment_id:
            mine = document["ratings"].get(ASSESSOR, {})
            return tuple(str(mine.get(key, {}).get("score", "-")) for key in KEYS)
    raise AssertionError("the assessment is gone")


def opened_first(repository: Repository) -> str:
    """The assessment the Scoring tab opens on: the sample's with the scores below."""
    return next(
        a.id
        for a in repository.assessments()
        if tuple(str(a.rating(ASSESSOR, key).score) for key in KEYS) == SAMPLE
    )


def temp_files(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir() if ".tmp-" in entry.name)


@pytest.mark.parametrize("delay_ms", [0, 20, 50, 200, 1000])
@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM", "SIGKILL"])
def test_no_score_shown_100_ms_is_lost(
    session: str, sample_repo: Repository, tmp_path: Path, signal_name: str, delay_ms: int
) -> None:
    assessment_id = opened_first(sample_repo)
    tmux("send-keys", "-t", session, "F4")
    wait_shown(session, SAMPLE)
    pid = app_pid(session)

    tmux("send-keys", "-t", session, *FIRST)
    first_seen = wait_shown(session, FIRST)
    time.sleep(max(0.0, first_seen + SHOWN_LONG_ENOUGH + 0.05 - time.monotonic()))
    # a colleague's save holds the file meanwhile: the second burst waits in the queue
    with FileLock(sample_repo.file.lock_path):
        tmux("send-keys", "-t", session, "Home", *SECOND)
        second_seen = wait_shown(session, SECOND)
        time.sleep(max(0.0, second_seen + delay_ms / 1000 - time.monotonic()))
        if signal_name == "SIGHUP":
            tmux("kill-session", "-t", session)  # the terminal closes: the kernel sends SIGHUP
        else:
            os.kill(pid, SIGNALS[signal_name])
    took = wait_gone(pid, timeout=30)
    if signal_name != "SIGKILL":
        assert took < 6, f"the app took {took:.1f} s to exit"
        # written before exiting: nothing left for the journal
        assert_none_lost(stored_scores(sample_repo.path, assessment_id), delay_ms)
    replay_journal(sample_repo.path, tmp_path / "state")
    assert_none_lost(stored_scores(sample_repo.path, assessment_id), delay_ms)
    assert temp_files(tmp_path) == []


def replay_journal(data: Path, state: Path) -> None:
    """What the dialog at the next start applies."""
    recovered = RecoveryJournal(data, state).recovered()
    if recovered.orphans:
        Repository(data).replay_changes(recovered.changes)
        recovered.forget()
    assert not list(journal_folder(state, data).glob("*.jsonl"))


def assert_none_lost(stored: tuple[str, ...], delay_ms: int) -> None:
    for index, key in enumerate(KEYS):
        wanted = {SECOND[index]} if delay_ms >= 100 else {FIRST[index], SECOND[index]}
        assert stored[index] in wanted, f"{key}: {stored[index]} in the file, {wanted} shown"


def wait_text(name: str, needle: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while needle not in SGR.sub("", tmux("capture-pane", "-p", "-t", name)):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{needle!r} never shown:\n{tmux('capture-pane', '-p', '-t', name)}"
            )
        time.sleep(0.05)


def test_the_next_start_offers_what_sigkill_interrupted(
    session: str, sample_repo: Repository, tmp_path: Path
) -> None:
    assessment_id = opened_first(sample_repo)
    tmux("send-keys", "-t", session, "F4")
    wait_shown(session, SAMPLE)
    pid = app_pid(session)
    with FileLock(sample_repo.file.lock_path):
        tmux("send-keys", "-t", session, *FIRST)
        wait_shown(session, FIRST)
        time.sleep(SHOWN_LONG_ENOUGH)
        os.kill(pid, signal.SIGKILL)
        wait_gone(pid, timeout=30)
    assert stored_scores(sample_repo.path, assessment_id) == SAMPLE  # nothing was written

    again = start(session + "-again", sample_repo.path, tmp_path)
    wait_text(again, "6 changes of")
    tmux("send-keys", "-t", again, "a")
    wait_text(again, "6 unsaved changes applied")
    assert stored_scores(sample_repo.path, assessment_id) == FIRST
    second = app_pid(again)
    tmux("send-keys", "-t", again, "C-q")
    wait_gone(second, timeout=30)
    assert not list(journal_folder(tmp_path / "state", sample_repo.path).glob("*.jsonl"))
    assert temp_files(tmp_path) == []


def test_ctrl_q_just_after_a_burst_writes_it_then_exits(
    sample_repo: Repository, tmp_path: Path
) -> None:
    """The quit waits for the queue, closes the journal, then ends the process (which
    skips the collector's last passes: ``collector.leave``) with status 0."""
    status = tmp_path / "exit-status"
    session = start(
        f"quit-{os.getpid()}-{uuid.uuid4().hex[:8]}", sample_repo.path, tmp_path, status=status
    )
    try:
        assessment_id = opened_first(sample_repo)
        tmux("send-keys", "-t", session, "F4")
        wait_shown(session, SAMPLE)
        pid = app_pid(session)
        tmux("send-keys", "-t", session, *FIRST, "C-q")
        wait_gone(pid, timeout=30)
        assert status.read_text().strip() == "0"
        assert stored_scores(sample_repo.path, assessment_id) == FIRST
        assert not list(journal_folder(tmp_path / "state", sample_repo.path).glob("*.jsonl"))
        assert temp_files(tmp_path) == []
    finally:
        tmux("kill-session", "-t", f"={session}")
