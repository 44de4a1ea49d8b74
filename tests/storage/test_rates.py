"""Exchange rates in the data file: written under the lock, read back exactly, merged as
every other record, exported and imported with the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import orjson
import pytest

from workbench.core.money import Money, Rate
from workbench.storage.errors import ConflictError, NotFoundError
from workbench.storage.repository import Repository

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]
ON = date(2026, 12, 1)


def usd_eur(rate: str = "0.92", **changes: object) -> Rate:
    return Rate(
        from_="USD", to="EUR", rate=Decimal(rate), on=ON, source="ECB reference rate"
    ).model_copy(update=changes)


def test_a_rate_round_trips_through_the_file_exactly(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repo = Repository(path)
    repo.ensure_exists()
    rate = repo.save_rate(usd_eur("0.918273645"))
    raw = orjson.loads(path.read_bytes())
    stored = next(iter(raw["rates"].values()))
    assert stored == {
        "id": rate.id,
        "from": "USD",
        "to": "EUR",
        "rate": "0.918273645",
        "on": "2026-12-01",
        "source": "ECB reference rate",
    }
    again = Repository(path)
    assert again.rates() == [rate]
    converted = again.exchange().convert(Money(Decimal(100), "usd"), "EUR", ON)
    assert converted.money == Money(Decimal("91.8273645"), "EUR")  # type: ignore[union-attr]


def test_a_hand_written_lower_case_code_is_read_as_upper_case(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    repo = Repository(path)
    repo.ensure_exists([usd_eur()])
    raw = orjson.loads(path.read_bytes())
    doc = next(iter(raw["rates"].values()))
    doc["from"], doc["to"] = "usd", "eur"
    path.write_bytes(orjson.dumps(raw))
    rate = Repository(path).rates()[0]
    assert (rate.from_, rate.to) == ("USD", "EUR")
    assert Repository(path).exchange().find("USD", "EUR") is not None


def test_edit_and_delete_a_rate(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "wb.json")
    repo.ensure_exists()
    rate = repo.save_rate(usd_eur())
    repo.save_edit(rate, rate.model_copy(update={"rate": Decimal("0.93")}))
    assert repo.rates()[0].rate == Decimal("0.93")
    repo.delete_rate(rate.id)
    assert repo.rates() == []
    with pytest.raises(NotFoundError):
        repo.delete_rate(rate.id)


def test_two_edits_of_one_rate_to_different_values_conflict(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    mine, theirs = Repository(path, author="ana"), Repository(path, author="bob")
    mine.ensure_exists()
    rate = mine.save_rate(usd_eur())
    theirs.save_edit(rate, rate.model_copy(update={"rate": Decimal("0.95")}))
    with pytest.raises(ConflictError):
        mine.save_edit(rate, rate.model_copy(update={"rate": Decimal("0.90")}))
    assert Repository(path).rates()[0].rate == Decimal("0.95")
    # a field only one of them changed merges
    mine.save_edit(rate, rate.model_copy(update={"source": "Banque de France"}))
    merged = Repository(path).rates()[0]
    assert (merged.rate, merged.source) == (Decimal("0.95"), "Banque de France")


@pytest.mark.slow
def test_two_processes_writing_rates_lose_none(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    Repository(path).ensure_exists()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen([sys.executable, str(WORKER), "rates", str(path), name, "40"], env=env)
        for name in ("alice", "bob")
    ]
    assert [w.wait(timeout=240) for w in workers] == [0, 0]
    rates = Repository(path).rates()
    assert len(rates) == 80
    assert {r.source for r in rates} == {"alice", "bob"}
