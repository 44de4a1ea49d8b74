"""`workbench portfolio`: the Compare tab's portfolio for scripts and committee packs."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from workbench.cli import main, open_repository
from workbench.core.assessment import Assessment
from workbench.core.catalogue import Price, PriceKind, Programme
from workbench.core.team import Team
from workbench.storage.repository import Repository


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "wb.json"
    open_repository(path, empty=False)
    return path


def run(data: Path, *args: str) -> int:
    return main(["--db", str(data), "portfolio", *args])


def test_markdown_says_optimal(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = data.read_bytes()
    code = run(data, "--budget", "5000", "--currency", "usd", "--lang", "en")
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    assert out.startswith("# Portfolio under 5,000\xa0USD: maximise the summed total\n")
    assert "**Optimal: the solver proved that no other choice does better.**" in out
    assert "| Data and ML engineering | AWS Certified Machine Learning Engineer" in out
    assert "## Left out" in out
    assert data.read_bytes() == before  # only read


def test_french_markdown_to_a_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "portefeuille.md"
    code = run(
        data, "--budget", "5 000", "--currency", "USD", "--lang", "fr", "--out", str(out_file)
    )
    _, err = capsys.readouterr()
    assert code == 0
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("# Portefeuille pour 5")
    assert "Optimal : le solveur a prouvé" in text
    assert "portefeuille : optimal" in err


def test_csv_and_json_for_scripts(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "--budget", "5000", "--currency", "USD", "--format", "csv") == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    funded = [r for r in rows if r["status"] == "funded"]
    assert {r["solution"] for r in rows} == {"optimal"}
    assert any(r["programme_id"] == "aws-mla-c01" and r["cost"] == "1200" for r in funded)
    assert "portfolio: optimal" in err
    code = run(
        data, "--budget", "5000", "--currency", "USD", "--goal", "teams", "--cap", "seats:10",
        "--format", "json",
    )  # fmt: skip
    out, _ = capsys.readouterr()
    assert code == 0
    document = json.loads(out)
    assert document["solution"] == "optimal"
    assert document["goal"] == "teams"
    assert document["cap"] == {"kind": "seats", "limit": "10"}
    assert document["seats"] <= 10


def test_a_time_limit_says_not_proven_optimal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "many.json"
    open_repository(path, empty=False)
    code = run(path, "--budget", "5000", "--currency", "USD", "--time-limit", "0")
    out, _ = capsys.readouterr()
    assert code == 0
    assert "**Not proven optimal.** Not proven optimal: the solver's time limit stopped it" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--budget", "5k", "--currency", "EUR"], "--budget '5k' is not an amount"),
        (["--budget", "-3", "--currency", "EUR"], "--budget '-3' is not an amount"),
        (["--budget", "10", "--currency", "euro"], "--currency 'euro' is not a currency"),
        (["--budget", "10", "--currency", "EUR", "--cap", "people:3"], "write seats:N"),
        (["--budget", "10", "--currency", "EUR", "--time-limit", "-1"], "--time-limit is"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    data: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    assert run(data, *args, "--lang", "en") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert said in err
    assert err.count("\n") == 1


def test_no_data_file_and_unwritable_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.json"
    assert run(missing, "--budget", "10", "--currency", "EUR", "--lang", "en") == 2
    assert "no data file at" in capsys.readouterr().err
    data = tmp_path / "wb.json"
    open_repository(data, empty=False)
    out = tmp_path / "no-such-folder" / "p.md"
    code = run(data, "--budget", "10", "--currency", "EUR", "--out", str(out), "--lang", "en")
    assert code == 2
    assert "cannot write" in capsys.readouterr().err


def test_names_never_run_as_formulas_nor_break_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wb.json"
    repository = Repository(path)
    repository.ensure_exists(
        [
            Team(id="t1", name='=HYPERLINK("x")', headcount=2),
            Programme(
                id="p1",
                name="P | one",
                provider="X",
                price=Price(kind=PriceKind.AMOUNT, amount=Decimal(10), currency="EUR"),
            ),
            Assessment(id="a1", team_id="t1", programme_id="p1"),
        ]
    )
    assert run(path, "--budget", "10", "--currency", "EUR", "--format", "csv") == 0
    out, _ = capsys.readouterr()
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["team"] == '\'=HYPERLINK("x")'
    assert run(path, "--budget", "10", "--currency", "EUR", "--lang", "en") == 0
    out, _ = capsys.readouterr()
    assert "P \\| one" in out


def test_a_euro_budget_funds_dollar_programmes_at_the_stated_rate(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "--budget", "3000", "--currency", "eur", "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "| Data and ML engineering | AWS Certified Machine Learning Engineer" in out
    assert "| ≈ 1,104\xa0EUR | 87.5 |" in out  # 8 seats x 150 USD x 0.92
    assert "USD costs converted at 0.92 EUR per USD, 2026-12-01, ECB reference rate." in out
    assert "rounded up to the cent" in out
    assert "other currency" not in out
    assert run(data, "--budget", "3000", "--currency", "EUR", "--format", "json") == 0
    document = json.loads(capsys.readouterr().out)
    [aws] = [c for c in document["chosen"] if c["programme_id"] == "aws-mla-c01"]
    assert (aws["cost"], aws["currency"], aws["budget_cost"]) == ("1200", "USD", "1104.00")
    assert document["rates"] == [
        {
            "from": "USD",
            "to": "EUR",
            "rate": "0.92",
            "stored": "0.92",
            "inverse": False,
            "date": "2026-12-01",
            "source": "ECB reference rate",
            "stale": document["rates"][0]["stale"],
        }
    ]


def test_a_budget_in_a_currency_without_rates_names_the_missing_one(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "--budget", "3000", "--currency", "CHF", "--lang", "fr") == 0
    out = capsys.readouterr().out
    assert "| pas de taux USD→CHF |" in out
    assert run(data, "--budget", "3000", "--currency", "CHF", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    aws = next(r for r in rows if r["programme_id"] == "aws-mla-c01")
    assert (aws["status"], aws["reason"], aws["budget_cost"]) == ("left_out", "no_rate", "")
