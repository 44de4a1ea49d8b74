"""The large organisation of the benchmarks: valid, seeded, shaped as the brief says."""

from __future__ import annotations

import gc
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest

from workbench.cli import checker, main
from workbench.storage.repository import Repository
from workbench.storage.schema import META_TABLE

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "large_org.py"
SCALE = 0.02  # 10 teams, 6 programmes, 400 assessments, 6 pilots


@pytest.fixture(scope="module")
def large_org() -> ModuleType:
    spec = importlib.util.spec_from_file_location("large_org", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["large_org"] = module
    spec.loader.exec_module(module)
    return module


def test_the_counts_at_full_scale_are_those_of_the_issue(large_org: ModuleType) -> None:
    counts = large_org.Counts.at(1.0)
    assert (counts.teams, counts.programmes, counts.assessments, counts.pilots) == (
        500,
        40,
        20_000,
        300,
    )


@pytest.mark.parametrize("scale", [0.0, -1.0, 11.0])
def test_a_scale_out_of_range_is_refused(large_org: ModuleType, scale: float) -> None:
    with pytest.raises(ValueError, match="scale"):
        large_org.Counts.at(scale)


def test_a_small_organisation_passes_workbench_check(
    large_org: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "org.json"
    assert large_org.main([str(path), "--scale", str(SCALE)]) == 0
    assert main(["--lang", "en", "check", "--db", str(path)]) == 0
    assert "OK" in capsys.readouterr().out

    snapshot = Repository(path).snapshot()
    counts = large_org.Counts.at(SCALE)
    assert len(snapshot.teams) == counts.teams
    assert len(snapshot.programmes) == counts.programmes
    assert len(snapshot.assessments) == counts.assessments
    assert len(snapshot.pilots) == counts.pilots > 0
    pairs = {(a.team_id, a.programme_id) for a in snapshot.assessments.values()}
    assert len(pairs) == counts.assessments
    two = [a for a in snapshot.assessments.values() if len(a.assessors) == 2]
    assert 0.1 < len(two) / counts.assessments < 0.4  # about a quarter
    for assessment in snapshot.assessments.values():
        for ratings in assessment.ratings.values():
            assert len(ratings) == 6
            assert all(rating.reason and rating.score for rating in ratings.values())
    for pilot in snapshot.pilots.values():
        assert pilot.assessment_id in snapshot.assessments
        assert snapshot.assessments[pilot.assessment_id].team_id == pilot.team_id
        assert pilot.kpis
        assert all(len(kpi.measurements) >= 2 for kpi in pilot.kpis)


def test_the_same_seed_gives_the_same_records(large_org: ModuleType, tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    large_org.write(first, scale=SCALE)
    large_org.write(second, scale=SCALE)
    large_org.write(other, scale=SCALE, seed=14)

    def records(path: Path) -> dict[str, object]:
        data = orjson.loads(path.read_bytes())
        del data[META_TABLE]  # who wrote it and when
        return data

    assert records(first) == records(second)
    assert records(first) != records(other)


def test_an_existing_file_is_never_overwritten(
    large_org: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "org.json"
    path.write_text("keep me", encoding="utf-8")
    assert large_org.main([str(path), "--scale", str(SCALE)]) == 2
    assert "exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "keep me"


def test_workbench_check_reads_the_file_with_the_collector_off(
    large_org: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As the repository reads a file: at 20k assessments, the collector walking every new
    model made `check` twice the cold load of the file."""
    path = tmp_path / "org.json"
    assert large_org.main([str(path), "--scale", str(SCALE)]) == 0
    capsys.readouterr()
    passes: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    real_check = checker.check_file

    def watched(*args: Any, **kwargs: Any) -> checker.CheckReport:
        gc.callbacks.append(seen)
        try:
            return real_check(*args, **kwargs)
        finally:
            gc.callbacks.remove(seen)

    monkeypatch.setattr(checker, "check_file", watched)
    assert main(["--lang", "en", "check", "--db", str(path)]) == 0
    assert "OK" in capsys.readouterr().out
    assert passes == []
