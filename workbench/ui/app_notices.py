"""The app's notifications: plain text always (they quote names and errors from the data
file), a few seconds on screen (an error until dismissed), the newest pushing out the others.
"""

from __future__ import annotations

from textual.app import App
from textual.notifications import Notification, Notify, SeverityLevel

from workbench.ui.text import safe_str
from workbench.ui.toasts import ToastQueue, toast_seconds

NOTIFY_LIMIT = 500
"""A notification quoting a 10k-character name would otherwise cover the screen."""


class Notices(App[None]):
    """The notification part of ``WorkbenchApp``."""

    toasts: ToastQueue

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: it quotes names and errors from the data file.

        It stays a few seconds (an error until it is dismissed) and pushes out all but the
        newest of those on screen (``ToastQueue``)."""
        super().notify(
            safe_str(message, one_line=False, limit=NOTIFY_LIMIT),
            title=safe_str(title),
            severity=severity,
            timeout=toast_seconds(severity, timeout),
            markup=False,
        )

    def on_notify(self, event: Notify) -> None:
        self.toasts.added(event.notification)
        self.refresh_bindings()

    def withdraw(self, notification: Notification) -> None:
        """Take one notification off the screen (Textual has no public call for one)."""
        if notification in self._notifications:
            self._unnotify(notification)

    def _unnotify(self, notification: Notification, refresh: bool = True) -> None:
        # a toast clicked away or expired: it no longer counts among those shown
        self.toasts.forget(notification)
        super()._unnotify(notification, refresh)
        self.refresh_bindings()

    def action_dismiss_messages(self) -> None:
        self.toasts.clear()
        self.clear_notifications()
        self.refresh_bindings()
