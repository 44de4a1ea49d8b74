"""Hostile strings, and a data file full of them (written raw: the models refuse most).

Old or hand-edited files can hold anything: the app must open them and show every record's
text inert, on its own row; ``workbench check`` must report them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from workbench.storage.schema import SCHEMA_VERSION

PAYLOADS: dict[str, str] = {
    "markup": "[bold red]x[/][@click=app.quit]q[/]",
    "osc52": "\x1b]52;c;aGVsbG8=\x07",
    "osc2": "\x1b]2;pwned\x07",
    "clear": "\x1b[2J\x1b[H",
    "cursor": "\x1b[?25h\x1b[?1000l\x1b[?1000h",
    "c1": "\x9b31mred",
    "newline": "HR\nrecruitment",
    "tab": "Ops\tplant",
    "cr": "a\rb",
    "invisible": "\u200b\u2060",
    "bidi": "\u202eevil\u202c",
    "long": "L" * 10_000,
}
KINDS = list(PAYLOADS)

ESCAPES_FROM_DATA = ("]52;", "]2;pwned", "[2J", "[H", "[?1000", "[?25h")
"""What must never reach a terminal from the data (SGR colours are the app's own)."""

CONTROL = ("\x1b", "\x9b", "\x07", "\r", "\x00")


def marker(prefix: str, index: int) -> str:
    """A visible tag that starts each record's text: ``P03``, ``T03``..."""
    return f"{prefix}{index:02d}"


def hostile_records() -> dict[str, dict[str, dict[str, Any]]]:
    programmes: dict[str, dict[str, Any]] = {}
    teams: dict[str, dict[str, Any]] = {}
    assessments: dict[str, dict[str, Any]] = {}
    for index, kind in enumerate(KINDS):
        payload = PAYLOADS[kind]
        doc_id = str(index + 1)
        programmes[doc_id] = {
            "id": f"prog-{kind}",
            "name": f"{marker('P', index)} {payload}",
            "provider": f"{marker('V', index)} {payload}",
            "topics": [f"{marker('t', index)} {payload}", "'; DROP TABLE teams; --"],
            "price": {"kind": "amount", "amount": "10", "currency": "EUR", "note": payload},
            "url": f"https://example.com/{payload}",
            "notes": f"{marker('N', index)} {payload}",
            "audience": payload,
        }
        teams[doc_id] = {
            "id": f"team-{kind}",
            "name": f"{marker('T', index)} {payload}",
            "department": f"{marker('D', index)} {payload}",
            "headcount": index + 1,
            "objective": {"metric": payload, "unit": payload, "statement": payload},
        }
        assessor = f"{marker('A', index)}{payload}"
        assessments[doc_id] = {
            "id": f"assess-{kind}",
            "team_id": f"team-{kind}",
            "programme_id": f"prog-{kind}",
            "ratings": {
                assessor: {
                    "business_impact": {"score": 3, "reason": f"{marker('R', index)} {payload}"},
                    "technical_fit": {"score": 4, "reason": f"{marker('S', index)} ok"},
                },
                "claire": {
                    "business_impact": {"score": 3, "reason": f"{marker('C', index)} {payload}"}
                },
            },
            "notes": payload,
        }
    return {
        "programmes": programmes,
        "teams": teams,
        "assessments": assessments,
        "pilots": {},
        "_meta": {"1": {"schema_version": SCHEMA_VERSION, "writes": 1}},
    }


def write_hostile_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(hostile_records(), option=orjson.OPT_INDENT_2))
    return path
