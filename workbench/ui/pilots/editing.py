"""What every action of the Pilots tab shares: the pilot on show, a change saved through
the repository's merge path, the reason a key does nothing, and ctrl+z.

Each section's module adds its actions to :class:`PilotEditing` (a mixin of the pane); the
pane says which keys apply where and switches between the list and a pilot's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError
from textual.binding import Binding

from workbench.core.assessment import now_utc
from workbench.core.pilot import Pilot
from workbench.core.pilot_changes import revalidated
from workbench.core.pilot_input import InputError
from workbench.storage.repository import Repository
from workbench.ui.dialogs.pilot_form import Check, PilotForm
from workbench.ui.pilots.list_view import PilotsList
from workbench.ui.pilots.pilot_removal import Removal

if TYPE_CHECKING:
    from workbench.ui.pilots.page import PilotPage

T = TypeVar("T")

UNDO = Binding("ctrl+z", "undo", "pilots.keys.undo", id="pilots-undo")
ROW_SECTIONS = ("kpis", "people", "money")
"""The sections whose highlighted row e edits and Del deletes."""


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One change to take back: ``before`` None for a pilot started (undo deletes it),
    ``after`` None for a pilot deleted (undo saves it again)."""

    label: str
    before: Pilot | None
    after: Pilot | None


class PilotEditing(PilotsList):
    """The list of pilots and the page of the one open: ``mode`` says which."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = "list"
        self.open_id: str | None = None
        self.undo_steps: list[UndoStep] = []

    # what the pane says

    @property
    def page(self) -> PilotPage:
        raise NotImplementedError

    def unavailable(self, action: str) -> str | None:
        """Why ``action`` does nothing here (an i18n key), or None when it works."""
        raise NotImplementedError

    def action_section(self, name: str) -> None:
        """Show the page's section ``name``."""
        raise NotImplementedError

    # the pilot on the page

    @property
    def pilot(self) -> Pilot | None:
        if self.mode != "page" or self.open_id is None:
            return None
        return self.workbench.repository.snapshot().pilots.get(self.open_id)

    def _row_key(self) -> str | None:
        """The key of the highlighted row of the section on show, if it still exists."""
        pilot = self.pilot
        if pilot is None or self.page.section not in ROW_SECTIONS:
            return None
        key = self.page.table().cursor_key
        rows = {
            "kpis": [k.id for k in pilot.kpis],
            "people": [p.id for p in pilot.participants],
            "money": [f"cost:{c.id}" for c in pilot.costs]
            + [f"benefit:{b.id}" for b in pilot.benefits],
        }[self.page.section]
        return key if key in rows else None

    def _refused(self, action: str) -> bool:
        """True, having said why, when ``action`` cannot run (from the palette too)."""
        reason = self.unavailable(action)
        if reason is not None:
            self.notify(self.t(reason), severity="warning", timeout=4, markup=False)
        return reason is not None

    # changes

    def _change(
        self, label: str, change: Callable[[Pilot], Pilot], pilot_id: str | None = None
    ) -> None:
        """Apply ``change`` to the latest stored pilot under the lock (the open one unless
        ``pilot_id`` says which); remember how to undo."""
        pilot_id = pilot_id or self.open_id
        if pilot_id is None:
            return
        seen: list[Pilot] = []

        def apply(current: Pilot) -> Pilot:
            seen.append(current)
            return revalidated(change(current), updated_at=now_utc())

        try:
            after = self.workbench.store(lambda repo: repo.update(Pilot, pilot_id, apply))
        except (InputError, ValidationError) as problem:
            self.notify(self._problem(problem), severity="error", timeout=8, markup=False)
            return
        if after is None or not seen:
            return
        self.undo_steps.append(UndoStep(label, seen[-1], after))
        self.notify(self.t("pilots.saved", change=label), timeout=3, markup=False)
        self.refresh_bindings_if_changed()

    def _problem(self, problem: InputError | ValidationError) -> str:
        if isinstance(problem, InputError):
            return self.t(f"pilots.input.{problem.key}", **problem.params)
        return str(problem)

    def _checked(self, change: Callable[[Pilot, T], Pilot]) -> Check[T]:
        """A form's check: the change must apply to the pilot as it is now."""

        def check(value: T) -> None:
            pilot = self.pilot
            if pilot is not None:
                change(pilot, value)

        return check

    def _ask(
        self,
        form: Callable[[Check[T]], PilotForm[T]],
        change: Callable[[Pilot, T], Pilot],
        label: Callable[[T], str],
        section: str | None = None,
    ) -> None:
        """Open ``form`` (checked against ``change``), apply ``change`` to what it returns,
        ``label`` naming it for ctrl+z, then show ``section``."""

        def done(value: T | None) -> None:
            if value is None:
                return
            self._change(label(value), lambda pilot: change(pilot, value))
            if section is not None:
                self.action_section(section)

        self.app.push_screen(form(self._checked(change)), done)

    def _ready(self, action: str) -> Pilot | None:
        """The pilot on the page, when ``action`` can run (else None, having said why)."""
        return None if self._refused(action) else self.pilot

    def _confirm_removal(self, removal: Removal) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._change(removal.undo_label, removal.change)

        self.app.push_screen(removal.dialog(self.workbench.i18n), answered)

    # undo

    def remember_start(self, pilot_id: str) -> None:
        """A pilot just started (Scoring, Compare): ctrl+z here takes it back."""
        pilot = self.workbench.repository.snapshot().pilots.get(pilot_id)
        if pilot is not None:
            label = self.t("pilots.undo.start", name=pilot.name)
            self.undo_steps.append(UndoStep(label, None, pilot))
            self.refresh_bindings_if_changed()

    def action_undo(self) -> None:
        if self._refused("undo"):
            return
        if not self.undo_steps:
            return
        step = self.undo_steps.pop()
        if step.before is None or step.after is None:
            self._undo_start_or_delete(step)
            return
        # Put back the fields this change touched, merged with what others changed since.
        after = step.after
        edited = revalidated(step.before, updated_at=after.updated_at)
        # Someone else changed the same part meanwhile: the conflict dialog lets the user
        # keep theirs or the undone version, field by field.
        undone = self.workbench.store(
            lambda repo: repo.save_edit(after, edited), resolved=lambda saved: None
        )
        if undone is not None:
            self.notify(self.t("pilots.undone", change=step.label), timeout=3, markup=False)
        self.refresh_bindings_if_changed()

    def _undo_start_or_delete(self, step: UndoStep) -> None:
        """A pilot started is deleted again; a pilot deleted is saved again."""
        before, after = step.before, step.after

        def undo(repository: Repository) -> bool:
            if before is None and after is not None:
                repository.delete_pilot(after.id)
            elif before is not None:
                repository.save_pilot(before)
            return True

        if self.workbench.store(undo):
            self.notify(self.t("pilots.undone", change=step.label), timeout=3, markup=False)
        self.refresh_bindings_if_changed()
