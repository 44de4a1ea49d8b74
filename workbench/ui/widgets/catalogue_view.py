"""How the Catalogue tab shows a programme: words for its values, the table, the detail panel.

Everything a user typed (names, providers, topics, notes, URLs) goes into ``Text`` or
``Content`` objects, never into markup: ``[@click=app.quit]x[/]`` shows as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message

from workbench.core.catalogue import (
    Credential,
    Level,
    Price,
    PriceBasis,
    PriceKind,
    Programme,
    Status,
)
from workbench.core.freshness import FACTS_MAX_AGE_DAYS, facts_are_old, months_between
from workbench.i18n import Translator
from workbench.ui.panes.listing import Listing
from workbench.ui.text import FIELD_LIMIT, WHOLE_LIMIT, safe_str, safe_text
from workbench.ui.widgets.detail_view import DetailView
from workbench.ui.widgets.virtual_table import VirtualTable

LEVEL_ORDER: dict[Level, int] = {level: index for index, level in enumerate(Level)}
STATUS_ORDER: dict[Status, int] = {status: index for index, status in enumerate(Status)}
INACTIVE = (Status.RETIRING, Status.RETIRED)
UNKNOWN_LEVEL = "-"
NOT_RETIRED = "current"
OLD_FACTS = "old_facts"
"""The status filter's "facts to re-check": checked longer ago than the setting says."""
OLD_FACTS_MARK = "◷ "
FILTERS = ("level", "provider", "topic", "status")

SortKey = tuple[Any, ...]


@dataclass(slots=True)
class CatalogueView(Listing):
    """The search, the four filters, the sort and the highlighted programme."""

    level: str | None = None
    provider: str | None = None
    topic: str | None = None
    status: str | None = None
    today: date = field(default_factory=date.today)
    max_age: int = FACTS_MAX_AGE_DAYS
    """Facts checked more than this many days before ``today`` are to re-check."""

    def facts_old(self, p: Programme) -> bool:
        return facts_are_old(p, self.today, self.max_age)

    @property
    def filtered(self) -> bool:
        return bool(self.search.strip()) or any(getattr(self, name) is not None for name in FILTERS)

    def keeps(self, p: Programme) -> bool:
        if self.level is not None and (p.level.value if p.level else UNKNOWN_LEVEL) != self.level:
            return False
        if self.provider is not None and p.provider.casefold() != self.provider:
            return False
        if self.topic is not None and all(topic.casefold() != self.topic for topic in p.topics):
            return False
        if self.status == NOT_RETIRED:
            if p.status is Status.RETIRED:
                return False
        elif self.status == OLD_FACTS:
            if not self.facts_old(p):
                return False
        elif self.status is not None and p.status.value != self.status:
            return False
        return p.matches(self.search)


def sort_value(programme: Programme, column: str, credential: str) -> SortKey | None:
    """The value a column sorts on; None when unknown (unknown values always sort last)."""
    p = programme
    if column == "name":
        return (p.name.casefold(),)
    if column == "provider":
        return (p.provider.casefold(),)
    if column == "level":
        return None if p.level is None else (LEVEL_ORDER[p.level],)
    if column == "credential":
        return (credential.casefold(),) if credential else None
    if column == "hours":
        low = p.hours_min if p.hours_min is not None else p.hours_max
        return None if low is None else (low, p.hours_max or low)
    if column == "price":
        if p.price.kind is PriceKind.FREE:
            return (Decimal(0), "")
        if p.price.kind is PriceKind.AMOUNT and p.price.amount is not None:
            return (p.price.amount, p.price.currency or "")
        return None
    return (STATUS_ORDER[p.status], p.status_date.isoformat() if p.status_date else "")


def level_label(i18n: Translator, level: Level | None) -> str:
    return i18n(f"catalogue.level.{level.value}") if level else ""


def credential_label(i18n: Translator, credential: Credential | None, *, short: bool) -> str:
    if credential is None:
        return ""
    group = "credential_short" if short else "credential"
    return i18n(f"catalogue.{group}.{credential.value}")


def status_label(i18n: Translator, programme: Programme, *, with_date: bool) -> str:
    status = i18n(f"catalogue.status.{programme.status.value}")
    if with_date and programme.status_date is not None:
        return i18n(
            "catalogue.status_with_date", status=status, date=i18n.date(programme.status_date)
        )
    return status


def with_successor(
    i18n: Translator, text: str, programme: Programme, programmes: Mapping[str, Programme]
) -> str:
    """ "retired 2026-06-30" and its successor: "retired 2026-06-30 → AI-901"."""
    successor = programme.successor_name(programmes)
    if successor is None:
        return text
    return i18n("catalogue.with_successor", status=text, successor=successor)


def status_sentence(i18n: Translator, programme: Programme) -> str:
    if programme.status_date is None:
        return i18n(f"catalogue.status.{programme.status.value}")
    return i18n(
        f"catalogue.status_since.{programme.status.value}",
        date=i18n.date(programme.status_date),
    )


def hours_text(i18n: Translator, programme: Programme) -> str:
    """``Programme.hours_label`` with the language's decimal mark; '' when unknown."""
    label = programme.hours_label
    return label.replace(".", ",") if i18n.lang == "fr" else label


