"""Cancel a pilot: a question that starts on "No", with an optional reason.

Dismisses with the reason ("" for none) when the user says yes, None otherwise. The reason
follows the rules of what people type (length, control characters), said next to the field.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_str
from workbench.ui.validation import message
from workbench.ui.widgets.safe_input import SafeInput


class CancelPilotDialog(Dialog[str]):
    ASK_BEFORE_DISCARDING = False

    def __init__(self, name: str, check: Callable[[str], None]) -> None:
        super().__init__()
        self.pilot_name = name
        self.check = check

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog -danger") as box:
            box.border_title = t("pilots.cancel.title")
            question = t("pilots.cancel.question", name=safe_str(self.pilot_name, one_line=True))
            yield Static(Text(f"{question} {t('pilots.delete.undo_hint')}"))
            yield Label(t("pilots.cancel.reason"), id="label-reason")
            yield SafeInput(placeholder=t("pilots.cancel.reason_placeholder"), id="field-reason")
            yield Static("", classes="field-error", id="reason-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("pilots.cancel.no"), id="cancel-no", compact=True)
                yield Button(t("pilots.cancel.yes"), id="cancel-yes", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel-no", Button).focus()  # Enter alone cancels nothing

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel-yes":
            self.action_save()
        else:
            self.dismiss(None)

    @on(Input.Submitted, "#field-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        reason = self.query_one("#field-reason", Input).value
        try:
            self.check(reason)
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            self.query_one("#reason-error", Static).update(
                Text(message(detail, self.workbench.i18n))
            )
            return
        self.dismiss(reason)
