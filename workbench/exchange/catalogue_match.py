"""Which programme of the data file a catalogue row describes: its ``programme_id``
(trimmed), else its provider and name (ignoring case and repeated spaces)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, Literal

from workbench.core.catalogue import Programme
from workbench.core.rules import new_id

How = Literal["id", "name", "new"]


class AmbiguousMatch(ValueError):
    """Several programmes of the file have the row's provider and name."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        super().__init__(", ".join(ids))


def name_key(provider: Any, name: Any) -> tuple[str, str] | None:
    """Provider and name as compared: case and repeated spaces ignored."""
    if not isinstance(provider, str) or not isinstance(name, str):
        return None
    return (" ".join(provider.split()).casefold(), " ".join(name.split()).casefold())


class Catalogue:
    """The data file's programmes, looked up as an import matches its rows."""

    def __init__(self, programmes: Mapping[str, Programme]) -> None:
        self.programmes = programmes
        self._trimmed: dict[str, list[str]] = defaultdict(list)
        self._named: dict[tuple[str, str], list[str]] = defaultdict(list)
        for programme in programmes.values():
            self._trimmed[programme.id.strip()].append(programme.id)
            key = name_key(programme.provider, programme.name)
            if key is not None:
                self._named[key].append(programme.id)
        self._new: dict[tuple[str, str], str] = {}

    def match(self, given_id: str, provider: Any, name: Any) -> tuple[How, Programme | None]:
        """How a row matches (``id``, ``name`` or ``new``) and the programme it matches;
        ``AmbiguousMatch`` when its provider and name name several programmes."""
        if given_id:
            if given_id in self.programmes:
                return "id", self.programmes[given_id]
            trimmed = self._trimmed.get(given_id.strip(), [])
            if len(trimmed) == 1:
                return "id", self.programmes[trimmed[0]]
        key = name_key(provider, name)
        named = sorted(self._named.get(key, [])) if key is not None else []
        if len(named) > 1:
            raise AmbiguousMatch(named)
        if named:
            return "name", self.programmes[named[0]]
        return "new", None

    def new_id_for(self, document: Mapping[str, Any]) -> str:
        """A new programme's id: the same for rows of one file with its provider and name."""
        key = name_key(document.get("provider"), document.get("name"))
        if key is None:
            return new_id()
        return self._new.setdefault(key, new_id())
