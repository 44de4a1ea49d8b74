"""Start-up in a real terminal: launch to the first screen, against a bare four-tab app.

``python -m workbench.cli --db FILE`` in a new window of a private 80x24 tmux server
(``TEXTUAL_ANIMATIONS=none``, started outside the checkout), ``capture-pane`` polled every
10 ms until a programme of the first rows shows; after each launch, the bare app the same
way (A B A B); one untimed launch of each first. Also the peak RSS (VmHWM) of the workbench
at its first screen, and after F3 F4 F5 F6 F2 on the large file (each until the screen
stayed the same 1.5 s).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bare_apps import BARE_MARKER, BARE_STARTUP_APP
from figures import Figures
from startup_bench import Tmux
from terminal import SIZE, Launcher, process_tree_peak_mb

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_MARKER = "AI Foundations"
LARGE_MARKER = "AI programme 0"
MARKERS = {"sample": SAMPLE_MARKER, "large": LARGE_MARKER}
STARTUP_TARGETS = {"sample": 1.3, "large": 2.5}
RSS_TARGET_MB = 300.0


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_startup(
    figures: Figures,
    files: dict[str, tuple[Path, str]],
    folder: Path,
    runs: int,
    earlier: dict[str, tuple[Path, dict[str, tuple[Path, str]]]],
) -> None:
    bare = folder / "bare_app.py"
    bare.write_text(BARE_STARTUP_APP, encoding="utf-8")
    env = {"WORKBENCH_CONFIG": str(folder / "config.json"), "TEXTUAL_ANIMATIONS": "none"}
    workbench = [sys.executable, "-m", "workbench.cli", "--db"]
    variants: list[tuple[str, dict[str, str], dict[str, tuple[Path, str]]]] = [
        ("workbench", {"PYTHONPATH": str(ROOT)}, {})
    ]
    for revision, (tree, own) in earlier.items():
        variants.append((f"workbench at {revision}", {"PYTHONPATH": str(tree)}, own))
    bare_name = "bare four-tab Textual app: first screen"
    with Tmux(*SIZE) as tmux:
        launcher = Launcher(tmux, env, timeout=120, cwd=folder)
        for run in range(runs + 1):  # run 0 warms the disk cache, untimed
            for data, (path, _) in files.items():
                marker = SAMPLE_MARKER if data == "sample" else LARGE_MARKER
                for label, extra, own in variants:
                    opened = own.get(data, (path, ""))[0]
                    window = launcher.launch([*workbench, str(opened)], extra)
                    try:
                        ms = launcher.wait_for(window, marker)
                        peak = process_tree_peak_mb(window.pid)
                    finally:
                        launcher.close(window)
                    window = launcher.launch([sys.executable, str(bare)])
                    try:
                        bare_ms = launcher.wait_for(window, BARE_MARKER)
                    finally:
                        launcher.close(window)
                    if not run:
                        continue
                    progress(f"start-up {data} run {run}: {label} {ms:.0f} ms, bare {bare_ms:.0f}")
                    figures.add(
                        "start-up",
                        data,
                        f"{label}: first screen",
                        ms,
                        baseline=bare_name,
                        target=STARTUP_TARGETS[data] if label == "workbench" else None,
                    )
                    figures.add("start-up", data, bare_name, bare_ms)
                    if data == "large":
                        figures.add(
                            "memory",
                            data,
                            f"{label}: peak RSS at the first screen",
                            peak,
                            unit="MB",
                            target=RSS_TARGET_MB if label == "workbench" else None,
                        )
        # every tab shown once, on the large file: the most the workbench holds
        for data, (path, _) in files.items():
            if data != "large":
                continue
            for label, extra, own in variants:
                progress(f"peak RSS, every tab shown: {label}")
                opened = own.get(data, (path, ""))[0]
                window = launcher.launch([*workbench, str(opened)], extra)
                try:
                    launcher.wait_for(window, LARGE_MARKER)
                    for key in ("F3", "F4", "F5", "F6", "F2"):
                        tmux.run("send-keys", "-t", window.target, key)
                        launcher.steady(window)
                    peak = process_tree_peak_mb(window.pid)
                finally:
                    launcher.close(window)
                figures.add(
                    "memory",
                    data,
                    f"{label}: peak RSS after every tab was shown",
                    peak,
                    unit="MB",
                    target=RSS_TARGET_MB if label == "workbench" else None,
                )
