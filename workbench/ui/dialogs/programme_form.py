"""The programme form: every field of a catalogue entry, each error right under its field.

Nothing is saved until the whole form is valid. Numbers accept a comma as the decimal mark,
topics are comma-separated, an empty field means "unknown". Dismisses with the saved
programme, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import ValidationError
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from workbench.core.catalogue import (
    Credential,
    Level,
    Price,
    PriceBasis,
    PriceKind,
    Programme,
    Status,
)
from workbench.core.rules import MAX_AMOUNT
from workbench.core.text import visible
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_str
from workbench.ui.untouched import validate_keeping
from workbench.ui.validation import GENERAL, message
from workbench.ui.widgets.safe_input import SafeInput

Kind = Literal["text", "number", "whole", "date", "topics", "notes", "select"]


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    kind: Kind = "text"
    placeholder: str = ""
    """An i18n key under ``catalogue.form``; '' for none."""


FIELDS: tuple[FormField, ...] = (
    FormField("name"),
    FormField("provider"),
    FormField("audience"),
    FormField("level", "select"),
    FormField("credential", "select"),
    FormField("platform"),
    FormField("modules", "whole", "placeholder_count"),
    FormField("hours_min", "number", "placeholder_hours"),
    FormField("hours_max", "number", "placeholder_hours"),
    FormField("price_kind", "select"),
    FormField("price_amount", "number", "placeholder_amount"),
    FormField("price_currency", "text", "placeholder_currency"),
    FormField("price_basis", "select"),
    FormField("price_months", "whole", "placeholder_months"),
    FormField("price_note", "text", "placeholder_price_note"),
    FormField("topics", "topics", "placeholder_topics"),
    FormField("status", "select"),
    FormField("status_date", "date", "placeholder_status_date"),
    FormField("successor_id", "select"),
    FormField("validity_months", "whole", "placeholder_count"),
    FormField("renewal"),
    FormField("url", "text", "placeholder_url"),
    FormField("source"),
    FormField("checked_on", "date", "placeholder_date"),
    FormField("notes", "notes"),
)
FIELD_NAMES = tuple(field.name for field in FIELDS)

MODEL_ERRORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "hours_order": ("hours_max", ("hours_max",)),
    "status_date": ("status_date", ("status",)),
    "successor_status": ("successor_id", ("status", "successor_id")),
    "successor_self": ("successor_id", ("successor_id",)),
}
"""Model-wide errors of a programme: the field that shows it, the fields that cause it."""

PRICE_FIELD = {
    "kind": "price_kind",
    "amount": "price_amount",
    "currency": "price_currency",
    "basis": "price_basis",
    "months": "price_months",
    "note": "price_note",
}

BOX_MAX_HEIGHT = 48
"""The form's height (its CSS) when the terminal is taller; below, the terminal's height."""
BOX_CHROME = 4
"""Lines of the form that are not fields: its two borders, its footer and the line above it."""
NOTES_HEIGHT = 4
LEAST_FIELD_LINES = 2 + sum(NOTES_HEIGHT if field.kind == "notes" else 1 for field in FIELDS)
"""The fields' lines whatever the text: the intro (one line at least) and the line under it,
then one line per field (the notes more) and no error."""

PLACEHOLDER_FOR_PROBE: dict[str, Any] = {"name": "?", "provider": "?", "topics": []}
PRICE_PARTS = ("kind", "amount", "currency", "basis", "months", "note")
"""Stand-ins for invalid required fields, so cross-field errors show in the same pass."""


class Invalid(Exception):
    """A field's text cannot be read as its type; ``key`` is the message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_number(text: str) -> Decimal | None:
    """'1,5', '1.5', ' 2 ' -> Decimal; '' -> None (unknown)."""
    cleaned = "".join(text.split()).replace("\u202f", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid("catalogue.errors.number") from None
    if not value.is_finite():
        raise Invalid("catalogue.errors.number")
    return value


def parse_whole(text: str) -> int | None:
    cleaned = "".join(text.split())
    if not cleaned:
        return None
    if not cleaned.lstrip("-").isdigit():
        raise Invalid("catalogue.errors.whole_number")
    return int(cleaned)


def parse_date(text: str) -> date | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise Invalid("catalogue.errors.date") from None


def parse_topics(text: str) -> list[str]:
    """Topics are separated by commas only: "'; DROP TABLE teams; --" is one topic."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _fmt_number(value: float | Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace(".", ",") if lang == "fr" else text


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
        self._initial: dict[str, Any] = {}

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
                    for field in FIELDS:
                        yield Label(
                            Content(t(f"catalogue.form.{field.name}")),
                            id=f"label-{field.name}",
                            classes="form-label",
                        )
                        yield self._widget(field)
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

    def _widget(self, field: FormField) -> Widget:
        widget_id = f"field-{field.name}"
        values = self._values()
        if field.kind == "select":
            return self._select(field.name, values[field.name], widget_id)
        if field.kind == "notes":
            text = visible(values[field.name], one_line=False)
            return TextArea(text, id=widget_id, compact=True)
        placeholder = self.t(f"catalogue.form.{field.placeholder}") if field.placeholder else ""
        return SafeInput(
            visible(values[field.name]),
            placeholder=placeholder,
            id=widget_id,
            compact=True,
            select_on_focus=False,
        )

    def _select(self, name: str, value: str, widget_id: str) -> Select[str]:
        t = self.t
        options: list[tuple[Text, str]]
        if name == "level":
            options = [(Text(t(f"catalogue.level.{level.value}")), level.value) for level in Level]
        elif name == "credential":
            options = [
                (Text(t(f"catalogue.credential.{item.value}")), item.value) for item in Credential
            ]
        elif name == "price_kind":
            options = [
                (Text(t(f"catalogue.price_kind.{kind.value}")), kind.value) for kind in PriceKind
            ]
        elif name == "price_basis":
            options = [
                (Text(t(f"catalogue.price_basis.{basis.value}")), basis.value)
                for basis in PriceBasis
            ]
        elif name == "successor_id":
            own = self.programme.id if self.programme is not None else None
            options = [
                (Text(visible(f"{p.name} ({p.provider})")), p.id)
                for p in self.workbench.repository.programmes()
                if p.id != own
            ]
        else:
            options = [
                (Text(t(f"catalogue.status.{status.value}")), status.value) for status in Status
            ]
        blank = name in ("level", "credential", "successor_id")
        return Select(
            options,
            prompt=t("catalogue.form.unknown_choice"),
            allow_blank=blank,
            value=value if value else Select.NULL,
            id=widget_id,
            compact=True,
            type_to_search=True,
        )

    def _values(self) -> dict[str, Any]:
        """The text each field starts with."""
        p = self.programme
        lang = self.workbench.i18n.lang
        if p is None:
            return dict.fromkeys(FIELD_NAMES, "") | {
                "price_kind": PriceKind.UNKNOWN.value,
                "price_basis": PriceBasis.SEAT.value,
                "status": Status.ACTIVE.value,
            }
        return {
            "name": p.name,
            "provider": p.provider,
            "audience": p.audience or "",
            "level": p.level.value if p.level else "",
            "credential": p.credential.value if p.credential else "",
            "platform": p.platform or "",
            "modules": "" if p.modules is None else str(p.modules),
            "hours_min": _fmt_number(p.hours_min, lang),
            "hours_max": _fmt_number(p.hours_max, lang),
            "price_kind": p.price.kind.value,
            "price_amount": _fmt_number(p.price.amount, lang),
            "price_currency": p.price.currency or "",
            "price_basis": (p.price.basis or PriceBasis.SEAT).value,
            "price_months": "" if p.price.months is None else str(p.price.months),
            "price_note": p.price.note or "",
            "topics": ", ".join(p.topics),
            "status": p.status.value,
            "status_date": p.status_date.isoformat() if p.status_date else "",
            "successor_id": p.successor_id or "",
            "validity_months": "" if p.validity_months is None else str(p.validity_months),
            "renewal": p.renewal or "",
            "url": p.url or "",
            "source": p.source or "",
            "checked_on": p.checked_on.isoformat() if p.checked_on else "",
            "notes": p.notes or "",
        }

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
        raw = self.raw()
        errors: dict[str, str] = {}
        data: dict[str, Any] = {}
        if self.programme is not None:
            data["id"] = self.programme.id

        def read(name: str, parse: Callable[[str], Any]) -> Any:
            try:
                return parse(raw[name])
            except Invalid as problem:
                errors[name] = self.t(problem.key)
                return None

        for field in FIELDS:
            name = field.name
            if name.startswith("price_"):
                continue
            if field.kind == "number":
                number = read(name, parse_number)
                data[name] = None if number is None else float(number)
            elif field.kind == "whole":
                data[name] = read(name, parse_whole)
            elif field.kind == "date":
                data[name] = read(name, parse_date)
            elif field.kind == "topics":
                data[name] = parse_topics(raw[name])
            elif field.kind == "select":
                data[name] = raw[name] or None
            elif name in ("name", "provider"):
                data[name] = raw[name]
            else:
                data[name] = raw[name] or None
        if data["status"] is None:
            data["status"] = Status.ACTIVE.value

        untouched = self._untouched(raw)
        price = self._price(raw, errors, read, untouched)
        data["price"] = price if price is not None else Price()
        data = {name: value for name, value in data.items() if name not in errors}
        programme = self._validate(data, errors, untouched)
        if errors:
            return None, errors
        return programme, {}

    def _price(
        self,
        raw: dict[str, str],
        errors: dict[str, str],
        read: Callable[[str, Callable[[str], Any]], Any],
        untouched: set[str],
    ) -> Price | None:
        original = self.programme.price if self.programme is not None else None
        if original is not None and {f"price_{name}" for name in PRICE_PARTS} <= untouched:
            return original
        amount = read("price_amount", parse_number)
        months = read("price_months", parse_whole)
        if amount is not None and amount > MAX_AMOUNT:
            errors["price_amount"] = self.t("catalogue.errors.too_large")
        if "price_amount" in errors or "price_months" in errors:
            return None
        basis = raw["price_basis"] or None
        if basis == PriceBasis.SEAT.value:
            basis = None  # per seat is the default basis, stored as none
        data = {
            "kind": raw["price_kind"] or PriceKind.UNKNOWN.value,
            "amount": amount,
            "currency": raw["price_currency"] or None,
            "basis": basis,
            "months": months,
            "note": raw["price_note"] or None,
        }
        if data["basis"] == PriceBasis.TEAM.value and data["kind"] != PriceKind.AMOUNT.value:
            errors["price_basis"] = self.t("catalogue.errors.basis_without_amount")
            return None
        subscription = basis is not None and PriceBasis(basis).subscription
        if subscription and data["kind"] != PriceKind.AMOUNT.value:
            errors["price_basis"] = self.t("catalogue.errors.subscription_without_amount")
            return None
        if months is not None and not subscription:
            errors["price_months"] = self.t("catalogue.errors.months_without_subscription")
            return None
        kept = [name for name in PRICE_PARTS if f"price_{name}" in untouched]
        try:
            return validate_keeping(Price, data, original, kept)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                loc = detail["loc"]
                if loc:
                    field = PRICE_FIELD.get(str(loc[0]), "price_kind")
                elif detail["type"] == "price_incomplete":
                    field = "price_amount" if amount is None else "price_currency"
                else:
                    field = "price_amount"
                errors.setdefault(field, message(detail, self.workbench.i18n))
            return None

    def _untouched(self, raw: dict[str, str]) -> set[str]:
        """Fields still showing what the form opened with: they keep the stored value."""
        if self.programme is None or not self._initial:
            return set()
        return {name for name in FIELD_NAMES if raw[name] == self._initial[name]}

    def _validate(
        self, data: dict[str, Any], errors: dict[str, str], untouched: set[str]
    ) -> Programme | None:
        kept = [name for name in untouched if name in Programme.model_fields]
        try:
            return validate_keeping(Programme, data, self.programme, kept, PLACEHOLDER_FOR_PROBE)
        except ValidationError as error:
            failed = self._collect(error, errors)
        # The model-wide checks (hours order, status date) run only once every field is
        # valid, and stop at the first failure: probe again with stand-ins for the faulty
        # fields, setting aside each cross-field fault found, so that all show at once.
        probe = {name: value for name, value in data.items() if name not in failed}
        probe |= {
            name: PLACEHOLDER_FOR_PROBE[name] for name in failed if name in PLACEHOLDER_FOR_PROBE
        }
        for _ in range(len(MODEL_ERRORS) + 1):
            try:
                Programme.model_validate(probe)
            except ValidationError as error:
                if not self._collect_model_errors(error, errors, probe):
                    break
            else:
                break
        return None

    def _collect_model_errors(
        self, error: ValidationError, errors: dict[str, str], probe: dict[str, Any]
    ) -> bool:
        """Record the model-wide errors; False when none could be set aside."""
        progressed = False
        for detail in error.errors(include_url=False):
            if detail["loc"]:
                continue
            field, set_aside = MODEL_ERRORS.get(detail["type"], (GENERAL, ()))
            errors.setdefault(field, message(detail, self.workbench.i18n))
            for name in set_aside:
                progressed = progressed or name in probe
                probe.pop(name, None)
        return progressed

    def _collect(self, error: ValidationError, errors: dict[str, str]) -> set[str]:
        failed: set[str] = set()
        for detail in error.errors(include_url=False):
            loc = detail["loc"]
            if loc:
                field = str(loc[0])
                failed.add(field)
            else:
                field = MODEL_ERRORS.get(detail["type"], (GENERAL, ()))[0]
            errors.setdefault(field, message(detail, self.workbench.i18n))
        return failed

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
