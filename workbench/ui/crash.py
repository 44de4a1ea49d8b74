"""What the app prints when it stops on an unexpected error: where, never what.

Textual's own report shows the values of local variables, and here they hold records of
the shared data file (names, reasons). This one names the error's type and the code lines
it went through, nothing taken from the data.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from rich.text import Text

MAX_FRAMES = 12


def crash_report(error: BaseException | None, data_file: Path) -> Text:
    lines = [
        "The workbench stopped on an unexpected error "
        f"({type(error).__name__ if error is not None else 'unknown'}).",
        f"Every change saved before it is in {data_file}; nothing was half-written.",
    ]
    if error is not None:
        frames = traceback.extract_tb(error.__traceback__)[-MAX_FRAMES:]
        lines.append("Where (for a bug report):")
        lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return Text("\n".join(lines))
