"""Finding a team or a programme named on the command line: by id, else by its name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.cli.errors import CommandError

if TYPE_CHECKING:
    from workbench.storage.schema import Snapshot


def find(names: dict[str, str], key: str, what: str) -> str:
    """The id of the record whose id is ``key``, else whose name is ``key`` (any case)."""
    from workbench.storage.errors import Reason

    if key in names:
        return key
    folded = key.strip().casefold()
    found = sorted(record_id for record_id, name in names.items() if name.casefold() == folded)
    if len(found) == 1:
        return found[0]
    if found:
        raise CommandError(
            f"several {what}s are named {key!r}: use an id ({', '.join(found)})",
            "cli.several",
            what=Reason(f"{what}s", f"cli.what.{what}"),
            name=repr(key),
            ids=", ".join(found),
        )
    raise CommandError(
        f"no {what} with id or name {key!r}", f"cli.no_record.{what}", name=repr(key)
    )


def team_id(snapshot: Snapshot, key: str | None) -> str | None:
    if key is None:
        return None
    return find({t.id: t.name for t in snapshot.teams.values()}, key, "team")


def programme_id(snapshot: Snapshot, key: str | None) -> str | None:
    if key is None:
        return None
    return find({p.id: p.name for p in snapshot.programmes.values()}, key, "programme")
