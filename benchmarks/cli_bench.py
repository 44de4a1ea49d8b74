"""The command line at organisation scale: each command against the cold load of its file.

Runs ``check``, ``export --format csv``, ``report pilots``, ``report pilot ID`` and ``memo TEAM``
on a data file (``benchmarks/large_org.py`` makes the large organisation), each in a fresh
process, interleaved with the baseline: a fresh process that loads the file through the
``Repository`` and gets its snapshot. Prints the medians (wall-clock, and CPU time, steadier on
a busy machine), each command's ratios to the baseline and whether it holds the target (at
most 2x the cold load, wall-clock).

    python benchmarks/cli_bench.py /tmp/org.json [--runs 5] [--before TREE]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 2.0
COLD_LOAD = (
    "import sys; from pathlib import Path; "
    "from workbench.storage.repository import Repository; "
    "Repository(Path(sys.argv[1]), read_only=True).snapshot()"
)


def commands(data: Path, pilot: str, team: str) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "workbench.cli", "--lang", "en", "--db", str(data)]
    return {
        "cold load": [sys.executable, "-c", COLD_LOAD, str(data)],
        "check": [*cli, "check"],
        "export --format csv": [*cli, "export", "--format", "csv"],
        "report pilots": [*cli, "report", "pilots"],
        "report pilot ID": [*cli, "report", "pilot", pilot],
        "memo TEAM": [*cli, "memo", team],
    }


def first_ids(data: Path) -> tuple[str, str]:
    """A pilot's id and the name of a team, from the file itself."""
    import orjson

    raw = orjson.loads(data.read_bytes())
    pilot = next(iter(raw["pilots"].values()))["id"]
    team = next(iter(raw["teams"].values()))["name"]
    return pilot, team


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """The wall-clock seconds of one run, and the CPU seconds (user + system) it used: on a
    busy machine the CPU time says more."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the data file")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (default: 3)")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="TREE",
        help="also run each command from this source tree (`git archive REV | tar -x`), "
        "interleaved, for before/after figures",
    )
    args = parser.parse_args(argv)
    data = args.data.resolve()
    env = {**os.environ, "WORKBENCH_CONFIG": str(data.with_suffix(".settings.json"))}
    trees: dict[str, tuple[dict[str, str], Path]] = {"": (env, Path.cwd())}
    if args.before is not None:
        tree = args.before.resolve()
        trees[" (before)"] = ({**env, "PYTHONPATH": str(tree)}, tree)
    runs = {
        (name + label, label == "" and name == "cold load"): (command, *trees[label])
        for name, command in commands(data, *first_ids(data)).items()
        for label in trees
        if not (label and name == "cold load")
    }
    times: dict[tuple[str, bool], list[tuple[float, float]]] = {key: [] for key in runs}
    for _ in range(args.runs):
        for key, (command, run_env, cwd) in runs.items():
            times[key].append(timed(command, run_env, cwd))
    base = next(spent for (_, is_base), spent in times.items() if is_base)
    wall_base = statistics.median(wall for wall, _ in base)
    cpu_base = statistics.median(cpu for _, cpu in base)
    print(f"{'':31} {'wall':>7} {'ratio':>6}  {'cpu':>7} {'ratio':>6}")
    for (name, is_base), spent in times.items():
        wall = statistics.median(w for w, _ in spent)
        cpu = statistics.median(c for _, c in spent)
        ratio = wall / wall_base
        verdict = "" if is_base else ("holds" if ratio <= TARGET else "misses")
        print(
            f"{name:31} {wall:6.2f}s {ratio:5.2f}x  {cpu:6.2f}s {cpu / cpu_base:5.2f}x  {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
