"""What every step of the diagnostic shows and answers: the screen switches between them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.containers import Vertical

from workbench.core.diagnostic import Diagnostic, Step
from workbench.core.team import Team
from workbench.storage.schema import Snapshot
from workbench.ui.context import WorkbenchNode

if TYPE_CHECKING:
    from workbench.ui.diagnostic.screen import DiagnosticScreen


class StepView(WorkbenchNode, Vertical):
    """One step's content. The screen holds the keys; a step says which of them it takes
    (``ACTIONS``) and does them."""

    DEFAULT_CSS = """
    StepView { height: 1fr; }
    StepView .step-intro { color: $text-muted; height: auto; }
    StepView .step-error { color: $text-error; height: auto; }
    StepView DataTable { height: 1fr; }
    """
    STEP: ClassVar[Step]
    ACTIONS: ClassVar[frozenset[str]] = frozenset()

    @property
    def flow(self) -> DiagnosticScreen:
        from workbench.ui.diagnostic.screen import DiagnosticScreen

        screen = self.screen
        assert isinstance(screen, DiagnosticScreen)
        return screen

    @property
    def session(self) -> Diagnostic:
        return self.flow.session

    @property
    def team(self) -> Team:
        return self.flow.team

    ready = False
    """Composed and mounted: ``show`` can reach its widgets."""

    def on_mount(self) -> None:
        self.ready = True
        self.prepare()
        self.show(self.flow.snapshot)
        self.focus_first()
        self.flow.step_shown()

    def prepare(self) -> None:
        """Anything to set before the step is first drawn."""

    def show(self, snapshot: Snapshot) -> None:
        """Draw (again) from the file's latest version."""

    def forward(self) -> Diagnostic | None:
        """The session ready for the next step, saving what this step holds; None to stay
        (the step says why)."""
        return self.session

    def focus_first(self) -> None:
        for widget in self.query("Input, DataTable").results():
            if widget.focusable:
                widget.focus()
                return
