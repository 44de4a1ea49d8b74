"""F1: the keys of what has focus, of this tab and of the app, in the current language."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from workbench.i18n import Translator
from workbench.settings import config_path
from workbench.ui.bindings import TranslatedModalScreen
from workbench.ui.text import safe_str


def binding_groups(
    active: dict[str, ActiveBinding], i18n: Translator
) -> list[tuple[str, list[tuple[list[str], str]]]]:
    """(title, [(keys, description)]) per node, from the focused widget up to the app.

    Keys with the same description are listed together ("1, 2, 3, 4, 5  Score").

    ``active`` is a screen's ``active_bindings``, already translated. Only the workbench's
    own keys are listed (those with an id): a framework default the user cannot rely on
    ("Scroll Left", "Focus Next") is not. A widget without a title of its own is listed
    under the nearest part of the screen that has one, never under its class name.
    """
    groups: dict[int, tuple[DOMNode, dict[str, tuple[list[str], str]]]] = {}
    for key, (node, binding, _enabled, _tooltip) in active.items():
        if not binding.description or not binding.id:
            continue
        titled = _titled(node, i18n)
        _, actions = groups.setdefault(id(titled), (titled, {}))
        keys, _ = actions.setdefault(binding.description, ([], binding.description))
        shown = binding.key_display or key  # alt+1 once, not also the ¡ it arrives as
        if shown not in keys:
            keys.append(shown)
    ordered = sorted(groups.values(), key=lambda item: -_depth(item[0]))
    return [(_title(node, i18n), list(actions.values())) for node, actions in ordered]


def _depth(node: DOMNode) -> int:
    depth = 0
    while node.parent is not None:
        node = node.parent
        depth += 1
    return depth


def _own_title(node: DOMNode) -> str | None:
    label = getattr(node, "help_title", None)
    return label if isinstance(label, str) else None


def _titled(node: DOMNode, i18n: Translator) -> DOMNode:
    """``node``, or its nearest ancestor with a title (the screen at the latest)."""
    while not isinstance(node, App | Screen) and _own_title(node) is None:
        if node.parent is None:
            break
        node = node.parent
    return node


def _title(node: DOMNode, i18n: Translator) -> str:
    if isinstance(node, App):
        return i18n("app.help.app")
    label = _own_title(node)
    if isinstance(node, Screen) or label is None:
        return i18n("app.help.screen")
    return i18n("app.help.focused", widget=i18n(label) if i18n.has(label) else label)


class HelpScreen(TranslatedModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%;
        max-width: 90;
        height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss", "app.close", id="help-close"),
    ]

    def __init__(self, active: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self._active = active

    def compose(self) -> ComposeResult:
        i18n = self.app.i18n  # type: ignore[attr-defined]
        with VerticalScroll() as scroll:
            scroll.border_title = i18n("app.help.title")
            scroll.border_subtitle = i18n("app.help.close")
            yield Static(Text(i18n("app.help.intro"), style="italic"))
            repository = getattr(self.app, "repository", None)
            if repository is not None:  # where the data is, without waiting for a toast
                path = safe_str(repository.path, limit=500)
                yield Static(Text(i18n("app.data_file", path=path)), id="help-data-file")
            settings = getattr(self.app, "settings_path", None) or config_path()
            shown = safe_str(settings, limit=500)  # where to remap keys, change the language
            yield Static(Text(i18n("app.settings_file", path=shown)), id="help-settings-file")
            for title, bindings in binding_groups(self._active, i18n):
                table = Table(
                    title=Text(title, style="bold"),
                    title_justify="left",
                    show_header=False,
                    box=None,
                    padding=(0, 2, 0, 0),
                    expand=True,
                )
                table.add_column(style="bold", no_wrap=True, width=18)
                table.add_column(ratio=1)
                for keys, description in bindings:
                    shown = ", ".join(self.app.get_key_display(Binding(k, "")) for k in keys)
                    table.add_row(Text(shown), Text(description))
                yield Static(table)
