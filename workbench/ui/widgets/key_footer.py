"""The footer of keys, rebuilt only when what it shows changes.

Textual's ``Footer`` removes and mounts every key widget each time the bindings may have
changed: on every focus change and every tab switch, a fifth of a tab switch's time. Here the
keys are compared first: unchanged keys are left alone, changed ones are updated in place
(text, action, greyed or not), and only the difference in number is removed or mounted.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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


class KeyFooter(Footer):
    """A footer that reuses its key widgets."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[Shown] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._show_keys)

    def _wanted(self) -> list[Shown]:
        """The keys ``compose`` would yield."""
        active = self.screen.active_bindings
        wanted: list[Shown] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            display = self.app.get_key_display(binding)
            group = binding.group.description if binding.group is not None else None
            shown = Shown(
                binding.key,
                display,
                binding.description,
                binding.action,
                enabled,
                tooltip,
                False,
                group,
            )
            wanted.append(shown)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            entry = active.get(self.app.COMMAND_PALETTE_BINDING)
            if entry is not None:
                _node, binding, enabled, _tooltip = entry
                wanted.append(
                    Shown(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        enabled,
                        binding.tooltip or binding.description,
                        True,
                    )
                )
        return wanted

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
        self._shown = wanted
        grouped = any(shown.group is not None for shown in (*wanted, *(shown_before or ())))
        if (
            grouped  # keys in a group sit in their own container: built again
            or shown_before is None
            or len(keys) != len(shown_before)
            or len(palette) != sum(shown.palette for shown in wanted)
        ):
            await self.recompose()
            return
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

    def _new_key(self, shown: Shown) -> FooterKey:
        key = FooterKey(
            shown.key,
            shown.display,
            shown.description,
            shown.action,
            disabled=not shown.enabled,
            tooltip=shown.tooltip,
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
        widget.key = shown.key
        widget.key_display = shown.display
        widget.description = shown.description
        widget.action = shown.action
        widget._disabled = not shown.enabled
        widget.set_class(not shown.enabled, "-disabled")
        widget.tooltip = shown.tooltip or None
        widget.refresh(layout=True)
