"""Every assessment's evaluation, worked out in small steps while the user reads the first screen.

The Teams, Scoring and Compare tabs show verdicts, and a verdict needs the assessment's
consensus grid (``Evaluations``, remembered per model). On a large organisation (20,000
assessments) that is about half a second of work: done by whichever tab is shown first, the
first F3 would wait for it. Started after the first paint, a few hundred at a time on the
UI's own loop, with a pause between steps: a key typed meanwhile waits at most one step.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from workbench.core.assessment import Assessment
from workbench.ui.preload import import_later

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp

STEP = 250
"""Assessments per step (about 5 ms on this machine's cores)."""
PAUSE = 0.005
"""Seconds between steps, for keys and drawing."""
DELAY = 0.3
"""Seconds after the first paint before the first step."""


class WarmUp:
    def __init__(self, app: WorkbenchApp) -> None:
        self._app = app
        self._todo: Iterator[tuple[Assessment, bool]] | None = None
        self.started = False
        self.done = False

    def start(self) -> None:
        """Once per app: a language switch rebuilds the main screen, not the evaluations."""
        if not self.started:
            self.started = True
            self._app.set_timer(DELAY, self._import_first)

    def _import_first(self) -> None:
        """The modules the start left out (``workbench.ui.preload``), then the evaluations."""
        import_later(self._app, then=self._begin)

    def _begin(self) -> None:
        snapshot = self._app.repository.loaded  # as the tabs see it: the poll reads news
        if snapshot is None:
            return
        teams = snapshot.teams
        self._todo = (
            (assessment, teams[assessment.team_id].objective.is_measurable)
            for assessment in snapshot.assessments.values()
            if assessment.team_id in teams
        )
        self._step()

    def _step(self) -> None:
        if self._todo is None or not self._app.is_running:
            return
        evaluations = self._app.evaluations
        batch = list(itertools.islice(self._todo, STEP))
        for assessment, measurable in batch:
            evaluations.of(assessment, objective_measurable=measurable)
        if len(batch) < STEP:
            self._todo = None
            self.done = True
            return
        self._app.set_timer(PAUSE, self._step)
