"""A pilot whose stored text breaks the form rules (new lines, escape sequences, a journal
note over 200 characters) opens for everybody and is shown inert, in the app and from the
command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AppFactory
from tests.hostile import CONTROL
from tests.stored_text import rich_file
from tests.stored_text import write as write_file
from tests.ui.test_hostile import inert_screen
from tests.ui.test_pilots import open_tab, pane
from tests.ui.waiting import wait_until
from workbench.cli import main
from workbench.storage.repository import Repository

OSC = "\x1b]2;PWN\x07"


def hostile_pilot_file(path: Path) -> Path:
    data: dict[str, Any] = rich_file()
    pilot = data["pilots"]["1"]
    pilot["workflow"] = f"Flow{OSC}\nsecond line"
    pilot["start_reason"] = f"Why\tnot{OSC}"
    pilot["start_verdict"] = f"investigate{OSC}"
    gate = pilot["phases"][0]["gate"]
    gate["decided_by"] = f"claire\n{OSC}"
    gate["unmeasured_reason"] = f"later{OSC}"
    note = pilot["journal"][0]
    note["text"] = f"Journal{OSC}\n" + "x" * 300
    note["by"] = f"bob{OSC}"
    return write_file(path, data)


async def test_the_pilot_page_opens_and_shows_the_text_inert(
    tmp_path: Path, make_app: AppFactory
) -> None:
    repository = Repository(hostile_pilot_file(tmp_path / "workbench.json"))
    app = make_app(repository)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("h")  # the rich file's pilot is cancelled, with a hostile reason
        await wait_until(pilot, lambda: "pilot-1" in pane(app).by_key, what="the pilot")
        await wait_until(pilot, lambda: "no budget left" in inert_screen(app), what="the reason")
        await pilot.press("enter")
        await wait_until(pilot, lambda: pane(app).open_id == "pilot-1", what="the pilot page")
        await pilot.press("5")
        await wait_until(pilot, lambda: "Journal␛]2;PWN␇↵x" in inert_screen(app), what="the note")
        assert "bob␛]2;PWN␇" in inert_screen(app)


@pytest.mark.parametrize(
    "command",
    [
        ["report", "pilot", "pilot-1"],
        ["memo", "team-1"],
        ["export", "--format", "md"],
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
    ],
)
def test_the_commands_read_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = hostile_pilot_file(tmp_path / "workbench.json")
    assert main([*command, "--db", str(path)]) == 0
    captured = capsys.readouterr()
    for char in CONTROL:
        assert char not in captured.err
        if "csv" not in command:  # Markdown is read in a terminal; JSON escapes it
            assert char not in captured.out, command


def test_check_reports_each_of_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hostile_pilot_file(tmp_path / "workbench.json")
    assert main(["check", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    for where in ("workflow", "start_reason", "decided_by", "unmeasured_reason", "text", "by"):
        assert f".{where}: " in err or f" {where}: " in err, where
