"""What a pilot was started against, when its assessment's verdict was not PILOT: the
page's line, the list's mark and the summary's line say it the same way."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from workbench.core.pilot import Pilot
from workbench.ui.text import safe_text

MARK = "⚑"
"""Beside the programme in the Pilots list: started although the verdict was not PILOT."""


def started_against(pilot: Pilot, t: Callable[..., str]) -> Text | None:
    """'⚑ Started although the verdict was ALTERNATIVES: <reason>'; None for a pilot
    started on a PILOT verdict (no reason was asked)."""
    if not pilot.start_reason:
        return None
    verdict = t(f"pilots.verdict.{pilot.start_verdict or 'none'}").upper()
    text = Text(f"{MARK} ")
    text.append(t("pilots.page.started_against", verdict=verdict), "bold")
    text.append_text(safe_text(pilot.start_reason))
    return text
