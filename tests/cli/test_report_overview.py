"""`workbench report pilots` and `workbench report memo`, as real processes would run them."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from workbench.cli import main, open_repository
from workbench.core.memo_money import Exchange
from workbench.core.money import Rates
from workbench.core.pilot_metrics import budget
from workbench.core.pilot_overview import totals
from workbench.core.sample import load_sample
from workbench.settings import Settings
from workbench.storage.repository import Repository

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "workbench.json"
    open_repository(path, empty=False)
    return path


def exchange(currency: str = "EUR") -> Exchange:
    return Exchange(currency, Rates(load_sample().rates), date(2026, 12, 7))


def test_the_totals_of_the_sample_pilots() -> None:
    eur = totals(load_sample().pilots, exchange())
    assert (eur.currency, eur.pilots, eur.valued) == ("EUR", 2, 1)
    assert (eur.budget, eur.spent) == (Decimal(55500), Decimal(13352))
    assert eur.roi is not None
    assert round(eur.roi, 1) == Decimal("32.3")


def test_two_currencies_give_one_total_at_the_stated_rate() -> None:
    pilots = load_sample().pilots
    dollars = pilots[0].model_copy(update={"currency": "USD"})
    found = totals([dollars, pilots[1]], exchange())
    assert found.pilots == 2
    assert [c.original.currency for c in found.rates] == ["USD"]
    assert found.budget == budget(dollars).planned * Decimal("0.92") + budget(pilots[1]).planned


def test_report_pilots_in_english_and_french(db: Path, capsys: Capture) -> None:
    assert main(["--db", str(db), "report", "pilots", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "| Industrial managers | Generative AI for Everyone ⚑ | Pilot |" in out
    assert "- 2 pilots in EUR: budget 55,500\u00a0EUR · spent 13,352\u00a0EUR" in out
    assert "ROI 32.3\u00a0% (1 of 2 with valued benefits)" in out
    assert "All pilots count in EUR: no exchange rate used." in out
    assert main(["--db", str(db), "report", "pilots", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "- 2 pilotes en EUR : budget 55\u202f500\u00a0EUR" in out


def test_report_pilots_in_another_currency(db: Path, capsys: Capture) -> None:
    argv = ["--db", str(db), "report", "pilots", "--lang", "en", "--currency", "usd"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "- 2 pilots in USD: budget 60,326.09\u00a0USD" in out  # 55,500 / 0.92
    assert "EUR converted at 1.086957 USD per EUR (1 / 0.92 EUR per USD)" in out
    assert main([*argv[:-1], "JPY"]) == 0
    out = capsys.readouterr().out
    assert "- 0 pilots in JPY" in out
    assert "2 pilots left out of the totals: no EUR→JPY rate" in out
    with pytest.raises(SystemExit) as stopped:
        main([*argv[:-1], "euros"])
    assert stopped.value.code == 2
    assert "not a currency code: 'euros'" in capsys.readouterr().err


def test_report_pilots_follows_the_currency_setting(db: Path, capsys: Capture) -> None:
    Settings(currency="usd").save()  # WORKBENCH_CONFIG points into tmp_path
    assert main(["--db", str(db), "report", "pilots", "--lang", "fr"]) == 0
    assert "2 pilotes en USD : budget 60\u202f326,09\u00a0USD" in capsys.readouterr().out


def test_memo_in_a_chosen_currency(db: Path, capsys: Capture) -> None:
    argv = ["--db", str(db), "memo", "team-ecommerce-content", "--lang", "en"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "= 882\u00a0USD ≈ 811.44\u00a0EUR at 0.92 EUR per USD, 2026-12-01" in out
    assert main([*argv, "--currency", "USD"]) == 0
    out = capsys.readouterr().out
    assert "6 seats × 49\u00a0USD / month × 3 months = 882\u00a0USD\n" in out
    assert "All phases: 5,952\u00a0EUR ≈ 6,469.57\u00a0USD spent of 17,000\u00a0EUR" in out
    assert "  - EUR converted at 1.086957 USD per EUR (1 / 0.92 EUR per USD), 2026-12-01" in out
    Settings(currency="jpy").save()  # WORKBENCH_CONFIG points into tmp_path
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "= 882\u00a0USD (no USD→JPY rate)" in out
    assert "Costs are not compared per point: no USD→JPY rate." in out


def test_report_memo_has_the_currency_option(db: Path, capsys: Capture) -> None:
    argv = ["--db", str(db), "report", "memo", "team-ecommerce-content", "--lang", "fr"]
    assert main([*argv, "--currency", "eur"]) == 0
    written = Path(capsys.readouterr().out.strip())
    text = written.read_text(encoding="utf-8")
    assert "882\u00a0USD ≈ 811,44\u00a0EUR au taux de 0,92 EUR pour 1 USD" in text


def test_report_memo_writes_beside_the_data_file(db: Path, capsys: Capture) -> None:
    code = main(["--db", str(db), "report", "memo", "Industrial managers", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 0, err
    written = Path(out.strip())
    assert written.parent == db.parent
    assert written.name == f"memo-Industrial-managers-{date.today().isoformat()}-en.md"
    text = written.read_text(encoding="utf-8")
    assert "7,400\u00a0EUR of 8,000\u00a0EUR spent in this phase" in text


def test_report_memo_into_another_folder(db: Path, tmp_path: Path, capsys: Capture) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    argv = ["--db", str(db), "report", "memo", "team-ecommerce-content", "--out", str(folder)]
    assert main([*argv, "--programme", "google-ai-essentials", "--lang", "fr"]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == folder
    assert written.name.startswith("memo-E-commerce-content-team-Google-AI-Essentials-")
    missing = tmp_path / "nowhere"
    assert main([*argv[:-1], str(missing), "--lang", "en"]) == 2
    assert "the folder" in capsys.readouterr().err


def test_memo_out_a_folder_names_the_file(db: Path, tmp_path: Path, capsys: Capture) -> None:
    argv = ["--db", str(db), "memo", "team-teachers", "--lang", "en", "--out", str(tmp_path)]
    assert main(argv) == 0
    [written] = tmp_path.glob("memo-*.md")
    assert written.name.startswith("memo-K-12-teachers-pilot-school-")
    assert written.read_text(encoding="utf-8").startswith("# Decision memo: K-12 teachers")


def test_report_memo_follows_the_reports_folder_setting(
    db: Path, tmp_path: Path, capsys: Capture
) -> None:
    folder = tmp_path / "committee"
    folder.mkdir()
    Settings(reports_folder=str(folder)).save()  # WORKBENCH_CONFIG points into tmp_path
    assert Settings.load()[0].reports_folder == str(folder)
    assert main(["--db", str(db), "report", "memo", "team-hr", "--lang", "en"]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == folder
    assert written.exists()


@pytest.mark.parametrize(
    ("stored", "read"),
    [(" eur ", "EUR"), ("usd", "USD"), ("euros", None), (12, None), ("", None)],
)
def test_the_currency_setting_is_read_as_a_code(
    tmp_path: Path, stored: object, read: str | None
) -> None:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"currency": stored}), encoding="utf-8")
    settings, problem = Settings.load(path)
    assert problem is None
    assert settings.currency == read


def test_report_pilots_lists_a_cancelled_pilot_apart_from_the_totals(
    db: Path, capsys: Capture
) -> None:
    repo = Repository(db)
    pilot = repo.pilot("pilot-ecommerce-ai-essentials")
    repo.save_pilot(pilot.model_copy(update={"cancelled_on": date(2026, 12, 1)}))
    assert main(["--db", str(db), "report", "pilots", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "| cancelled |" in out
    assert "- 1 pilot in EUR:" in out
    assert "Cancelled pilots listed above but left out of the totals: 1." in out
