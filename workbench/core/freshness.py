"""Facts that age: a programme's facts were checked on a date; older than a limit (180
days unless the user's setting ``facts_max_age_days`` says otherwise) they are to re-check.
The Catalogue, Scoring, the memo and ``workbench check`` all ask here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the settings read the limit without loading the models
    from workbench.core.catalogue import Programme

FACTS_MAX_AGE_DAYS = 180
"""Catalogue facts checked longer ago than this are flagged."""


def facts_are_old(programme: Programme, today: date, max_days: int = FACTS_MAX_AGE_DAYS) -> bool:
    """Checked more than ``max_days`` days before ``today`` (never checked is not "old":
    it is said as unknown)."""
    checked = programme.checked_on
    return checked is not None and (today - checked).days > max_days


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (2026-01-31 to 2026-02-28: 0)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)
