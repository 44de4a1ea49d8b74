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


async def shoot_diagnostic(lang: str = "en", size: tuple[int, int] = (80, 24)) -> Path:
    """The diagnostic's blind round of the e-commerce team, revealed, at its first dispute."""
    from datetime import UTC, datetime, timedelta

    from workbench.cli import open_repository
    from workbench.core.assessment import Assessment, Rating
    from workbench.core.diagnostic import Diagnostic, Step
    from workbench.core.grid import CRITERION_KEYS
    from workbench.ui.app import WorkbenchApp
    from workbench.ui.diagnostic.screen import DiagnosticScreen
    from workbench.ui.themes import load_themes

    folder = Path(tempfile.mkdtemp())
    repository = open_repository(folder / "workbench.json", empty=False)
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    programmes = ["aws-aif-c01", "openai-chatgpt-foundations-teachers"]
    session = repository.save_diagnostic(
        Diagnostic(
            team_id="team-ecommerce-content",
            facilitator="claire",
            assessors=["claire", "marc"],
            step=Step.BLIND,
            started_at=start,
            elapsed_seconds=27 * 60,
            programme_ids=programmes,
            round_started_at=start + timedelta(minutes=19),
        )
    )
    given = {
        ("claire", programmes[0]): ([4, 4, 3, 3, 4, 3], "Faster product pages within a quarter"),
        ("marc", programmes[0]): ([2, 4, 3, 3, 4, 2], "Cloud basics: little on writing copy"),
        ("claire", programmes[1]): ([3, 3, 3, 2, 5, 3], ""),
        ("marc", programmes[1]): ([3, 2, 3, 2, 5, 3], ""),
    }
    for (who, programme_id), (scores, reason) in given.items():

        def change(
            a: Assessment, who: str = who, scores: list[int] = scores, reason: str = reason
        ) -> Assessment:
            for key, score in zip(CRITERION_KEYS, scores, strict=True):
                text = reason if key == "business_impact" else ""
                a = a.with_rating(
                    who, key, Rating(score=score, reason=text), at=start + timedelta(minutes=25)
                )
            return a

        repository.edit_assessments([("team-ecommerce-content", programme_id, change)])
    app = WorkbenchApp(
        repository,
        lang=lang,
        assessor="claire",
        today=date(2026, 11, 23),
        themes=load_themes()[0],
        settings_path=folder / "config.json",
        watch_interval=0,
    )
    async with app.run_test(size=size) as pilot:
        await app.push_screen(DiagnosticScreen(session.id))
        await settled(pilot)
        name = f"diagnostic-{lang}-{size[0]}x{size[1]}.svg"
        app.save_screenshot(filename=name, path=str(DOCS))
    return DOCS / name


async def main() -> None:
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    for tab, lang, size, keys in SHOTS:
        print(await shoot(tab, lang, size, keys))
    print(await shoot_diagnostic())


if __name__ == "__main__":
    sys.path.insert(0, str(DOCS.parent))
    asyncio.run(main())
