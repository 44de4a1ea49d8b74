"""A catalogue reads each of its files the first time one of its keys is asked for."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from workbench.i18n import FOLDER, Catalogue


def folder_with_a_broken_file(tmp_path: Path) -> Path:
    (tmp_path / "app.toml").write_text('title = "Workbench"\n[keys]\nquit = "Quit"\n')
    (tmp_path / "later.toml").write_text("this is [ not toml\n")
    return tmp_path


def test_a_key_reads_only_its_own_file(tmp_path: Path) -> None:
    messages = Catalogue(folder_with_a_broken_file(tmp_path))
    assert messages["app.title"] == "Workbench"
    assert messages.get("app.keys.quit") == "Quit"
    assert "app.missing" not in messages
    assert messages.get("Focus Next") is None  # Textual's own words: no file, no error
    with pytest.raises(tomllib.TOMLDecodeError):
        list(messages)  # every file, the broken one too


def test_the_whole_catalogue_is_the_same_either_way() -> None:
    for lang in ("en", "fr"):
        folder = FOLDER / lang
        eager: dict[str, str] = {}
        for path in sorted(folder.glob("*.toml")):
            with path.open("rb") as handle:
                table = tomllib.load(handle)
            stack = [(path.stem, table)]
            while stack:
                prefix, part = stack.pop()
                for key, value in part.items():
                    name = f"{prefix}.{key}"
                    if isinstance(value, dict):
                        stack.append((name, value))
                    else:
                        eager[name] = str(value)
        lazy = Catalogue(folder)
        assert lazy["app.title"] == eager["app.title"]
        assert dict(lazy) == eager
