"""The settings file's keymap is checked at start: bad entries are named and ignored."""

from __future__ import annotations

import pytest

from tests.conftest import AppFactory
from tests.ui.waiting import wait_until
from workbench.i18n import Translator
from workbench.settings import Settings
from workbench.storage.repository import Repository
from workbench.ui.keymap import (
    BindingInfo,
    check_keymap,
    key_problem,
    keymap_warning,
    known_bindings,
    normalise_key,
)
from workbench.ui.main_screen import MainScreen

ISSUE_KEYMAP = {
    "tab-teams": "f2",
    "scoring-undo": "1",
    "scoring-median": "notakey!!",
    "no-such-binding": "x",
}


def problems(keymap: dict[str, str]) -> dict[str, str]:
    return {p.binding: p.message for p in check_keymap(keymap).problems}


def test_every_binding_has_a_unique_id_and_valid_default_keys() -> None:
    bindings = known_bindings()
    assert {"help", "tab-catalogue", "scoring-undo", "catalogue-sort", "teams-new"} <= set(bindings)
    for info in bindings.values():
        for key in info.keys:
            assert key_problem(key) is None, (info.id, key)


def test_the_defaults_do_not_clash() -> None:
    assert check_keymap({}).problems == []


def test_the_issue_keymap_is_rejected_entry_by_entry() -> None:
    check = check_keymap(ISSUE_KEYMAP)
    assert check.keymap == {}
    assert problems(ISSUE_KEYMAP) == {
        "tab-teams": "clash",
        "scoring-undo": "clash",
        "scoring-median": "invalid",
        "no-such-binding": "unknown_id",
    }


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("notakey!!", "invalid"),
        ("", "invalid"),
        ("ctrl+", "invalid"),
        ("hyperdrive", "invalid"),
        ("ctrl+ctrl+a", "invalid"),
        ("ctrl+enter", "unsendable"),
        ("shift+enter", "unsendable"),
        ("ctrl+tab", "unsendable"),
        ("ctrl+1", "unsendable"),
        ("ctrl+shift+a", "unsendable"),
        ("super+s", "unsendable"),
        ("f13", "unsendable"),
        ("ctrl+i", "unsendable"),
        ("u", None),
        ("ctrl+t", None),
        ("alt+1", None),
        ("f7", None),
        ("question_mark", None),
        ("shift+up", None),
    ],
)
def test_key_names(key: str, problem: str | None) -> None:
    assert key_problem(normalise_key(key)) == problem


def test_keys_are_normalised_as_textual_names_them() -> None:
    assert normalise_key("?") == "question_mark"
    assert normalise_key("Ctrl+S") == "ctrl+s"
    assert normalise_key(" F7 ") == "f7"
    assert check_keymap({"scoring-undo": "U"}).keymap == {"scoring-undo": "U"}
    assert check_keymap({"help": "?,f1"}).problems == []


def test_a_swap_of_two_keys_is_accepted() -> None:
    swap = {"tab-catalogue": "f3", "tab-teams": "f2"}
    assert check_keymap(swap).keymap == swap


def test_clashes_within_one_scope_and_with_keys_that_work_everywhere() -> None:
    assert problems({"catalogue-new": "s"}) == {"catalogue-new": "clash"}
    assert problems({"teams-new": "f1"}) == {"teams-new": "clash"}  # F1 is help everywhere
    assert problems({"tab-compare": "n"}) == {"tab-compare": "clash"}  # shadowed in a tab
    assert problems({"weights-defaults": "escape"}) == {"weights-defaults": "clash"}  # Dialog
    assert problems({"teams-new": "tab"}) == {"teams-new": "reserved"}
    # the same key in two different tabs, or in a tab and a dialog, is fine
    assert problems({"teams-new": "m", "confirm-yes": "o"}) == {}


def test_two_remapped_entries_clashing_reject_one_and_keep_the_other() -> None:
    check = check_keymap({"catalogue-new": "z", "catalogue-edit": "z"})
    assert len(check.keymap) == 1
    assert [p.message for p in check.problems] == ["clash"]


def test_clashes_are_found_in_any_table_of_bindings() -> None:
    bindings = {
        "a": BindingInfo("a", ("x",), "", "Pane", "tab"),
        "b": BindingInfo("b", ("y",), "", "Pane", "tab"),
        "c": BindingInfo("c", ("z",), "", "Other", "tab"),
    }
    assert [p.binding for p in check_keymap({"a": "y", "c": "x"}, bindings).problems] == ["a"]


def test_the_warning_names_every_entry_in_both_languages() -> None:
    check = check_keymap(ISSUE_KEYMAP)
    english = keymap_warning(check.problems, Translator("en"))
    assert english is not None
    assert english.startswith("Keymap of the settings file: 4 entries ignored")
    assert "tab-teams: f2 is already the key of tab-catalogue" in english
    assert "'notakey!!' is not a key name" in english
    french = keymap_warning(check.problems[:1], Translator("fr"))
    assert french is not None
    assert "1 entrée ignorée" in french
    assert keymap_warning([], Translator("en")) is None


def test_control_characters_in_an_id_are_shown_not_sent(tmp_path: object) -> None:
    check = check_keymap({"evil\x1b[31m": "x"})
    warning = keymap_warning(check.problems, Translator("en"))
    assert warning is not None
    assert "\x1b" not in warning


async def test_the_app_warns_once_and_keeps_the_default_keys(
    sample_repo: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(sample_repo, settings=Settings(keymap=ISSUE_KEYMAP))
    warnings: list[str] = []

    def notify(message: str, **_: object) -> None:
        warnings.append(message)

    monkeypatch.setattr(app, "notify", notify)
    async with app.run_test() as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        keymap_warnings = [w for w in warnings if w.startswith("Keymap")]
        assert len(keymap_warnings) == 1
        assert all(name in keymap_warnings[0] for name in ISSUE_KEYMAP)
        await pilot.press("f3")
        await wait_until(pilot, lambda: main.active_tab == "teams")
        await pilot.press("f2")
        await wait_until(pilot, lambda: main.active_tab == "catalogue")
        footer_keys = {binding.key for _, binding, _, _ in main.active_bindings.values()}
        assert "notakey!!" not in footer_keys
        tab_titles = [str(tab.label) for tab in main.query("ContentTab")]
        assert sum(title.startswith("f2 ") for title in tab_titles) == 1


async def test_an_accepted_entry_is_applied(sample_repo: Repository, make_app: AppFactory) -> None:
    app = make_app(sample_repo, settings=Settings(keymap={"tab-teams": "f7"}))
    async with app.run_test() as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("f7")
        await wait_until(pilot, lambda: main.active_tab == "teams")
        assert any(str(tab.label).startswith("f7 ") for tab in main.query("ContentTab"))