def price_text(i18n: Translator, price: Price, *, short: bool = False, unknown: str = "") -> str:
    """The price as sold, whole: '49 USD / seat / month' ('49 USD/mo' when ``short``), 'free',
    or ``unknown``: never a guessed figure."""
    if price.kind is PriceKind.AMOUNT and price.amount is not None:
        basis = (price.basis or PriceBasis.SEAT).value
        group = "price_per_short" if short else "price_per"
        return i18n(f"catalogue.{group}.{basis}", price=i18n.money(price.amount, price.currency))
    if price.kind is PriceKind.FREE:
        return i18n("catalogue.free")
    return unknown


def fitted_price(i18n: Translator, price: Price, width: int) -> str:
    """The long form when it fits in ``width`` cells, else the short one: cut, never."""
    text = price_text(i18n, price)
    return text if cell_len(text) <= width else price_text(i18n, price, short=True)


def subscription_text(i18n: Translator, price: Price) -> str | None:
    """'3 months (typical)' for a subscription, 'months unknown' when nobody said; None for
    a price that is no subscription."""
    if price.kind is not PriceKind.AMOUNT or price.basis is None or not price.basis.subscription:
        return None
    if price.months is None:
        return i18n("catalogue.detail.months_unknown")
    return i18n.plural("catalogue.detail.typical_months", price.months)


def row_style(programme: Programme) -> str:
    if programme.status is Status.RETIRED:
        return "dim"
    if programme.status is Status.RETIRING:
        return "italic"
    return ""


class CatalogueTable(VirtualTable):
    """The programme table: Enter opens the highlighted programme in the Scoring tab."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "catalogue.keys.score", show=False, id="catalogue-score"),
    ]

    class Resized(Message):
        """The table's width changed: the pane picks the columns that fit."""

        def __init__(self, table: CatalogueTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> CatalogueTable:
            return self.table

    def __init__(self, *, help_title: str = "", empty_text: str = "", id: str | None = None):
        super().__init__(empty_text=empty_text, id=id)
        self.help_title = help_title

    def on_resize(self, event: events.Resize) -> None:
        # VirtualTable's own handler runs too (Textual calls each class's handler).
        self.post_message(self.Resized(self))


class ProgrammeDetail(DetailView):
    """Every field of one programme; unknown values are said to be unknown."""

    DEFAULT_CSS = """
    ProgrammeDetail {
        background: $surface;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, i18n: Translator, *, id: str | None = None) -> None:
        super().__init__(Text(i18n("catalogue.detail.none")), id=id)
        self._i18n = i18n

    def show(
        self,
        programme: Programme | None,
        used_by: str = "",
        old_facts: str = "",
        programmes: Mapping[str, Programme] | None = None,
    ) -> None:
        t = self._i18n
        if programme is None:
            self.border_title = Content(t("catalogue.detail.title"))
            self.update(Text(t("catalogue.detail.none")))
            return
        self.border_title = Content(safe_str(programme.name, limit=120))
        self.update(self._render_fields(programme, used_by, old_facts, programmes or {}))

    def _render_fields(
        self, p: Programme, used_by: str, old_facts: str, programmes: Mapping[str, Programme]
    ) -> RenderableType:
        t = self._i18n
        unknown = Text(t("catalogue.unknown"), style="dim italic")

        def value(text: str | None, *, one_line: bool = True) -> Text:
            if not text:
                return unknown.copy()
            limit = FIELD_LIMIT if one_line else WHOLE_LIMIT
            return safe_text(text, one_line=one_line, limit=limit, wrap=True)

        hours = hours_text(t, p)
        price = p.price
        rows: list[tuple[str, Text]] = [
            ("provider", value(p.provider)),
            ("audience", value(p.audience)),
            ("level", value(level_label(t, p.level))),
            ("credential", value(credential_label(t, p.credential, short=False))),
            ("platform", value(p.platform)),
            ("modules", value(str(p.modules) if p.modules is not None else None)),
            ("hours", value(t("catalogue.detail.hours_value", hours=hours) if hours else None)),
            ("price", value(price_text(t, price))),
        ]
        subscription = subscription_text(t, price)
        if subscription is not None:
            rows.append(("subscription", value(subscription)))
        if price.note:
            rows.append(("price_note", value(price.note)))
        status = Text(with_successor(t, status_sentence(t, p), p, programmes))
        if p.status in INACTIVE:
            status.stylize("bold")
        rows += [
            ("topics", value(t("catalogue.list_separator").join(p.topics))),
            ("status", status),
            *([("used_by", safe_text(used_by, wrap=True))] if used_by else []),
            (
                "validity",
                value(
                    t("catalogue.detail.months", months=p.validity_months)
                    if p.validity_months is not None
                    else None
                ),
            ),
            ("renewal", value(p.renewal)),
            ("url", value(p.url)),
            ("source", value(p.source)),
            (
                "checked_on",
                _checked(value(t.date(p.checked_on) if p.checked_on else None), old_facts),
            ),
            ("notes", value(p.notes, one_line=False)),
        ]
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for key, text in rows:
            grid.add_row(Text(t(f"catalogue.detail.{key}")), text)
        return Group(Text(t("catalogue.detail.hint"), style="dim italic"), grid)


def _checked(checked: Text, old_facts: str) -> Text:
    if old_facts:
        checked.append(f" {OLD_FACTS_MARK}{old_facts}", style="bold")
    return checked


def old_facts_text(i18n: Translator, programme: Programme, today: date, max_age: int) -> str:
    """ "facts checked 7 months ago" when they are older than ``max_age`` days, else ''."""
    if programme.checked_on is None or not facts_are_old(programme, today, max_age):
        return ""
    return i18n.plural("catalogue.facts_checked", months_between(programme.checked_on, today))
