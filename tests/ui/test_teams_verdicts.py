"""The Teams table shows each team's verdicts at 80 columns: one mark per assessed
programme (✓ pilot, ? investigate, ✗ alternatives, ⚠ clarify, ○ open), in words when wide."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.main_screen import MainScreen
from workbench.ui.teams.pane import TeamsPane
from workbench.ui.widgets.objective_badge import theme_style

ECOMMERCE = "team-ecommerce-content"
DATAML = "team-data-ml"
HR = "team-hr"


def pane(app: WorkbenchApp) -> TeamsPane:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane("teams")
    assert isinstance(found, TeamsPane)
    return found


async def open_teams(pilot: Pilot[None], app: WorkbenchApp) -> None:
    await pilot.press("f3")
    await wait_until(pilot, lambda: app.screen.query_one(TabbedContent).active == "teams")
    await wait_until(pilot, lambda: pane(app).table.has_focus and pane(app).table.rows)


def line_with(shown: str, needle: str) -> str:
    for line in shown.splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not on the screen:\n{shown}")


def marks(app: WorkbenchApp, team_id: str) -> Text:
    row = next(row for row in pane(app).table.rows if row.key == team_id)
    cell = row.cells[-1]
    assert isinstance(cell, Text)
    return cell


async def test_each_assessed_programme_has_its_mark_at_80_columns(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_teams(pilot, app)
        shown = screen_text(app)
        assert "Verdict" in line_with(shown, "Objective")
        # two pilots and the alternatives, in the order of the programmes' names
        assert line_with(shown, "E-commerce content team").rstrip().endswith("✓✓✗")
        assert line_with(shown, "Data and ML engineering").rstrip().endswith("✓✗")
        assert line_with(shown, "HR and recruitment").rstrip().endswith("○")  # still open
        assert line_with(shown, "Legal and compliance").rstrip().endswith("??")
        # the whole flag and the whole names still fit
        assert "⚠ Clarify the objective first" in line_with(shown, "Industrial managers")

        # the detail panel is the key: each programme with its mark and its verdict
        assert pane(app).table.move_to(ECOMMERCE)
        await wait_until(pilot, lambda: pane(app).view.cursor == ECOMMERCE)
        pane(app).query_one("#team-detail").scroll_end(animate=False)
        shown = await wait_for_text(pilot, "Google AI Professional Certificate")
        alternatives = line_with(shown, "Google AI Professional Certificate")
        assert alternatives.startswith("✗")
        assert "ALTERNATIVES" in alternatives
        essentials = line_with(shown, "Google AI Essentials")
        assert essentials.startswith("✓")
        assert "PILOT" in essentials


async def test_marks_are_coloured_except_under_the_cursor(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_teams(pilot, app)
        table = pane(app).table
        assert table.move_to(DATAML)
        await wait_until(pilot, lambda: pane(app).view.cursor == DATAML)
        pilot_style = theme_style(app, "text-success")
        ecommerce = marks(app, ECOMMERCE)
        assert ecommerce.plain == "✓✓✗"
        assert {span.style for span in ecommerce.spans} >= {pilot_style}
        # the cursor's own colours: the marks are bold, never yellow on a light cursor
        highlighted = marks(app, DATAML)
        assert highlighted.plain == "✓✗"
        assert {span.style for span in highlighted.spans} == {Style(bold=True)}

        assert table.move_to(ECOMMERCE)
        await wait_until(pilot, lambda: marks(app, DATAML).spans[0].style == pilot_style)


async def test_many_assessments_are_counted_per_verdict(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    programmes = [p.id for p in sample_repo.programmes()]
    assessed = {a.programme_id for a in sample_repo.assessments() if a.team_id == HR}
    for programme_id in [p for p in programmes if p not in assessed][:7]:
        sample_repo.open_assessment(HR, programme_id)
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_teams(pilot, app)
        assert marks(app, HR).plain == "8○"
        shown = screen_text(app)
        assert line_with(shown, "HR and recruitment").rstrip().endswith("8○")


async def test_french_marks_and_words(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_teams(pilot, app)
        shown = screen_text(app)
        assert "Verdict" in line_with(shown, "Objectif")
        assert line_with(shown, "E-commerce content").rstrip().endswith("✓✓✗")
        assert "⚠ Clarifier d'abord l'objectif" in line_with(shown, "Industrial managers")
        await pilot.resize_terminal(120, 40)  # roomy: the verdicts in words
        shown = await wait_for_text(pilot, "Évaluations")
        assert "2 pilotes · 1 alternatives" in line_with(shown, "E-commerce content team")
