"""Control characters pasted into a field are drawn as symbols and refused with a reason."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static

import workbench.ui
from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.storage.repository import Repository
from workbench.ui.teams.form import TeamForm
from workbench.ui.widgets.safe_input import SafeInput

OSC52 = "\x1b]52;c;AAAA\x07"
CONTROLS = [chr(code) for code in range(0x20) if code != 0x0A] + ["\x7f", "\x9b"]


def no_control_drawn(svg: str) -> None:
    """The screenshot (what the terminal is sent, as SVG) holds no control character."""
    for char in CONTROLS:
        assert char not in svg, repr(char)


async def paste(field: Input, text: str) -> None:
    field.post_message(events.Paste(text))


@pytest.mark.parametrize(
    ("pasted", "drawn"),
    [(OSC52, "␛]52;c;AAAA␇"), ("a\nb", "a↵b")],
)
async def test_a_control_character_pasted_in_a_form_is_drawn_and_refused(
    sample_repo: Repository, make_app: AppFactory, pasted: str, drawn: str
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f3")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        field = app.screen.query_one("#field-name", SafeInput)
        await wait_until(pilot, lambda: app.focused is field)
        await paste(field, pasted)
        await wait_until(pilot, lambda: field.value == pasted)  # all of it, not its first line
        await wait_for_text(pilot, drawn)
        await wait_for_text(pilot, "⚠ control characters: refused")
        assert field.has_class("-controls")
        no_control_drawn(app.export_screenshot())
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Control characters, new lines and tabs are not allowed here")
        error = app.screen.query_one("#error-name", Static)
        assert error.display
        assert error.region.y == field.region.y + 1
        assert isinstance(app.screen, TeamForm)
        no_control_drawn(app.export_screenshot())
    assert sample_repo.path.read_bytes() == before


async def test_a_filter_draws_a_pasted_escape_and_says_why(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.focused, SafeInput))
        field = app.focused
        assert isinstance(field, SafeInput)
        await paste(field, OSC52)
        await wait_for_text(pilot, "␛]52;c;AAAA␇")
        await wait_for_text(pilot, "⚠ caractères de contrôle : refusés")
        no_control_drawn(app.export_screenshot())
        field.value = "Sales"
        await wait_until(pilot, lambda: not field.has_class("-controls"))
        await wait_until(pilot, lambda: "⚠" not in screen_text(app))
        assert "␛" not in screen_text(app)


def test_every_text_field_of_the_workbench_is_a_safe_input() -> None:
    """A bare ``Input(...)`` would draw what is pasted into it raw."""
    ui = Path(workbench.ui.__file__).parent
    found = []
    for path in sorted(ui.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Input"
            ):
                found.append(f"{path.relative_to(ui)}:{node.lineno}")
    assert not found
