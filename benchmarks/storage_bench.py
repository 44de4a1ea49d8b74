"""What one save, one load and one reload of the shared data file cost, against plain TinyDB.

Builds data files of 1k and 10k assessments (with the matching teams and programmes, two
assessors rating all six criteria with realistic reasons) in a temporary folder, then measures
through the real storage layer (``workbench.storage.repository.Repository``):

- save: ``Repository.update`` of one assessment's rating (lock, load-if-changed, TinyDB,
  orjson dump, atomic replace with backup, fsync of file and folder);
- save after another writer's save: the same, when another process wrote since our last
  read, so the file is read and validated again under the lock;
- cold load: a new ``Repository`` and its first ``snapshot()`` (read, parse, validate all);
- reload after change: another writer replaced the file, the reader's next ``snapshot()``;
- no-change check: ``has_changed()`` when nothing changed (one ``stat``);
- baseline: plain TinyDB with its default ``JSONStorage`` doing the same single update on a
  copy of the same data, measured in the same run.

Machines are noisy: the table gives medians, p90 and ratios to the baseline, no thresholds.

    python benchmarks/storage_bench.py [--sizes 1000,10000] [--repeat 30] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import platform
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from workbench.core.assessment import Assessment, Rating
from workbench.core.catalogue import Credential, Level, Price, PriceKind, Programme
from workbench.core.grid import CRITERION_KEYS
from workbench.core.team import Objective, Team
from workbench.storage.datafile import dumps
from workbench.storage.repository import Repository
from workbench.storage.schema import META_TABLE, SCHEMA_VERSION

RESULTS = Path(__file__).resolve().parent / "results" / "storage.md"
ASSESSMENTS_PER_TEAM = 10
PROGRAMMES = 50
ASSESSORS = ("claire", "marc")
WARMUP = 3

REASONS = (
    "Descriptions per week is the team's bottleneck; x3 within 6 months is measurable "
    "and feeds catalogue revenue.",
    "Prompting modules match the daily task; nothing on SEO or our PIM, we add our own templates.",
    "Six writers, and SEO and merchandising reuse the same prompt library.",
    "Low exposure: product claims need a human check, which the responsible AI module covers.",
    "USD 49 a month per seat and about 10 h each: small against the expected output.",
    "Our two power users could mentor the others; a certificate is not strictly needed.",
    "Clear metric, baseline measured, sign-off by the marketing director.",
    "Good match on prompting; deployment and monitoring are still taught in-house.",
    "Brand and copyright risk on generated text is real; formal rules help.",
    "Cheapest structured option; the time cost fits in one quarter without overtime.",
    "Mentoring was tried last spring and stalled; a course with a pass mark gives a common "
    "baseline.",
    "The exam covers MLOps pipelines we run today, but half the labs target another cloud.",
    "Only the two data engineers would use it; the analysts gain little.",
    "Regulated data: the DPO asked for documented training before any production use.",
    "Vendor voucher halves the fee; lost billable days remain the main cost.",
    "An internal guild already runs monthly sessions on the same topics.",
)
PROVIDERS = ("Google", "Microsoft", "AWS", "OpenAI", "IBM", "DeepLearning.AI", "IAPP", "PMI")
DEPARTMENTS = ("Marketing", "Finance", "Support", "Engineering", "Sales", "Legal", "HR")
TOPICS = ("prompting", "responsible AI", "MLOps", "governance", "data", "agents", "vision")


# the data


@dataclass(frozen=True, slots=True)
class Dataset:
    size: int
    programmes: list[Programme]
    teams: list[Team]
    assessments: list[Assessment]

    def raw(self) -> dict[str, Any]:
        """The file as the repository writes it: TinyDB's layout plus the meta record."""

        def table(records: list[Any]) -> dict[str, Any]:
            return {
                str(i): r.model_dump(mode="json", exclude_none=True)
                for i, r in enumerate(records, 1)
            }

        return {
            META_TABLE: {"1": {"schema_version": SCHEMA_VERSION, "writes": 1}},
            "programmes": table(self.programmes),
            "teams": table(self.teams),
            "assessments": table(self.assessments),
            "pilots": {},
        }


