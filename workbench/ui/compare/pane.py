"""Compare tab: which teams, which programme, and in what order.

Four views, a key away each, one module each: (1) teams side by side for one programme, or
a bar per team (``side_by_side``), (2) one team across programmes (``one_team``), (3) two
teams (or two programmes for one team) where they differ most (``two_teams``), (4) the
portfolio to fund first under a budget (``portfolio``). The pane holds the keys, switches
the views and keeps their shared data (``CompareData``) up to date. Enter opens the
assessment in Scoring. Evaluations come from the app's cache, computed once per data version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import ContentSwitcher, Static

from workbench.core.assessment import Assessment
from workbench.core.comparison import most_assessed
from workbench.core.scoring import Verdict
from workbench.ui.compare.data import CompareData
from workbench.ui.compare.grid import CompareGrid
from workbench.ui.compare.one_team import OneTeamView
from workbench.ui.compare.portfolio import PortfolioView
from workbench.ui.compare.side_by_side import SideBySideView
from workbench.ui.compare.state import SIDE_BY_SIDE, CompareState, View
from workbench.ui.compare.two_teams import TwoTeamsView
from workbench.ui.compare.view import CompareView
from workbench.ui.focus import focus_now
from workbench.ui.panes.pane import PaletteCommand, Pane
from workbench.ui.pilot_start import start_pilot_from
from workbench.ui.text import safe_str
from workbench.ui.widgets.verdict_style import verdict_key
from workbench.ui.widgets.virtual_table import VirtualTable

VIEW_IDS = {
    View.TEAMS: "compare-teams-view",
    View.BARS: "compare-teams-view",
    View.TEAM: "compare-team-view",
    View.TWO: "compare-two-view",
    View.PORTFOLIO: "compare-portfolio-view",
}
"""The widget that shows each view (the grid and the bars are one view's two faces)."""


class ComparePane(Pane):
    tab_id = "compare"

    DEFAULT_CSS = """
    ComparePane #compare-title {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text-accent;
        text-style: bold;
    }
    ComparePane #compare-views { height: 1fr; }
    ComparePane VirtualTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "view('teams')", "compare.keys.view_teams", id="compare-view-teams"),
        Binding("2", "view('team')", "compare.keys.view_team", id="compare-view-team"),
        Binding("3", "view('two')", "compare.keys.view_two", id="compare-view-two"),
        Binding("4", "view('portfolio')", "compare.keys.view_portfolio", id="compare-view-money"),
        Binding("b", "bars", "compare.keys.bars", id="compare-bars"),
        Binding("p", "pick_programme", "compare.keys.programme", id="compare-programme"),
        Binding("t", "pick_team", "compare.keys.team", id="compare-team"),
        Binding("s", "sort", "compare.keys.sort", id="compare-sort"),
        Binding("f", "filter", "compare.keys.filter", id="compare-filter"),
        Binding("x", "clear_filters", "compare.keys.clear", id="compare-clear"),
        Binding("e", "budget", "compare.keys.budget", id="compare-budget"),
        Binding("g", "goal", "compare.keys.goal", id="compare-goal"),
        Binding("P,shift+p", "start_pilot", "compare.keys.pilot", id="compare-start-pilot"),
        Binding("ctrl+z", "undo", "app.keys.undo", show=False, id="compare-undo"),
        Binding("escape", "cancel_solve", "compare.keys.cancel", id="compare-cancel-solve"),
        # Esc when nothing is being solved: clear the filters, as in every tab
        Binding("escape", "clear_filters", "compare.keys.clear", show=False, id="compare-escape"),
        Binding("slash", "search", "compare.keys.search", show=False, id="compare-search"),
    ]
    WRITE_ACTIONS = frozenset({"start_pilot"})

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = CompareData(self.t)

    @property
    def state(self) -> CompareState:
        return self.workbench.state.compare

    # layout

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title", markup=False)
        data, show = self.data, self.show_view
        with ContentSwitcher(initial=VIEW_IDS[View.TEAMS], id="compare-views"):
            yield SideBySideView(data, show, id=VIEW_IDS[View.TEAMS])
            yield OneTeamView(data, show, id=VIEW_IDS[View.TEAM])
            yield TwoTeamsView(data, show, id=VIEW_IDS[View.TWO])
            yield PortfolioView(data, show, id=VIEW_IDS[View.PORTFOLIO])

    def on_mount(self) -> None:
        if self.workbench.state.tab == self.tab_id:
            self.refresh_data()

    def on_show(self, event: events.Show) -> None:
        if self.data.snapshot is None:
            self.refresh_data()

    @property
    def side_by_side(self) -> SideBySideView:
        return self.query_one(SideBySideView)

    @property
    def one_team(self) -> OneTeamView:
        return self.query_one(OneTeamView)

    @property
    def two_teams(self) -> TwoTeamsView:
        return self.query_one(TwoTeamsView)

    @property
    def portfolio(self) -> PortfolioView:
        return self.query_one(PortfolioView)

    def _view(self) -> CompareView:
        return self.query_one(f"#{VIEW_IDS[self.state.view]}", CompareView)

    def focus_default(self) -> None:
        if self.data.snapshot is None:
            self.refresh_data()
        focus_now(self._view().focus_target())

    @property
    def help_title(self) -> str:
        return self.t("compare.help_title")

    # data

    def refresh_data(self) -> None:
        """Take the repository's snapshot; rebuild the view on screen only when what it
        shows changed (a save elsewhere changes one assessment, not the tab)."""
        snapshot = self.workbench.visible_snapshot()
        data = self.data
        if data.snapshot is snapshot:
            return
        changed = data.load(snapshot, self.evaluations)
        self.evaluations.forget_missing(snapshot.assessments)
        state = self.state
        if state.programme_id not in data.by_programme:
            state.programme_id = most_assessed(list(snapshot.assessments.values()))
        if state.team_id not in data.by_team:
            state.team_id = data.default_team()
        if state.pair is not None and not all(k in snapshot.assessments for k in state.pair):
            state.pair = None
        if changed is None or self._view().shows_any(changed):
            self.show_view()

    def show_view(self, focus: bool = False) -> None:
        """Show the state's view, its title and keys; move the focus into it if asked."""
        view = self._view()
        self.query_one(ContentSwitcher).current = view.id
        view.show()
        title = Text(no_wrap=True, overflow="ellipsis")
        for part in view.title():
            title.append_text(part)
        self.query_one("#compare-title", Static).update(title)
        self.refresh_bindings_if_changed()
        if focus:
            focus_now(view.focus_target())

    @on(CompareGrid.Moved)
    @on(VirtualTable.Highlighted)
    def _cursor_moved(self) -> None:
        self.refresh_bindings_if_changed()

    # keys

    def _current_assessment(self) -> Assessment | None:
        return self.data.assessment(self._view().cursor_key())

    def unavailable(self, action: str) -> str | None:
        """Why ``action`` cannot run on what the cursor is on (a message), or None."""
        if action != "start_pilot":
            return None
        if self.read_only_blocks(action):
            return self.t("sharing.why.read_only")
        assessment = self._current_assessment()
        if assessment is None or assessment.team_id not in self.data.teams:
            return self.t("compare.why.no_assessment")
        verdict = self.data.compared(assessment).evaluation.verdict
        if verdict is not Verdict.PILOT:
            shown = self.t(verdict_key(verdict)).upper() if verdict else self.t("compare.why.open")
            return self.t("compare.why.not_pilot", verdict=shown)
        assert self.data.snapshot is not None
        pilots = self.data.snapshot.pilots.values()
        following = [p for p in pilots if p.assessment_id == assessment.id]
        if following:
            return self.t("compare.why.pilot_exists", name=safe_str(following[0].name))
        return None

    def on_key(self, event: events.Key) -> None:
        """A key whose action cannot run on this cell says why instead of doing nothing."""
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            reason = self.unavailable(binding.action.split("(")[0])
            if reason is not None:
                event.stop()
                self.notify(reason, severity="warning", timeout=4, markup=False)
                return

    def action_start_pilot(self) -> None:
        """Start the pilot of the PILOT assessment under the cursor (P): a pilot follows
        the PILOT verdict at once (``workbench.ui.pilot_start``)."""
        reason = self.unavailable("start_pilot")
        if reason is not None:
            self.notify(reason, severity="warning", timeout=4, markup=False)
            return
        assessment = self._current_assessment()
        assert assessment is not None
        programme = self.data.programme(assessment.programme_id)
        if programme is None:
            self.notify(self.t("compare.why.no_programme"), severity="warning", timeout=4)
            return
        item = self.data.compared(assessment)
        start_pilot_from(self, assessment, item.team, programme, item.evaluation.verdict)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.state.view
        if action == "start_pilot":
            return None if self.unavailable(action) else True
        if action == "view":
            return View(str(parameters[0])) is not view
        if action in {"bars", "sort", "filter", "search", "pick_programme"}:
            return view in SIDE_BY_SIDE
        if action == "clear_filters":
            return view in SIDE_BY_SIDE and self.state.filters.active
        if action == "pick_team":
            return view is View.TEAM
        if action in {"budget", "goal"}:
            return view is View.PORTFOLIO
        if action == "cancel_solve":
            return self.portfolio.solving is not None
        return True

    def action_view(self, name: str) -> None:
        view = View(name)
        if view is View.TWO:
            across = self.state.view is View.TEAM
            self.two_teams.pick_pair(self._current_assessment(), across_programmes=across)
            return
        if view is View.TEAM:
            current = self._current_assessment()
            if current is not None and self.state.view in SIDE_BY_SIDE:
                self.state.team_id = current.team_id
        self.state.view = view
        self.show_view(focus=True)

    def action_bars(self) -> None:
        self.state.view = View.TEAMS if self.state.view is View.BARS else View.BARS
        self.show_view(focus=True)

    def action_sort(self) -> None:
        self.side_by_side.sort()

    def action_pick_programme(self) -> None:
        self.side_by_side.pick_programme()

    def action_filter(self) -> None:
        self.side_by_side.filter()

    def action_search(self) -> None:
        self.side_by_side.search()

    def action_clear_filters(self) -> None:
        self.side_by_side.clear_filters()

    def action_pick_team(self) -> None:
        self.one_team.pick_team()

    def action_budget(self) -> None:
        self.portfolio.choose_budget()

    def action_goal(self) -> None:
        self.portfolio.switch_goal()

    def action_cancel_solve(self) -> None:
        self.portfolio.cancel_solve()

    # palette

    def palette_commands(self) -> list[PaletteCommand]:
        t = self.t
        commands = [
            PaletteCommand(
                t(f"compare.commands.{name}"),
                t(f"compare.commands.{name}_help"),
                self._here(action),
            )
            for name, action in (
                ("teams", lambda: self.action_view("teams")),
                ("bars", self.action_bars),
                ("team", lambda: self.action_view("team")),
                ("two", lambda: self.action_view("two")),
                ("portfolio", lambda: self.action_view("portfolio")),
                ("programme", self._in_view(SIDE_BY_SIDE, self.action_pick_programme)),
                ("pick_team", self._in_view({View.TEAM}, self.action_pick_team)),
                ("sort", self._in_view(SIDE_BY_SIDE, self.action_sort)),
                ("filter", self._in_view(SIDE_BY_SIDE, self.action_filter)),
                ("search", self._in_view(SIDE_BY_SIDE, self.action_search)),
                ("budget", self._in_view({View.PORTFOLIO}, self.action_budget)),
            )
        ]
        if self.portfolio.solving is not None:
            commands.append(
                PaletteCommand(
                    t("compare.commands.cancel"),
                    t("compare.commands.cancel_help"),
                    self._here(self.action_cancel_solve),
                )
            )
        reason = self.unavailable("start_pilot")
        commands.append(
            PaletteCommand(
                t("compare.commands.pilot"),
                reason or t("compare.commands.pilot_help"),
                self._here(self.action_start_pilot),
            )
        )
        return commands

    def _in_view(
        self, views: frozenset[View] | set[View], action: Callable[[], None]
    ) -> Callable[[], None]:
        """``action``, after switching to the first of ``views`` unless one is on screen."""

        def run() -> None:
            if self.state.view not in views:
                self.action_view(min(views, key=list(View).index).value)
            action()

        return run

    def _here(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            self.workbench.action_show_tab(self.tab_id)
            self.call_after_refresh(action)

        return run
