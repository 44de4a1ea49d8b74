"""The main screen: header, the five tabs, footer.

Only the tab shown at start-up is built with the screen; each other tab's pane is built
the first time it is shown (or when the command palette asks every tab for its commands).
A pane costs tens to hundreds of milliseconds to build, more on a large organisation: the
first screen does not wait for four tabs nobody has looked at yet.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.reactive import Reactive
from textual.widget import AwaitMount
from textual.widgets import Header, Static, TabbedContent, TabPane, Tabs

from workbench import collector
from workbench.core.pilot_metrics import warnings
from workbench.ui.bindings import TranslatedScreen
from workbench.ui.context import WorkbenchNode
from workbench.ui.keymap import character_key
from workbench.ui.messages import DataChanged, OpenPilot, OpenScoring
from workbench.ui.panes.pane import Pane
from workbench.ui.widgets.filter_input import TAB_CHARACTERS
from workbench.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from workbench.ui.pilots.pane import PilotsPane
    from workbench.ui.scoring.pane import ScoringPane

PANE_CLASSES: dict[str, str] = {
    "catalogue": "workbench.ui.catalogue.pane:CataloguePane",
    "teams": "workbench.ui.teams.pane:TeamsPane",
    "scoring": "workbench.ui.scoring.pane:ScoringPane",
    "compare": "workbench.ui.compare.pane:ComparePane",
    "pilots": "workbench.ui.pilots.pane:PilotsPane",
}
"""Each tab's pane, in the order of the tabs; a tab's module is imported when it is built."""
TABS: tuple[str, ...] = tuple(PANE_CLASSES)


def pane_class(tab: str) -> type[Pane]:
    module, name = PANE_CLASSES[tab].split(":")
    found: type[Pane] = getattr(importlib.import_module(module), name)
    return found


TAB_KEYS: dict[str, str] = {
    "catalogue": "f2",
    "teams": "f3",
    "scoring": "f4",
    "compare": "f5",
    "pilots": "f6",
}
OPTION_DIGITS = tuple(character_key(character) for character in TAB_CHARACTERS)
ALT_TAB_KEYS: dict[str, str] = {
    tab: f"alt+{number},{OPTION_DIGITS[number - 1]}" for number, tab in enumerate(TAB_KEYS, start=1)
}
"""Each tab one keystroke away without function keys, which many laptops keep for themselves."""


class MainScreen(WorkbenchNode, TranslatedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                key,
                f"show_tab('{tab}')",
                f"app.keys.tab_{tab}",
                show=False,
                priority=True,  # the tab switches before the keys typed after it are handed out
                id=f"tab-{tab}",
            )
            for tab, key in TAB_KEYS.items()
        ),
        *(
            Binding(
                keys,
                f"show_tab('{tab}')",
                f"app.keys.tab_{tab}",
                show=False,
                key_display=keys.split(",")[0],
                priority=True,  # else the search field would type the ¡ that alt+1 arrives as
                id=f"tab-{tab}-alt",
            )
            for tab, keys in ALT_TAB_KEYS.items()
        ),
        Binding("ctrl+pagedown", "cycle_tab(1)", "keys.tab_next", priority=True, id="tab-next"),
        Binding(
            "ctrl+pageup",
            "cycle_tab(-1)",
            "keys.tab_previous",
            show=False,
            priority=True,
            id="tab-previous",
        ),
    ]
    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)
    """The save state, which the header's title shows: a score key sets it, and only the
    title is drawn again (Textual's default repaints the whole screen)."""

    def __init__(self) -> None:
        super().__init__()
        self._stale: set[str] = set()
        self._building: dict[str, AwaitMount] = {}
        self._tab_titles: dict[str, str] = {}
        self.seen: object | None = None
        """The version of the data the panes were last told about (``DataChanged``)."""

    def compose(self) -> ComposeResult:
        self._stale.clear()
        self._building.clear()
        shown = self.workbench.state.tab
        yield Header(icon="◆")
        reason = self.workbench.repository.read_only_reason
        if reason is not None:
            yield Static(self.t(f"sharing.read_only.{reason}"), id="read-only-banner", markup=False)
        with TabbedContent(initial=shown):
            for tab in TABS:
                bound = self.workbench.keymap_check.keymap.get(f"tab-{tab}", TAB_KEYS[tab])
                key = self.app.get_key_display(Binding(bound.split(",")[0], ""))
                title = self._tab_titles[tab] = f"{key} {self.t(f'app.tabs.{tab}')}"
                with TabPane(title, id=tab):
                    if tab == shown:
                        yield pane_class(tab)(id=f"{tab}-pane")
        yield KeyFooter()
        self.call_after_refresh(self._show_pilot_badge)  # also after a recompose

    async def on_mount(self) -> None:
        self.seen = self.workbench.repository.loaded
        self.title = self.t("app.title")
        self.sub_title = self.workbench.save_state_text()
        (await self.build(self.active_tab)).focus_default()
        if self.seen is None:
            self.call_after_refresh(self._validate)
        self.call_after_refresh(collector.resume)  # paused by the command line, if at all
        if not self.workbench.warm_up.started:
            self.call_after_refresh(self.workbench.warm_up.start)

    def _validate(self) -> None:
        """The first screen was drawn from a look at the file (``Repository.first_look``):
        every record is validated now; a file that fails ends the app
        (``WorkbenchApp._handle_exception``), before anything could be written."""
        repository = self.workbench.repository
        snapshot = repository.snapshot()
        if repository.loaded_as_looked() and self.seen is None:
            self.seen = snapshot

    def _show_pilot_badge(self) -> None:
        """The Pilots tab counts its warnings ("f6 Pilots ⚠ 3"): a mark, not a toast."""
        if not self.workbench.pilot_summary:
            return
        today = self.workbench.today
        count = sum(len(warnings(pilot, today)) for pilot in self.workbench.repository.pilots())
        title = self._tab_titles["pilots"]
        if count:
            title += " " + self.t("app.pilot_badge", count=count)
        tab = self.query_one(TabbedContent).get_tab("pilots")
        if tab.label.plain != title:
            tab.label = Content(title)

    def panes(self) -> list[Pane]:
        """The panes built so far, in the order of the tabs."""
        return list(self.query(Pane))

    def pane(self, tab: str) -> Pane:
        """The pane of ``tab``; NoMatches if it was not built yet (see ``build``)."""
        return self.query_one(f"#{tab}-pane", Pane)

    async def build(self, tab: str) -> Pane:
        """The pane of ``tab``, built and mounted first if it was never shown."""
        pending = self._building.get(tab)
        if pending is None:
            try:
                return self.pane(tab)
            except NoMatches:
                pane = pane_class(tab)(id=f"{tab}-pane")
                pending = self._building[tab] = (
                    self.query_one(TabbedContent).get_pane(tab).mount(pane)
                )
        await pending
        self._building.pop(tab, None)
        return self.pane(tab)

    async def build_all(self) -> None:
        """Build every tab's pane (the command palette lists the commands of all tabs)."""
        for tab in TABS:
            await self.build(tab)

    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or self.workbench.state.tab

    def action_show_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        try:
            tabs.get_tab(tab)
        except (NoMatches, ValueError):
            # a key typed while the tabs are still being built: switch once they are
            self.call_after_refresh(self.action_show_tab, tab)
            return
        if tabs.active != tab:
            # Drop the focus first: a focused widget in the tab being hidden would pass
            # the focus to a sibling in the same tab, and TabbedContent would switch back.
            self.set_focus(None)
        tabs.active = tab
        try:
            pane = self.pane(tab)
        except NoMatches:
            self.workbench.type_ahead.hold()  # the keys typed next are for the new tab
            self.run_worker(self._focus_when_built(tab), group=f"build-{tab}")
        else:
            pane.focus_default()  # now: the keys typed after the tab key go to the tab

    async def _focus_when_built(self, tab: str) -> None:
        try:
            pane = await self.build(tab)
            if self.active_tab == tab:
                pane.focus_default()
        finally:
            self.workbench.type_ahead.release()

    def action_cycle_tab(self, step: int) -> None:
        """The next (1) or previous (-1) tab, round the end, as browsers do with ctrl+pgdn."""
        current = TABS.index(self.active_tab) if self.active_tab in TABS else 0
        self.action_show_tab(TABS[(current + step) % len(TABS)])

    @on(TabbedContent.TabActivated)
    async def _remember_tab(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id
        if not tab:
            return
        self.workbench.state.tab = tab
        if tab in self._stale:
            self._stale.discard(tab)
            self.pane(tab).refresh_data()
        pane = await self.build(tab)  # a tab clicked with the mouse, shown for the first time
        if self.focused is None or isinstance(self.focused, Tabs):
            pane.focus_default()  # a click on a tab: its keys work at once, as after F2-F6

    @on(DataChanged)
    def _refresh(self, event: DataChanged) -> None:
        """Refresh the visible tab now, the others when they are next shown."""
        active = self.active_tab
        for pane in self.panes():
            if pane.tab_id == active:
                pane.refresh_data()
            else:
                self._stale.add(pane.tab_id)
        self.seen = self.workbench.repository.loaded
        self._show_pilot_badge()

    @on(OpenScoring)
    async def _open_scoring(self, event: OpenScoring) -> None:
        """Score what was chosen elsewhere. A team alone: pick one of its assessments (or a
        new one); a programme alone: pick the team. Esc from the picker changes nothing."""
        state = self.workbench.state
        scoring = cast("ScoringPane", await self.build("scoring"))

        def score(programme_id: str | None) -> None:
            if event.team_id is not None and programme_id is not None:
                state.team_id, state.programme_id = event.team_id, programme_id
            scoring.refresh_data()
            self.action_show_tab("scoring")
            if event.team_id is None:
                scoring.action_pick_team(programme_id=programme_id)
            elif programme_id is None:
                scoring.pick_of_team(event.team_id)

        if event.programme_id is None:
            score(None)
        else:  # a retired programme: asked first, its successor offered
            scoring.ask_if_retired(event.programme_id, score, team_id=event.team_id)

    @on(OpenPilot)
    async def _open_pilot(self, event: OpenPilot) -> None:
        """Show a pilot's page (a pilot just started from the Scoring tab)."""
        pilots = cast("PilotsPane", await self.build("pilots"))
        self.action_show_tab("pilots")
        pilots.refresh_data()
        pilots.open_pilot(event.pilot_id, event.section)
        if event.started:
            pilots.remember_start(event.pilot_id)
