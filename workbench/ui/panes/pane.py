"""What every tab's content has in common."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import ActiveBinding
from textual.containers import Vertical

from workbench.core.assessment import Assessment
from workbench.core.consensus import evaluate_consensus
from workbench.core.scoring import Evaluation
from workbench.ui.context import WorkbenchNode
from workbench.ui.focus import focus_now


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    title: str
    help: str
    callback: Callable[[], object]


class Evaluations:
    """The median grid of each assessment (``evaluate_consensus``), remembered.

    Models are never changed in place: a change replaces the changed assessment's model in
    the snapshot and keeps the others (a reload from disk too, for unchanged records). So an
    evaluation is computed again only for a model object not seen before, or when the
    team's objective rule changed: after one save, one evaluation instead of all of them.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[Assessment, bool, Evaluation]] = {}

    def of(self, assessment: Assessment, *, objective_measurable: bool) -> Evaluation:
        known = self._known.get(assessment.id)
        if known is not None and known[0] is assessment and known[1] == objective_measurable:
            return known[2]
        evaluation = evaluate_consensus(assessment, objective_measurable=objective_measurable)
        self._known[assessment.id] = (assessment, objective_measurable, evaluation)
        return evaluation

    @property
    def remembered(self) -> set[str]:
        """The ids of the assessments whose evaluation is remembered."""
        return set(self._known)

    def forget_missing(self, current: Mapping[str, Assessment]) -> None:
        """Drop what deleted assessments left behind (a full scan only after deletions)."""
        if len(self._known) > len(current):
            self._known = {key: value for key, value in self._known.items() if key in current}


class Pane(WorkbenchNode, Vertical):
    """The content of one tab. Panes are recomposed when the language changes."""

    tab_id: ClassVar[str] = ""
    WRITE_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    """Actions that change the data file: shown but disabled when it is open read-only."""
    _offered: list[tuple[str, ActiveBinding]] | None = None

    def refresh_bindings_if_changed(self) -> None:
        """``refresh_bindings()``, when the keys the screen offers changed since this pane
        last asked (``check_action`` answers differently). On each call Textual's footer
        rebuilds all its keys (about 20 ms at 120 columns, a third of a cursor move), and
        a cursor move rarely changes a key. Focus changes refresh the footer by themselves.
        """
        if not self.is_mounted:
            return
        offered = list(self.screen.active_bindings.items())
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def read_only_blocks(self, action: str) -> bool:
        """True for a write action of a read-only workbench (``check_action`` answers None:
        the footer shows the key greyed out, and the banner says why)."""
        return action in self.WRITE_ACTIONS and self.workbench.read_only

    @property
    def evaluations(self) -> Evaluations:
        """The app's remembered evaluations, shared by the tabs."""
        return self.workbench.evaluations

    def refresh_data(self) -> None:
        """Show the repository's current data (called after every change)."""

    def action_undo(self) -> None:
        """ctrl+z in a tab whose changes are not undone: say why, and what to do instead
        (Scoring and Pilots undo their changes)."""
        self.notify(self.t(f"app.no_undo.{self.tab_id}"), timeout=5, markup=False)

    def palette_commands(self) -> list[PaletteCommand]:
        """This pane's actions, for the command palette."""
        return []

    def focus_default(self) -> None:
        """Put the focus where the user starts in this tab: its first focusable widget."""
        for widget in self.query("*"):
            if widget.focusable:
                focus_now(widget)
                return
