"""Where a decision memo is written: its folder and its name.

The folder is ``--out`` when given, else the ``reports_folder`` setting, else the data
file's own folder; the name comes from the team's and programme's names and the date
(``memo_file_name``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbench.core.catalogue import Programme
from workbench.core.memo import memo_file_name
from workbench.core.team import Team


def reports_folder(data_file: Path, setting: str | None = None, out: Path | None = None) -> Path:
    if out is not None:
        return out.expanduser()
    if setting:
        return Path(setting).expanduser()
    return data_file.expanduser().absolute().parent


def memo_path(
    folder: Path, team: Team, programme: Programme | None, today: date, lang: str
) -> Path:
    return folder / memo_file_name(team, programme, today, lang)
