"""Messages the panes and the app exchange."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """The data file changed (our own save, or another process): panes refresh."""

    def __init__(self, *, external: bool = False) -> None:
        super().__init__()
        self.external = external

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DataChanged)


class OpenScoring(Message):
    """Open the Scoring tab on a team and/or a programme."""

    def __init__(self, team_id: str | None = None, programme_id: str | None = None) -> None:
        super().__init__()
        self.team_id = team_id
        self.programme_id = programme_id


class OpenPilot(Message):
    """Open a pilot's page in the Pilots tab."""

    def __init__(self, pilot_id: str, section: str = "phases", *, started: bool = False) -> None:
        super().__init__()
        self.pilot_id = pilot_id
        self.section = section
        self.started = started
        """Just started: ctrl+z in the Pilots tab takes it back."""
