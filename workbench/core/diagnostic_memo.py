"""The memo of a diagnostic session: the committee memo with the session's facts first,
or, for a session stopped at the objective, the memo that says to clarify it."""

from __future__ import annotations

from datetime import date, datetime

from workbench.core.diagnostic import Diagnostic
from workbench.core.markdown import inline
from workbench.core.memo import Messages, memo_file_name
from workbench.core.team import Team


def participants(session: Diagnostic) -> list[str]:
    """The facilitator, then the assessors, each once."""
    names = [session.facilitator] if session.facilitator else []
    return names + [name for name in session.assessors if name not in names]


def session_lines(session: Diagnostic, t: Messages, *, now: datetime) -> list[str]:
    """The session's date, participants and duration, as a Markdown section."""
    minutes = round(session.elapsed(now) / 60)
    people = ", ".join(inline(name) for name in participants(session)) or "—"
    return [
        f"## {t('diagnostic.memo.session')}",
        "",
        f"- {t('diagnostic.memo.date', date=session.started_at.date().isoformat())}",
        f"- {t('diagnostic.memo.participants', names=people)}",
        f"- {t('diagnostic.memo.duration', minutes=minutes)}",
        "",
    ]


def with_session(committee_memo: str, session: Diagnostic, t: Messages, *, now: datetime) -> str:
    """The committee memo with the session's section after its title and first facts."""
    lines = committee_memo.split("\n")
    at = 4 if len(lines) > 4 else len(lines)  # title, blank, facts, blank
    return "\n".join(lines[:at] + session_lines(session, t, now=now) + lines[at:])


def stopped_memo(session: Diagnostic, team: Team, t: Messages, *, now: datetime) -> str:
    """The memo of a session stopped at the objective: what is missing, and the advice."""
    lines = [f"# {t('diagnostic.memo.stopped_title', team=inline(team.name))}", ""]
    lines += session_lines(session, t, now=now)
    objective = team.objective
    if objective.statement:
        lines += [t("diagnostic.memo.statement", text=inline(objective.statement)), ""]
    missing = [t(f"diagnostic.missing.{gap}") for gap in objective.missing()]
    lines += [
        f"## {t('diagnostic.memo.stopped_heading')}",
        "",
        t("diagnostic.memo.stopped_advice"),
        "",
    ]
    lines += [f"- {gap}" for gap in missing]
    return "\n".join(lines).rstrip("\n") + "\n"


def diagnostic_memo_name(team: Team, today: date, lang: str) -> str:
    """diagnostic-<team>-<date>-<lang>.md (the memo's own naming rules)."""
    return "diagnostic-" + memo_file_name(team, None, today, lang).removeprefix("memo-")
