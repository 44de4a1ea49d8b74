"""Write a diagnostic's memo beside the other memos (the reports folder)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.exchange.files import write_atomically
from workbench.exchange.memo_file import reports_folder

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp


def write_memo(app: WorkbenchApp, name: str, text: str) -> Path | None:
    """The file written, or None when the system refused it (said on screen)."""
    folder = reports_folder(app.repository.path, app.settings.reports_folder)
    path = folder / name
    try:
        write_atomically(path, text.encode("utf-8"), like=app.repository.path)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        app.notify(
            app.i18n("diagnostic.memo.failed", path=str(path), reason=reason),
            severity="error",
            timeout=15,
            markup=False,
        )
        return None
    return path
