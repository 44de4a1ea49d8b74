"""A retired programme names its successor in the Catalogue (80x24, en and fr), Scoring,
Compare and the memo; scoring it asks first and offers the successor (issue 20)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.conftest import TODAY, AppFactory
from tests.ui.screen import screen_text
from tests.ui.test_catalogue import highlight, line_with, shown_ids
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.assessment import Assessment
from workbench.core.memo import memo, sections
from workbench.i18n import Translator
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.picker import PickerDialog

AI900 = "microsoft-ai-900"
AI901 = "microsoft-ai-901"


def test_the_sample_names_the_real_successors(sample_repo: Repository) -> None:
    programmes = sample_repo.snapshot().programmes
    assert programmes[AI900].successor_id == AI901
    assert programmes["microsoft-ai-102"].successor_id == "microsoft-ai-103"
    for new in (AI901, "microsoft-ai-103"):
        assert programmes[new].price.kind == "unknown"  # never invented
        assert programmes[new].hours_min is None
        assert programmes[new].source
        assert programmes[new].checked_on is not None


@pytest.mark.parametrize(("lang", "said"), [("en", "retired → AI-901"), ("fr", "→ AI-901")])
async def test_the_catalogue_shows_the_successor_at_80x24(
    sample_repo: Repository, make_app: AppFactory, lang: str, said: str
) -> None:
    app = make_app(sample_repo, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: AI900 in shown_ids(app))
        await highlight(pilot, app, AI900)
        line = line_with(screen_text(app), "AI-900")
        assert said.casefold() in line.casefold(), line


async def pick_the_team(pilot: Pilot[None], app: WorkbenchApp) -> None:
    team_picker = app.i18n("scoring.pick.team")
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, PickerDialog) and app.screen.title_text == team_picker,
    )
    await pilot.press("enter")


async def test_scoring_a_retired_programme_offers_its_successor(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: AI900 in shown_ids(app))
        await highlight(pilot, app, AI900)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        shown = screen_text(app)
        assert "AI-900 is retired 2026-06-30 → AI-901: score which?" in shown
        assert "AI-901 (its successor)" in shown
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 0
        await pilot.press("enter")
        await pick_the_team(pilot, app)  # from the Catalogue: the team is asked next
        await wait_until(pilot, lambda: app.state.programme_id == AI901)
        assert sample_repo.snapshot().programmes[AI901].status == "active"


async def test_scoring_the_retired_one_anyway_says_its_successor(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: AI900 in shown_ids(app))
        await highlight(pilot, app, AI900)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))
        await pilot.press("down", "enter")
        await pick_the_team(pilot, app)
        await wait_until(pilot, lambda: app.state.programme_id == AI900)
        await wait_for_text(pilot, "(retired 2026-06-30 → AI-901)")


def test_the_memo_says_the_successor(sample_repo: Repository) -> None:
    snapshot = sample_repo.snapshot()
    team = next(iter(snapshot.teams.values()))
    assessment = Assessment(team_id=team.id, programme_id=AI900)
    parts = sections(team, [assessment], snapshot.programmes, AI900)
    text = memo(team, parts, Translator("en"), today=TODAY, programmes=snapshot.programmes)
    assert "2026-06-30 → AI-901" in text
