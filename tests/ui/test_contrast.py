"""Every text of every theme reads at 4.5:1 at least (3:1 for borders and marks).

Computed from the theme files as the terminal draws them: transparency blended over the
background, and the 16-colour themes with xterm's default palette.
"""

from __future__ import annotations

import pytest

from tests.ui.waiting import wait_until
from workbench.ui.contrast import PAIRS, XTERM_PALETTE, Resolver, ratio
from workbench.ui.themes import load_themes

THEMES, PROBLEMS = load_themes()


def test_the_theme_files_all_load() -> None:
    assert PROBLEMS == []
    assert {t.name for t in THEMES} >= {"workbench-dark", "workbench-ansi"}


def test_the_ratio_is_wcag_s() -> None:
    assert ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert ratio((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    # the measure: xterm's blue on black
    assert ratio(XTERM_PALETTE["ansi_blue"], XTERM_PALETTE["ansi_black"]) == pytest.approx(
        2.23, abs=0.01
    )


@pytest.mark.parametrize("theme", THEMES, ids=lambda theme: theme.name)
def test_every_text_of_the_theme_is_legible(theme: object) -> None:
    resolver = Resolver(theme)  # type: ignore[arg-type]
    failing = [
        f"{text} on {background}: {resolver.contrast(text, background):.2f} < {minimum}"
        for text, background, minimum in PAIRS
        if resolver.contrast(text, background) < minimum
    ]
    assert failing == []


def test_transparency_is_blended_over_the_background() -> None:
    dark = next(t for t in THEMES if t.name == "workbench-dark")
    resolver = Resolver(dark)
    muted = resolver.rgb("text-muted", resolver.rgb("background"))
    assert muted != resolver.rgb("foreground")
    assert resolver.contrast("text-muted", "background") < resolver.contrast("text", "background")


@pytest.mark.parametrize(
    ("colours", "asked", "remembered", "started"),
    [
        ("standard", None, "workbench-dark", "workbench-ansi"),  # TERM=xterm
        ("standard", None, None, "workbench-ansi"),
        ("standard", None, "workbench-ansi", None),
        ("standard", "workbench-light", "workbench-dark", "workbench-light"),  # asked for
        ("256", None, "workbench-dark", None),
        ("truecolor", None, None, None),
    ],
)
def test_a_16_colour_terminal_starts_the_ansi_theme(
    monkeypatch: pytest.MonkeyPatch,
    colours: str,
    asked: str | None,
    remembered: str | None,
    started: str | None,
) -> None:
    from workbench.ui import launch

    class Console:
        color_system = colours

    monkeypatch.setattr(launch, "Console", Console)
    assert launch.start_theme(asked, remembered, THEMES) == started


async def test_the_ansi_theme_of_one_run_does_not_replace_the_remembered_one(
    sample_repo: object, make_app: object, tmp_path: object
) -> None:
    from pathlib import Path

    from workbench.settings import Settings

    settings_path = Path(str(tmp_path)) / "config.json"
    settings = Settings(theme="workbench-dark")
    app = make_app(  # type: ignore[operator]
        sample_repo, theme="workbench-ansi", settings=settings, settings_path=settings_path
    )
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.theme == "workbench-ansi")
    assert settings.theme == "workbench-dark"
    assert not settings_path.exists() or "workbench-ansi" not in settings_path.read_text()


def _rgb(
    color: object, palette: dict[int, tuple[int, int, int]], default: tuple[int, int, int]
) -> tuple[int, int, int] | None:
    from rich.color import Color as RichColor
    from rich.color import ColorType

    assert isinstance(color, RichColor)
    if color.type is ColorType.DEFAULT:
        return default  # the terminal's own colour: xterm's, as the ANSI theme assumes
    if color.type is ColorType.STANDARD and color.number is not None:
        return palette[color.number]
    if color.triplet is not None:
        return (color.triplet.red, color.triplet.green, color.triplet.blue)
    return None


@pytest.mark.parametrize("theme", [t.name for t in THEMES])
async def test_the_scoring_cursor_row_reads_at_4_5_to_1_on_a_disputed_criterion(
    sample_repo: object, make_app: object, theme: str
) -> None:
    """The cursor's colours run under and over every cell of its row: the disputed median's
    warning colour and the gauge's left holes in the bar (yellow on light grey in 16 colours)."""
    from textual.geometry import Region

    from workbench.ui.scoring.score_grid import ScoreGrid

    palette = dict(enumerate(XTERM_PALETTE.values()))
    app = make_app(sample_repo, theme=theme)  # type: ignore[operator]
    app.state.team_id = "team-ecommerce-content"
    app.state.programme_id = "google-ai-essentials"
    app.state.tab = "scoring"
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(ScoreGrid)
        await wait_until(pilot, lambda: grid.region.height > 0)
        await pilot.press("end")  # alternatives: disputed, its median ⚑ in the warning colour
        await wait_until(pilot, lambda: grid.cursor == 5)
        await pilot.pause()
        lines = grid.render_lines(Region(0, 0, grid.size.width, grid.size.height))
        row = next(line for line in lines if "›" in line.text)
        checked = 0
        for segment in row:
            style = segment.style
            if not segment.text.strip() or style is None or not style.color or not style.bgcolor:
                continue
            fore = _rgb(style.color, palette, XTERM_PALETTE["ansi_white"])
            back = _rgb(style.bgcolor, palette, XTERM_PALETTE["ansi_black"])
            if fore is None or back is None:
                continue
            checked += 1
            assert ratio(fore, back) >= 4.5, (segment.text, style)
        assert checked
        marker = next(segment for segment in row if segment.text == "›")
        assert marker.style is not None
        holes = [
            segment.text
            for segment in row
            if segment.text.strip()
            and segment.style
            and segment.style.bgcolor != marker.style.bgcolor
        ]
        assert holes == []  # the bar runs under every cell: the median, ⚑ and the gauge too
