"""The numbered backups are taken at least ten minutes apart, whatever the rhythm of saves.

A fake clock stands for the time: each backup's modification time says when it was taken,
and each save ``i`` adds team ``i``, so a backup's newest team says which save it holds."""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

import orjson

from tests.storage.users import ALICE, BOB, TEAM_GROUP, need_root, open_folder, run_as
from workbench.core.team import Team
from workbench.storage.datafile import NUMBERED_BACKUP_EVERY_SECONDS, NUMBERED_BACKUPS
from workbench.storage.repository import Repository

START = 1_700_000_000.0
MINUTE = 60.0


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


def saver(path: Path) -> tuple[Repository, Clock]:
    clock = Clock()
    repo = Repository(path)
    repo.file.clock = clock
    repo.ensure_exists()
    return repo, clock


def newest_save(path: Path) -> int:
    teams = orjson.loads(path.read_bytes()).get("teams", {}).values()
    return max((int(doc["id"]) for doc in teams), default=-1)


def numbered(path: Path) -> list[Path]:
    found = [path.with_name(f"{path.name}.bak.{n}") for n in range(1, NUMBERED_BACKUPS + 1)]
    return [p for p in found if p.exists()]


def taken(backups: list[Path]) -> list[float]:
    return [p.stat().st_mtime for p in backups]


def save(repo: Repository, clock: Clock, number: int, at: float) -> None:
    clock.now = at
    repo.save_team(Team(id=str(number), name=f"Team {number}"))


def assert_apart(times: list[float]) -> None:
    for newer, older in itertools.pairwise(times):
        assert newer - older >= NUMBERED_BACKUP_EVERY_SECONDS, times


def test_saving_once_a_minute_keeps_backups_ten_minutes_apart(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repo, clock = saver(path)
    at: dict[int, float] = {}
    for number in range(60):
        at[number] = START + number * MINUTE
        save(repo, clock, number, at[number])
    backups = numbered(path)
    assert len(backups) == NUMBERED_BACKUPS
    assert_apart(taken(backups))
    assert_apart([at[newest_save(p)] for p in backups])  # versions saved 10 minutes apart
    assert at[59] - at[newest_save(backups[-1])] >= 3 * NUMBERED_BACKUP_EVERY_SECONDS


def test_a_pause_then_quick_saves_do_not_push_the_older_backups_out(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repo, clock = saver(path)
    at: dict[int, float] = {}
    for number in range(60):  # an hour of work
        at[number] = START + number * MINUTE
        save(repo, clock, number, at[number])
    pause_end = at[59] + 11 * MINUTE
    for quick in range(5):  # an 11-minute pause, then five quick saves
        at[60 + quick] = pause_end + quick
        save(repo, clock, 60 + quick, at[60 + quick])
    backups = numbered(path)
    assert len(backups) == NUMBERED_BACKUPS
    assert_apart(taken(backups))
    assert taken(backups)[0] == pause_end  # the first save after the pause took one
    oldest = at[65 - 1] - at[newest_save(backups[-1])]
    assert oldest >= 3 * NUMBERED_BACKUP_EVERY_SECONDS + 11 * MINUTE, oldest


def test_a_copied_backup_from_the_future_does_not_stop_the_backups(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repo, clock = saver(path)
    save(repo, clock, 0, START)
    save(repo, clock, 1, START + 1)
    save(repo, clock, 2, START + 2)  # .bak.1 taken now
    first = path.with_name("wb.json.bak.1")
    os.utime(first, (START + 86_400, START + 86_400))  # a copy made with a wrong clock
    save(repo, clock, 3, START + 3)
    assert path.with_name("wb.json.bak.2").exists()
    assert first.stat().st_mtime == START + 3


def rotate_as_member(path: str) -> float:
    """A save by a group member, whose rotation moves a backup another user owns."""
    Repository(Path(path), author="bob").save_team(Team(id="bob", name="Bob's"))
    return os.stat(path + ".bak.1").st_mtime


def test_a_backup_owned_by_a_colleague_is_marked_taken_when_rotated() -> None:
    need_root()
    with open_folder() as top:
        folder = top / "shared"
        folder.mkdir()
        os.chown(folder, 0, TEAM_GROUP)
        folder.chmod(0o770)
        path = folder / "wb.json"

        def alice_saves(count: int) -> None:
            def saves(target: str) -> None:
                repo = Repository(Path(target), author="alice")
                repo.ensure_exists()
                for number in range(count):
                    repo.save_team(Team(id=str(number), name=f"Team {number}"))

            run_as(ALICE, [TEAM_GROUP], saves, str(path))

        alice_saves(2)  # .bak (Alice's) is a version of long ago, and so is .bak.1
        Repository(path).share_with_group(str(TEAM_GROUP))
        for name in ("wb.json.bak", "wb.json.bak.1"):
            os.utime(folder / name, (START - 86_400, START - 86_400))
        assert (folder / "wb.json.bak").stat().st_uid in (ALICE, 0)
        before = time.time()
        marked = run_as(BOB, [TEAM_GROUP], rotate_as_member, str(path))
        assert before - 5 <= marked <= time.time() + 5
