"""After F9, no English label of ours is left on any tab."""

from __future__ import annotations

import re

import pytest

from tests.conftest import AppFactory
from tests.ui.screen import screen_text
from tests.ui.waiting import steady, wait_until
from workbench.core.sample import SAMPLE_DIR
from workbench.i18n import catalogue
from workbench.storage.repository import Repository


def english_only_labels() -> set[str]:
    """Our English labels that French changes, except words the (English) sample data uses."""
    english, french = catalogue("en"), catalogue("fr")
    data = " ".join(path.read_text(encoding="utf-8") for path in SAMPLE_DIR.glob("*.json"))
    return {
        text
        for key, text in english.items()
        if "{" not in text
        and len(text) >= 5
        and french.get(key) != text
        and not key.startswith(("textual.", "errors."))
        and not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", data)
    }


TABS = {"f2": "catalogue", "f3": "teams", "f4": "scoring", "f5": "compare", "f6": "pilots"}


@pytest.mark.parametrize("key", ["f2", "f3", "f4", "f5", "f6"])
async def test_no_english_label_after_switching_to_french(
    sample_repo: Repository, make_app: AppFactory, key: str
) -> None:
    app = make_app(sample_repo)
    app.state.team_id, app.state.programme_id = "team-ecommerce-content", "google-ai-essentials"
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press(key)
        await wait_until(pilot, lambda: app.state.tab == TABS[key])
        await pilot.press("f9")
        await wait_until(pilot, lambda: app.i18n.lang == "fr")
        await wait_until(pilot, lambda: catalogue("fr")["app.keys.all_keys"] in screen_text(app))
        await steady(pilot)
        shown = screen_text(app)
        left = sorted(
            label
            for label in english_only_labels()
            if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", shown)
        )
        assert left == [], left
