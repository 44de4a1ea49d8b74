"""F1: the keys that work where you are, grouped by task, in the current language."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static

from workbench.i18n import Translator
from workbench.settings import config_path
from workbench.ui.bindings import TranslatedModalScreen
from workbench.ui.text import safe_str

TASKS: tuple[str, ...] = ("edit", "move", "find", "reports", "workbench")
"""The help's groups, in this order: what a key is for, whatever widget holds it."""
_WORDS: dict[str, tuple[str, ...]] = {
    "workbench": ("help", "language", "theme", "retry-save", "dismiss-messages", "quit", "close"),
    "reports": ("memo", "report", "copy-url", "export", "import", "diagnostic", "write"),
    "find": ("search", "filter", "filters", "clear-filter", "sort", "reverse", "escape"),
    "move": (
        "up",
        "down",
        "left",
        "right",
        "first",
        "last",
        "page-up",
        "page-down",
        "page-left",
        "page-right",
        "next",
        "previous",
        "section",
        "tab",
        "back",
        "leave",
        "open",
        "view",
        "bars",
        "details",
        "median",
        "next-field",
        "previous-field",
        "score",
        "team",
        "programme",
        "assessor",
        "down-arrow",
    ),
}
_EXCEPTIONS: dict[str, str] = {
    "catalogue-clear": "find",
    "compare-clear": "find",
    "scoring-score": "edit",
    "help-alt": "workbench",
}


def task_of(binding_id: str) -> str:
    """The task a binding serves, from its id ("catalogue-sort" → "find"); changing the data
    is the default."""
    if binding_id in _EXCEPTIONS:
        return _EXCEPTIONS[binding_id]
    if binding_id.startswith(("tab-", "pilots-section-")):
        return "move"
    words = binding_id.split("-")
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            part = "-".join(words[start : start + size])
            for task in ("workbench", "reports", "find", "move"):
                if part in _WORDS[task] and (size == 2 or start > 0 or len(words) == 1):
                    return task
    return "edit"


def binding_groups(
    active: dict[str, ActiveBinding], i18n: Translator
) -> list[tuple[str, list[tuple[list[str], str]]]]:
    """(task, [(keys, description)]): the keys that work here, grouped by what they are for
    (change, move, find, reports, the workbench), the focused widget's first in each group.

    Keys with the same description are listed together ("1, 2, 3, 4, 5  Score").

    ``active`` is a screen's ``active_bindings``, already translated. Only the workbench's
    own keys are listed (those with an id): a framework default the user cannot rely on
    ("Scroll Left", "Focus Next") is not, and no group is named after a widget's class.
    """
    ordered = sorted(active.items(), key=lambda item: -_depth(item[1][0]))
    groups: dict[str, dict[str, tuple[list[str], str]]] = {task: {} for task in TASKS}
    for key, (_node, binding, _enabled, _tooltip) in ordered:
        if not binding.description or not binding.id:
            continue
        actions = groups[task_of(binding.id)]
        keys, _ = actions.setdefault(binding.description, ([], binding.description))
        shown = binding.key_display or key  # alt+1 once, not also the ¡ it arrives as
        if shown not in keys:
            keys.append(shown)
    return [
        (i18n(f"app.help.task.{task}"), list(actions.values()))
        for task, actions in groups.items()
        if actions
    ]


def _depth(node: DOMNode) -> int:
    depth = 0
    while node.parent is not None:
        node = node.parent
        depth += 1
    return depth


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
