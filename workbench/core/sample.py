"""The sample data: a real catalogue and an organisation that replays the seed's two stories.

Pure Python: reads the two JSON files of the top-level ``sample_data`` folder and validates
every entry with the pydantic models. Never imports textual or tinydb.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.diagnostic import Diagnostic
from workbench.core.money import Rate
from workbench.core.pilot import Pilot
from workbench.core.team import Team

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
CATALOGUE_FILE = "catalogue.json"
ORGANISATION_FILE = "organisation.json"


@dataclass(frozen=True, slots=True)
class SampleData:
    programmes: list[Programme]
    teams: list[Team]
    assessments: list[Assessment]
    pilots: list[Pilot]
    rates: list[Rate]
    diagnostics: list[Diagnostic]


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _entries(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{what}: expected a JSON list, got {type(value).__name__}")
    return value


def load_sample(folder: Path = SAMPLE_DIR) -> SampleData:
    """Read and validate ``catalogue.json`` and ``organisation.json`` from ``folder``.

    Raises ``OSError`` when a file is missing, ``ValueError`` (including pydantic's
    ``ValidationError``) when a file is not valid.
    """
    catalogue = _entries(_read_json(folder / CATALOGUE_FILE), CATALOGUE_FILE)
    organisation = _read_json(folder / ORGANISATION_FILE)
    if not isinstance(organisation, dict):
        raise ValueError(f"{ORGANISATION_FILE}: expected a JSON object")
    teams = _entries(organisation.get("teams", []), f"{ORGANISATION_FILE}: teams")
    assessments = _entries(organisation.get("assessments", []), f"{ORGANISATION_FILE}: assessments")
    pilots = _entries(organisation.get("pilots", []), f"{ORGANISATION_FILE}: pilots")
    rates = _entries(organisation.get("rates", []), f"{ORGANISATION_FILE}: rates")
    diagnostics = _entries(organisation.get("diagnostics", []), f"{ORGANISATION_FILE}: diagnostics")
    return SampleData(
        programmes=[Programme.model_validate(item) for item in catalogue],
        teams=[Team.model_validate(item) for item in teams],
        assessments=[Assessment.model_validate(item) for item in assessments],
        pilots=[Pilot.model_validate(item) for item in pilots],
        rates=[Rate.model_validate(item) for item in rates],
        diagnostics=[Diagnostic.model_validate(item) for item in diagnostics],
    )
