"""The frame of every pilot form: labelled fields, each field's error under it, ctrl+s saves.

A form reads its fields strictly (``workbench.core.pilot_input``) and builds a model; any
error is shown next to its field and nothing is returned until the whole form is valid.
Enter in a field saves too, so a one-value form (a measurement) takes the value and Enter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import ClassVar, TypeVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from workbench.core.pilot_input import InputError, parse_amount, parse_date, parse_number
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_str, safe_text
from workbench.ui.validation import GENERAL, errors_by_field

T = TypeVar("T")
V = TypeVar("V")
Check = Callable[[T], None]
"""Tries the result on the latest pilot; raises ``InputError`` or ``ValidationError``."""


@dataclass(frozen=True, slots=True)
class FormField:
    key: str
    label: str
    initial: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)
    """(label, value) pairs: the field is a choice."""


class PilotForm(Dialog[T]):
    DEFAULT_CSS = """
    PilotForm > Vertical { max-width: 84; }
    PilotForm VerticalScroll { height: auto; max-height: 18; }
    PilotForm .form-row { height: 1; margin-top: 0; }
    PilotForm VerticalScroll { margin-top: 1; }
    PilotForm .form-row.-choice { height: 1; }
    PilotForm .form-row > Label { width: 22; padding-right: 1; text-align: right; }
    PilotForm .form-row > Input { width: 1fr; }
    PilotForm .form-row > Select { width: 1fr; }
    PilotForm .field-error { margin-left: 22; }
    PilotForm .field-error.-empty { display: none; }
    PilotForm #form-general { color: $text-error; text-style: bold; height: auto; }
    PilotForm #form-general.-empty { display: none; }
    PilotForm .dialog-hint { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "pilots.keys.save", id="pilot-form-save"),
    ]

    def __init__(self, check: Check[T] | None = None) -> None:
        super().__init__()
        self.check = check
        self._errors: dict[str, str] = {}

    # the subclass says what to ask and how to read it

    def heading(self) -> str:
        raise NotImplementedError

    def introduction(self) -> str:
        return ""

    def fields(self) -> list[FormField]:
        raise NotImplementedError

    def build(self) -> T | None:
        """The result, or None after ``self.error(...)`` for some field."""
        raise NotImplementedError

    # layout

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = safe_str(self.heading())
            intro = self.introduction()
            if intro:
                yield Static(safe_text(intro, one_line=False), classes="dialog-hint")
            with VerticalScroll():
                for item in self.fields():
                    with Horizontal(classes="form-row" + (" -choice" if item.options else "")):
                        yield Label(safe_text(item.label), id=f"label-{item.key}")
                        if item.options:
                            yield Select(
                                [(safe_text(label), value) for label, value in item.options],
                                value=item.initial if item.initial else Select.NULL,
                                allow_blank=not item.initial,
                                id=f"field-{item.key}",
                                compact=True,
                            )
                        else:
                            yield Input(
                                item.initial,
                                placeholder=item.placeholder,
                                id=f"field-{item.key}",
                                compact=True,
                            )
                    yield Static(id=f"error-{item.key}", classes="field-error -empty", markup=False)
            yield Static(id="form-general", classes="-empty", markup=False)
            yield Static(Text(self.t("pilots.form.hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        first = self.fields()[0].key
        self.query_one(f"#field-{first}").focus()

    # reading

    def raw(self, key: str) -> str:
        widget = self.query_one(f"#field-{key}")
        if isinstance(widget, Select):
            value = widget.value
            return value if isinstance(value, str) else ""
        assert isinstance(widget, Input)
        return widget.value

    def error(self, key: str, message: str) -> None:
        self._errors.setdefault(key, message)

    def _input_error(self, key: str, problem: InputError) -> None:
        self.error(key, self.t(f"pilots.input.{problem.key}", **problem.params))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.raw(key).strip()
        if not value:
            if required:
                self.error(key, self.t("pilots.input.required"))
            return None
        return value

    def choice(self, key: str) -> str | None:
        value = self.raw(key)
        if not value:
            self.error(key, self.t("pilots.input.choose"))
            return None
        return value

    def parsed(self, key: str, parse: Callable[[str], V | None], *, required: bool) -> V | None:
        """The field read by ``parse``; its error (or "required") noted beside the field."""
        try:
            value = parse(self.raw(key))
        except InputError as problem:
            self._input_error(key, problem)
            return None
        if value is None and required:
            self.error(key, self.t("pilots.input.required"))
        return value

    def day(self, key: str, *, required: bool = False) -> date | None:
        return self.parsed(key, parse_date, required=required)

    def number(self, key: str, *, required: bool = False) -> float | None:
        return self.parsed(key, parse_number, required=required)

    def amount(self, key: str, currency: str, *, required: bool = False) -> Decimal | None:
        return self.parsed(key, lambda text: parse_amount(text, currency), required=required)

    def typed(self, value: float | Decimal | None) -> str:
        """A stored number as a person would type it, every digit kept (a decimal comma in
        French): what an edit form starts from."""
        if value is None:
            return ""
        text = f"{Decimal(str(value)).normalize():f}"
        return text.replace(".", ",") if self.workbench.i18n.lang == "fr" else text

    @staticmethod
    def day_text(value: date | None) -> str:
        return value.isoformat() if value is not None else ""

    # saving

    def _show_errors(self) -> None:
        keys = {item.key for item in self.fields()}
        general = [message for key, message in self._errors.items() if key not in keys]
        for key in keys:
            error = self.query_one(f"#error-{key}", Static)
            message = self._errors.get(key, "")
            error.update(Text(message))
            error.set_class(not message, "-empty")
        box = self.query_one("#form-general", Static)
        box.update(Text("\n".join(general)))
        box.set_class(not general, "-empty")

    def action_save(self) -> None:
        self._errors = {}
        result: T | None = None
        try:
            result = self.build()
            if result is not None and not self._errors and self.check is not None:
                self.check(result)
        except InputError as problem:
            self._input_error(GENERAL, problem)
        except ValidationError as problem:
            for key, message in errors_by_field(problem, self.workbench.i18n).items():
                self.error(key, message)
        if self._errors or result is None:
            self._show_errors()
            return
        self.dismiss(result)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
