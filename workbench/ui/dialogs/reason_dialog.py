"""Write why a criterion got its score: several lines if needed, up to the model's limit.

The limit (``MAX_TEXT_LENGTH``) is the one the model and ``workbench check`` apply; the
dialog counts the characters as they are typed and refuses, with a message, a reason that
is too long or holds control characters: nothing is ever cut silently. A stored reason left
untouched is returned as it was (``None``: nothing to save).
"""

from __future__ import annotations

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from workbench.core.assessment import Rating
from workbench.core.rules import MAX_TEXT_LENGTH
from workbench.core.text import visible
from workbench.ui.dialogs.base import Dialog
from workbench.ui.validation import message
from workbench.ui.widgets.reason_editor import ReasonEditor


class ReasonDialog(Dialog[str]):
    DEFAULT_CSS = """
    ReasonDialog #reason {
        height: auto;
        min-height: 3;
        max-height: 12;
    }
    ReasonDialog #reason-count {
        color: $text-muted;
        text-align: right;
    }
    ReasonDialog #reason-count.-over {
        color: $text-error;
        text-style: bold;
    }
    """

    def __init__(self, criterion: str, question: str, reason: str) -> None:
        super().__init__()
        self.criterion = criterion
        self.question = question
        self.reason = reason
        self._shown = visible(reason, one_line=False)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.t("scoring.reason.title", criterion=self.criterion)
            box.border_subtitle = self.t("scoring.reason.keys")
            yield Static(Text(self.question), classes="dialog-hint")
            editor = ReasonEditor(self._shown, id="reason", soft_wrap=True, compact=True)
            editor.placeholder = self.t("scoring.reason.placeholder")
            yield editor
            yield Static("", id="reason-count")
            yield Static("", classes="field-error", id="reason-error")

    def on_mount(self) -> None:
        editor = self.query_one(ReasonEditor)
        editor.move_cursor(editor.document.end)
        editor.focus()
        self._count(editor.text)

    def _count(self, text: str) -> None:
        count = self.query_one("#reason-count", Static)
        count.update(Text(self.t("scoring.reason.count", count=len(text), limit=MAX_TEXT_LENGTH)))
        count.set_class(len(text) > MAX_TEXT_LENGTH, "-over")

    @on(TextArea.Changed, "#reason")
    def _changed(self, event: TextArea.Changed) -> None:
        self._count(event.text_area.text)
        self.query_one("#reason-error", Static).update("")

    @on(ReasonEditor.PasteRefused)
    def _paste_refused(self, event: ReasonEditor.PasteRefused) -> None:
        event.stop()
        self.query_one("#reason-error", Static).update(Text(self.t("errors.paste_refused")))

    @on(ReasonEditor.Submitted)
    def _submitted(self, event: ReasonEditor.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one(ReasonEditor).text
        if text == self._shown:
            self.dismiss(None)  # untouched: the stored reason stays exactly as it is
            return
        try:
            rating = Rating(reason=text)
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            self.query_one("#reason-error", Static).update(
                Text(message(detail, self.workbench.i18n))
            )
            return
        self.dismiss(rating.reason)
