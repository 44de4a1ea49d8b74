"""Write an SVG screenshot of every tab into docs/ (run: make screenshots)."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.pilot import Pilot

DOCS = Path(__file__).resolve().parent
SHOTS = [
    ("catalogue", "en", (100, 30), ()),
    ("teams", "en", (100, 30), ()),
    ("scoring", "en", (100, 30), ()),
    ("scoring", "fr", (100, 30), ()),
    ("compare", "en", (100, 30), ()),
    ("pilots", "en", (100, 30), ()),
    ("scoring", "en", (80, 24), ()),
]


async def settled(pilot: Pilot[None], rounds: int = 3, limit: int = 500) -> None:
    """Until the screen stops changing (a loaded machine paints later), cursors steady."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    shots: list[str] = []
    for _ in range(limit):
        await pilot.pause()
        shots.append(pilot.app.export_screenshot())
        if len(shots) >= rounds and len(set(shots[-rounds:])) == 1:
            return


async def shoot(tab: str, lang: str, size: tuple[int, int], keys: tuple[str, ...]) -> Path:
    from workbench.cli import open_repository
    from workbench.ui.app import WorkbenchApp
    from workbench.ui.themes import load_themes

    folder = Path(tempfile.mkdtemp())
    repository = open_repository(folder / "workbench.json", empty=False)
    app = WorkbenchApp(
        repository,
        lang=lang,
        assessor="claire",
        today=date(2026, 11, 23),
        themes=load_themes()[0],
        settings_path=folder / "config.json",
        watch_interval=0,
    )
    app.state.tab = tab
    app.state.team_id = "team-ecommerce-content"
    app.state.programme_id = "google-ai-essentials"
    async with app.run_test(size=size) as pilot:
        for key in keys:
            await pilot.press(key)
        await settled(pilot)
        name = f"{tab}-{lang}-{size[0]}x{size[1]}.svg"
        app.save_screenshot(filename=name, path=str(DOCS))
    return DOCS / name


async def main() -> None:
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    for tab, lang, size, keys in SHOTS:
        print(await shoot(tab, lang, size, keys))


if __name__ == "__main__":
    sys.path.insert(0, str(DOCS.parent))
    asyncio.run(main())
