"""Write an export (CSV, JSON, Markdown memos) or one team's decision memo to a file.

The file name is prefilled in the current folder and can be edited; the work runs in a
thread with a progress bar, and the dialog closes with the path written, which the app
names on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, ProgressBar, RadioButton, RadioSet, Static

from workbench.exchange.export import FORMATS, export_csv, export_json, export_markdown
from workbench.exchange.files import write_atomically
from workbench.exchange.selection import Selection
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.safe_input import SafeInput

SUFFIX = {"csv": ".csv", "json": ".json", "md": ".md"}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to write: the selection, the formats offered, and the file name to start from."""

    selection: Selection
    title: str
    formats: tuple[str, ...] = FORMATS
    stem: str = "workbench-export"
    folder: Path = Path()


class ExportDialog(Dialog[Path]):
    DEFAULT_CSS = """
    ExportDialog RadioSet { width: 100%; margin-top: 1; }
    ExportDialog #export-path { margin-top: 1; }
    ExportDialog ProgressBar { margin-top: 1; }
    ExportDialog ProgressBar.-idle { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "write", "reports.keys.write", id="export-write"),
    ]

    def __init__(self, request: ExportRequest) -> None:
        super().__init__()
        self.request = request
        self.format = request.formats[0]
        self._confirmed_overwrite: Path | None = None
        self._writing = False

    def compose(self) -> ComposeResult:
        request = self.request
        with Vertical(classes="dialog") as box:
            box.border_title = safe_str(request.title)
            box.border_subtitle = self.t("reports.export.keys")
            if len(request.formats) > 1:
                with RadioSet(id="export-format"):
                    for index, name in enumerate(request.formats):
                        yield RadioButton(
                            self.t(f"reports.export.format_{name}"),
                            value=index == 0,
                            id=f"format-{name}",
                        )
            yield Static(self.t("reports.export.file"), classes="dialog-message")
            yield SafeInput(str(self._default_path()), id="export-path")
            yield Static("", id="export-error", classes="field-error")
            yield ProgressBar(total=None, show_eta=False, id="export-progress", classes="-idle")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("dialog.cancel"), id="export-cancel", compact=True)
                yield Button(
                    self.t("reports.export.write"),
                    id="export-write",
                    variant="primary",
                    compact=True,
                )

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _default_path(self) -> Path:
        return self.request.folder / f"{self.request.stem}{SUFFIX[self.format]}"

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.format = self.request.formats[event.index]
        field = self.query_one("#export-path", Input)
        path = Path(field.value.strip() or str(self._default_path()))
        if path.suffix.lower() in SUFFIX.values():
            field.value = str(path.with_suffix(SUFFIX[self.format]))

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-write":
            self.action_write()
        else:
            self.action_cancel()

    def _error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(safe_text(message, one_line=False))

    def action_write(self) -> None:
        if self._writing:
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._error(self.t("reports.export.no_file"))
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self._error(self.t("reports.export.is_folder", path=str(path)))
            return
        if not path.parent.is_dir():
            self._error(self.t("reports.export.no_folder", path=str(path.parent)))
            return
        if path.exists() and self._confirmed_overwrite != path:
            self._confirmed_overwrite = path
            self._error(self.t("reports.export.exists", path=str(path)))
            return
        self._writing = True
        self._error("")
        bar = self.query_one("#export-progress", ProgressBar)
        bar.remove_class("-idle")
        self.run_worker(lambda: self._export(path, self._progress), thread=True, exclusive=True)

    def _progress(self, done: int, total: int) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

    def _export(self, path: Path, progress: Callable[[int, int], None]) -> None:
        """In a thread: build the export, write it, and report back to the dialog."""
        workbench = self.workbench
        selection = self.request.selection
        try:
            if self.format == "csv":
                content = export_csv(selection, progress).encode("utf-8")
            elif self.format == "json":
                now = datetime.now(UTC)
                author = workbench.repository.author
                content = export_json(selection, author=author, now=now, progress=progress)
            else:
                text = export_markdown(
                    selection,
                    workbench.i18n,
                    today=workbench.today,
                    prepared_by=workbench.repository.author,
                    facts_max_age_days=workbench.settings.facts_max_age_days,
                    currency=workbench.settings.currency,
                )
                content = text.encode("utf-8")
                progress(1, 1)
            write_atomically(path, content, like=workbench.repository.path)
        except OSError as error:
            reason = error.strerror or str(error)
            self.app.call_from_thread(self._failed, path, reason)
            return
        self.app.call_from_thread(self.dismiss, path)

    def _failed(self, path: Path, reason: str) -> None:
        self._writing = False
        self.query_one("#export-progress", ProgressBar).add_class("-idle")
        self._error(self.t("reports.export.failed", path=str(path), error=reason))
