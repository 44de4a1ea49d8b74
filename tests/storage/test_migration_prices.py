"""Schema 2 → 3: a price note that names a subscription becomes the price's basis.

``fixtures/schema2.json`` is a real file written by the workbench at schema 2: the sample
data, plus six programmes saved through the app's repository with the notes users wrote
("monthly" on a team price, "par mois, hors taxes", "/month (VAT excluded)", "per year",
"early-bird price", "per month or 399 per year").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from workbench.core.catalogue import PriceBasis
from workbench.core.pricing import basis_from_note
from workbench.storage.repository import Repository
from workbench.storage.schema import SCHEMA_VERSION, Migration, migrate, pending_migrations

SCHEMA2 = Path(__file__).parent / "fixtures" / "schema2.json"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "wb.json"
    shutil.copyfile(SCHEMA2, path)
    return path


def prices(raw: dict[str, dict[str, dict[str, object]]]) -> dict[str, object]:
    return {doc["name"]: doc["price"] for doc in raw["programmes"].values()}  # type: ignore[misc]


def test_the_fixture_is_schema_2_with_notes_and_no_basis() -> None:
    raw = orjson.loads(SCHEMA2.read_bytes())
    assert raw["_meta"]["1"]["schema_version"] == 2
    assert prices(raw)["Google AI Essentials"] == {
        "kind": "amount",
        "amount": "49",
        "currency": "USD",
        "note": "per month",
    }
    assert "rates" not in raw


def test_notes_that_name_a_subscription_become_the_basis_and_the_rest_stays() -> None:
    raw = orjson.loads(SCHEMA2.read_bytes())
    migrated = prices(migrate(raw))
    assert migrated["Google AI Essentials"] == {
        "kind": "amount",
        "amount": "49",
        "currency": "USD",
        "basis": "seat_month",
    }
    assert migrated["Google AI Professional Certificate"] == {
        "kind": "amount",
        "amount": "49",
        "currency": "USD",
        "basis": "seat_month",
    }
    assert migrated["Atelier IA"]["basis"] == "seat_month"  # type: ignore[index]
    assert migrated["Atelier IA"]["note"] == "hors taxes"  # type: ignore[index]
    assert migrated["Data literacy"]["note"] == "VAT excluded"  # type: ignore[index]
    assert migrated["Copilot adoption"]["basis"] == "seat_year"  # type: ignore[index]
    assert "note" not in migrated["Copilot adoption"]  # type: ignore[operator]


def test_unknown_stays_unknown() -> None:
    raw = orjson.loads(SCHEMA2.read_bytes())
    before, after = prices(raw), prices(migrate(raw))
    for name in (
        "Team licence, monthly",  # a team price: a monthly team price is no seat's subscription
        "Prompting bootcamp",  # a note that names no period
        "Mixed offer",  # both a month and a year: which one is not ours to guess
        "AI-900 Azure AI Fundamentals",
        "Artificial Intelligence Governance Professional (AIGP)",
        "Generative AI for Everyone",  # free: no amount, no basis
    ):
        assert after[name] == before[name], name
    assert pending_migrations(raw) == [Migration(2, 3, prices=5), Migration(3, 4), Migration(4, 5)]


def test_the_next_save_migrates_the_file_and_keeps_every_record(old_file: Path) -> None:
    repo = Repository(old_file)
    seen = repo.snapshot()
    essentials = next(p for p in seen.programmes.values() if p.name == "Google AI Essentials")
    assert essentials.price.basis is PriceBasis.SEAT_MONTH
    assert essentials.price.months is None  # the typical months were never in the note
    assert orjson.loads(old_file.read_bytes())["_meta"]["1"]["schema_version"] == 2
    repo.save_programme(essentials.model_copy(update={"notes": "re-read"}))
    raw = orjson.loads(old_file.read_bytes())
    assert raw["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert prices(raw)["Google AI Professional Certificate"]["basis"] == "seat_month"  # type: ignore[index]
    after = Repository(old_file).snapshot()
    assert after.teams == seen.teams
    assert after.assessments == seen.assessments
    assert after.pilots == seen.pilots
    assert after.rates == {}


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("per month", (PriceBasis.SEAT_MONTH, None)),
        ("Par mois", (PriceBasis.SEAT_MONTH, None)),
        ("USD 49/month", (PriceBasis.SEAT_MONTH, "USD 49")),
        ("monthly subscription; 7-day trial", (PriceBasis.SEAT_MONTH, "subscription; 7-day trial")),
        ("per seat per year", (PriceBasis.SEAT_YEAR, None)),
        ("annual licence", (PriceBasis.SEAT_YEAR, "licence")),
        ("649 for IAPP members", None),
        ("USD price not verified", None),
        ("within a month of enrolment", None),
        ("per month or 399 per year", None),
        ("", None),
        (None, None),
    ],
)
def test_basis_from_note(note: str | None, expected: tuple[PriceBasis, str | None] | None) -> None:
    assert basis_from_note(note) == expected
