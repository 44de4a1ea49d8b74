"""The exchange rates of the data file: list them, add, edit, delete (after a question).

A rate says what 1 unit of one currency is worth in another, on a date, from a source
("0.92 EUR per USD, 2026-12-01, ECB reference rate"). A rate older than 30 days is marked.
Every change is one save through the app's queue; the list shows the file as saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.money import STALE_DAYS, Rate, is_stale, rate_factor_text
from workbench.core.pilot_input import parse_decimal
from workbench.core.text import visible
from workbench.ui.dialogs.base import Dialog
from workbench.ui.dialogs.pilot_form import FormField, PilotForm
from workbench.ui.text import safe_str
from workbench.ui.validation import GENERAL, message

if TYPE_CHECKING:
    from workbench.storage.repository import Repository

SOURCE_WIDTH = 28


class RateForm(PilotForm[Rate]):
    """Add a rate (``rate=None``) or edit one; dismisses with the rate to save."""

    def __init__(self, rate: Rate | None = None) -> None:
        super().__init__()
        self.rate = rate

    def heading(self) -> str:
        return self.t("money.form.edit_title" if self.rate else "money.form.title")

    def introduction(self) -> str:
        return self.t("money.form.intro")

    def fields(self) -> list[FormField]:
        r = self.rate
        today = self.workbench.today
        return [
            FormField("from", self.t("money.form.from"), r.from_ if r else "", "USD"),
            FormField("to", self.t("money.form.to"), r.to if r else "", "EUR"),
            FormField(
                "rate",
                self.t("money.form.rate"),
                self.typed(r.rate) if r else "",
                self.t("money.form.rate_placeholder"),
            ),
            FormField(
                "on",
                self.t("pilots.form.date"),
                self.day_text(r.on) if r else today.isoformat(),
                self.t("pilots.form.date_placeholder"),
            ),
            FormField(
                "source",
                self.t("money.form.source"),
                r.source if r else "",
                self.t("money.form.source_placeholder"),
            ),
        ]

    def build(self) -> Rate | None:
        source = self.text("from", required=True)
        to = self.text("to", required=True)
        value = self.parsed("rate", parse_decimal, required=True)
        on = self.day("on", required=True)
        origin = self.text("source", required=True)
        if None in (source, to, value, on, origin) or self._errors:
            return None
        document = {"from": source, "to": to, "rate": value, "on": on, "source": origin}
        if self.rate is not None:
            document["id"] = self.rate.id
        try:
            return Rate.model_validate(document)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                loc = detail["loc"]
                field = str(loc[0]) if loc else GENERAL
                self.error(field, message(detail, self.workbench.i18n))
            return None


class RatesDialog(Dialog[None]):
    """The list of rates; a adds, e or Enter edits, d or Delete deletes, Esc closes."""

    DEFAULT_CSS = """
    RatesDialog > Vertical { max-width: 96; }
    RatesDialog #rates-header { color: $text-muted; text-style: bold; margin-top: 1; }
    RatesDialog OptionList { height: auto; max-height: 16; border: none; padding: 0; }
    RatesDialog OptionList:focus { border: none; }
    RatesDialog #rates-empty { margin-top: 1; }
    """
    ASK_BEFORE_DISCARDING = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "money.keys.add", id="rates-add"),
        Binding("e", "edit", "money.keys.edit", id="rates-edit"),
        Binding("d,delete", "delete", "money.keys.delete", id="rates-delete"),
        Binding("escape", "cancel", "money.keys.close", id="rates-close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rates: list[Rate] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.t("money.dialog.title")
            box.border_subtitle = self.t("money.dialog.keys")
            yield Static(Text(self.t("money.dialog.intro", days=STALE_DAYS)), classes="dialog-hint")
            yield Static(Text(self._line_text(None)), id="rates-header")
            yield OptionList(id="rates-list")
            yield Static(
                Text(self.t("money.dialog.empty")), id="rates-empty", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.show_rates()
        self.query_one(OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return self.current is not None
        return super().check_action(action, parameters)

    # the list

    @property
    def current(self) -> Rate | None:
        if not self.is_mounted:
            return None
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self._rates):
            return None
        return self._rates[index]

    def _line_text(self, rate: Rate | None) -> str:
        t = self.t
        if rate is None:
            cells = [
                t("money.dialog.from"),
                t("money.dialog.to"),
                t("money.dialog.rate"),
                t("money.dialog.date"),
                t("money.dialog.source"),
            ]
        else:
            source = visible(rate.source, limit=SOURCE_WIDTH)
            cells = [
                rate.from_,
                rate.to,
                rate_factor_text(rate.rate, self.workbench.i18n),
                self.workbench.i18n.date(rate.on),
                source,
            ]
        widths = (5, 5, 12, 11)
        line = "".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False))
        line += cells[4]
        if rate is not None and is_stale(rate, self.workbench.today):
            line += "  " + t("money.dialog.stale", days=STALE_DAYS)
        return line

    def show_rates(self, keep: str | None = None) -> None:
        """The rates as saved, the highlight on ``keep`` (an id) or where it was."""
        listing = self.query_one(OptionList)
        before = keep or (self.current.id if self.current else None)
        self._rates = self.workbench.repository.rates()
        listing.clear_options()
        listing.add_options(
            [
                Option(Text(self._line_text(rate), no_wrap=True, overflow="ellipsis"))
                for rate in self._rates
            ]
        )
        ids = [rate.id for rate in self._rates]
        if ids:
            listing.highlighted = ids.index(before) if before in ids else 0
        self.query_one("#rates-empty").display = not ids
        listing.display = bool(ids)
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.action_edit()

    # changes

    def action_add(self) -> None:
        self.app.push_screen(RateForm(), self._save)

    def action_edit(self) -> None:
        rate = self.current
        if rate is not None:
            self.app.push_screen(RateForm(rate), lambda edited: self._save(edited, rate))

    def _save(self, rate: Rate | None, original: Rate | None = None) -> None:
        if rate is None:
            return
        if original is None:
            saved = self.workbench.store(lambda repo: repo.save_rate(rate))
        else:
            saved = self.workbench.store(
                lambda repo: repo.save_edit(original, rate), resolved=lambda _: self.show_rates()
            )
        if saved is not None:
            self.show_rates(keep=rate.id)
            self.notify(self.t("money.dialog.saved", pair=f"{rate.from_}→{rate.to}"), markup=False)

    def action_delete(self) -> None:
        rate = self.current
        if rate is None:
            return
        from workbench.ui.dialogs.confirm import ConfirmDialog

        pair = f"{rate.from_}→{rate.to}"
        described = self.t(
            "money.dialog.delete_message",
            pair=pair,
            rate=rate_factor_text(rate.rate, self.workbench.i18n),
            on=rate.on.isoformat(),
            source=safe_str(rate.source, limit=SOURCE_WIDTH),
        )

        def delete(yes: bool | None) -> None:
            if not yes:
                return

            def remove(repo: Repository) -> bool:
                repo.delete_rate(rate.id)
                return True

            if self.workbench.store(remove):
                self.show_rates()
                self.notify(self.t("money.dialog.deleted", pair=pair), markup=False)

        self.app.push_screen(
            ConfirmDialog(
                self.t("money.dialog.delete_title"),
                described,
                confirm_label=self.t("money.dialog.delete_confirm"),
                cancel_label=self.t("app.cancel"),
                danger=True,
            ),
            delete,
        )
