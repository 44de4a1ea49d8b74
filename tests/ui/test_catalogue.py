"""Catalogue tab: search, filters, sort, detail, the form, retire, delete, safety, French."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from textual.pilot import Pilot
from textual.widgets import Input, Select, TabbedContent

from tests.conftest import TODAY, AppFactory
from tests.ui.keys import type_text
from tests.ui.screen import screen_text
from tests.ui.waiting import wait_for_text, wait_until
from workbench.core.catalogue import Level, Price, PriceKind, Programme, Status
from workbench.i18n import Translator
from workbench.storage.repository import Repository
from workbench.ui.app import WorkbenchApp
from workbench.ui.catalogue.pane import CataloguePane
from workbench.ui.catalogue.programme_fields import parse_number
from workbench.ui.catalogue.programme_form import ProgrammeForm
from workbench.ui.catalogue.table import WIDTHS
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.picker import PickerDialog
from workbench.ui.main_screen import MainScreen

ESSENTIALS = "google-ai-essentials"  # used by two assessments and a pilot
IBM = "ibm-ai-engineering"  # used by nothing
MARKUP_NAME = "[@click=app.quit]x[/]"
MARKUP_PROVIDER = "x [/b] y"


def pane(app: WorkbenchApp) -> CataloguePane:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    found = main.pane("catalogue")
    assert isinstance(found, CataloguePane)
    return found


def shown_ids(app: WorkbenchApp) -> list[str]:
    return [row.key for row in pane(app).table.rows]


def programmes(repo: Repository, ids: list[str]) -> list[Programme]:
    return [repo.programme(programme_id) for programme_id in ids]


def line_with(shown: str, needle: str) -> str:
    for line in shown.splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not on the screen:\n{shown}")


async def highlight(pilot: Pilot[None], app: WorkbenchApp, programme_id: str) -> None:
    assert pane(app).table.move_to(programme_id)
    await wait_until(pilot, lambda: pane(app).view.cursor == programme_id)


async def choose(pilot: Pilot[None], app: WorkbenchApp, select_id: str, downs: int) -> None:
    """Open a select with the keyboard and pick the option ``downs`` below the first."""
    await wait_until(pilot, lambda: app.screen.query_one(select_id, Select))
    select = app.screen.query_one(select_id, Select)
    select.focus()
    await wait_until(pilot, lambda: app.focused is select)
    await pilot.press("enter")
    await wait_until(pilot, lambda: select.expanded)
    await pilot.press(*["down"] * downs, "enter")
    await wait_until(pilot, lambda: not select.expanded)


async def fill(pilot: Pilot[None], app: WorkbenchApp, field: str, text: str) -> None:
    await wait_until(pilot, lambda: app.screen.query_one(f"#field-{field}", Input))
    widget = app.screen.query_one(f"#field-{field}", Input)
    widget.focus()
    widget.value = ""
    await wait_until(pilot, lambda: app.focused is widget)
    await type_text(pilot, text)
    await wait_until(pilot, lambda: widget.value == text)


# search and filters


async def test_search_narrows_as_you_type(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        assert "19 programmes" in screen_text(app)
        await pilot.press("slash")
        await wait_until(pilot, lambda: app.focused is app.screen.query_one("#catalogue-search"))
        assert app.focused is app.screen.query_one("#catalogue-search")
        await pilot.press("a")
        narrowed = shown_ids(app)
        await pilot.press("w", "s")
        await wait_until(pilot, lambda: len(shown_ids(app)) == 3)
        ids = shown_ids(app)
        assert len(ids) == 3
        assert len(narrowed) > len(ids)
        assert {p.provider for p in programmes(sample_repo, ids)} == {"AWS"}
        shown = screen_text(app)
        assert "3 of 19 programmes" in shown
        assert "“aws”" in shown
        assert "Google AI Essentials" not in shown

        await pilot.press("enter")  # keeps the search, back to the table
        assert app.focused is pane(app).table
        assert len(shown_ids(app)) == 3

        await pilot.press("slash", "escape")  # Esc clears the search and leaves it
        assert app.focused is pane(app).table
        assert len(shown_ids(app)) == 19
        assert "19 programmes" in screen_text(app)


async def test_search_covers_topics(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await pilot.press("slash", *"42001")
        expected = {"iapp-aigp", "pecb-iso42001-lead-implementer"}
        await wait_until(pilot, lambda: set(shown_ids(app)) == expected)


async def test_filter_by_level_with_the_keyboard(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    beginners = {p.id for p in sample_repo.programmes() if p.level is Level.BEGINNER}
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await pilot.press("f")
        await wait_until(pilot, lambda: app.focused is app.screen.query_one("#filter-level"))
        assert app.focused is app.screen.query_one("#filter-level")
        await pilot.press("enter", "down", "enter")  # the first level: beginner
        await wait_until(pilot, lambda: set(shown_ids(app)) == beginners)
        assert set(shown_ids(app)) == beginners
        shown = screen_text(app)
        assert f"{len(beginners)} of 19 programmes" in shown
        assert "level: beginner" in shown

        await pilot.press("x")  # clears every filter
        await wait_until(pilot, lambda: len(shown_ids(app)) == 19)
        assert len(shown_ids(app)) == 19
        assert app.screen.query_one("#filter-level", Select).is_blank()


async def test_filter_by_status(sample_repo: Repository, make_app: AppFactory) -> None:
    retired = {p.id for p in sample_repo.programmes() if p.status is Status.RETIRED}
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await choose(pilot, app, "#filter-status", 4)  # blank, active, pilot, retiring, retired
        assert set(shown_ids(app)) == retired
        assert "status: retired" in screen_text(app)

        await pilot.press("x")
        await choose(pilot, app, "#filter-status", 5)  # not retired
        assert set(shown_ids(app)) == {p.id for p in sample_repo.programmes()} - retired
        assert "status: Not retired" in screen_text(app)


async def test_filters_combine_with_provider_and_topic(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        provider = app.screen.query_one("#filter-provider", Select)
        provider.value = "microsoft"
        microsoft = {"microsoft-ai-900", "microsoft-ai-901", "microsoft-ai-102", "microsoft-ai-103"}
        microsoft.add("microsoft-ab-730")
        await wait_until(pilot, lambda: set(shown_ids(app)) == microsoft)
        topic = app.screen.query_one("#filter-topic", Select)
        topic.value = "responsible ai"
        await wait_until(
            pilot, lambda: set(shown_ids(app)) == {"microsoft-ai-900", "microsoft-ab-730"}
        )
        assert "provider: Microsoft, topic: Responsible AI" in screen_text(app)


async def test_retired_programmes_are_shown_dimmed(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)):
        rows = {row.key: row for row in pane(app).table.rows}
        assert rows["microsoft-ai-900"].style == "dim"
        assert rows[ESSENTIALS].style == ""
        assert "retired → AI-901" in line_with(screen_text(app), "AI-900")
        assert "retired 2026-03-31" in line_with(screen_text(app), "(MLS-C01)")


# sort


async def test_sort_by_key_and_reverse(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        table = pane(app).table
        assert table.sorted_column == "name"
        await pilot.press("s")
        await wait_until(pilot, lambda: table.sorted_column == "provider")
        assert table.sorted_column == "provider"
        providers = [p.provider.casefold() for p in programmes(sample_repo, shown_ids(app))]
        assert providers == sorted(providers)
        assert "Provider ▲" in screen_text(app)
        assert "sorted by provider ▲" in screen_text(app)

        await pilot.press("S")
        await wait_until(pilot, lambda: table.sort_reverse)
        assert table.sort_reverse
        providers = [p.provider.casefold() for p in programmes(sample_repo, shown_ids(app))]
        assert providers == sorted(providers, reverse=True)
        assert "Provider ▼" in screen_text(app)

        await pilot.press("s")  # level: unknown levels stay last
        assert table.sorted_column == "level"
        levels = [p.level for p in programmes(sample_repo, shown_ids(app))]
        known = [level for level in levels if level is not None]
        assert levels == [*known, *[None] * (len(levels) - len(known))]
        assert known == sorted(known, key=list(Level).index)


async def test_click_a_header_to_sort(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        table = pane(app).table
        assert [column.key for column in table.columns][4] == "hours"
        widths = WIDTHS["full"]
        fixed = sum(w for w in widths.values() if w is not None) + len(widths) - 1
        name_width = table.scrollable_content_region.width - fixed
        price_x = name_width + 1 + sum((widths[k] or 0) + 1 for k in list(widths)[1:5]) + 2
        await pilot.click("#catalogue-table", offset=(price_x, 0))
        await wait_until(pilot, lambda: table.sorted_column == "price")
        assert table.sorted_column == "price"
        assert not table.sort_reverse
        assert "Price ▲" in screen_text(app)
        ordered = programmes(sample_repo, shown_ids(app))
        kinds = [p.price.kind for p in ordered]
        assert kinds[0] is PriceKind.FREE
        assert kinds[-1] is PriceKind.UNKNOWN  # unknown prices last, never guessed
        await pilot.click("#catalogue-table", offset=(price_x, 0))
        await wait_until(pilot, lambda: table.sort_reverse)
        assert table.sort_reverse
        ordered = programmes(sample_repo, shown_ids(app))
        assert ordered[0].price.amount == Decimal(799)
        assert ordered[-1].price.kind is PriceKind.UNKNOWN


# detail and table columns


async def test_detail_shows_every_field_and_unknowns(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 50)) as pilot:
        await highlight(pilot, app, "microsoft-ab-730")
        shown = screen_text(app)
        detail = shown[shown.index("─AB-730") :]
        for label in ("Provider", "Audience", "Level", "Credential", "Platform", "Modules"):
            assert label in detail
        for label in ("Hours", "Price", "Topics", "Status", "Validity", "Renewal", "URL"):
            assert label in detail
        for label in ("Source", "Checked on", "Notes", "Used by"):
            assert label in detail
        assert "unknown" in line_with(detail, "Level ")
        assert "unknown" in line_with(detail, "Price ")
        assert "https://masteryexamprep-com.pages.dev" in detail
        assert "2026-11-23" in line_with(detail, "Checked on")

        await highlight(pilot, app, ESSENTIALS)
        shown = screen_text(app)
        detail = shown[shown.index("─Google AI Essentials") :]
        assert "49 USD / seat / month" in line_with(detail, "Price ")
        assert "3 months (typical)" in line_with(detail, "Subscription")
        assert "5-10 h" in detail
        assert "5 assessments, 1 pilot" in shown


async def test_80_columns_keep_the_essential_columns(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(80, 24)):
        keys = [column.key for column in pane(app).table.columns]
        assert keys == ["name", "provider", "level", "price", "status"]
        shown = screen_text(app)
        assert "(AIF-C01)" in shown  # long names keep their exam code
        assert "(MLS-C01)" in shown
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)):
        keys = [column.key for column in pane(app).table.columns]
        assert keys == ["name", "provider", "level", "credential", "hours", "price", "status"]


async def test_wide_terminal_puts_the_detail_beside_the_table(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_until(pilot, lambda: pane(app).has_class("-wide"))
        catalogue = pane(app)
        assert catalogue.has_class("-wide")
        detail = catalogue.query_one("#catalogue-detail")
        assert detail.region.x > catalogue.table.region.x
        assert len(catalogue.table.columns) == 7


# Enter, palette, disabled keys


async def test_enter_opens_the_programme_in_scoring(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await highlight(pilot, app, IBM)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerDialog))  # for which team?
        await type_text(pilot, "legal")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.state.team_id == "team-legal-compliance")
        assert app.state.programme_id == IBM
        assert app.screen.query_one(TabbedContent).active == "scoring"


async def test_palette_commands_work_from_another_tab(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await pilot.press("f3")
        titles = {c.title: c for c in app.palette_commands()}
        for title in (
            "Catalogue: new programme",
            "Catalogue: edit the highlighted programme",
            "Catalogue: retire the highlighted programme",
            "Catalogue: delete the highlighted programme",
            "Catalogue: search",
            "Catalogue: sort by the next column",
        ):
            assert title in titles
        titles["Catalogue: new programme"].callback()
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        tabs = app.screen_stack[0].query_one(TabbedContent)
        await wait_until(pilot, lambda: tabs.active == "catalogue")
        assert isinstance(app.screen, ProgrammeForm)
        await pilot.press("escape")
        titles["Catalogue: search"].callback()
        await wait_until(pilot, lambda: app.focused is app.screen.query_one("#catalogue-search"))
        assert app.focused is app.screen.query_one("#catalogue-search")


async def test_edit_and_delete_are_disabled_without_a_programme(
    empty_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(empty_repo)
    async with app.run_test() as pilot:
        assert "No programme yet: n adds one." in screen_text(app)
        for key in ("e", "d", "r", "u"):
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
            assert isinstance(app.screen, MainScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "New" in footer
        assert "Edit" not in footer
        assert "Delete" not in footer
        titles = [c.title for c in app.palette_commands()]
        assert "Catalogue: new programme" in titles
        assert "Catalogue: edit the highlighted programme" not in titles


# the form


async def test_invalid_form_shows_each_error_and_writes_nothing(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        assert isinstance(app.screen, ProgrammeForm)
        await fill(pilot, app, "provider", "Acme")
        await fill(pilot, app, "hours_min", "4")
        await fill(pilot, app, "hours_max", "2,5")
        await fill(pilot, app, "price_amount", "-5")
        await fill(pilot, app, "price_currency", "EUR")
        await fill(pilot, app, "url", "ftp://acme.example")
        await choose(pilot, app, "#field-status", 3)  # retired, and no date
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen.errors)
        form = app.screen
        assert isinstance(form, ProgrammeForm)
        assert set(form.errors) == {"name", "price_amount", "hours_max", "status_date", "url"}
        shown = screen_text(app)
        expected = {
            "name": "This field cannot be empty",
            "price_amount": "A price cannot be negative",
            "hours_max": "The longest duration is shorter than the shortest",
            "status_date": "A retiring or retired programme needs its date",
            "url": "A URL starts with http:// or https://",
        }
        lines = shown.splitlines()
        for field, text in expected.items():
            label = Translator("en")(f"catalogue.form.{field}")
            row = next(i for i, line in enumerate(lines) if line.startswith("│") and label in line)
            below = next(line for line in lines[row + 1 :] if line.strip())
            assert text in below, (field, lines[row : row + 3])
        assert "Nothing saved: 5 fields to fix." in shown
        assert app.focused is form.query_one("#field-name")

        await fill(pilot, app, "name", "Fixed")  # errors follow the typing once tried
        assert "name" not in form.errors
    assert sample_repo.path.read_bytes() == before


async def test_bad_numbers_and_dates_are_explained(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("n")
        await fill(pilot, app, "name", "N")
        await fill(pilot, app, "provider", "P")
        await fill(pilot, app, "hours_min", "two")
        await fill(pilot, app, "modules", "2.5")
        await fill(pilot, app, "checked_on", "23/11/2026")
        await fill(pilot, app, "price_currency", "EURO")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "hours_min" in app.screen.errors)
        form = app.screen
        assert isinstance(form, ProgrammeForm)
        assert form.errors["hours_min"] == "Enter a number, such as 2.5 or 2,5"
        assert form.errors["modules"] == "Enter a whole number, such as 12"
        assert form.errors["checked_on"] == "Enter a date as YYYY-MM-DD, such as 2026-11-23"
        assert "ISO 4217" in form.errors["price_currency"]
    assert sample_repo.path.read_bytes() == before


def test_numbers_accept_a_comma() -> None:
    assert parse_number("1,5") == Decimal("1.5")
    assert parse_number(" 49.90 ") == Decimal("49.90")
    assert parse_number("") is None


async def test_valid_form_saves_and_shows_the_programme(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("n")
        await fill(pilot, app, "name", "Prompt clinic")
        await fill(pilot, app, "provider", "Acme Learning")
        await choose(pilot, app, "#field-level", 1)  # beginner
        await fill(pilot, app, "hours_min", "1,5")
        await fill(pilot, app, "hours_max", "3")
        await fill(pilot, app, "price_amount", "49,90")
        await fill(pilot, app, "price_currency", "eur")
        await fill(pilot, app, "topics", "Prompting, ethics, prompting")
        await fill(pilot, app, "url", "https://acme.example/clinic")
        await fill(pilot, app, "checked_on", "2026-11-20")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
        saved = [p for p in sample_repo.programmes() if p.name == "Prompt clinic"]
        assert len(saved) == 1
        p = saved[0]
        assert p.provider == "Acme Learning"
        assert p.level is Level.BEGINNER
        assert (p.hours_min, p.hours_max) == (1.5, 3.0)
        assert p.price == Price(kind=PriceKind.AMOUNT, amount=Decimal("49.90"), currency="EUR")
        assert p.topics == ["Prompting", "ethics"]
        assert p.checked_on == date(2026, 11, 20)
        assert p.credential is None  # unknown stays unknown
        assert pane(app).table.cursor_key == p.id
        shown = screen_text(app)
        assert "Prompt clinic" in shown
        assert "20 programmes" in shown
        # the new provider is offered by the provider filter at once
        provider = app.screen.query_one("#filter-provider", Select)
        provider.value = "acme learning"
        await wait_until(pilot, lambda: shown_ids(app) == [p.id])
        assert shown_ids(app) == [p.id]


async def test_edit_changes_the_stored_programme(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 60)) as pilot:
        await highlight(pilot, app, IBM)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ProgrammeForm)
        assert (
            form.query_one("#field-name", Input).value
            == "IBM AI Engineering Professional Certificate"
        )
        await fill(pilot, app, "hours_min", "40")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
    stored = sample_repo.programme(IBM)
    assert stored.hours_min == 40
    assert stored.topics == ["Machine learning", "Deep learning", "PyTorch", "Keras"]
    assert stored.price.kind is PriceKind.UNKNOWN


async def test_cancel_with_changes_asks_first(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await pilot.press("n", *"Draft")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, ProgrammeForm)
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
        await pilot.press("n", "escape")  # nothing typed: closes at once
        assert isinstance(app.screen, MainScreen)
    assert sample_repo.path.read_bytes() == before


# retire and delete


async def test_retire_marks_it_retired_today(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await highlight(pilot, app, ESSENTIALS)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        assert "Retire “Google AI Essentials”?" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: "retired 2026-11-23" in screen_text(app))
        stored = sample_repo.programme(ESSENTIALS)
        assert stored.status is Status.RETIRED
        assert stored.status_date == TODAY
        shown = screen_text(app)
        assert "retired 2026-11-23" in line_with(shown, "Google AI Essentials ")
        assert "retired on 2026-11-23" in shown
        assert not pane(app).check_action("retire", ())


async def test_delete_of_a_used_programme_is_refused_with_the_reason(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await highlight(pilot, app, ESSENTIALS)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
        assert isinstance(app.screen, MessageDialog)
        shown = screen_text(app)
        assert "Cannot delete this programme" in shown
        assert "“Google AI Essentials” is still used by:" in shown
        assert "the assessment of the team “E-commerce content team”" in shown
        assert "the assessment of the team “HR and recruitment”" in shown
        assert "the pilot “Prompting for product descriptions”" in shown
        assert "retire the programme instead" in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
    assert sample_repo.path.read_bytes() == before


async def test_delete_of_an_unused_programme_after_confirmation(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await highlight(pilot, app, IBM)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await wait_until(pilot, lambda: IBM in sample_repo.snapshot().programmes)
        assert IBM in sample_repo.snapshot().programmes
        await pilot.press("d")
        await pilot.press("y")
        await wait_until(pilot, lambda: IBM not in sample_repo.snapshot().programmes)
        assert IBM not in sample_repo.snapshot().programmes
        assert IBM not in shown_ids(app)
        assert "18 programmes" in screen_text(app)


async def test_delete_refused_when_someone_uses_it_meanwhile(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await highlight(pilot, app, IBM)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert isinstance(app.screen, ConfirmDialog)
        Repository(sample_repo.path).open_assessment("team-hr", IBM)  # another user
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
        assert isinstance(app.screen, MessageDialog)
        assert "the assessment of the team “HR and recruitment”" in screen_text(app)
    assert IBM in sample_repo.snapshot().programmes


# safety


async def test_markup_looking_text_shows_literally(
    empty_repo: Repository, make_app: AppFactory
) -> None:
    empty_repo.save_programme(
        Programme(
            id="markup",
            name=MARKUP_NAME,
            provider=MARKUP_PROVIDER,
            topics=["[bold]topic[/]"],
            notes="[red]boom[/red] [/]",
            price=Price(kind=PriceKind.FREE, note="[@click=app.quit]q[/]"),
            url="https://x.example/[b]",
        )
    )
    app = make_app(empty_repo)
    async with app.run_test(size=(120, 60)) as pilot:
        shown = await wait_for_text(pilot, "[red]boom[/red] [/]")
        assert MARKUP_NAME in line_with(shown, MARKUP_PROVIDER)
        assert "[bold]topic[/]" in shown
        assert "[red]boom[/red] [/]" in shown
        assert "https://x.example/[b]" in shown
        await pilot.click("#catalogue-table", offset=(3, 1))
        await pilot.click("#catalogue-table", offset=(3, 1))
        await wait_until(pilot, lambda: app.is_running)
        assert app.is_running
        await pilot.press("f2", "slash", *"[/")
        assert "“[/”" in screen_text(app)
        await pilot.press("escape", "e")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        assert isinstance(app.screen, ProgrammeForm)
        assert app.screen.query_one("#field-name", Input).value == MARKUP_NAME
        assert MARKUP_NAME in screen_text(app)
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
    assert empty_repo.programme("markup").name == MARKUP_NAME


async def test_markup_name_typed_in_the_form(empty_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(empty_repo)
    async with app.run_test() as pilot:
        await pilot.press("n", *MARKUP_PROVIDER, "tab", *MARKUP_NAME, "ctrl+s")
        await wait_until(
            pilot, lambda: [p.name for p in empty_repo.programmes()] == [MARKUP_PROVIDER]
        )
        assert [p.name for p in empty_repo.programmes()] == [MARKUP_PROVIDER]
        assert MARKUP_PROVIDER in screen_text(app)
        assert app.is_running


# languages


async def test_french_labels_after_f9(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo)
    async with app.run_test() as pilot:
        await pilot.press("slash", *"aws", "enter")
        await pilot.press("f9")
        shown = await wait_for_text(pilot, "3 sur 19 programmes")
        for label in ("Nom", "Fournisseur", "Niveau", "Prix", "Statut", "Tout niveau"):
            assert label in shown, label
        assert "3 sur 19 programmes" in shown  # the search survives the switch
        assert "tri par nom ▲" in shown
        assert "débutant" in shown
        assert "retiré" in shown
        await pilot.press("n")
        await wait_until(pilot, lambda: "Nouveau programme" in screen_text(app))
        assert "Nouveau programme" in screen_text(app)
        assert "L'inconnu reste inconnu" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Ce champ ne peut pas être vide" in screen_text(app))
        assert "Ce champ ne peut pas être vide" in screen_text(app)


async def test_french_form_reads_numbers_with_a_comma(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo, lang="fr")
    async with app.run_test(size=(100, 60)) as pilot:
        await highlight(pilot, app, "microsoft-ai-900")
        await pilot.press("e")
        await wait_until(
            pilot, lambda: app.screen.query_one("#field-hours_min", Input).value == "0,75"
        )
        assert app.screen.query_one("#field-hours_min", Input).value == "0,75"
        await fill(pilot, app, "hours_max", "1,25")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
        assert sample_repo.programme("microsoft-ai-900").hours_max == 1.25
        assert "0,75-1,25" in screen_text(app)


async def test_footer_follows_the_highlighted_programme(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    sample_repo.retire_programme(IBM)
    app = make_app(sample_repo)
    async with app.run_test(size=(120, 40)) as pilot:

        def footer() -> str:
            return screen_text(app).splitlines()[-1]

        await highlight(pilot, app, ESSENTIALS)
        await wait_until(pilot, lambda: "Retire" in footer())
        await highlight(pilot, app, IBM)  # retired: no retire key, still edit
        await wait_until(pilot, lambda: "Retire" not in footer() and "Edit" in footer())
        await highlight(pilot, app, ESSENTIALS)
        await wait_until(pilot, lambda: "Retire" in footer())


async def test_a_price_above_a_billion_is_refused(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    before = sample_repo.path.read_bytes()
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        await fill(pilot, app, "name", "Huge")
        await fill(pilot, app, "provider", "Acme")
        await fill(pilot, app, "price_amount", "2 000 000 000")
        await fill(pilot, app, "price_currency", "EUR")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen.errors)
        form = app.screen
        assert isinstance(form, ProgrammeForm)
        assert set(form.errors) == {"price_amount"}
        assert "At most 1,000,000,000 in any currency" in form.errors["price_amount"]
    assert sample_repo.path.read_bytes() == before
