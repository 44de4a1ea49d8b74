"""The programme form's layout: each label beside its field and each error right under it, and
a scroll bar exactly when the fields do not all fit (the form decides it before its first
layout, to lay out once less: it must agree with what Textual would have shown)."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from tests.conftest import AppFactory
from tests.ui.waiting import steady, wait_until
from workbench.storage.repository import Repository
from workbench.ui.catalogue.programme_fields import FIELDS
from workbench.ui.catalogue.programme_form import ProgrammeForm


def scroll_bar_agrees(form: ProgrammeForm) -> bool:
    fields = form.query_one("#form-fields", VerticalScroll)
    overflows = fields.virtual_size.height > fields.scrollable_content_region.height
    return fields.region.height > 0 and fields.show_vertical_scrollbar == overflows


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_the_scroll_bar_shows_when_the_fields_do_not_fit(
    sample_repo: Repository, make_app: AppFactory, lang: str
) -> None:
    app = make_app(sample_repo, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await steady(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        form = app.screen
        assert isinstance(form, ProgrammeForm)
        await wait_until(pilot, lambda: scroll_bar_agrees(form))
        assert form.query_one("#form-fields", VerticalScroll).show_vertical_scrollbar
        for width, height in ((80, 31), (80, 32), (70, 33), (120, 34), (200, 50), (80, 30)):
            await pilot.resize_terminal(width, height)
            await wait_until(
                pilot,
                lambda height=height: app.size.height == height and scroll_bar_agrees(form),
                what=f"the scroll bar at {width}x{height}",
            )
        assert form.query_one("#form-fields", VerticalScroll).show_vertical_scrollbar


async def test_each_label_beside_its_field_and_the_error_under_it(
    sample_repo: Repository, make_app: AppFactory
) -> None:
    app = make_app(sample_repo)
    async with app.run_test(size=(100, 60)) as pilot:
        await steady(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgrammeForm))
        form = app.screen
        assert isinstance(form, ProgrammeForm)
        form.query_one("#field-modules", Input).value = "twelve"
        await pilot.press("ctrl+s")
        error = form.query_one("#error-modules", Static)
        await wait_until(pilot, lambda: error.region.height > 0)
        assert {"name", "provider", "modules"} <= set(form.errors)
        y = form.query_one(f"#label-{FIELDS[0].name}", Label).region.y
        for field in FIELDS:
            label = form.query_one(f"#label-{field.name}", Label)
            widget = form.query_one(f"#field-{field.name}")
            assert label.region.y == widget.region.y == y, field.name
            assert widget.region.x == label.region.right
            below = form.query_one(f"#error-{field.name}", Static)
            if field.name in form.errors:
                assert below.region.y == widget.region.bottom
                assert below.region.x == widget.region.x
                assert label.has_class("-invalid")
            else:
                assert not below.display, field.name
                assert not label.has_class("-invalid")
            y = widget.region.bottom + (below.region.height if below.display else 0)
