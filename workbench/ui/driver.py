"""The terminal driver: Textual's, with pasted Escapes kept as text (``paste_guard``)."""

from __future__ import annotations

import os
import selectors
import threading

from textual import events
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from workbench.ui.paste_guard import STAND_IN, PasteGuard

HOLD_SECONDS = 0.5
"""A paste's ESC held for the next read is let through as it came after this long."""


class GuardedLinuxDriver(LinuxDriver):
    """Reads the terminal through a ``PasteGuard``: the parser reads a pipe that a small
    thread fills from the terminal."""

    def run_input_thread(self) -> None:
        terminal = self.fileno
        reader, writer = os.pipe()
        pump = threading.Thread(
            target=self._pump, args=(terminal, writer), name="workbench-paste-guard"
        )
        pump.start()
        self.fileno = reader
        try:
            super().run_input_thread()
        finally:
            self.fileno = terminal
            os.close(reader)  # first: a pump blocked on a full pipe gets EPIPE and ends
            pump.join()

    def _pump(self, terminal: int, writer: int) -> None:
        guard = PasteGuard()
        selector = selectors.SelectSelector()
        selector.register(terminal, selectors.EVENT_READ)
        try:
            while not self.exit_event.is_set():
                if selector.select(HOLD_SECONDS if guard.holding else 0.1):
                    data = os.read(terminal, 4096)
                    if not data:
                        break
                    os.write(writer, guard.feed(data))
                elif guard.holding:
                    os.write(writer, guard.flush())
        except OSError:
            pass
        finally:
            selector.close()
            os.close(writer)

    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Paste) and STAND_IN in message.text:
            message = events.Paste(message.text.replace(STAND_IN, "\x1b"))
        super().process_message(message)
