"""Notifications that never hide the work.

An action's toast lasts a few seconds, at most two show at once (the newest), an error stays
until it is dismissed, and no toast is drawn over a dialog (``app.tcss`` hides them there:
they show again when the dialog closes, if they have not expired meanwhile).
"""

from __future__ import annotations

from typing import Protocol

from textual.notifications import Notification, SeverityLevel

MOST_SHOWN = 2
SECONDS: dict[SeverityLevel, float] = {"information": 4.0, "warning": 8.0}
"""The longest an information or a warning stays; a shorter timeout asked for is kept."""
UNTIL_DISMISSED = 7 * 24 * 3600.0


def toast_seconds(severity: SeverityLevel, asked: float | None) -> float:
    """How long a toast of ``severity`` stays: errors until dismissed, the rest briefly."""
    if severity == "error":
        return UNTIL_DISMISSED
    longest = SECONDS[severity]
    return longest if asked is None else min(asked, longest)


class Withdraws(Protocol):
    def withdraw(self, notification: Notification) -> None: ...


class ToastQueue:
    """The notifications on screen, oldest first: a third one pushes the oldest out."""

    def __init__(self, owner: Withdraws) -> None:
        self._owner = owner
        self._shown: list[Notification] = []

    def added(self, notification: Notification) -> None:
        self._shown = [shown for shown in self._shown if not shown.has_expired]
        self._shown.append(notification)
        while len(self._shown) > MOST_SHOWN:
            self._owner.withdraw(self._shown.pop(0))

    def forget(self, notification: Notification) -> None:
        if notification in self._shown:
            self._shown.remove(notification)

    def clear(self) -> None:
        self._shown.clear()

    def messages(self) -> list[str]:
        """What the notifications not expired yet say, oldest first."""
        return [shown.message for shown in self._shown if not shown.has_expired]

    def __len__(self) -> int:
        return sum(not shown.has_expired for shown in self._shown)
