"""Snapshots of the Scoring tab (plain def: snap_compare runs its own loop)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import AppFactory
from tests.ui.waiting import steady
from workbench.storage.repository import Repository

SnapCompare = Any


def scoring_app(make_app: AppFactory, repo: Repository, lang: str) -> Any:
    """Two assessors who disagree on one criterion: the group result, the criterion to
    discuss, both columns side by side."""
    app = make_app(repo, lang=lang)
    app.state.team_id = "team-ecommerce-content"
    app.state.programme_id = "google-ai-essentials"
    app.state.tab = "scoring"
    return app


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_scoring_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository, lang: str
) -> None:
    assert snap_compare(
        scoring_app(make_app, sample_repo, lang), terminal_size=(80, 24), run_before=steady
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_scoring_120x40(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository, lang: str
) -> None:
    assert snap_compare(
        scoring_app(make_app, sample_repo, lang), terminal_size=(120, 40), run_before=steady
    )


def test_scoring_details_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, sample_repo: Repository
) -> None:
    async def details(pilot: Pilot[object]) -> None:
        await steady(pilot)
        await pilot.press("i")
        await steady(pilot)

    assert snap_compare(
        scoring_app(make_app, sample_repo, "en"), terminal_size=(80, 24), run_before=details
    )
