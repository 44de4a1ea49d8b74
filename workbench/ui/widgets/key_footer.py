"""The footer of keys: the focus's keys first, as many as fit whole, then "F1 all keys".

Textual's ``Footer`` lists the app's keys first and cuts the last one at the screen's edge
("^q Qui▏"). Here the keys of the focused widget come first, then its tab's, the screen's
and the app's; a key is shown whole or not at all, and the help key ends the line as "all
keys", so what does not fit is one key away.

Textual's ``Footer`` also removes and mounts every key widget each time the bindings may
have changed: on every focus change and every tab switch. Here the keys are compared first:
unchanged keys are left alone, changed ones are updated in place (text, action, greyed or
not), and only the difference in number is removed or mounted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

HELP_BINDING = "help"
FIRST_BINDINGS = frozenset({"dismiss-messages"})
"""Keys shown before the focus's own: they only show while they are what matters most."""
PALETTE_EDGES = 2
"""The palette key's border on its left and padding on its right."""


class Shown(NamedTuple):
    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    palette: bool
    group: str | None = None
    """The description of the binding's group (the Scoring tab's "1 2 3 4 5 Score")."""


def key_width(shown: Shown) -> int:
    """Columns of one key as the footer draws it: " f1 Help "."""
    return len(shown.display) + len(shown.description) + 3


def group_width(keys: list[Shown]) -> int:
    """Columns of a group of keys and its one description: " 1 2 3 4 5 Score "."""
    return sum(len(shown.display) + 1 for shown in keys) + len(keys[0].group or "") + 2


def runs(keys: Iterable[Shown]) -> Iterator[list[Shown]]:
    """The keys as the footer lays them out: a group of keys together, other keys alone."""
    for group, members in groupby(keys, key=lambda shown: shown.group):
        run = list(members)
        if group is not None and len(run) > 1:
            yield run
        else:
            yield from ([shown] for shown in run)


def run_width(run: list[Shown]) -> int:
    return group_width(run) if len(run) > 1 else key_width(run[0])


def fitted(keys: list[Shown], last: Shown | None, width: int) -> list[Shown]:
    """The keys in order, each run that fits whole in ``width`` beside ``last``."""
    room = width - (key_width(last) if last is not None else 0)
    kept: list[Shown] = []
    for run in runs(keys):
        if run_width(run) <= room:
            room -= run_width(run)
            kept += run
    return [*kept, last] if last is not None else kept


def depth(node: DOMNode) -> int:
    return len(node.ancestors_with_self)


class KeyFooter(Footer):
    """A footer that shows whole keys, the focus's first, and reuses its key widgets."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[Shown] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_next(self._show_keys)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self._show_keys)

    def _shown_of(self, binding: Binding, enabled: bool, tooltip: str, *, palette: bool) -> Shown:
        group = binding.group.description if binding.group is not None else None
        return Shown(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            enabled,
            tooltip,
            palette,
            None if palette else group,
        )

    def _wanted(self) -> list[Shown]:
        """The keys to show, in the order and number that fit the footer's width."""
        active = self.screen.active_bindings
        by_depth: list[tuple[int, Shown]] = []
        actions: set[str] = set()
        help_key: Shown | None = None
        for node, binding, enabled, tooltip in active.values():
            if binding.id == HELP_BINDING:
                described = binding.description or ""
                help_key = self._shown_of(binding, enabled, tooltip, palette=False)._replace(
                    description=self._all_keys(described)
                )
                continue
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown = self._shown_of(binding, enabled, tooltip, palette=False)
            first = binding.id in FIRST_BINDINGS
            by_depth.append((-1_000 if first else -depth(node), shown))
        ordered = [shown for _, shown in sorted(by_depth, key=lambda pair: pair[0])]
        palette: Shown | None = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            entry = active.get(self.app.COMMAND_PALETTE_BINDING)
            if entry is not None:
                _node, binding, enabled, _tooltip = entry
                palette = self._shown_of(
                    binding, enabled, binding.tooltip or binding.description, palette=True
                )
        width = self.size.width or self.app.size.width
        if palette is not None:
            width -= key_width(palette) + PALETTE_EDGES
        return [*fitted(ordered, help_key, width), *([palette] if palette else [])]

    def _all_keys(self, fallback: str) -> str:
        i18n = getattr(self.app, "i18n", None)
        return i18n("app.keys.all_keys") if i18n is not None else fallback

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        wanted = self._wanted()
        self._shown = wanted
        plain = [shown for shown in wanted if not shown.palette]
        self.styles.grid_size_columns = len(plain)
        for run in runs(plain):
            if len(run) > 1:
                with KeyGroup():
                    for shown in run:
                        yield self._new_key(shown._replace(description=""), "-grouped")
                yield FooterLabel(run[0].group or "")
            else:
                yield self._new_key(run[0])
        for shown in wanted:
            if shown.palette:
                yield self._new_key(shown, "-command-palette")

    async def _show_keys(self) -> None:
        if not self.is_attached:
            return
        wanted = self._wanted()
        if wanted == self._shown:
            return
        keys = list(self.query_children(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        plain = [key for key in keys if not key.has_class("-command-palette")]
        shown_before = self._shown
        grouped = any(shown.group is not None for shown in (*wanted, *(shown_before or ())))
        if (
            grouped  # keys in a group sit in their own container: built again
            or shown_before is None
            or len(keys) != len(shown_before)
            or len(palette) != sum(shown.palette for shown in wanted)
        ):
            await self.recompose()
            return
        self._shown = wanted
        wanted_plain = [shown for shown in wanted if not shown.palette]
        extra = plain[len(wanted_plain) :]
        if extra:
            await self.remove_children(extra)
        added = [self._new_key(shown) for shown in wanted_plain[len(plain) :]]
        if added:
            await self.mount_all(added, before=palette[0] if palette else None)
        self.styles.grid_size_columns = len(wanted_plain)
        updates = [
            *zip(plain, wanted_plain, strict=False),  # the added keys are new and right
            *zip(palette, [shown for shown in wanted if shown.palette], strict=True),
        ]
        for widget, shown in updates:
            self._update_key(widget, shown)

    def _new_key(self, shown: Shown, classes: str = "") -> FooterKey:
        key = FooterKey(
            shown.key,
            shown.display,
            shown.description,
            shown.action,
            disabled=not shown.enabled,
            tooltip=shown.tooltip or shown.description,
            classes=classes,
        )
        return key.data_bind(compact=Footer.compact)

    @staticmethod
    def _update_key(widget: FooterKey, shown: Shown) -> None:
        if (widget.key, widget.key_display, widget.description, widget.action) == (
            shown.key,
            shown.display,
            shown.description,
            shown.action,
        ) and (widget._disabled, widget.tooltip) == (not shown.enabled, shown.tooltip or None):
            return
        same_width = (cell_len(widget.key_display), cell_len(widget.description)) == (
            cell_len(shown.display),
            cell_len(shown.description),
        )
        widget.key = shown.key
        widget.key_display = shown.display
        widget.description = shown.description
        widget.action = shown.action
        widget._disabled = not shown.enabled
        widget.set_class(not shown.enabled, "-disabled")
        widget.tooltip = shown.tooltip or None
        widget.refresh(layout=not same_width)
