"""A raw Escape inside a bracketed paste, kept as text instead of read as keys.

Textual's input parser reads an ESC inside a paste as the start of a key sequence: the
rest of the paste up to the next ESC is then typed as keys (the ESC itself as ``^``)
before the paste, so ``X␛]2;PWN␇Y`` was saved as ``^]2;PWN…YX`` without a word. The guard
sits between the terminal and the parser: inside a paste it passes each ESC on as
``STAND_IN``, a Unicode noncharacter that is never text, and the driver turns it back into
ESC in the paste event. The field then shows ␛ and the form refuses it with its reason.
"""

from __future__ import annotations

START = b"\x1b[200~"
END = b"\x1b[201~"
ESC = 0x1B
STAND_IN = "\ufdd0"
_STAND_IN = STAND_IN.encode()


class PasteGuard:
    """Feed it the terminal's bytes as they come; it returns the bytes for the parser."""

    def __init__(self) -> None:
        self.in_paste = False
        self._matched = 0
        """Outside a paste: how many bytes of START the output ends with."""
        self._held = b""
        """Inside a paste: an ESC at the end of a read that may begin END."""

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def feed(self, data: bytes) -> bytes:
        data, self._held = self._held + data, b""
        out = bytearray()
        at = 0
        while at < len(data):
            if self.in_paste:
                at = self._inside(data, at, out)
            else:
                at = self._outside(data, at, out)
        return bytes(out)

    def flush(self) -> bytes:
        """What is held, as it came (a paste that never ended)."""
        held, self._held = self._held, b""
        return held

    def _outside(self, data: bytes, at: int, out: bytearray) -> int:
        """Pass bytes on until a paste starts; a START cut between two reads counts."""
        if self._matched:
            rest = START[self._matched :]
            if data[at : at + len(rest)] == rest:
                out += rest
                self._matched = 0
                self.in_paste = True
                return at + len(rest)
            if rest.startswith(data[at:]):
                self._matched += len(data) - at
                out += data[at:]
                return len(data)
            self._matched = 0
        found = data.find(START, at)
        if found >= 0:
            out += data[at : found + len(START)]
            self.in_paste = True
            return found + len(START)
        out += data[at:]
        for size in range(min(len(START) - 1, len(data) - at), 0, -1):
            if data.endswith(START[:size]):
                self._matched = size
                break
        return len(data)

    def _inside(self, data: bytes, at: int, out: bytearray) -> int:
        found = data.find(bytes([ESC]), at)
        if found < 0:
            out += data[at:]
            return len(data)
        out += data[at:found]
        tail = data[found : found + len(END)]
        if tail == END:
            out += END
            self.in_paste = False
            return found + len(END)
        if len(tail) < len(END) and END.startswith(tail):
            self._held = tail  # the end of the paste, or an ESC of it: the next read says
            return len(data)
        out += _STAND_IN
        return found + 1