def build_dataset(
    size: int, *, programme_count: int = PROGRAMMES, per_team: int = ASSESSMENTS_PER_TEAM
) -> Dataset:
    """``size`` assessments: each team is assessed on ``per_team`` (10) of the
    ``programme_count`` (50) programmes, never twice on the same one."""
    if not 1 <= per_team <= programme_count:
        raise ValueError("per_team must be between 1 and programme_count")
    start = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    programmes = [
        Programme(
            id=f"prog-{i:03d}",
            name=f"AI Programme {i:03d}",
            provider=PROVIDERS[i % len(PROVIDERS)],
            audience="Business and technical staff",
            level=list(Level)[i % len(Level)],
            credential=list(Credential)[i % len(Credential)],
            platform="Online, self-paced",
            modules=1 + i % 8,
            hours_min=4 + i % 10,
            hours_max=10 + i % 30,
            price=Price(kind=PriceKind.AMOUNT, amount=Decimal(49 + 10 * i), currency="USD"),
            topics=[TOPICS[i % len(TOPICS)], TOPICS[(i + 3) % len(TOPICS)]],
            validity_months=24,
            url=f"https://example.org/programmes/{i}",
            source="Provider's page",
            checked_on=date(2026, 9, 1),
            notes="Exam voucher included; retake at half price.",
        )
        for i in range(programme_count)
    ]
    team_count = max(1, -(-size // per_team))
    teams = [
        Team(
            id=f"team-{i:05d}",
            name=f"Team {i:05d}",
            department=DEPARTMENTS[i % len(DEPARTMENTS)],
            headcount=3 + i % 40,
            objective=Objective(
                statement="Publish more product descriptions without hiring",
                metric="descriptions per week",
                unit="descriptions",
                baseline=120,
                target=360,
                horizon_months=6,
            ),
        )
        for i in range(team_count)
    ]
    assessments: list[Assessment] = []
    for n in range(size):
        team_index, k = divmod(n, per_team)
        programme = programmes[(team_index * 7 + k) % programme_count]
        when = start + timedelta(minutes=n)
        ratings = {
            assessor: {
                key: Rating(
                    score=1 + (n + a + c) % 5,
                    reason=REASONS[(n * 3 + a * 5 + c) % len(REASONS)],
                    updated_at=when,
                )
                for c, key in enumerate(CRITERION_KEYS)
            }
            for a, assessor in enumerate(ASSESSORS)
        }
        assessments.append(
            Assessment(
                id=f"assess-{n:06d}",
                team_id=teams[team_index].id,
                programme_id=programme.id,
                ratings=ratings,
                notes="Reviewed in the quarterly training committee.",
                created_at=when,
                created_by="claire@host",
                updated_at=when,
                updated_by="marc",
            )
        )
    return Dataset(size, programmes, teams, assessments)


# measuring


@dataclass(slots=True)
class Row:
    size: int
    operation: str
    samples_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p90(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def timed(
    action: Callable[[], object], repeat: int, *, setup: Callable[[], object] | None = None
) -> list[float]:
    """Milliseconds of ``repeat`` runs of ``action`` after ``WARMUP`` untimed runs."""
    samples: list[float] = []
    gc.collect()  # once per series: collecting millions of objects each time takes longer
    for i in range(WARMUP + repeat):
        if setup is not None:
            setup()
        start = time.perf_counter_ns()
        action()
        elapsed = (time.perf_counter_ns() - start) / 1e6
        if i >= WARMUP:
            samples.append(elapsed)
    return samples


class Saves:
    """One rating change per call, on a different assessment each time."""

    def __init__(self, repo: Repository, ids: list[str], assessor: str = "claire") -> None:
        self.repo = repo
        self.ids = ids
        self.assessor = assessor
        self.count = 0

    def next_change(self) -> tuple[str, Rating]:
        self.count += 1
        record_id = self.ids[(self.count * 7919) % len(self.ids)]
        rating = Rating(score=1 + self.count % 5, reason=REASONS[self.count % len(REASONS)])
        return record_id, rating

    def __call__(self) -> None:
        record_id, rating = self.next_change()
        at = datetime.now(UTC)
        self.repo.update(
            Assessment,
            record_id,
            lambda a: a.with_rating(self.assessor, "business_impact", rating, at=at),
        )


class BaselineSaves(Saves):
    """The same change through plain TinyDB and its default JSONStorage (json module)."""

    def __init__(self, db: TinyDB, ids: list[str]) -> None:
        self.db = db
        self.ids = ids
        self.assessor = "claire"
        self.count = 0

    def __call__(self) -> None:
        record_id, rating = self.next_change()
        at = datetime.now(UTC)
        new = rating.model_copy(update={"updated_at": at}).model_dump(mode="json")

        def change(doc: dict[str, Any]) -> None:
            doc["ratings"].setdefault(self.assessor, {})["business_impact"] = new
            doc["updated_at"] = at.isoformat()
            doc["updated_by"] = self.assessor

        self.db.table("assessments").update(change, Query().id == record_id)


def measure_size(
    size: int, content: bytes, ids: list[str], folder: Path, repeat: int, load_repeat: int
) -> list[Row]:
    path = folder / f"bench-{size}.json"
    path.write_bytes(content)
    baseline_path = folder / f"baseline-{size}.json"
    baseline_path.write_bytes(content)
    megabytes = len(content) / 1e6
    print(f"  {size} assessments: {megabytes:.1f} MB", file=sys.stderr)
    rows: list[Row] = []

    repo = Repository(path, author="bench@host")
    repo.snapshot()
    rows.append(Row(size, "save (update one rating)", timed(Saves(repo, ids), repeat)))

    rows.append(
        Row(
            size,
            "cold load (new Repository, first snapshot)",
            timed(lambda: Repository(path).snapshot(), load_repeat),
        )
    )

    reader = Repository(path)
    reader.snapshot()
    other_writer = Saves(Repository(path, author="other@host"), ids, assessor="marc")
    rows.append(
        Row(
            size,
            "reload after another writer's save",
            timed(reader.snapshot, load_repeat, setup=other_writer),
        )
    )
    assert not reader.has_changed()

    # the writer's cache is stale: it reads and validates the whole file under the lock
    rows.append(
        Row(
            size,
            "save after another writer's save",
            timed(Saves(reader, ids), load_repeat, setup=other_writer),
        )
    )

    calls = 1000

    def many_checks() -> None:
        for _ in range(calls):
            reader.has_changed()

    samples = [ms / calls for ms in timed(many_checks, repeat)]
    rows.append(Row(size, "no-change check (has_changed)", samples))

    db = TinyDB(baseline_path)  # default storage: JSONStorage, json module, in-place rewrite
    try:
        rows.append(
            Row(size, "BASELINE: plain TinyDB update", timed(BaselineSaves(db, ids), repeat))
        )
    finally:
        db.close()
    return rows


# reporting


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def fmt(ms: float) -> str:
    if ms >= 100:
        return f"{ms:.0f}"
    if ms >= 1:
        return f"{ms:.1f}"
    return f"{ms:.4f}"


def fmt_ratio(ratio: float) -> str:
    return f"{ratio:.2f}" if ratio >= 0.01 else f"{ratio:.6f}"


def table(rows: list[Row]) -> str:
    lines = [
        "| size | operation | median ms | p90 ms | ratio to baseline |",
        "|---:|---|---:|---:|---:|",
    ]
    for row in rows:
        baseline = next(
            r for r in rows if r.size == row.size and r.operation.startswith("BASELINE")
        )
        ratio = row.median / baseline.median
        lines.append(
            f"| {row.size:,} | {row.operation} | {fmt(row.median)} | {fmt(row.p90)} | "
            f"{fmt_ratio(ratio)} |"
        )
    return "\n".join(lines)


def profile(size: int, content: bytes, ids: list[str], folder: Path) -> str:
    """Where a save and a reload spend their time, at this size."""
    path = folder / f"profile-{size}.json"
    path.write_bytes(content)
    repo = Repository(path)
    repo.snapshot()
    save = Saves(repo, ids)
    reader = Repository(path)
    reader.snapshot()
    out = io.StringIO()
    for title, action, count in (
        ("save", save, 20),
        ("reload after change", lambda: (save(), reader.snapshot()), 3),
    ):
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(count):
            action()
        profiler.disable()
        out.write(f"\n## cProfile: {count} x {title} at {size:,} assessments\n\n")
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(15)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="assessment counts (comma list)")
    parser.add_argument("--repeat", type=int, default=30, help="timed saves and checks per size")
    parser.add_argument(
        "--load-repeat", type=int, default=10, help="timed cold loads and reloads per size"
    )
    parser.add_argument("--dir", type=Path, help="where to build the files (default: a temp dir)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown results file")
    parser.add_argument(
        "--profile", action="store_true", help="also print cProfile of saves and reloads"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.repeat < 1 or args.load_repeat < 1 or not sizes:
        parser.error("--repeat, --load-repeat and --sizes must be positive")

    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="wb-storage-bench-", dir=args.dir))
    rows: list[Row] = []
    profiles: list[str] = []
    try:
        for size in sizes:
            print(f"building {size} assessments...", file=sys.stderr)
            dataset = build_dataset(size)
            content = dumps(dataset.raw())
            ids = [a.id for a in dataset.assessments]
            del dataset  # the measured process holds only what the repositories hold
            rows.extend(measure_size(size, content, ids, folder, args.repeat, args.load_repeat))
            if args.profile and size == max(sizes):
                profiles.append(profile(size, content, ids, folder))
            del content
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    total = time.perf_counter() - started

    report = "\n".join(
        [
            "# Storage benchmark",
            "",
            f"- date: {datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"- machine: {machine()}",
            f"- files in: {folder.parent} (filesystem of the temp dir)",
            f"- repeats: {args.repeat} saves and checks, {args.load_repeat} loads and reloads "
            f"per size, after {WARMUP} untimed runs each; whole run {total:.0f} s",
            "- data: 10 assessments per team, 50 programmes, 2 assessors x 6 criteria with reasons",
            "- baseline: plain TinyDB 4 with its default JSONStorage (json module, "
            "rewrite in place, fsync, no lock, no validation), same update, same data",
            "",
            table(rows),
            "",
        ]
    )
    print(report)
    for text in profiles:
        print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
