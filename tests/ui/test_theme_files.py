"""A theme file is data too: a broken one is skipped with one message, and a theme's name
never acts as markup nor reaches the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.theme import Theme

from tests.conftest import AppFactory
from tests.hostile import CONTROL
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_until
from workbench.core.text import visible
from workbench.storage.repository import Repository
from workbench.ui.themes import load_themes

GOOD = 'name = "good"\nprimary = "#123456"\n'
BROKEN = {
    "click.toml": 'name = "[@click=app.quit]"\nprimary = "#123456"\n',
    "osc.toml": 'name = "a\\u001b]2;PWN\\u0007b"\nprimary = "#123456"\n',
    "markup.toml": 'name = "[bold"\nprimary = "#123456"\n',
    "number.toml": 'name = 5\nprimary = "#123456"\n',
    "nested.toml": 'name = "deep"\nprimary = "#123456"\nvariables = '
    + "[" * 100_000
    + "]" * 100_000
    + "\n",
    "dark.toml": 'name = "dark-yes"\nprimary = "#123456"\ndark = "yes"\n',
    "alpha.toml": 'name = "alpha"\nprimary = "#123456"\ntext_alpha = "x"\n',
    "variables.toml": 'name = "vars"\nprimary = "#123456"\n[variables]\nborder = 5\n',
    "latin1.toml": b'name = "caf\xe9"\nprimary = "#123456"\n',
}


def test_each_broken_theme_is_skipped_with_one_message(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    for name, content in BROKEN.items():
        target = tmp_path / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    themes, problems = load_themes(tmp_path)
    assert [theme.name for theme in themes] == ["good"]
    assert sorted(name for name, _ in problems) == sorted(BROKEN)
    for _, problem in problems:
        shown = visible(problem)
        for char in CONTROL:
            assert char not in shown


async def test_a_theme_name_is_shown_as_text_in_the_theme_picker(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """Even a theme registered by code with a hostile name: the picker shows it inert."""
    hostile = Theme(name="[@click=app.quit]x\x1b]2;PWN\x07", primary="#123456")
    themes, _ = load_themes()
    app = make_app(sample_repo, themes=[*themes, hostile])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await wait_until(
            pilot, lambda: "Theme: [@click=app.quit]x␛]2;PWN␇" in screen_text(app), what="the name"
        )
        shown = app.export_screenshot()
        for char in CONTROL:
            assert char not in shown
        assert app.is_running


@pytest.mark.parametrize("name", ["workbench-dark", "my_theme-2"])
def test_a_plain_name_is_kept(tmp_path: Path, name: str) -> None:
    (tmp_path / "t.toml").write_text(f'name = "{name}"\nprimary = "#123456"\n', encoding="utf-8")
    themes, problems = load_themes(tmp_path)
    assert ([t.name for t in themes], problems) == ([name], [])
