"""Screens that fit in a head: no module of the user interface is over 400 lines."""

from __future__ import annotations

from pathlib import Path

import workbench

LIMIT = 400
UI = Path(workbench.__file__).parent / "ui"


def test_no_ui_module_is_over_400_lines() -> None:
    sizes = {
        str(path.relative_to(UI)): len(path.read_text(encoding="utf-8").splitlines())
        for path in UI.rglob("*.py")
    }
    assert sizes
    assert {name: lines for name, lines in sizes.items() if lines > LIMIT} == {}
