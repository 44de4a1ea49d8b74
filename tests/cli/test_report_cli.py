"""`workbench report pilot ID`: Markdown on stdout or in a file; problems on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main, open_repository


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "wb.json"
    open_repository(path, empty=False)
    return path


def test_report_in_english_on_stdout(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = data.read_bytes()
    code = main(["--db", str(data), "report", "pilot", "pilot-managers-genai", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    assert out.startswith("# Pilot status report: AI for business, 20 managers\n")
    assert "Reaction level only" in out
    assert "**ROI**: not computable yet" in out
    assert data.read_bytes() == before  # only read


def test_report_in_french_to_a_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "rapport.md"
    code = main(
        [
            "report",
            "pilot",
            "pilot-ecommerce-ai-essentials",
            "--db",
            str(data),
            "--lang",
            "fr",
            "--out",
            str(out_file),
        ]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.strip() == str(out_file)
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("# Rapport d’avancement du pilote : Prompting for product descriptions")
    assert "| résultats | Product descriptions per week |" in text


def test_language_from_the_environment(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert main(["--db", str(data), "report", "pilot", "pilot-managers-genai"]) == 0
    assert "Niveau réaction seulement" in capsys.readouterr().out


def test_unknown_pilot_lists_the_ids(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", str(data), "report", "pilot", "nope\x1b[31m"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert "no pilot with id 'nope␛[31m'" in err
    assert "pilot-ecommerce-ai-essentials" in err


def test_unwritable_output_is_a_message(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "r.md"
    code = main(
        ["--db", str(data), "report", "pilot", "pilot-managers-genai", "--out", str(target)]
    )
    _, err = capsys.readouterr()
    assert code == 1
    assert f"cannot write {target}" in err
    assert "Traceback" not in err


def test_missing_data_file_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "none.json"
    assert main(["--db", str(path), "report", "pilot", "x"]) == 2
    assert "no data file" in capsys.readouterr().err
    assert not path.exists()


def test_a_report_needs_a_kind_and_an_id(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report"])
    assert exited.value.code == 2
    assert "KIND" in capsys.readouterr().err
