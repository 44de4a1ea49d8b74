"""At start, the changes a stopped app queued and did not write: apply, show or discard.

Dismisses with "apply", "discard", or None (Esc: decide at the next start). The focus starts
on "Show": Enter alone neither writes nor forgets anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from workbench.ui.bindings import TranslatedModalScreen
from workbench.ui.context import WorkbenchNode
from workbench.ui.dialogs.base import DIALOG_CSS
from workbench.ui.text import safe_str


def when_text(at: datetime | None, today: datetime | None = None) -> str:
    """14:02 today, else 2026-12-06 14:02 (local time)."""
    if at is None:
        return "?"
    local = at.astimezone()
    now = today or datetime.now().astimezone()
    return local.strftime("%H:%M" if local.date() == now.date() else "%Y-%m-%d %H:%M")


class RecoveryDialog(WorkbenchNode, TranslatedModalScreen[str | None]):
    DEFAULT_CSS = (
        "RecoveryDialog {"
        + DIALOG_CSS
        + """}
    RecoveryDialog #recovery-list { height: auto; max-height: 8; display: none; }
    RecoveryDialog #recovery-list > Static { text-wrap: nowrap; text-overflow: ellipsis; }
    RecoveryDialog #recovery-list.-shown { display: block; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "answer('apply')", "recovery.keys.apply", id="recovery-apply"),
        Binding("s", "show", "recovery.keys.show", id="recovery-show"),
        Binding("d", "answer('discard')", "recovery.keys.discard", id="recovery-discard"),
        Binding("escape", "answer(None)", "recovery.keys.later", id="recovery-later"),
    ]

    def __init__(
        self, count: int, at: datetime | None, lines: Sequence[str], unreadable: int = 0
    ) -> None:
        super().__init__()
        self._count = count
        self._unreadable = unreadable
        self._at = at
        self._lines = list(lines)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.t("recovery.title")
            yield Static(
                Content(
                    self.workbench.i18n.plural(
                        "recovery.message", self._count, at=when_text(self._at)
                    )
                ),
                classes="dialog-message",
            )
            if self._unreadable:
                text = self.workbench.i18n.plural("recovery.unreadable", self._unreadable)
                yield Static(Content(text), classes="dialog-details")
            with VerticalScroll(id="recovery-list"):
                for line in self._lines:
                    yield Static(Content(safe_str(f"• {line}")), classes="dialog-details")
            yield Static(Content(self.t("recovery.keys_hint")), classes="dialog-details")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("recovery.discard"), id="recovery-discard", compact=True)
                yield Button(self.t("recovery.show"), id="recovery-show", compact=True)
                yield Button(
                    self.t("recovery.apply"), id="recovery-apply", variant="primary", compact=True
                )

    def on_mount(self) -> None:
        self.query_one("#recovery-show", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "recovery-show":
            self.action_show()
        else:
            self.dismiss((event.button.id or "").removeprefix("recovery-"))

    def action_show(self) -> None:
        self.query_one("#recovery-list").toggle_class("-shown")

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
