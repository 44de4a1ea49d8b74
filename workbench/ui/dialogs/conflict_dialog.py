"""Someone else saved the record being edited: each clashing field with their value (who,
when) and yours; keep either, field by field, without typing anything again.

Dismisses with the fields whose value is yours, or None to go back to the form. Field labels
are translated for every kind of record (``sharing.fields.<kind>.<field>``), and a pilot's
sub-records (phases, KPIs, participants, costs, benefits, notes) are named in words.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, RadioButton, RadioSet, Static

from workbench.core.pilot import Benefit, Cost, JournalNote, Kpi, Measurement, Phase
from workbench.i18n import Translator
from workbench.storage.errors import ConflictError
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_str, safe_text


def local_time(at: datetime | None, t: Translator) -> str:
    """``14:02`` in local time, from the file's meta record (None: the file's text there
    was not a time, and is never shown as found)."""
    return at.astimezone().strftime("%H:%M") if at is not None else t("sharing.unknown_time")


def field_label(kind: str, field: str, t: Translator) -> str:
    """``objective.target`` of a team as "Objective: target", in the user's language."""
    for key in (f"sharing.fields.{kind}.{field}", f"sharing.fields.common.{field}"):
        if t.has(key):
            return t(key)
    return field


def shown_value(value: Any, t: Translator) -> str:
    """A stored value in words: sub-records by their name, dates as ISO dates."""
    if value is None:
        return t("app.none")
    if isinstance(value, bool):
        return t("confirm.yes") if value else t("confirm.no")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return t.smart(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(shown_value(item, t) for item in value) if value else "—"
    if isinstance(value, dict):
        return t.plural("sharing.conflict.entries", len(value))
    if isinstance(value, Phase):
        status = t(f"pilots.phase_status.{value.status.value}")
        return f"{t(f'pilots.phase_short.{value.kind.value}')}: {status}"
    if isinstance(value, Kpi):
        count = t.plural("sharing.conflict.measurements", len(value.measurements))
        return f"{value.name} ({count})"
    if isinstance(value, Measurement):
        return f"{value.on.isoformat()} {t.smart(value.value)}"
    if isinstance(value, Cost):
        return f"{value.label} {t.smart(value.total)}"
    if isinstance(value, Benefit):
        return f"{value.label} {t.smart(value.amount)}"
    if isinstance(value, JournalNote):
        return f"{value.on.isoformat()} {value.text}"
    for name in ("name", "label", "statement", "text", "kind"):
        inner = getattr(value, name, None)
        if inner is not None:
            return shown_value(inner, t)
    return str(value)


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
        return field_label(self.conflict.kind, field, self.workbench.i18n)

    def _value(self, value: Any) -> Text:
        return safe_text(shown_value(value, self.workbench.i18n))

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        with Vertical() as box:
            box.border_title = Content(self.t(f"sharing.conflict.title.{conflict.kind}"))
            last = conflict.last_write
            if last is not None:
                at = local_time(last.at, self.workbench.i18n)
                intro = self.t("sharing.conflict.intro", who=safe_str(last.writer), at=at)
            else:
                intro = self.t("sharing.conflict.intro_unknown")
            yield Static(Content(intro), classes="dialog-message")
            with VerticalScroll():
                for index, clash in enumerate(conflict.conflicts):
                    yield Static(safe_text(self._label(clash.field)), classes="conflict-field")
                    # Yours first: a RadioSet highlights its first option, and Enter picks
                    # the highlighted one; the highlight opens on the option chosen.
                    with RadioSet(id=f"conflict-{index}"):
                        yield RadioButton(
                            Text.assemble(
                                self.t("sharing.conflict.yours"), self._value(clash.yours)
                            ),
                            value=True,
                            id=f"conflict-{index}-yours",
                        )
                        yield RadioButton(
                            Text.assemble(
                                self.t("sharing.conflict.theirs"), self._value(clash.theirs)
                            ),
                            id=f"conflict-{index}-theirs",
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
