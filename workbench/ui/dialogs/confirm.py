"""Small reusable dialogs: a yes/no question and a message to acknowledge.

Titles, messages and details are shown as plain text: they may hold user-typed names.

    if await self.app.push_screen_wait(ConfirmDialog(title, message)): ...
    self.app.push_screen(ConfirmDialog(title, message), callback)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from workbench.ui.bindings import TranslatedModalScreen
from workbench.ui.context import WorkbenchNode
from workbench.ui.dialogs.base import DIALOG_CSS
from workbench.ui.text import FIELD_LIMIT, safe_str

MESSAGE_LIMIT = 3 * FIELD_LIMIT


def _plain(text: str, *, one_line: bool = False) -> Content:
    """A dialog's text, which quotes names from the data file: inert, and short enough
    that a 10k-character name cannot push the buttons off the screen."""
    return Content(safe_str(text, one_line=one_line, limit=MESSAGE_LIMIT))


class ConfirmDialog(WorkbenchNode, TranslatedModalScreen[bool]):
    """Ask a yes/no question; dismisses with True (yes) or False (no, Esc)."""

    DEFAULT_CSS = "ConfirmDialog {" + DIALOG_CSS + "}"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "confirm.keys.yes", id="confirm-yes"),
        Binding("n", "answer(False)", "confirm.keys.no", id="confirm-no"),
        Binding("escape", "answer(False)", "confirm.keys.no", show=False, id="confirm-cancel"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        details: Sequence[str] = (),
        confirm_label: str | None = None,
        cancel_label: str | None = None,
        danger: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._details = list(details)
        self._confirm_label = confirm_label
        self._cancel_label = cancel_label
        self._danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="-danger" if self._danger else "") as box:
            box.border_title = _plain(self._title, one_line=True)
            yield Static(_plain(self._message), classes="dialog-message")
            for detail in self._details:
                yield Static(_plain(f"• {detail}", one_line=True), classes="dialog-details")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    _plain(self._cancel_label or self.t("confirm.no")),
                    id="confirm-no",
                    compact=True,
                )
                yield Button(
                    _plain(self._confirm_label or self.t("confirm.yes")),
                    id="confirm-yes",
                    variant="error" if self._danger else "primary",
                    compact=True,
                )

    def on_mount(self) -> None:
        # A dangerous question starts on "No": Enter alone never destroys anything.
        self.query_one("#confirm-no" if self._danger else "#confirm-yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class MessageDialog(WorkbenchNode, TranslatedModalScreen[None]):
    """Tell the user something that must be read (a refusal and its reasons)."""

    DEFAULT_CSS = "MessageDialog {" + DIALOG_CSS + "}"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "confirm.keys.ok", id="message-close"),
    ]

    def __init__(
        self, title: str, message: str, *, details: Sequence[str] = (), hint: str = ""
    ) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._details = list(details)
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="-danger") as box:
            box.border_title = _plain(self._title, one_line=True)
            yield Static(_plain(self._message), classes="dialog-message")
            for detail in self._details:
                yield Static(_plain(f"• {detail}", one_line=True), classes="dialog-details")
            if self._hint:
                yield Static(_plain(self._hint), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_plain(self.t("confirm.ok")), id="message-ok", compact=True)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
