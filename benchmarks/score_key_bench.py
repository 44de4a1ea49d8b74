"""How long a score key takes to reach the screen, and the file, on a large organisation.

Builds a data file with ``storage_bench.build_dataset`` (20,000 assessments, 500 teams, 40
programmes, two assessors with reasons: about 67 MB), opens ``WorkbenchApp`` headless at
120x40 on one assessment and presses "3" and "4" alternately on its last criterion:

- key to screen: from ``pilot.press(key)`` until the Scoring tab's ``refresh_data``
  returned with the new score (not ``pilot.pause()``: Textual's pilot waits until the
  whole process is idle, so it would wait for the save in the background as well);
- key to file: from the same press until the save queue is idle (the file holds it);
  each key waits for the previous one to be in the file: one whole save per key;
- key to screen, typed during saves: the keys pressed one after the other without
  waiting for the file, as a quick typist does; saves run meanwhile.

With a workbench that saves on the UI thread, the screen shows a key after its save.
Run it on another checkout's code (``PYTHONPATH=/path/to/it``) to compare before and after.

    python benchmarks/score_key_bench.py [--size 20000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from storage_bench import build_dataset
from textual.pilot import Pilot

from workbench.core.grid import CRITERION_KEYS
from workbench.storage.datafile import dumps
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp

WARMUP = 3


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summary(label: str, samples: list[float]) -> str:
    return (
        f"{label}: median {statistics.median(samples):.1f} ms, "
        f"p90 {percentile(samples, 0.9):.1f} ms, max {max(samples):.1f} ms"
    )


async def written(pilot: Pilot[None], app: WorkbenchApp) -> None:
    saves = getattr(app, "saves", None)
    while saves is not None and not saves.idle():
        await pilot.pause(0.002)


async def measure(path: Path, repeat: int) -> dict[str, list[float]]:
    repo = Repository(path, author="bench")
    first = next(iter(repo.snapshot().assessments.values()))
    app = WorkbenchApp(repo, assessor="claire", today=date(2026, 12, 2), watch_interval=0)
    app.state.team_id, app.state.programme_id = first.team_id, first.programme_id
    app.state.tab = "scoring"
    key = CRITERION_KEYS[-1]
    results: dict[str, list[float]] = {
        "key to screen, no save running": [],
        "key to file, no save running": [],
        "key to screen, typed during saves": [],
    }
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen_stack[0].query_one("#scoring-pane")
        refreshed: list[float] = []
        real_refresh = pane.refresh_data  # type: ignore[attr-defined]

        def refresh_data() -> None:
            real_refresh()
            refreshed.append(time.perf_counter())

        pane.refresh_data = refresh_data  # type: ignore[attr-defined]
        await pilot.press("end")
        await pilot.pause()

        async def score(i: int) -> tuple[float, float]:
            """Press a score key; when the screen showed it (its first refresh after)."""
            value = "34"[i % 2]
            refreshed.clear()
            start = time.perf_counter()
            await pilot.press(value)
            while not refreshed:
                await pilot.pause(0.001)
            shown = pane.current()[2]  # type: ignore[attr-defined]
            assert shown.rating("claire", key).score == int(value)
            return start, refreshed[0]

        for i in range(WARMUP + repeat):
            start, on_screen = await score(i)
            await written(pilot, app)
            done = time.perf_counter()
            if i >= WARMUP:
                results["key to screen, no save running"].append((on_screen - start) * 1000)
                results["key to file, no save running"].append((done - start) * 1000)
        for i in range(WARMUP + repeat, WARMUP + 2 * repeat):  # each key changes the score
            start, on_screen = await score(i)
            results["key to screen, typed during saves"].append((on_screen - start) * 1000)
        await written(pilot, app)
    stored = Repository(path).assessment_for(first.team_id, first.programme_id)
    assert stored is not None
    assert stored.rating("claire", key).score == int("34"[(WARMUP + 2 * repeat - 1) % 2])
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.json"
        dataset = build_dataset(args.size, programme_count=40, per_team=args.size // 500 or 1)
        path.write_bytes(dumps(dataset.raw()))
        print(f"{args.size} assessments, {path.stat().st_size / 1e6:.0f} MB", flush=True)
        results = asyncio.run(measure(path, args.repeat))
    for label, samples in results.items():
        print(summary(label, samples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
