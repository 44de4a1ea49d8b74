"""Import a JSON export or a catalogue CSV: check first, show what it would do, then ask.

The check (a dry run) runs in a thread with a progress bar and writes nothing. Its summary
(added, updated, unchanged, then per catalogue row how it matched and each field it changes,
old → new) or every problem, with its record and field, is shown; the
Import button is offered only for a file without problems. Writing is one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, ProgressBar, Static

from workbench.exchange.import_words import change_lines
from workbench.exchange.importer import ImportPlan, apply_import, plan_import, what_is_there
from workbench.i18n.messages import problem_text, storage_message
from workbench.storage.errors import StorageError
from workbench.storage.repository import ImportSummary
from workbench.storage.schema import Snapshot
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_text
from workbench.ui.widgets.safe_input import SafeInput

SHOWN_PROBLEMS = 50


class ImportDialog(Dialog[ImportSummary]):
    DEFAULT_CSS = """
    ImportDialog #import-path { margin-top: 1; }
    ImportDialog ProgressBar { margin-top: 1; }
    ImportDialog ProgressBar.-idle { display: none; }
    ImportDialog #import-report { height: auto; max-height: 12; margin-top: 1; }
    ImportDialog #import-report.-problems { color: $text-error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "import_now", "reports.keys.import", id="import-write"),
    ]

    def __init__(self, folder: Path = Path()) -> None:
        super().__init__()
        self.folder = folder
        self.plan: ImportPlan | None = None
        self._checking = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.t("reports.import.title")
            box.border_subtitle = self.t("reports.import.keys")
            yield Static(self.t("reports.import.intro"), classes="dialog-hint")
            yield SafeInput(
                str(self.folder) + "/",
                placeholder=self.t("reports.import.placeholder"),
                id="import-path",
            )
            yield ProgressBar(total=None, show_eta=False, id="import-progress", classes="-idle")
            with VerticalScroll(id="import-report"):
                yield Static("", id="import-summary")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("dialog.cancel"), id="import-cancel", compact=True)
                yield Button(self.t("reports.import.check"), id="import-check", compact=True)
                yield Button(
                    self.t("reports.import.write"),
                    id="import-now",
                    variant="primary",
                    compact=True,
                    disabled=True,
                )

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import_now":
            return self._writable(self.plan) and not self._checking
        return True

    @staticmethod
    def _writable(plan: ImportPlan | None) -> bool:
        """A plan without problems that changes something."""
        if plan is None or not plan.ok:
            return False
        return bool(plan.summary.count("added") or plan.summary.count("updated") or plan.ratings)

    # the dry run

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_check()

    @on(Input.Changed, "#import-path")
    def _path_changed(self, event: Input.Changed) -> None:
        if self.plan is not None and Path(event.value.strip()).expanduser() != self.plan.path:
            self._set_plan(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "import-check": self.action_check,
            "import-now": self.action_import_now,
            "import-cancel": self.action_cancel,
        }
        actions[event.button.id or "import-cancel"]()

    def _report(self, text: str, *, problems: bool = False) -> None:
        self.query_one("#import-summary", Static).update(safe_text(text, one_line=False))
        self.query_one("#import-report").set_class(problems, "-problems")

    def action_check(self) -> None:
        if self._checking:
            return
        path = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        there = what_is_there(path)
        if there is not None:
            self._set_plan(None)
            self._report(self.t(f"reports.import.{there}", path=str(path)), problems=True)
            return
        try:
            snapshot = self.workbench.repository.snapshot()
        except StorageError as error:
            self._report(storage_message(error, self.workbench.i18n), problems=True)
            return
        self._checking = True
        self._set_plan(None)
        self._report(self.t("reports.import.checking"))
        self.query_one("#import-progress", ProgressBar).remove_class("-idle")
        self.run_worker(lambda: self._check(path, snapshot), thread=True, exclusive=True)

    def _progress(self, done: int, total: int) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=total, progress=done)

    def _check(self, path: Path, snapshot: Snapshot) -> None:
        plan = plan_import(path, snapshot, self._progress)
        self.app.call_from_thread(self._checked, plan)

    def _checked(self, plan: ImportPlan) -> None:
        self._checking = False
        self.query_one("#import-progress", ProgressBar).add_class("-idle")
        self._set_plan(plan)
        if not plan.ok:
            count = len(plan.problems)
            lines = [
                self.t(
                    "reports.import.problems_one" if count == 1 else "reports.import.problems",
                    count=count,
                )
            ]
            shown = plan.problems[:SHOWN_PROBLEMS]
            lines += [f"• {problem_text(problem, self.workbench.i18n)}" for problem in shown]
            if count > SHOWN_PROBLEMS:
                lines.append(self.t("reports.import.more", count=count - SHOWN_PROBLEMS))
            self._report("\n".join(lines), problems=True)
            return
        kind = self.t(f"reports.import.kind_{plan.kind}")
        would = self.t("reports.import.would", kind=kind, counts=self.counts(plan.summary))
        details = "".join(f"\n{line}" for line in change_lines(plan, self.t))
        if not self._writable(plan):
            self._report(would + "\n" + self.t("reports.import.nothing") + details)
            return
        self._report(would + "\n" + self.t("reports.import.ask") + details)
        self.query_one("#import-now", Button).focus()

    def counts(self, summary: ImportSummary) -> str:
        return self.t(
            "reports.import.counts",
            added=summary.count("added"),
            updated=summary.count("updated"),
            unchanged=summary.count("unchanged"),
        )

    def _set_plan(self, plan: ImportPlan | None) -> None:
        self.plan = plan
        self.query_one("#import-now", Button).disabled = not self._writable(plan)
        self.refresh_bindings()

    # writing

    def action_import_now(self) -> None:
        plan = self.plan
        if plan is None or not self._writable(plan) or self._checking:
            return
        summary = self.workbench.store(lambda repository: apply_import(repository, plan))
        if summary is None:  # refused (a conflict, a reference gone meanwhile): nothing written
            self._set_plan(None)
            self._report(self.t("reports.import.refused"), problems=True)
            return
        self.dismiss(summary)
