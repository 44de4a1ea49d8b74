"""What a table tab shows: the user's set-up (filter, sort, cursor) kept per app, the order
of the records, and the rows already built."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from textual.app import App

from workbench.ui.widgets.virtual_table import Row

R = TypeVar("R")


@dataclass(slots=True)
class Listing:
    """What the user set up in a table tab."""

    search: str = ""
    sort: str = ""
    reverse: bool = False
    cursor: str | None = None
    """The key of the highlighted record."""

    @property
    def filtered(self) -> bool:
        return bool(self.search.strip())


_LISTINGS: WeakKeyDictionary[App[Any], dict[str, Listing]] = WeakKeyDictionary()


def listing_of(app: App[Any], tab_id: str, new: Callable[[], Listing]) -> Listing:
    """The tab's listing in this app, made by ``new`` the first time: a language switch
    (which recomposes the panes) and a reload keep it."""
    listings = _LISTINGS.setdefault(app, {})
    listing = listings.get(tab_id)
    if listing is None:
        listing = listings[tab_id] = new()
    return listing


def sort_records(
    records: Iterable[R], value: Callable[[R], Any], *, reverse: bool = False
) -> list[R]:
    """Sorted on ``value``, equals in their given order; records whose value is None
    (unknown) come last, whatever the direction."""
    known: list[tuple[Any, R]] = []
    unknown: list[R] = []
    for record in records:
        key = value(record)
        if key is None:
            unknown.append(record)
        else:
            known.append((key, record))
    known.sort(key=lambda item: item[0], reverse=reverse)
    return [record for _, record in known] + unknown


class RowCache(Generic[R]):
    """The rows built so far, by record key: a row is built again only when its record
    was replaced or what every row depends on (widths, theme) changed."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[R, Row]] = {}
        self._context: Hashable = None

    def row(self, key: str, record: R, context: Hashable, build: Callable[[R], Row]) -> Row:
        if context != self._context:
            self._rows.clear()
            self._context = context
        remembered = self._rows.get(key)
        if remembered is not None and remembered[0] is record:
            return remembered[1]
        row = build(record)
        self._rows[key] = (record, row)
        return row

    def keep_only(self, keys: dict[str, R]) -> None:
        """Forget the rows of deleted records."""
        if len(self._rows) > len(keys):
            self._rows = {key: row for key, row in self._rows.items() if key in keys}
