"""The programme form: every field of a catalogue entry, each error right under its field.

Nothing is saved until the whole form is valid. Numbers accept a comma as the decimal mark,
topics are comma-separated, an empty field means "unknown". Dismisses with the saved
programme, or None when cancelled. The fields are in ``programme_fields``, the check in
``programme_check`` (the price's in ``programme_price``).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from workbench.core.catalogue import PriceKind, Programme
from workbench.core.text import visible
from workbench.ui.catalogue.programme_check import read_programme
from workbench.ui.catalogue.programme_fields import (
    BLANK_CHOICE,
    FIELD_NAMES,
    FIELDS,
    FormField,
    choices,
    start_values,
    successors,
)
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_str
from workbench.ui.validation import GENERAL
from workbench.ui.widgets.safe_input import SafeInput

BOX_MAX_HEIGHT = 48
"""The form's height (its CSS) when the terminal is taller; below, the terminal's height."""
BOX_CHROME = 4
"""Lines of the form that are not fields: its two borders, its footer and the line above it."""
NOTES_HEIGHT = 4
LEAST_FIELD_LINES = 2 + sum(NOTES_HEIGHT if field.kind == "notes" else 1 for field in FIELDS)
"""The fields' lines whatever the text: the intro (one line at least) and the line under it,
then one line per field (the notes more) and no error."""


class ProgrammeForm(Dialog[Programme]):
    """Add a programme (``programme=None``) or edit one."""

    DEFAULT_CSS = """
    ProgrammeForm {
        align: center middle;
    }
    ProgrammeForm > #form-box {
        width: 100%;
        max-width: 100;
        height: 100%;
        max-height: 48;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    ProgrammeForm #form-fields {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    ProgrammeForm #form-fields.-overflowing {
        overflow-y: scroll;
    }
    ProgrammeForm .form-intro {
        color: $text-muted;
        text-style: italic;
        margin: 0 0 1 0;
    }
    ProgrammeForm #form-grid {
        layout: grid;
        grid-size: 2;
        grid-columns: 19 1fr;
        grid-rows: auto;
        height: auto;
    }
    ProgrammeForm .form-label {
        width: 19;
        padding: 0 1 0 0;
        text-style: bold;
    }
    ProgrammeForm .form-label.-invalid {
        color: $text-error;
        row-span: 2;
    }
    ProgrammeForm #form-grid > Input, ProgrammeForm #form-grid > Select {
        width: 1fr;
    }
    ProgrammeForm #form-grid > Input {
        background: $panel;
    }
    ProgrammeForm #form-grid > Input:focus {
        background: $primary 20%;
    }
    ProgrammeForm #form-grid > TextArea {
        width: 1fr;
        height: 4;
        min-height: 4;
        background: $panel;
    }
    ProgrammeForm .form-error {
        display: none;
        color: $text-error;
        padding: 0 0 0 19;
        height: auto;
    }
    ProgrammeForm .form-error.-shown {
        display: block;
    }
    ProgrammeForm #form-grid > .form-error {
        padding: 0;
    }
    ProgrammeForm #form-footer {
        height: 1;
        margin: 1 0 0 0;
    }
    ProgrammeForm #form-status {
        width: 1fr;
        color: $text-muted;
    }
    ProgrammeForm #form-status.-invalid {
        color: $text-error;
        text-style: bold;
    }
    ProgrammeForm #form-footer Button {
        margin: 0 0 0 2;
        min-width: 10;
    }
    """

    def __init__(self, programme: Programme | None = None) -> None:
        super().__init__()
        self.programme = programme
        self.errors: dict[str, str] = {}
        self._attempted = False
        self._initial: dict[str, str] = {}

    # building

    def compose(self) -> ComposeResult:
        t = self.t
        title = "catalogue.form.title_edit" if self.programme else "catalogue.form.title_new"
        with Vertical(id="form-box") as box:
            box.border_title = Content(t(title))
            if self.programme is not None:
                box.border_subtitle = Content(safe_str(self.programme.name, limit=60))
            with VerticalScroll(id="form-fields", can_focus=False) as fields:
                fields.set_class(self._overflowing(self.app.size.height), "-overflowing")
                yield Static(Content(t("catalogue.form.intro")), classes="form-intro")
                with Container(id="form-grid"):
                    # Rows of label | field: no container per row, a third fewer widgets to
                    # build. A label spans two rows while its field's error shows under it.
                    values = start_values(self.programme, self.workbench.i18n.lang)
                    for field in FIELDS:
                        yield Label(
                            Content(t(f"catalogue.form.{field.name}")),
                            id=f"label-{field.name}",
                            classes="form-label",
                        )
                        yield self._widget(field, values[field.name])
                        yield Static("", id=f"error-{field.name}", classes="form-error")
                yield Static("", id=f"error-{GENERAL}", classes="form-error")
            with Horizontal(id="form-footer"):
                yield Static(Content(t("catalogue.form.keys_hint")), id="form-status")
                yield Button(Content(t("catalogue.form.cancel")), id="form-cancel", compact=True)
                yield Button(
                    Content(t("catalogue.form.save")),
                    id="form-save",
                    variant="primary",
                    compact=True,
                )

    def _widget(self, field: FormField, value: str) -> Widget:
        widget_id = f"field-{field.name}"
        if field.kind == "select":
            return self._select(field.name, value, widget_id)
        if field.kind == "notes":
            return TextArea(visible(value, one_line=False), id=widget_id, compact=True)
        placeholder = self.t(f"catalogue.form.{field.placeholder}") if field.placeholder else ""
        return SafeInput(
            visible(value),
            placeholder=placeholder,
            id=widget_id,
            compact=True,
            select_on_focus=False,
        )

    def _select(self, name: str, value: str, widget_id: str) -> Select[str]:
        if name == "successor_id":
            own = self.programme.id if self.programme is not None else None
            options = successors(own, self.workbench.repository.programmes())
        else:
            options = choices(self.workbench.i18n, name)
        return Select(
            options,
            prompt=self.t("catalogue.form.unknown_choice"),
            allow_blank=name in BLANK_CHOICE,
            value=value if value else Select.NULL,
            id=widget_id,
            compact=True,
            type_to_search=True,
        )

    def on_mount(self) -> None:
        self._initial = self.raw()  # what an untouched field keeps, byte for byte

    @staticmethod
    def _overflowing(height: int) -> bool:
        """Whether the fields cannot all show in a terminal this tall. Then the scroll bar
        is there from the first layout: Textual would otherwise add it after, and lay out
        and draw every field a second time (a tenth of the form's opening)."""
        return min(height, BOX_MAX_HEIGHT) - BOX_CHROME < LEAST_FIELD_LINES

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#form-fields").set_class(
            self._overflowing(event.size.height), "-overflowing"
        )

    # reading

    def raw(self) -> dict[str, str]:
        """What the user typed or chose, field by field ('' for an empty select)."""
        result: dict[str, str] = {}
        for field in FIELDS:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Input):
                result[field.name] = widget.value
            elif isinstance(widget, TextArea):
                result[field.name] = widget.text
            elif isinstance(widget, Select):
                selected = widget.selection
                result[field.name] = str(selected) if selected is not None else ""
        return result

    def build(self) -> tuple[Programme | None, dict[str, str]]:
        """The programme the form describes, or None and the message of each faulty field."""
        return read_programme(self.raw(), self.programme, self._initial, self.workbench.i18n)

    # showing

    def show_errors(self, errors: dict[str, str]) -> None:
        self.errors = errors
        for name in (*FIELD_NAMES, GENERAL):
            text = errors.get(name, "")
            error = self.query_one(f"#error-{name}", Static)
            error.update(Content(text))
            error.set_class(bool(text), "-shown")
            if name != GENERAL:
                self.query_one(f"#label-{name}").set_class(bool(text), "-invalid")
        status = self.query_one("#form-status", Static)
        if errors:
            status.update(
                Content(self.workbench.i18n.plural("catalogue.form.invalid", len(errors)))
            )
        else:
            status.update(Content(self.t("catalogue.form.keys_hint")))
        status.set_class(bool(errors), "-invalid")

    # acting

    def action_save(self) -> None:
        self._attempted = True
        programme, errors = self.build()
        self.show_errors(errors)
        if programme is None:
            if not self.focus_first(
                self.query_one(f"#field-{name}") for name in errors if name != GENERAL
            ):
                self.query_one(f"#error-{GENERAL}").scroll_visible()
            return
        original = self.programme
        if original is None:
            saved = self.workbench.store(lambda repo: repo.save_programme(programme))
        else:
            saved = self.workbench.store(
                lambda repo: repo.save_edit(original, programme), resolved=self.dismiss
            )
        if saved is not None:
            self.dismiss(saved)

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Input.Changed, "#field-price_amount")
    def _amount_typed(self, event: Input.Changed) -> None:
        """Typing an amount means the programme has a price: say so in the price kind."""
        kind = self.query_one("#field-price_kind", Select)
        if event.value.strip() and kind.value == PriceKind.UNKNOWN.value:
            kind.value = PriceKind.AMOUNT.value

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _recheck(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        """Once a save has failed, errors follow the typing: fixed fields clear at once."""
        if self._attempted and self.is_mounted:
            self.show_errors(self.build()[1])
