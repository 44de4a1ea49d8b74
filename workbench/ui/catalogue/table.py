"""The Catalogue's table: which columns show at which width, and each programme's row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.text import Text

from workbench.core.catalogue import Programme, Status
from workbench.i18n import Translator
from workbench.ui.text import safe_str
from workbench.ui.widgets.catalogue_view import (
    OLD_FACTS_MARK,
    credential_label,
    fitted_price,
    hours_text,
    level_label,
    price_text,
    row_style,
    status_label,
    with_successor,
)
from workbench.ui.widgets.virtual_table import Cell, Column, Row

FULL_TABLE = 112
"""From this table width every column shows; below, credential and hours are left out."""

ALL_COLUMNS = ("name", "provider", "level", "credential", "hours", "price", "status")
COMPACT_COLUMNS = ("name", "provider", "level", "price", "status")
WIDTHS: dict[str, dict[str, int | None]] = {
    "full": {
        "name": None,
        "provider": 15,
        "level": 13,
        "credential": 12,
        "hours": 6,
        "price": 21,
        "status": 21,
    },
    "compact": {"name": None, "provider": 12, "level": 13, "price": 14, "status": 16},
}
NAME_MIN_WIDTH = 16


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns the table's width allows: every one ("full") or fewer ("compact"), and
    the name column's width (0 before the first fit: as wide as there is room)."""

    mode: str = "compact"
    name_width: int = 0

    @classmethod
    def fitting(cls, width: int) -> Layout:
        """The layout for a table whose rows are ``width`` cells wide."""
        mode = "full" if width >= FULL_TABLE else "compact"
        widths = WIDTHS[mode]
        fixed = sum(value for value in widths.values() if value is not None) + len(widths) - 1
        return cls(mode, max(width - fixed, NAME_MIN_WIDTH))

    @property
    def full(self) -> bool:
        return self.mode == "full"

    @property
    def keys(self) -> tuple[str, ...]:
        return ALL_COLUMNS if self.full else COMPACT_COLUMNS

    def columns(self, i18n: Translator) -> list[Column]:
        widths = WIDTHS[self.mode]
        return [
            Column(
                key,
                i18n(f"catalogue.columns.{key}"),
                widths[key] if key != "name" else self.name_width or None,
                min_width=NAME_MIN_WIDTH,
                align="right" if key == "hours" else "left",
            )
            for key in self.keys
        ]

    def row(
        self,
        i18n: Translator,
        p: Programme,
        *,
        old_facts: bool,
        by_id: Mapping[str, Programme],
    ) -> Row:
        """The programme's cells, marked when its facts are to re-check."""
        full = self.full
        unknown = Text(i18n("catalogue.unknown_short"), style="dim")

        def known(text: str) -> Cell:
            return text if text else unknown

        # with a successor the date gives way to it ("retired → AI-901"): the detail has both
        dated = full and p.successor_id is None
        status = Text(with_successor(i18n, status_label(i18n, p, with_date=dated), p, by_id))
        if p.status in (Status.RETIRING, Status.RETIRED):
            status.stylize("italic")
        name: Cell = safe_str(p.name)
        if old_facts:
            name = Text.assemble((OLD_FACTS_MARK, "bold"), name)
        cells: dict[str, Cell] = {
            "name": name,
            "provider": p.provider,
            "level": known(level_label(i18n, p.level)),
            "credential": known(credential_label(i18n, p.credential, short=True)),
            "hours": known(hours_text(i18n, p)),
            "price": known(
                fitted_price(i18n, p.price, WIDTHS["full"]["price"] or 0)
                if full
                else price_text(i18n, p.price, short=True)
            ),
            "status": status,
        }
        return Row(p.id, tuple(cells[key] for key in self.keys), row_style(p))
