"""Money above a sane maximum (10^9 in any currency) is refused: in forms and in imports."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from workbench.core.pilot import Cost, CostKind
from workbench.core.pilot_input import InputError, parse_amount
from workbench.core.rules import STORED
from workbench.core.sample import load_sample
from workbench.exchange.export import export_document
from workbench.exchange.importer import plan_import
from workbench.exchange.selection import select
from workbench.i18n import Translator
from workbench.i18n.messages import problem_text
from workbench.storage.repository import Repository


def test_a_form_refuses_an_amount_above_a_billion() -> None:
    assert parse_amount("1 000 000 000", "EUR") == Decimal(10**9)
    with pytest.raises(InputError) as refused:
        parse_amount("1 000 000 000,01", "EUR")
    assert refused.value.key == "too_large"
    shown = Translator("fr")("pilots.input.too_large", **refused.value.params)
    assert "1 000 000 000 EUR" in shown


def test_the_model_refuses_it_with_its_own_message() -> None:
    Cost(kind=CostKind.FEES, label="fees", amount=Decimal(10**9))
    with pytest.raises(ValidationError) as refused:
        Cost(kind=CostKind.FEES, label="fees", amount=Decimal("1e12"))
    assert refused.value.errors()[0]["type"] == "amount_too_large"


def test_an_import_with_a_huge_amount_is_refused_whole(tmp_path: Path) -> None:
    sample = load_sample()
    repo = Repository(tmp_path / "data.json", author="t@h")
    repo.ensure_exists([*sample.programmes, *sample.teams, *sample.assessments])
    document = export_document(
        select(repo.snapshot()), author="t@h", now=datetime(2026, 12, 1, tzinfo=UTC)
    )
    pilot = sample.pilots[0].model_dump(mode="json", exclude_none=True)
    pilot["phases"][1]["budget_planned"] = "8000000000"
    document["pilots"] = {"1": pilot}
    source = tmp_path / "in.json"
    source.write_bytes(orjson.dumps(document))
    plan = plan_import(source, repo.snapshot())
    assert not plan.ok
    said = [problem_text(p, Translator("en")) for p in plan.problems]
    assert any("At most 1,000,000,000 in any currency" in text for text in said), said


def test_a_catalogue_csv_with_a_huge_price_is_refused_whole(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "data.json", author="t@h")
    repo.ensure_exists([])
    source = tmp_path / "catalogue.csv"
    source.write_text(
        "programme,provider,price_kind,price_amount,price_currency\r\n"
        "Fine,Acme,amount,49,USD\r\n"
        "Typo,Acme,amount,49000000000,USD\r\n",
        encoding="utf-8",
    )
    plan = plan_import(source, repo.snapshot())
    assert not plan.ok
    [problem] = plan.problems
    assert "price.amount" in problem.location
    french = problem_text(problem, Translator("fr"))
    assert "Au plus 1 000 000 000, quelle que soit la devise" in french


def test_a_stored_amount_above_the_maximum_still_opens() -> None:
    cost = Cost.model_validate(
        {"kind": "fees", "label": "fees", "amount": "5000000000"}, context=STORED
    )
    assert cost.amount == Decimal(5 * 10**9)
