"""Compare tab: each view and key, Enter to Scoring, refresh in place, safety, 500 teams."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core import robustness
from workbench.core.assessment import Assessment, Rating
from workbench.core.catalogue import Price, PriceKind, Programme
from workbench.core.comparison import margin, most_assessed
from workbench.core.consensus import evaluate_consensus
from workbench.core.grid import CRITERION_KEYS
from workbench.core.scoring import Verdict
from workbench.core.team import Objective, Team
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.compare.budget_dialog import BudgetDialog, parse_amount
from workbench.ui.compare.grid import CompareGrid
from workbench.ui.compare.pane import ComparePane
from workbench.ui.compare.state import View
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.main_screen import MainScreen

MEASURABLE = Objective(metric="tickets", target=10, baseline=20, horizon_months=6)
MARKUP_NAME = "[@click=app.quit]Sales[/] [b]bold[/b]"
AT = datetime(2026, 11, 1, tzinfo=UTC)


def pane(app: WorkbenchApp) -> ComparePane:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane("compare")
    assert isinstance(found, ComparePane)
    return found


async def open_compare(pilot: Pilot[None]) -> ComparePane:
    await pilot.press("f5")
    app = pilot.app
    assert isinstance(app, WorkbenchApp)
    await wait_until(pilot, lambda: app.screen.query_one(TabbedContent).active == "compare")
    found = pane(app)
    await wait_until(
        pilot, lambda: found.side_by_side.grid.has_focus or found.state.view is not View.TEAMS
    )
    return found


def scored(team: str, programme: str, *scores: int, assessor: str = "claire") -> Assessment:
    ratings = {
        assessor: {
            key: Rating(score=score, reason=f"{key} reason of {team}")
            for key, score in zip(CRITERION_KEYS, scores, strict=False)
        }
    }
    return Assessment(
        id=f"{team}-{programme}", team_id=team, programme_id=programme, ratings=ratings
    )


def organisation(tmp_path: Path, teams: int = 4) -> Repository:
    """Teams on one programme with different verdicts, and one team across three."""
    repository = Repository(tmp_path / "org.json")
    priced = Price(kind=PriceKind.AMOUNT, amount=Decimal(100), currency="EUR")
    records: list[Team | Programme | Assessment] = [
        Programme(id="prog-a", name="Alpha course", provider="P", price=priced, hours_max=10),
        Programme(id="prog-b", name="Beta exam", provider="P", price=Price()),
        Programme(id="prog-c", name="Gamma path", provider="P", price=priced),
    ]
    patterns = [(5, 5, 4, 4, 4, 4), (3, 3, 3, 3, 3, 3), (1, 2, 1, 2, 1, 2), (4, 4, 4, 4, 3, 3)]
    for i in range(teams):
        department = "Sales" if i % 2 else "Legal"
        records.append(
            Team(
                id=f"t{i}",
                name=f"Team {i:03d}",
                department=department,
                headcount=2 + i % 5,
                objective=MEASURABLE,
            )
        )
        records.append(scored(f"t{i}", "prog-a", *patterns[i % len(patterns)]))
    records.append(scored("t0", "prog-b", 3, 3, 3, 3, 3, 3))
    records.append(scored("t0", "prog-c", 4, 4, 4, 4, 4, 5))
    repository.ensure_exists(records)
    return repository


async def test_opens_on_the_programme_with_most_assessed_teams(
    make_app: AppFactory, sample_repo: Repository
) -> None:
    expected = most_assessed(sample_repo.assessments())
    assert expected is not None
    name = sample_repo.programme(expected).name
    async with make_app(sample_repo).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        assert found.state.programme_id == expected
        await wait_for_text(pilot, name)
        shown = screen_text(pilot.app)
        assert "Business impact" in shown
        assert "Weighted total" in shown
        assert "Robustness" in shown


async def test_cursor_moves_sideways_and_enter_opens_scoring(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(80, 24)) as pilot:
        found = await open_compare(pilot)
        first = found.side_by_side.columns[0]
        assert first.team.name == "Team 000"  # 5 5 4 4 4 4 is the best percentage
        await pilot.press("right")
        await wait_until(pilot, lambda: found.side_by_side.grid.cursor_column == 1)
        second = found.side_by_side.columns[1]
        await pilot.press("down", "enter")
        app = pilot.app
        assert isinstance(app, WorkbenchApp)
        await wait_until(pilot, lambda: app.screen.query_one(TabbedContent).active == "scoring")
        assert app.state.team_id == second.team.id
        assert app.state.programme_id == "prog-a"


async def test_best_value_marked_and_disagreement_flagged(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repository = organisation(tmp_path)
    repository.update(
        Assessment,
        "t1-prog-a",
        lambda a: a.with_rating("marc", "business_impact", Rating(score=5), at=AT),
    )
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        assert found.side_by_side.source is not None
        assert 0 in found.side_by_side.source.best("business_impact")
        shown = await wait_for_text(pilot, "★")
        assert "⚑" in shown


async def test_sort_filter_and_bars(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(80, 24)) as pilot:
        found = await open_compare(pilot)
        await pilot.press("s")  # by name
        await wait_until(
            pilot,
            lambda: (
                [c.team.name for c in found.side_by_side.columns][:2] == ["Team 000", "Team 001"]
            ),
        )
        await pilot.press("s")  # by robustness
        await wait_for_text(pilot, "sorted by robustness")
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PickerDialog))
        await type_text(pilot, "Sales")
        await pilot.press("enter")
        await wait_until(pilot, lambda: found.state.filters.department == "Sales")
        assert {c.team.department for c in found.side_by_side.columns} == {"Sales"}
        await wait_for_text(pilot, "only Sales")
        await pilot.press("x")
        await wait_until(pilot, lambda: len(found.side_by_side.columns) == 4)
        await pilot.press("b")
        shown = await wait_for_text(pilot, "40 % │ 60 %")
        assert "Team 002" in shown
        assert "┃" in shown  # the lines stay visible inside a filled bar
        await pilot.press("enter")
        app = pilot.app
        assert isinstance(app, WorkbenchApp)
        await wait_until(pilot, lambda: app.screen.query_one(TabbedContent).active == "scoring")


async def test_to_discuss_filter(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    repository.update(
        Assessment,
        "t2-prog-a",
        lambda a: a.with_rating("marc", "total_cost", Rating(score=5), at=AT),
    )
    async with make_app(repository).run_test(size=(80, 24)) as pilot:
        found = await open_compare(pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PickerDialog))
        await type_text(pilot, "discuss")
        await pilot.press("enter")
        await wait_until(pilot, lambda: [c.team.id for c in found.side_by_side.columns] == ["t2"])


async def test_one_team_across_programmes_and_two_programmes(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(80, 24)) as pilot:
        await open_compare(pilot)
        await pilot.press("2")
        shown = await wait_for_text(pilot, "One team across programmes")
        assert "Team 000" in shown
        lines = [line for line in shown.splitlines() if "course" in line or "path" in line]
        assert "Alpha course" in lines[0]  # 101 points: above Gamma path's 95
        assert "Gamma path" in lines[1]
        assert "unknown" in shown  # Beta exam's price
        await pilot.press("3")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PickerDialog))
        await type_text(pilot, "Beta")
        await pilot.press("enter")
        shown = await wait_for_text(pilot, "Two programmes for")
        assert "A: Alpha course" in shown
        assert "B: Beta exam" in shown
        assert "total_cost reason of t0" in shown or "alternatives reason" in shown


async def test_two_teams_where_they_differ(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        await pilot.press("3")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PickerDialog))
        await type_text(pilot, "Team 002")
        await pilot.press("enter")
        await wait_until(pilot, lambda: found.state.view is View.TWO)
        shown = await wait_for_text(pilot, "Where they differ")
        rows = [line for line in shown.splitlines() if "reason of t0" in line]
        assert rows[0].lstrip().startswith("Business impact")  # 5 vs 1, weight 5
        assert "business_impact reason of t2" in shown


async def test_portfolio_budget_dialog_and_goal(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        await pilot.press("4")
        shown = await wait_for_text(pilot, "Portfolio under")
        assert "verdict not PILOT" in shown
        assert "no price known" not in shown  # Beta exam is not a PILOT pair
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, BudgetDialog))
        amount = pilot.app.screen.query_one("#budget-amount", Input)
        amount.value = "douze"
        await pilot.press("ctrl+s")
        error = pilot.app.screen.query_one("#budget-amount-error", Static)
        await wait_until(pilot, lambda: "Not a number" in str(error.render()))
        amount.value = "300"
        step = pilot.app.screen.query_one("#budget-step", Input)
        step.value = "1000"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MainScreen))
        await wait_until(
            pilot, lambda: found.portfolio.shown and found.portfolio.shown.budget == 300
        )
        portfolio = found.portfolio.shown
        assert portfolio is not None
        assert portfolio.cost <= 300
        await wait_for_text(pilot, "over budget")
        await wait_for_text(pilot, "With 1,000 EUR more")
        await pilot.press("g")
        await wait_for_text(pilot, "maximise the number of teams")


async def test_a_colleagues_score_refreshes_the_tab_in_place(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository, watch_interval=0.05).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        await pilot.press("right", "right")
        await wait_until(pilot, lambda: found.side_by_side.grid.cursor_column == 2)
        kept = found.side_by_side.columns[2].key
        before = found.side_by_side.columns[0].percent
        colleague = Repository(repository.path, author="marc")
        colleague.update(
            Assessment,
            "t2-prog-a",
            lambda a: a.with_rating("marc", "business_impact", Rating(score=5), at=AT),
        )
        await wait_until(
            pilot, lambda: any(c.assessment.ratings.get("marc") for c in found.side_by_side.columns)
        )
        assert found.side_by_side.columns[found.side_by_side.grid.cursor_column].key == kept
        assert found.side_by_side.columns[0].percent == before
        assert found.state.view is View.TEAMS


async def test_names_are_inert_text(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    repository.save_team(repository.team("t0").model_copy(update={"name": MARKUP_NAME}))
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        await open_compare(pilot)
        await wait_for_text(pilot, "[@click=app.quit]")
        assert pilot.app.is_running
        await pilot.press("2")
        await wait_for_text(pilot, "[b]bold[/b]")


async def test_keys_offered_follow_the_view(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        assert found.check_action("sort", ()) is True
        assert found.check_action("budget", ()) is False
        assert found.check_action("clear_filters", ()) is False
        await pilot.press("4")
        await wait_until(pilot, lambda: found.state.view is View.PORTFOLIO)
        assert found.check_action("budget", ()) is True
        assert found.check_action("sort", ()) is False
        titles = [command.title for command in pilot.app.palette_commands()]  # type: ignore[attr-defined]
        assert "Compare: portfolio under a budget" in titles
        assert "Compare: bars / grid" in titles


async def test_language_switch_keeps_the_view(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        await open_compare(pilot)
        await pilot.press("2")
        await wait_for_text(pilot, "One team across programmes")
        await pilot.press("f9")
        await wait_for_text(pilot, "Une équipe, tous ses programmes")


async def test_empty_file_says_what_to_do(make_app: AppFactory, empty_repo: Repository) -> None:
    async with make_app(empty_repo).run_test(size=(80, 24)) as pilot:
        await open_compare(pilot)
        await wait_for_text(pilot, "No assessment on this programme yet")
        await pilot.press("4")
        await wait_for_text(pilot, "Portfolio under")
        await pilot.press("2")
        await wait_for_text(pilot, "no team assessed yet")


async def test_500_teams_build_only_the_visible_cells(make_app: AppFactory, tmp_path: Path) -> None:
    repository = organisation(tmp_path, teams=500)
    async with make_app(repository).run_test(size=(80, 24)) as pilot:
        found = await open_compare(pilot)
        grid = found.side_by_side.grid
        assert grid.source.column_count == 500
        await wait_until(pilot, lambda: grid.built > 0)
        # what is on screen, not 500 columns: the robustness row may be built again once
        # its headlines are known (computed off the screen's thread, so at any moment)
        on_screen = 11 * grid.visible_columns
        assert grid.built <= 2 * on_screen
        await pilot.press("end")
        await wait_until(pilot, lambda: grid.first_column == 500 - grid.visible_columns)
        assert grid.built <= 4 * on_screen
        assert grid.has_focus
        assert isinstance(grid, CompareGrid)


async def test_500_teams_bars_build_only_the_visible_rows(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repository = organisation(tmp_path, teams=500)
    async with make_app(repository).run_test(size=(80, 24)) as pilot:
        found = await open_compare(pilot)
        await pilot.press("b")
        bars = found.side_by_side.bars
        await wait_until(pilot, lambda: bars.has_focus and bars.built > 0)
        assert len(bars.rows) == 500
        assert bars.built <= bars.size.height
        await pilot.press("end")
        await wait_until(pilot, lambda: bars.cursor == 499)
        await wait_for_text(pilot, found.side_by_side.columns[499].team.name)
        assert bars.built <= 2 * bars.size.height


async def test_the_robustness_row_marks_its_best_once_every_headline_is_known(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repository = organisation(tmp_path, teams=40)
    async with make_app(repository).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        source = found.side_by_side.source
        assert source is not None
        await wait_until(pilot, lambda: not source.robustness_pending)
        await wait_until(pilot, lambda: "computing" not in screen_text(pilot.app))
        best = source.best("robustness")
        margins = [margin(item.headline) for item in source.items]
        top = max(m for m in margins if m is not None)
        assert best == {i for i, m in enumerate(margins) if m == top} or best == set()
        for item in source.items:
            assert item.headline == robustness.headline(item.evaluation)


async def test_a_save_elsewhere_rebuilds_only_what_it_changed(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repository = organisation(tmp_path)
    async with make_app(repository, watch_interval=0.05).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        source = found.side_by_side.source
        colleague = Repository(repository.path, author="marc")
        colleague.update(  # another programme: the side-by-side view is not rebuilt
            Assessment,
            "t0-prog-b",
            lambda a: a.with_rating("marc", "business_impact", Rating(score=1), at=AT),
        )
        await wait_until(
            pilot,
            lambda: found.data.by_team["t0"][-1].ratings.get("marc") is not None,
        )
        assert found.side_by_side.source is source
        colleague.update(  # the last column drops to the bottom of a score: rebuilt
            Assessment,
            "t0-prog-a",
            lambda a: a.with_rating("claire", "business_impact", Rating(score=1), at=AT),
        )
        await wait_until(pilot, lambda: found.side_by_side.source is not source)
        snapshot = repository.snapshot()
        for item in found.side_by_side.columns:
            assert item.assessment is snapshot.assessments[item.key]
            fresh = evaluate_consensus(item.assessment, objective_measurable=True)
            assert item.percent == fresh.percent
        shown = [item.percent for item in found.side_by_side.columns]
        assert shown == sorted(shown, reverse=True)
        await pilot.press("2")  # one team across programmes: the new score is there
        await wait_until(pilot, lambda: found.state.view is View.TEAM)
        assert len(found.data.by_team["t0"]) == 3


def recorded(app: WorkbenchApp) -> list[str]:
    """Every notification of ``app`` (a toast can be gone before a loaded machine looks)."""
    seen: list[str] = []
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        real(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign, assignment]
    return seen


def start_key_enabled(app: WorkbenchApp) -> bool | None:
    found = [
        b.enabled for b in app.screen.active_bindings.values() if b.binding.action == "start_pilot"
    ]
    return found[0] if found else None


async def test_p_starts_the_pilot_of_a_pilot_cell_and_only_there(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repository = organisation(tmp_path)
    app = make_app(repository)
    seen = recorded(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        found = await open_compare(pilot)
        assert found.side_by_side.columns[0].evaluation.verdict is Verdict.PILOT
        await wait_until(pilot, lambda: start_key_enabled(app) is True)
        await pilot.press("end")  # the lowest percentage: alternatives
        await wait_until(pilot, lambda: start_key_enabled(app) is False)
        assert found.side_by_side.columns[-1].evaluation.verdict is Verdict.ALTERNATIVES
        await pilot.press("P")
        await wait_until(pilot, lambda: any("not PILOT" in m for m in seen))
        assert not repository.snapshot().pilots
        await pilot.press("home", "P")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))  # asked first
        await pilot.press("y")
        await wait_until(pilot, lambda: app.state.tab == "pilots")
        [started] = repository.snapshot().pilots.values()
        assert started.assessment_id == found.side_by_side.columns[0].key
        await pilot.press("f5")
        await wait_until(
            pilot, lambda: app.state.tab == "compare" and found.side_by_side.grid.has_focus
        )
        await wait_until(pilot, lambda: start_key_enabled(app) is False)
        assert "already follows" in (found.unavailable("start_pilot") or "")
        palette = {c.title: c.help for c in found.palette_commands()}
        assert "already follows" in palette["Compare: start the pilot of this PILOT pair"]
        await pilot.press("P")
        await wait_until(pilot, lambda: any("already follows" in m for m in seen))
        assert len(repository.snapshot().pilots) == 1


async def test_read_only_compare_says_why_it_cannot_start_a_pilot(
    make_app: AppFactory, tmp_path: Path
) -> None:
    path = organisation(tmp_path).path
    content = path.read_bytes()
    app = make_app(Repository(path, read_only=True))
    seen = recorded(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        found = await open_compare(pilot)
        assert found.side_by_side.columns[0].evaluation.verdict is Verdict.PILOT
        await wait_until(pilot, lambda: start_key_enabled(app) is False)
        await pilot.press("P")
        await wait_until(pilot, lambda: any("read-only" in m for m in seen))
        palette = {c.title: c.help for c in found.palette_commands()}
        assert "read-only" in palette["Compare: start the pilot of this PILOT pair"]
        assert app.state.tab == "compare"
    assert path.read_bytes() == content


def test_parse_amount() -> None:
    assert parse_amount("12 000,50") == Decimal("12000.50")
    assert parse_amount("", required=False) is None
    for bad, reason in (("", "required"), ("x", "format"), ("-1", "negative"), ("NaN", "format")):
        with pytest.raises(ValueError, match=reason):
            parse_amount(bad)


async def test_a_euro_budget_funds_a_dollar_programme_at_the_stated_rate(
    make_app: AppFactory, sample_repo: Repository
) -> None:
    async with make_app(sample_repo).run_test(size=(120, 40)) as pilot:
        found = await open_compare(pilot)
        await pilot.press("4")
        await wait_for_text(pilot, "Portfolio under")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, BudgetDialog))
        pilot.app.screen.query_one("#budget-amount", Input).value = "3000"
        pilot.app.screen.query_one("#budget-currency", Input).value = "eur"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: found.portfolio.shown and found.portfolio.shown.currency == "EUR"
        )
        await wait_for_text(pilot, "USD costs converted at 0.92 EUR per USD, 2026-12-01")
        shown = await wait_for_text(pilot, "≈ 1,104 EUR")
        assert "other currency" not in shown
        portfolio = found.portfolio.shown
        assert portfolio is not None
        assert "aws-mla-c01" in {p.programme_id for p in portfolio.chosen}
