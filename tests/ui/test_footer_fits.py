"""The footer shows whole keys, the focus's first, and ends with "F1 all keys", in English and
French, on every tab, at 80 columns and wider."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from tests.conftest import AppFactory
from tests.ui.waiting import steady, wait_until
from workbench.storage.repository import Repository
from workbench.ui.main_screen import TAB_KEYS, MainScreen
from workbench.ui.widgets.key_footer import KeyFooter, Shown, fitted, key_width

ALL_KEYS = {"en": "All keys", "fr": "Toutes les touches"}


def shown(display: str, description: str, group: str | None = None) -> Shown:
    return Shown(display, display, description, display, True, "", False, group)


def test_a_key_that_does_not_fit_whole_is_left_out_and_the_last_one_always_stays() -> None:
    keys = [shown("n", "New"), shown("e", "Edit"), shown("ctrl+pgdn", "Next tab"), shown("d", "X")]
    last = shown("f1", "All keys")
    width = key_width(keys[0]) + key_width(keys[1]) + key_width(last) + 5
    assert fitted(keys, last, width) == [keys[0], keys[1], keys[3], last]
    assert fitted(keys, last, 3) == [last]


def test_a_group_of_keys_is_kept_or_left_out_whole() -> None:
    digits = [shown(str(n), "", "Score") for n in range(1, 6)]
    last = shown("f1", "All keys")
    assert fitted([*digits, shown("r", "Range")], last, 30) == [*digits, last]
    assert fitted([*digits, shown("r", "Range")], last, 25) == [shown("r", "Range"), last]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("width", [80, 120])
async def test_every_tab_s_footer_shows_whole_keys(
    sample_repo: Repository, make_app: AppFactory, lang: str, width: int
) -> None:
    app = make_app(sample_repo, lang=lang)
    async with app.run_test(size=(width, 24)) as pilot:
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        footer = main.query_one(KeyFooter)
        for tab, key in TAB_KEYS.items():
            await pilot.press(key)
            await wait_until(pilot, lambda tab=tab: main.active_tab == tab)  # type: ignore[misc]
            await steady(pilot)
            keys = list(footer.query(FooterKey))
            palette = [k for k in keys if k.has_class("-command-palette")]
            plain = [k for k in keys if not k.has_class("-command-palette")]
            assert len(palette) == 1
            assert plain[-1].description == ALL_KEYS[lang], tab
            right = palette[0].region.x
            for widget in plain:
                assert widget.region.width > 0, (tab, widget.key)
                assert widget.region.right <= right, (tab, widget.key, widget.region, right)
                drawn = widget.render().plain
                assert widget.key_display in drawn
                assert widget.description in drawn
            assert palette[0].region.right <= width
            assert len(plain) >= 2, tab  # at least one key of the tab, then "all keys"
