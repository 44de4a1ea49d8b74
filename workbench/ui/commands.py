"""The command palette: every action of the app and of its tabs, in the current language."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp
    from workbench.ui.screens.pane import PaletteCommand


class WorkbenchCommands(Provider):
    async def startup(self) -> None:
        """Tabs are built when first shown: build the others now, for their commands."""
        app = cast("WorkbenchApp", self.app)
        await app.build_all_tabs()

    def _commands(self) -> list[PaletteCommand]:
        app = cast("WorkbenchApp", self.app)
        return app.palette_commands()

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    partial(command.callback),
                    help=command.help,
                )
