"""Snapshots of the Compare and Pilots tabs (plain def: snap_compare runs its own loop)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import AppFactory
from tests.ui.waiting import steady
from workbench.storage.repository import Repository

SnapCompare = Any


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("tab", ["pilots"])
def test_coming_tabs_80x24(
    snap_compare: SnapCompare,
    make_app: AppFactory,
    sample_repo: Repository,
    lang: str,
    tab: str,
) -> None:
    app = make_app(sample_repo, lang=lang)
    app.state.tab = tab
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)
