"""Tests never touch the user's data or settings: everything lives under tmp_path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from workbench.cli import open_repository
from workbench.storage.repository import Repository

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp

TODAY = date(2026, 11, 23)

os.environ["TEXTUAL_ANIMATIONS"] = "none"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "env-default.json"))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("WORKBENCH_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return


@pytest.fixture(scope="session")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data file (and its lock file), written once per test process."""
    folder = tmp_path_factory.mktemp("sample")
    open_repository(folder / "workbench.json", empty=False)
    return folder


@pytest.fixture
def sample_repo(tmp_path: Path, sample_folder: Path) -> Repository:
    """A fresh data file holding the sample data, named as the default one: a copy (same
    bytes and mode, a new modification time) of the one written once."""
    for made in sample_folder.iterdir():
        shutil.copy(made, tmp_path / made.name)
    return open_repository(tmp_path / "workbench.json", empty=False)


@pytest.fixture
def empty_repo(tmp_path: Path) -> Repository:
    return open_repository(tmp_path / "workbench.json", empty=True)


AppFactory = Callable[..., "WorkbenchApp"]


@pytest.fixture
def make_app(tmp_path: Path) -> AppFactory:
    """``make_app(repo, lang="fr")``: an app with a fixed date, assessor and settings file."""
    from workbench.ui.app import WorkbenchApp
    from workbench.ui.themes import load_themes

    themes, _ = load_themes()

    def factory(repository: Repository, **options: object) -> WorkbenchApp:
        defaults: dict[str, object] = {
            "lang": "en",
            "assessor": "claire",
            "today": TODAY,
            "themes": themes,
            "settings_path": tmp_path / "config.json",
            "watch_interval": 0,
        }
        defaults.update(options)
        return WorkbenchApp(repository, **defaults)  # type: ignore[arg-type]

    return factory
