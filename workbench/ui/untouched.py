"""Forms write back exactly what the user did not touch.

A form shows stored text made visible (escapes as symbols, a newline as ``↵``) and
normalises what is typed (spaces trimmed, topics split on commas). Neither may change a
field the user left alone: an untouched field keeps the record's own value, byte for byte,
and is not held to the rules of new input (an old file may hold what the model now refuses).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def validate_keeping(
    model: type[M],
    data: Mapping[str, Any],
    original: M | None,
    untouched: Collection[str],
    stand_ins: Mapping[str, Any] | None = None,
) -> M:
    """``data`` validated as ``model``, with ``original``'s values for the ``untouched`` fields.

    Raises ``ValidationError`` only for what the user changed. ``stand_ins`` replace an
    untouched value that today's rules refuse, while the rest is checked (default None).
    """
    if original is None or not untouched:
        return model.model_validate(dict(data))
    kept = {name: getattr(original, name) for name in untouched}
    probe = {**data, **kept}
    try:
        checked = model.model_validate(probe)
    except ValidationError as error:
        refused = {str(d["loc"][0]) for d in error.errors() if d["loc"]} & set(untouched)
        if not refused:
            raise
        for name in refused:
            probe[name] = (stand_ins or {}).get(name)
        checked = model.model_validate(probe)
    return checked.model_copy(update=kept)
