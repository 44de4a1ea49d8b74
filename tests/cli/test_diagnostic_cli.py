"""``workbench diagnostic TEAM``: the app opens on the team's session; an unknown team is
said on stderr and nothing opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main, open_repository

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "workbench.json"
    open_repository(path, empty=False)
    return path


def test_a_team_by_name_or_id_opens_its_diagnostic(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []

    def launch(repository: object, **options: object) -> int:
        opened.append(options["diagnostic_team"])
        return 0

    monkeypatch.setattr("workbench.ui.launch.launch", launch)
    assert main(["--db", str(db), "diagnostic", "E-commerce content team"]) == 0
    assert main(["--db", str(db), "diagnostic", "team-industrial-managers"]) == 0
    assert opened == ["team-ecommerce-content", "team-industrial-managers"]


def test_an_unknown_team_is_refused_on_stderr(
    db: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workbench.ui.launch.launch", pytest.fail)
    assert main(["--db", str(db), "--lang", "en", "diagnostic", "Nobody\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert "No team is named Nobody" in err
    assert "\x1b" not in err
