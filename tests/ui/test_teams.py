"""Teams tab: the table and its flag, the form, delete, filter, Enter to score, safety."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent

from tests.conftest import AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.pilot_input import parse_number
from workbench.core.team import Objective, Team
from workbench.i18n import Translator
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.main_screen import MainScreen
from workbench.ui.teams.form import TeamForm
from workbench.ui.teams.form_fields import parse_whole
from workbench.ui.teams.pane import TeamsPane
from workbench.ui.widgets.objective_badge import (
    ObjectiveFlag,
    clarify_flag,
    missing_labels,
    objective_summary,
    warning_style,
)

MANAGERS = "team-industrial-managers"
ECOMMERCE = "team-ecommerce-content"
MARKUP_NAME = "[@click=app.quit]Sales[/]"


def pane(app: WorkbenchApp) -> TeamsPane:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane("teams")
    assert isinstance(found, TeamsPane)
    return found


def line_with(shown: str, needle: str) -> str:
    for line in shown.splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not on the screen:\n{shown}")


async def open_teams(pilot: Pilot[None]) -> None:
    await pilot.press("f3")
    app = pilot.app
    assert isinstance(app, WorkbenchApp)
    teams = len(app.repository.teams())
    await wait_until(pilot, lambda: app.state.tab == "teams" and len(pane(app).table.rows) == teams)


async def highlight(pilot: Pilot[None], app: WorkbenchApp, team_id: str) -> None:
    assert pane(app).table.move_to(team_id)
    await wait_until(pilot, lambda: pane(app).current.team.id == team_id)


# the table, the flag and the detail panel


async def test_flag_for_the_managers_not_for_ecommerce(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        shown = screen_text(app)
        assert "⚠ Clarify the objective first" in line_with(shown, "Industrial managers")
        assert "Clarify" not in line_with(shown, "E-commerce content te")
        assert "descriptions/week 40 → 120" in line_with(shown, "E-commerce content te")

        await highlight(pilot, app, MANAGERS)
        shown = screen_text(app)
        assert "Industrial managers · Operations · 20 people" in shown
        assert "To make it measurable: no metric, no target, no horizon" in shown

        await pilot.press("f9")
        shown = await wait_for_text(pilot, "⚠ Clarifier d'abord l'objectif")
        assert "⚠ Clarifier d'abord l'objectif" in line_with(shown, "Industrial managers")
        assert "Clarifier" not in line_with(shown, "E-commerce content")


async def test_detail_shows_objective_and_assessments(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(150, 40)) as pilot:
        await open_teams(pilot)
        assert pane(app).has_class("-wide")
        await highlight(pilot, app, ECOMMERCE)
        shown = screen_text(app)
        assert "✓ Measurable" in shown
        assert "descriptions/week" in shown
        assert "6 months" in shown
        assert "Assessments (3)" in shown
        assert "PILOT" in shown
        assert "Pilots (1)" in shown


async def test_narrow_terminal_stacks_the_detail_below(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_teams(pilot)
        teams = pane(app)
        assert not teams.has_class("-wide")
        detail = teams.query_one("#team-detail")
        assert detail.region.y > teams.table.region.bottom - 1
        await pilot.resize_terminal(160, 40)
        await wait_until(pilot, lambda: teams.has_class("-wide"))
        assert teams.has_class("-wide")
        assert detail.region.x >= teams.table.region.right


def test_objective_flag_api() -> None:
    en, fr = Translator("en"), Translator("fr")
    vague = Objective(statement="Be certified because AI is modern")
    assert str(clarify_flag(vague, en)) == "⚠ Clarify the objective first"
    assert str(clarify_flag(vague, fr)) == "⚠ Clarifier d'abord l'objectif"
    assert missing_labels(vague, en) == ["no metric", "no target", "no horizon"]
    too_long = Objective(metric="days", target=7, baseline=12, horizon_months=18)
    assert missing_labels(too_long, en) == ["horizon over 12 months"]
    same = Objective(metric="m", target=3, baseline=3, horizon_months=6)
    assert missing_labels(same, fr) == ["la cible est égale à la valeur de départ"]
    good = Team(
        name="x",
        objective=Objective(metric="m", unit="u", baseline=1.5, target=3, horizon_months=1),
    )
    assert str(clarify_flag(good, en)) == ""
    assert objective_summary(good, en) == "u 1.5 → 3 in 1 month"
    assert objective_summary(good, fr) == "u 1,5 → 3 en 1 mois"


async def test_objective_flag_widget_hides_for_a_measurable_objective() -> None:
    class FlagApp(App[None]):
        i18n = Translator("fr")

        def compose(self) -> ComposeResult:
            yield ObjectiveFlag(Objective(metric="m"), detailed=True, id="vague")
            yield ObjectiveFlag(Objective(metric="m", target=2, horizon_months=3), id="clear")

    app = FlagApp()
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.query_one("#vague").display)
        assert app.query_one("#vague").display
        assert not app.query_one("#clear").display
        shown = screen_text(app)
        assert "⚠ Clarifier d'abord l'objectif : pas de cible, pas d'échéance" in shown
        app.query_one("#vague", ObjectiveFlag).show(None)
        await wait_until(pilot, lambda: not app.query_one("#vague").display)
        assert not app.query_one("#vague").display


def test_numbers_accept_a_comma() -> None:
    assert parse_number("12,5") == 12.5
    assert parse_number(" 1 200.5 ") == 1200.5
    assert parse_number("") is None
    for bad in ("abc", "1,2,3", "1,2.3", "nan", "inf", "1e5"):
        try:
            parse_number(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
    assert parse_whole("6") == 6
    for bad in ("abc", "6.5", "-1"):
        try:
            parse_whole(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


# the form


async def test_add_a_team_by_keys(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        assert isinstance(app.screen, TeamForm)
        for value in [
            "Sales ops",
            "Sales",
            "12",
            "Answer leads faster",
            "hours to first answer",
            "h",
            "24",
            "4,5",
        ]:
            await type_text(pilot, value)
            await pilot.press("tab")
        await type_text(pilot, "6")
        await wait_until(pilot, lambda: "✓ Measurable objective" in screen_text(app))
        assert "✓ Measurable objective" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, TeamForm))
        assert not isinstance(app.screen, TeamForm)

        stored = [t for t in sample_repo.teams() if t.name == "Sales ops"]
        assert len(stored) == 1
        team = stored[0]
        assert team.department == "Sales"
        assert team.headcount == 12
        assert team.objective == Objective(
            statement="Answer leads faster",
            metric="hours to first answer",
            unit="h",
            baseline=24,
            target=4.5,
            horizon_months=6,
        )
        assert pane(app).table.cursor_key == team.id
        shown = screen_text(app)
        assert "h 24 → 4.5 in 6 months" in line_with(shown, "Sales ops")
        assert "Sales ops · Sales · 12 people" in shown


async def test_form_says_live_what_is_missing(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: "no metric, no target, no horizon" in screen_text(app))
        assert "no metric, no target, no horizon" in screen_text(app)
        form = app.screen
        assert isinstance(form, TeamForm)
        form.query_one("#field-metric", Input).focus()
        await type_text(pilot, "tickets")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "10")
        await pilot.press("tab")
        await type_text(pilot, "18")
        await wait_until(
            pilot,
            lambda: "⚠ Clarify the objective first: horizon over 12 months" in screen_text(app),
        )
        assert "⚠ Clarify the objective first: horizon over 12 months" in screen_text(app)
        await pilot.press("backspace", "backspace", "1", "2")
        await wait_until(pilot, lambda: "✓ Measurable objective" in screen_text(app))
        assert "✓ Measurable objective" in screen_text(app)


async def test_invalid_form_shows_errors_by_the_fields_and_writes_nothing(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await pilot.press("n", "tab", "tab")
        await type_text(pilot, "0")
        await pilot.press(*["tab"] * 6)
        await type_text(pilot, "abc")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "✗ This field cannot be empty")

        form = app.screen
        assert isinstance(form, TeamForm)
        shown = screen_text(app)
        assert "✗ This field cannot be empty" in shown
        assert "✗ Must be 1 or more" in shown
        assert "✗ Enter a whole number, such as 6" in shown
        assert "nothing was saved" in shown
        for key in ("name", "headcount", "horizon_months"):
            field = form.query_one(f"#field-{key}", Input)
            error = form.query_one(f"#error-{key}", Static)
            assert error.display
            assert error.region.y == field.region.y + 1, key
        assert not form.query_one("#error-department", Static).display
        assert app.focused is form.query_one("#field-name", Input)
        assert sample_repo.path.read_bytes() == before

        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, TeamForm))
        assert not isinstance(app.screen, TeamForm)
    assert sample_repo.path.read_bytes() == before


async def test_french_form_errors(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await pilot.press("n")
        await type_text(pilot, "Ventes")
        await pilot.press("tab", "tab")
        await type_text(pilot, "3")
        await pilot.press(*["tab"] * 4)
        await type_text(pilot, "douze")
        await pilot.press("ctrl+s")
        shown = await wait_for_text(pilot, "✗ Saisissez un nombre")
        assert "✗ Saisissez un nombre, comme 40 ou 12,5" in shown
        assert "Nouvelle équipe" in shown


async def test_edit_changes_the_stored_team(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await highlight(pilot, app, MANAGERS)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, TeamForm)
        assert form.query_one("#field-name", Input).value == "Industrial managers"
        assert form.query_one("#field-headcount", Input).value == "20"
        await pilot.press(*["tab"] * 4)
        await type_text(pilot, "maintenance reports written per week")
        await pilot.press("tab")
        await type_text(pilot, "reports/week")
        await pilot.press("tab")
        await type_text(pilot, "5")
        await pilot.press("tab")
        await type_text(pilot, "15")
        await pilot.press("tab")
        await type_text(pilot, "6")
        await pilot.press("enter")  # Enter on the last field saves
        await wait_until(pilot, lambda: not isinstance(app.screen, TeamForm))
        assert not isinstance(app.screen, TeamForm)

        team = sample_repo.team(MANAGERS)
        assert team.name == "Industrial managers"
        assert team.headcount == 20
        assert team.objective.is_measurable
        assert team.objective.unit == "reports/week"
        shown = screen_text(app)
        assert "reports/week 5 → 15" in line_with(shown, "Industrial managers")
        assert "Clarify" not in line_with(shown, "Industrial managers")


# safety


async def test_markup_looking_names_show_literally(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    sample_repo.save_team(
        Team(
            id="markup",
            name=MARKUP_NAME,
            department="x [/b] y",
            objective=Objective(statement="[red]boom[/red] [/]", metric="[b]m", target=2),
        )
    )
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_teams(pilot)
        await highlight(pilot, app, "markup")
        shown = screen_text(app)
        assert MARKUP_NAME in line_with(shown, "x [/b] y")
        assert f"{MARKUP_NAME} · x [/b] y" in shown
        assert "[red]boom[/red] [/]" in shown
        await pilot.click(TeamsPane, offset=(5, 1))
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        assert isinstance(app.screen, TeamForm)
        assert app.screen.query_one("#field-name", Input).value == MARKUP_NAME
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        assert MARKUP_NAME in screen_text(app)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.is_running)
        assert app.is_running
        assert app.return_code is None
    assert sample_repo.team("markup").name == MARKUP_NAME


async def test_markup_name_typed_in_the_form(empty_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(empty_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        assert "No team yet: press n to add one." in screen_text(app)
        await pilot.press("n")
        await type_text(pilot, "x [/b] y")
        await pilot.press("tab", "tab")
        await type_text(pilot, "3")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: [t.name for t in empty_repo.teams()] == ["x [/b] y"])
        assert [t.name for t in empty_repo.teams()] == ["x [/b] y"]
        assert "x [/b] y" in screen_text(app)
        assert app.is_running


# delete


async def test_delete_refused_while_used(sample_repo: Repository, make_app: AppFactory) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await highlight(pilot, app, MANAGERS)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
        assert isinstance(app.screen, MessageDialog)
        shown = screen_text(app)
        assert "This team cannot be deleted" in shown
        assert "“Industrial managers” is still used by:" in shown
        assert "the assessment of Generative AI for Everyone" in shown
        assert "the pilot “AI for business, 20 managers”" in shown
        assert "Nothing was deleted" in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, MessageDialog))
        assert not isinstance(app.screen, MessageDialog)
    assert sample_repo.path.read_bytes() == before
    assert MANAGERS in sample_repo.snapshot().teams


async def test_delete_an_unused_team_after_confirmation(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    sample_repo.save_team(Team(id="temp", name="Temporary team"))
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await highlight(pilot, app, "temp")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        assert "Delete the team “Temporary team”?" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: "temp" in sample_repo.snapshot().teams)
        assert "temp" in sample_repo.snapshot().teams

        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: "temp" not in sample_repo.snapshot().teams)
        assert "temp" not in sample_repo.snapshot().teams
        assert "Temporary team" not in screen_text(app)


async def test_delete_refused_when_someone_uses_the_team_meanwhile(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    sample_repo.save_team(Team(id="temp", name="Temporary team"))
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await highlight(pilot, app, "temp")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        Repository(sample_repo.path).open_assessment("temp", "iapp-aigp")  # another user
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
        assert isinstance(app.screen, MessageDialog)
        assert "the assessment of" in screen_text(app)
    assert "temp" in sample_repo.snapshot().teams


async def test_edit_and_delete_are_hidden_without_a_team(
    empty_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(empty_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        teams = pane(app)
        assert teams.check_action("edit_team", ()) is False
        assert teams.check_action("delete_team", ()) is False
        await wait_until(pilot, lambda: "New" in screen_text(app).splitlines()[-1])
        footer = screen_text(app).splitlines()[-1]
        assert "New" in footer
        assert "Edit" not in footer
        assert "Delete" not in footer
        await pilot.press("e", "d")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)


# Enter, filter, palette


async def test_enter_scores_the_team(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await highlight(pilot, app, ECOMMERCE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))  # its assessments
        await type_text(pilot, "New assessment")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, PickerDialog)
                and app.screen.title_text == "Choose the programme"
            ),
        )
        await type_text(pilot, "AIGP")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.state.programme_id == "iapp-aigp")
        assert app.state.team_id == ECOMMERCE
        assert app.screen.query_one(TabbedContent).active == "scoring"


async def test_filter_as_you_type(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await open_teams(pilot)
        await pilot.press("slash")
        await type_text(pilot, "OPER")  # department "Operations", any case
        await wait_until(pilot, lambda: [row.key for row in pane(app).table.rows] == [MANAGERS])
        assert [row.key for row in pane(app).table.rows] == [MANAGERS]
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.focused is pane(app).table)
        assert app.focused is pane(app).table
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        assert isinstance(app.screen, TeamForm)
        await pilot.press("escape")

        await pilot.press("slash")
        await type_text(pilot, "zzz")
        await wait_until(pilot, lambda: pane(app).table.rows == [])
        assert pane(app).table.rows == []
        assert "No team matches this filter" in screen_text(app)

        await pilot.press("escape")
        await wait_until(pilot, lambda: len(pane(app).table.rows) == len(sample_repo.teams()))
        assert len(pane(app).table.rows) == len(sample_repo.teams())
        assert pane(app).filter_input.value == ""
        assert app.focused is pane(app).table


async def test_palette_commands_work_from_another_tab(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test() as pilot:
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "catalogue"
        # the Teams tab is built when first shown, or when the palette opens
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "nouvelle quipe")
        await wait_for_text(pilot, "Équipes : nouvelle équipe")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        assert tabs.active == "teams"
        await pilot.press("escape")
        await pilot.press("f2")
        await wait_until(pilot, lambda: tabs.active == "catalogue")
        commands = {command.title: command for command in app.palette_commands()}
        assert {
            "Équipes : nouvelle équipe",
            "Équipes : modifier l'équipe sélectionnée",
            "Équipes : supprimer l'équipe sélectionnée",
        } <= set(commands)
        commands["Équipes : nouvelle équipe"].callback()
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        assert tabs.active == "teams"
        await pilot.press("escape")
        await pilot.press("f2")
        commands["Équipes : modifier l'équipe sélectionnée"].callback()
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))
        assert tabs.active == "teams"


# rows are kept between refreshes: they must still follow every change


async def test_verdicts_follow_a_score_saved_in_the_scoring_tab(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    app.state.team_id, app.state.programme_id = ECOMMERCE, "dlai-chatgpt-prompt-engineering"
    async with app.run_test(size=(120, 40)) as pilot:
        await open_teams(pilot)
        shown = screen_text(app)
        assert "pilot ×2 · alternatives ×1" in line_with(shown, "E-commerce content team")
        await pilot.press("f4", *"555555")
        await open_teams(pilot)
        shown = screen_text(app)
        assert "pilot ×2" in line_with(shown, "E-commerce content team")
        assert "pilot ×1 · alternatives ×1" in line_with(shown, "Data and ML engineering")
        await highlight(pilot, app, ECOMMERCE)
        assert "INVESTIGATE" not in screen_text(app)


async def test_the_flag_in_the_rows_follows_the_theme(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_teams(pilot)
        teams = pane(app)

        def flag_style() -> object:
            row = next(r for r in teams.table.rows if r.key == MANAGERS)
            cell = row.cells[3]
            assert isinstance(cell, Text)
            return cell.style

        assert teams.table.cursor_key != MANAGERS  # the cursor row has its own style
        before = flag_style()
        assert before == warning_style(app)
        app.theme = "textual-light"
        await wait_until(pilot, lambda: flag_style() == warning_style(app))
        assert flag_style() == warning_style(app)
        assert flag_style() != before


async def test_the_focused_field_s_label_is_marked(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    """Not only a text cursor: the label of the field with the focus shows in reverse video."""
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: app.screen.query("TeamsTable"))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TeamForm))

        def marked() -> list[str]:
            return [
                label.id or ""
                for label in app.screen.query(".-focused-field")
                if label.id and label.has_class("-focused-field")
            ]

        await wait_until(pilot, lambda: marked() == ["label-name"])
        await pilot.press("tab")
        await wait_until(pilot, lambda: marked() == ["label-department"])
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: marked() == ["label-name"])
