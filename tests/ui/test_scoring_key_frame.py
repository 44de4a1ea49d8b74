"""A score key redraws the lines it changes: no layout of the screen, no whole repaint.

A layout re-renders every widget and sends the whole screen to the terminal, then Textual
paints the changed widgets in a second frame; at 20,000 assessments a score key took
77-86 ms to reach a real terminal, most of it those two frames.
"""

from __future__ import annotations

import pytest
from textual.widget import Widget

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import saved, wait_until
from workbench.core.grid import CRITERION_KEYS
from workbench.storage.repository import Repository
from workbench.ui.main_screen import MainScreen
from workbench.ui.scoring.pane import ScoringPane

PAIR = ("team-ecommerce-content", "aws-aif-c01")


def score(pane: ScoringPane, criterion: int) -> int | None:
    """Claire's score of a criterion, as the screen shows it."""
    assessment = pane.current()[2]
    return assessment.rating("claire", CRITERION_KEYS[criterion]).score if assessment else None


async def test_a_score_key_lays_nothing_out_and_repaints_only_what_changed(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(sample_repo)
    app.state.team_id, app.state.programme_id = PAIR
    app.state.tab = "scoring"
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "Not assessed yet" in screen_text(app))
        pane = app.screen.query_one(ScoringPane)
        await pilot.press("end", "4")  # the assessment is created: its first save
        await wait_until(pilot, lambda: score(pane, -1) == 4)
        await saved(pilot)
        refreshed: list[tuple[Widget, bool]] = []
        refresh = Widget.refresh

        def spy(widget: Widget, *regions: object, **options: bool) -> Widget:
            refreshed.append((widget, options.get("layout", False)))
            return refresh(widget, *regions, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(Widget, "refresh", spy)
        await pilot.press("5")  # the last criterion: the cursor stays
        await wait_until(pilot, lambda: score(pane, -1) == 5)
        await saved(pilot)
        monkeypatch.undo()
        laid_out = [w for w, layout in refreshed if layout and pane in w.ancestors_with_self]
        assert laid_out == []
        assert not [w for w, _ in refreshed if isinstance(w, MainScreen)]
        assert any(w.id == "grid" for w, _ in refreshed)  # what changed is drawn again
