"""The first screen is shown without the modules it does not need; they come after it.

Run in a fresh interpreter: this test process has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from textual.app import App

from tests.ui.waiting import wait_until
from workbench.storage.repository import Repository
from workbench.ui.preload import LATER, import_later

ROOT = Path(__file__).resolve().parents[2]

FIRST_SCREEN = """
import asyncio, json, sys, time
from datetime import date
from pathlib import Path
from tests.ui.screen import screen_text
from workbench.cli import open_repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.preload import LATER

repository = open_repository(Path(sys.argv[1]), empty=False)
app = WorkbenchApp(repository, today=date(2026, 11, 23), watch_interval=0)


async def until(pilot, condition, what):  # tests.ui.waiting imports TextArea: not here
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("still waiting for " + what)
        await pilot.pause()


async def main():
    async with app.run_test() as pilot:
        await until(pilot, lambda: "AI Foundations" in screen_text(app), "the first screen")
        first = [name for name in LATER if name in sys.modules]
        await until(pilot, lambda: app.warm_up.done, "the warm-up")
        after = [name for name in LATER if name in sys.modules]
    print(json.dumps({"first": first, "after": after}))


asyncio.run(main())
"""


def test_the_first_screen_imports_none_of_what_comes_later(sample_repo: Repository) -> None:
    done = subprocess.run(  # the file exists: writing a new one would take its lock
        [sys.executable, "-c", FIRST_SCREEN, str(sample_repo.path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert imported["first"] == []
    assert imported["after"] == list(LATER)


async def test_import_later_imports_each_module_then_calls_back(tmp_path: Path) -> None:
    for name in ("wb_later_one", "wb_later_two"):
        (tmp_path / f"{name}.py").write_text("LOADED = True\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    called: list[list[str]] = []
    try:
        app: App[None] = App()
        async with app.run_test() as pilot:
            import_later(
                app,
                then=lambda: called.append(
                    [n for n in ("wb_later_one", "wb_later_two") if n in sys.modules]
                ),
                names=("wb_later_one", "wb_later_two"),
            )
            await wait_until(pilot, lambda: called, what="the callback")
        assert called == [["wb_later_one", "wb_later_two"]]
    finally:
        sys.path.remove(str(tmp_path))
        for name in ("wb_later_one", "wb_later_two"):
            sys.modules.pop(name, None)
