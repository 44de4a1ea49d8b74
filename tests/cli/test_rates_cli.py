"""``workbench import rates.csv`` (all or nothing) and ``workbench check`` on exchange rates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import orjson
import pytest

from tests.cli.test_exchange import Capture, run
from tests.cli.test_exchange import db as db  # the fixture: a data file with the sample
from workbench.cli.checker import check_file
from workbench.storage.repository import Repository

HEADER = "from,to,rate,date,source\n"


def rates_csv(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "rates.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def stored(db: Path) -> dict[tuple[str, str, date], tuple[Decimal, str]]:
    return {(*r.pair, r.on): (r.rate, r.source) for r in Repository(db).rates()}


def test_a_rates_csv_adds_new_rates_and_updates_those_of_the_same_day(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    before = stored(db)
    assert before[("USD", "EUR", date(2026, 12, 1))] == (Decimal("0.92"), "ECB reference rate")
    source = rates_csv(
        tmp_path,
        "usd,eur,0.9210,2026-12-01,ECB reference rate\n"
        'CHF,EUR,"1,0650",2026-12-04,Banque de France\n',
    )
    code, out, err = run(capsys, "--lang", "en", "--db", str(db), "import", str(source))
    assert code == 0, err
    assert "(exchange rates CSV): 1 added, 1 updated, 0 unchanged" in out
    after = stored(db)
    assert after[("USD", "EUR", date(2026, 12, 1))] == (Decimal("0.9210"), "ECB reference rate")
    assert after[("CHF", "EUR", date(2026, 12, 4))] == (Decimal("1.0650"), "Banque de France")
    assert len(after) == len(before) + 1
    again = run(capsys, "--lang", "en", "--db", str(db), "import", str(source))
    assert "0 added, 0 updated, 2 unchanged" in again[1]


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("USD,EUR,0,2026-12-02,ECB\n", "line 3 rate: A rate is more than 0"),
        ("USD,EUR,-1,2026-12-02,ECB\n", "line 3 rate: A rate is more than 0"),
        (
            "EUR,eur,1,2026-12-02,ECB\n",
            "line 3 to: A rate converts between two different currencies",
        ),
        ("USD,EURO,0.9,2026-12-02,ECB\n", "line 3 to: A currency is an ISO 4217 code"),
        ("USD,EUR,abc,2026-12-02,ECB\n", "line 3 rate:"),
        ("USD,EUR,0.9,02/12/2026,ECB\n", "line 3 date:"),
        ("USD,EUR,0.9,2026-12-02,\n", "line 3 source: This field cannot be empty"),
        ("USD,EUR,0.9,2026-12-02,ECB\nUSD,EUR,0.8,2026-12-02,ECB\n", "line 4: a second USD→EUR"),
    ],
)
def test_one_bad_row_writes_nothing_and_is_named(
    db: Path, tmp_path: Path, capsys: Capture, body: str, said: str
) -> None:
    before = db.read_bytes()
    source = rates_csv(tmp_path, "GBP,EUR,1.18,2026-12-02,ECB\n" + body)
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "import", str(source))
    assert code == 1
    assert said in err
    assert "nothing was written" in err
    assert db.read_bytes() == before


def test_a_rates_csv_with_a_missing_or_unknown_column_is_refused(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    before = db.read_bytes()
    source = rates_csv(tmp_path, "USD,EUR,0.9,ECB\n", header="from,to,rate,source\n")
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "import", str(source))
    assert code == 1
    assert "header: missing column: date" in err
    source = rates_csv(tmp_path, "USD,EUR,0.9,2026-12-01,ECB,x\n", header=HEADER[:-1] + ",bank\n")
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "import", str(source))
    assert "header: unknown column: bank" in err
    assert db.read_bytes() == before


def test_french_problems_of_a_rates_csv(db: Path, tmp_path: Path, capsys: Capture) -> None:
    source = rates_csv(tmp_path, "USD,EUR,0,2026-12-02,BCE\n")
    code, _, err = run(capsys, "--lang", "fr", "--db", str(db), "import", str(source))
    assert code == 1
    assert "Un taux est supérieur à 0" in err


def test_check_warns_of_a_stale_rate_and_refuses_a_bad_one(db: Path, capsys: Capture) -> None:
    raw = orjson.loads(db.read_bytes())
    today = date.today()
    old = (today - timedelta(days=31)).isoformat()
    fresh = (today - timedelta(days=30)).isoformat()
    raw["rates"] = {
        "1": {"id": "old", "from": "USD", "to": "EUR", "rate": "0.9", "on": old, "source": "ECB"},
        "2": {"id": "ok", "from": "GBP", "to": "EUR", "rate": "1.1", "on": fresh, "source": "ECB"},
    }
    db.write_bytes(orjson.dumps(raw))
    report = check_file(db, today)
    assert report.ok
    assert [w.location for w in report.warnings] == ["rates (id old)"]
    code, out, _ = run(capsys, "--lang", "en", "check", "--db", str(db))
    assert code == 0
    assert f"warning: rates (id old): the USD→EUR rate of {old} is 31 days old" in out
    code, out, _ = run(capsys, "--lang", "fr", "check", "--db", str(db))
    assert f"attention : rates (id old) : le taux USD→EUR du {old} date de 31 jours" in out

    raw["rates"]["2"]["rate"] = "0"
    raw["rates"]["3"] = {
        "id": "same",
        "from": "EUR",
        "to": "eur",
        "rate": "1",
        "on": fresh,
        "source": "ECB",
    }
    db.write_bytes(orjson.dumps(raw))
    code, _, err = run(capsys, "--lang", "en", "check", "--db", str(db))
    assert code == 1
    assert "rates[2] (id ok) rate: A rate is more than 0" in err
    assert "rates[3] (id same) to: A rate converts between two different currencies" in err
    # the app still opens the file; conversion skips the bad rates
    exchange = Repository(db).exchange()
    assert exchange.find("GBP", "EUR") is None
    assert exchange.find("EUR", "EUR") is None


def test_a_json_import_with_a_bad_rate_writes_nothing(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    exported = tmp_path / "export.json"
    assert (
        run(capsys, "--db", str(db), "export", "--format", "json", "--out", str(exported))[0] == 0
    )
    raw = orjson.loads(exported.read_bytes())
    first = next(iter(raw["rates"].values()))
    first["rate"] = "0"
    exported.write_bytes(orjson.dumps(raw))
    before = db.read_bytes()
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "import", str(exported))
    assert code == 1
    assert f"rates[1] (id {first['id']}) rate: A rate is more than 0" in err
    assert db.read_bytes() == before
