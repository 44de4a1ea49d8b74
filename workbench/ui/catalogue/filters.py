"""The Catalogue's filters (level, provider, topic, status) and the line that says what is
shown: how many programmes, which filters hide the others, and the sort."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rich.text import Text
from textual.widgets import Select

from workbench.core.catalogue import Level, Programme, Status
from workbench.i18n import Translator
from workbench.ui.text import option_text, safe_str
from workbench.ui.widgets.catalogue_view import (
    FILTERS,
    NOT_RETIRED,
    OLD_FACTS,
    UNKNOWN_LEVEL,
    CatalogueView,
    level_label,
)

PROMPTS = dict(zip(FILTERS, ("any_level", "any_provider", "any_topic", "any_status"), strict=True))
FROM_RECORDS = ("provider", "topic")
"""The filters whose choices are found in the programmes (the others are fixed lists)."""

Options = list[tuple[str, str]]
"""A filter's choices: (label, value)."""


def filter_options(i18n: Translator, name: str, records: Iterable[Programme]) -> Options:
    if name == "level":
        levels = [(level_label(i18n, level), level.value) for level in Level]
        return [*levels, (i18n("catalogue.filters.level_unknown"), UNKNOWN_LEVEL)]
    if name == "status":
        statuses = [(i18n(f"catalogue.status.{status.value}"), status.value) for status in Status]
        return [
            *statuses,
            (i18n("catalogue.filters.current"), NOT_RETIRED),
            (i18n("catalogue.filters.old_facts"), OLD_FACTS),
        ]
    seen: dict[str, str] = {}
    for programme in records:
        values = [programme.provider] if name == "provider" else programme.topics
        for value in values:
            seen.setdefault(value.casefold(), value)
    return [(seen[key], key) for key in sorted(seen)]


def _choices(options: Options) -> list[tuple[Text, str]]:
    return [(option_text(label), value) for label, value in options]


class Filters:
    """The filters' choices as last offered, to build their ``Select``s, to offer new
    providers and topics, and to name a chosen value in the summary."""

    def __init__(self) -> None:
        self.options: dict[str, Options] = {}

    def selects(
        self, i18n: Translator, view: CatalogueView, records: list[Programme]
    ) -> Iterator[Select[str]]:
        """One ``Select`` per filter; a chosen value no longer offered is let go."""
        for name in FILTERS:
            options = self.options[name] = filter_options(i18n, name, records)
            value = getattr(view, name)
            if value not in {option for _, option in options}:
                value = None
                setattr(view, name, None)
            yield Select(
                _choices(options),
                prompt=i18n(f"catalogue.filters.{PROMPTS[name]}"),
                value=Select.NULL if value is None else value,
                id=f"filter-{name}",
                classes="catalogue-filter",
                compact=True,
            )

    def sync(
        self,
        i18n: Translator,
        view: CatalogueView,
        records: list[Programme],
        select: Callable[[str], Select[str]],
    ) -> None:
        """New providers or topics appear in the filters; the chosen value is kept."""
        for name in FROM_RECORDS:
            options = filter_options(i18n, name, records)
            if options == self.options.get(name):
                continue
            self.options[name] = options
            shown = select(name)
            chosen = getattr(view, name)
            shown.set_options(_choices(options))
            if chosen in {value for _, value in options}:
                shown.value = chosen
            else:
                setattr(view, name, None)

    def summary(self, i18n: Translator, view: CatalogueView, total: int, shown: int) -> str:
        """How many programmes there are, and when filtered how many show and why."""
        if not view.filtered:
            return i18n.plural("catalogue.count_all", total)
        parts: list[str] = []
        if view.search.strip():
            parts.append(
                i18n("catalogue.filter_search", text=safe_str(view.search.strip(), limit=40))
            )
        for name in FILTERS:
            value = getattr(view, name)
            if value is not None:
                label = {v: lab for lab, v in self.options.get(name, [])}.get(value, value)
                parts.append(i18n(f"catalogue.filters.{name}", value=safe_str(label, limit=40)))
        return i18n(
            "catalogue.summary",
            count=i18n.plural("catalogue.count", total, shown=shown),
            filters=i18n(
                "catalogue.filters_on", filters=i18n("catalogue.list_separator").join(parts)
            ),
            hint=i18n("catalogue.clear_hint"),
        )


def sort_line(i18n: Translator, view: CatalogueView) -> str:
    column = i18n(f"catalogue.columns.{view.sort}").lower()
    arrow = "▼" if view.reverse else "▲"
    return i18n("catalogue.sorted_by", column=column, arrow=arrow)
