"""Run a function as another user in a forked child (the tests run as root).

A fork, not a new interpreter: the interpreter may live where other users cannot reach it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ALICE = 12345
BOB = 12346
TEAM_GROUP = 12399


def need_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("switching to other user ids needs root")


@dataclass
class Child:
    pid: int
    output: int

    def result(self) -> Any:
        chunks = []
        while chunk := os.read(self.output, 65536):
            chunks.append(chunk)
        os.close(self.output)
        _, status = os.waitpid(self.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        outcome = json.loads(b"".join(chunks))
        if "error" in outcome:
            raise AssertionError(f"the child failed: {outcome['error']}")
        return outcome["ok"]


def start_as(
    uid: int, groups: list[int], func: Callable[..., object], *args: object, umask: int = 0o022
) -> Child:
    """``func(*args)`` as ``uid`` (primary group ``uid``, supplementary ``groups``)."""
    output, given = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(output)
            os.setgroups(groups)
            os.setgid(uid)
            os.setuid(uid)
            os.umask(umask)
            payload = json.dumps({"ok": func(*args)})
        except BaseException as error:
            payload = json.dumps({"error": f"{type(error).__name__}: {error}"})
        os.write(given, payload.encode())
        os._exit(0)
    os.close(given)
    return Child(pid, output)


def run_as(uid: int, groups: list[int], func: Callable[..., object], *args: object) -> Any:
    return start_as(uid, groups, func, *args).result()


@contextmanager
def open_folder() -> Iterator[Path]:
    """A folder that other users can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="wb-users-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
