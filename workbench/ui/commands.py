"""The command palette: every action of the app and of its tabs, in the current language.

Two providers: the app's own commands show at once; the tabs' commands follow as soon as
every tab is built (tabs are built when first shown: on a large organisation building the
four others takes a moment, and the app's commands need not wait for it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp
    from workbench.ui.panes.pane import PaletteCommand


class _Commands(Provider):
    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    def commands(self) -> list[PaletteCommand]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.title)
            if score > 0:
                callback: Callable[[], object] = partial(command.callback)
                yield Hit(score, matcher.highlight(command.title), callback, help=command.help)


class AppCommands(_Commands):
    def commands(self) -> list[PaletteCommand]:
        return self.workbench.app_commands()


class TabCommands(_Commands):
    async def startup(self) -> None:
        await self.workbench.build_all_tabs()

    def commands(self) -> list[PaletteCommand]:
        return self.workbench.tab_commands()
