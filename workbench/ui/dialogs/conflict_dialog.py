"""Someone else saved the record being edited: each clashing field with their value (who,
when) and yours; keep either, field by field, without typing anything again.

Dismisses with the fields whose value is yours, or None to go back to the form.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, RadioButton, RadioSet, Static

from workbench.storage.errors import ConflictError
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_str, safe_text


def local_time(when: str) -> str:
    """``14:02`` from an ISO 8601 time in UTC (as written in the file's meta record)."""
    try:
        return datetime.fromisoformat(when).astimezone().strftime("%H:%M")
    except ValueError:
        return when


class ConflictDialog(Dialog[frozenset[str]]):
    DEFAULT_CSS = """
    ConflictDialog VerticalScroll { height: auto; max-height: 20; }
    ConflictDialog .conflict-field { text-style: bold; margin: 1 0 0 0; }
    ConflictDialog RadioSet { width: 100%; border: none; padding: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "sharing.conflict.keys.save", id="conflict-save"),
    ]

    def __init__(self, conflict: ConflictError) -> None:
        super().__init__()
        self.conflict = conflict

    def _label(self, field: str) -> str:
        key = f"sharing.fields.{field}"
        return self.t(key) if self.workbench.i18n.has(key) else field

    def _value(self, value: Any) -> Text:
        return safe_text(self.t("app.none") if value is None else value)

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        with Vertical() as box:
            box.border_title = Content(self.t(f"sharing.conflict.title.{conflict.kind}"))
            if conflict.last_write is not None:
                who, when = conflict.last_write
                intro = self.t("sharing.conflict.intro", who=safe_str(who), at=local_time(when))
            else:
                intro = self.t("sharing.conflict.intro_unknown")
            yield Static(Content(intro), classes="dialog-message")
            with VerticalScroll():
                for index, clash in enumerate(conflict.conflicts):
                    yield Static(Content(self._label(clash.field)), classes="conflict-field")
                    with RadioSet(id=f"conflict-{index}"):
                        yield RadioButton(
                            Text.assemble(
                                self.t("sharing.conflict.theirs"), self._value(clash.theirs)
                            ),
                            id=f"conflict-{index}-theirs",
                        )
                        yield RadioButton(
                            Text.assemble(
                                self.t("sharing.conflict.yours"), self._value(clash.yours)
                            ),
                            value=True,
                            id=f"conflict-{index}-yours",
                        )
            yield Static("", id="conflict-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("sharing.conflict.back"), id="conflict-back", compact=True)
                yield Button(
                    self.t("sharing.conflict.save"),
                    id="conflict-save",
                    variant="primary",
                    compact=True,
                )

    def on_mount(self) -> None:
        self.query_one("#conflict-0", RadioSet).focus()

    def kept_mine(self) -> frozenset[str]:
        return frozenset(
            clash.field
            for index, clash in enumerate(self.conflict.conflicts)
            if self.query_one(f"#conflict-{index}-yours", RadioButton).value
        )

    def show_error(self, message: str) -> None:
        self.query_one("#conflict-error", Static).update(safe_text(message, one_line=False))

    def action_save(self) -> None:
        self.dismiss(self.kept_mine())

    @on(Button.Pressed, "#conflict-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#conflict-back")
    def _back_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
