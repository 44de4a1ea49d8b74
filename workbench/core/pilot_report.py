"""A pilot's status report in Markdown, in English or French, for the committee.

Pure: the caller gives the pilot, the names of its team and programme, today's date and a
translator. User text goes through ``visible`` and is escaped for Markdown, so a name can
neither drive the terminal nor break the report's tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from workbench.core.percent import PERCENT_DECIMALS
from workbench.core.pilot import CostKind, Pilot
from workbench.core.pilot_metrics import (
    PilotWarning,
    latest,
    next_due,
    pilot_status,
    progress,
    ratio_so_far,
    roi_so_far,
    summarise,
)
from workbench.core.text import visible
from workbench.i18n import Translator


class Says(Protocol):
    """What a warning, an ROI or a ratio needs of a translator (``Translator`` has it)."""

    def __call__(self, key: str, **params: object) -> str: ...

    def has(self, key: str) -> bool: ...

    def money(self, amount: Decimal | float | int, currency: str | None) -> str: ...

    def percent(self, value: Decimal | float, decimals: int = 1) -> str: ...

    def number(self, value: float | Decimal | Fraction | int, decimals: int = 0) -> str: ...


_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~])")


def md(value: object) -> str:
    """User text, inert and escaped for Markdown, on one line."""
    return _MARKDOWN.sub(r"\\\1", visible(value, one_line=True, limit=500))


def warning_text(warning: PilotWarning, i18n: Says) -> str:
    """The warning in the translator's language (phase and decision names translated)."""
    params = dict(warning.params)
    if "phase" in params:
        params["phase"] = i18n(f"pilots.phase.{params['phase']}")
    if "decision" in params:
        params["decision"] = i18n(f"pilots.decision.{params['decision']}")
    for key in ("spent", "planned", "over"):
        if key in params:
            params[key] = i18n.money(Decimal(params[key]), params.get("currency"))
    key = f"pilots.warnings.{warning.key}"
    if warning.key == "reaction_only" and params.get("count") == "1":
        key = "pilots.warnings.reaction_only_one"  # "the only KPI", never "all 1 KPIs"
    if not i18n.has(key):
        return warning.fallback_text()
    try:
        return i18n(key, **params)
    except (KeyError, IndexError, ValueError):
        return warning.fallback_text()


def percent_or_none(value: Fraction | Decimal | None, i18n: Translator) -> str:
    if value is None:
        return i18n("pilots.not_computable")
    return i18n.percent(value * 100 if isinstance(value, Fraction) else value, PERCENT_DECIMALS)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def pilot_report(pilot: Pilot, *, team: str, programme: str, today: date, i18n: Translator) -> str:
    """The whole report as Markdown text (ends with a newline)."""
    t = i18n
    summary = summarise(pilot, today)
    money = t.money
    cur = pilot.currency
    unknown = t("pilots.unknown")

    def day(value: date | None) -> str:
        return value.isoformat() if value else unknown

    def amount(value: Decimal | None) -> str:
        return money(value, cur) if value is not None else unknown

    lines = [f"# {t('pilots.report.title', name=md(pilot.name))}", ""]
    lines.append(f"- **{t('pilots.report.team')}**: {md(team)}")
    lines.append(f"- **{t('pilots.report.programme')}**: {md(programme)}")
    lines.append(f"- **{t('pilots.report.status')}**: {t(f'pilots.status.{pilot_status(pilot)}')}")
    due = next_due(pilot)
    lines.append(f"- **{t('pilots.report.next_due')}**: {day(due) if due else '—'}")
    if pilot.start_reason:
        key = f"pilots.verdict.{pilot.start_verdict or 'none'}"
        verdict = t(key) if t.has(key) else md(pilot.start_verdict)  # a hand-edited file
        lines.append(
            f"- **{t('pilots.report.started_against')}**: {verdict}: {md(pilot.start_reason)}"
        )
    lines.append(f"- **{t('pilots.report.as_of')}**: {today.isoformat()}")
    lines.append("")

    lines += [f"## {t('pilots.report.warnings')}", ""]
    if summary.warnings:
        lines += [f"- ⚠ {md(warning_text(w, t))}" for w in summary.warnings]
    else:
        lines.append(t("pilots.report.no_warning"))
    lines.append("")

    lines += [f"## {t('pilots.report.phases')}", ""]
    rows = []
    for phase in pilot.phases:
        gate = phase.gate
        gate_text = "—"
        if gate is not None:
            gate_text = (
                f"{t(f'pilots.decision.{gate.decision.value}')} ({gate.decided_on.isoformat()}"
                + (f", {md(gate.decided_by)}" if gate.decided_by else "")
                + f"): {md(gate.reason)}"
            )
            if gate.unmeasured_reason:
                gate_text += f" — {t('pilots.report.unmeasured')}: {md(gate.unmeasured_reason)}"
        rows.append(
            [
                t(f"pilots.phase.{phase.kind.value}"),
                t(f"pilots.phase_status.{phase.status.value}"),
                f"{day(phase.planned_start)} → {day(phase.planned_end)}",
                f"{day(phase.actual_start)} → {day(phase.actual_end)}",
                f"{amount(phase.budget_spent)} / {amount(phase.budget_planned)}",
                gate_text,
            ]
        )
    lines += _table(
        [
            t("pilots.report.phase"),
            t("pilots.report.status"),
            t("pilots.report.planned"),
            t("pilots.report.actual"),
            t("pilots.report.spent_of_budget"),
            t("pilots.report.gate"),
        ],
        rows,
    )
    lines.append("")

    lines += [f"## {t('pilots.report.kpis')}", ""]
    if pilot.kpis:
        rows = []
        for kpi in pilot.kpis:
            last = latest(kpi)
            rows.append(
                [
                    t(f"pilots.level.{kpi.level.value}"),
                    md(kpi.name),
                    md(kpi.unit or ""),
                    t(f"pilots.direction.{kpi.direction.value}"),
                    t.smart(kpi.baseline),
                    t.smart(kpi.target),
                    f"{t.smart(last.value)} ({last.on.isoformat()})" if last else unknown,
                    percent_or_none(progress(kpi), t),
                ]
            )
        lines += _table(
            [
                t("pilots.report.level"),
                t("pilots.report.kpi"),
                t("pilots.report.unit"),
                t("pilots.report.direction"),
                t("pilots.report.baseline"),
                t("pilots.report.target"),
                t("pilots.report.latest"),
                t("pilots.report.progress"),
            ],
            rows,
        )
    else:
        lines.append(t("pilots.report.no_kpi"))
    lines.append("")

    lines += [f"## {t('pilots.report.participants')}", ""]
    if pilot.participants:
        rows = [
            [
                md(p.name),
                t(f"pilots.participant_status.{p.status.value}"),
                day(p.certified_on) if p.certified_on else "—",
                day(p.expires_on) if p.expires_on else "—",
            ]
            for p in pilot.participants
        ]
        lines += _table(
            [
                t("pilots.report.name"),
                t("pilots.report.status"),
                t("pilots.report.certified_on"),
                t("pilots.report.expires_on"),
            ],
            rows,
        )
    else:
        lines.append(t("pilots.report.no_participant"))
    lines.append("")

    lines += [f"## {t('pilots.report.money')}", ""]
    rows = []
    for cost in pilot.costs:
        detail = ""
        if cost.kind is CostKind.HOURS and cost.hours is not None and cost.hourly_cost is not None:
            detail = t(
                "pilots.money.hours_detail",
                hours=t.smart(cost.hours),
                rate=money(cost.hourly_cost, cur),
            )
        rows.append(
            [
                t(f"pilots.cost_kind.{cost.kind.value}"),
                md(cost.label),
                detail,
                money(cost.total, cur),
            ]
        )
    for benefit in pilot.benefits:
        rows.append(
            [
                t("pilots.money.benefit"),
                md(benefit.label),
                md(benefit.basis or ""),
                money(benefit.amount, cur),
            ]
        )
    if rows:
        lines += _table(
            [
                t("pilots.report.kind"),
                t("pilots.report.label"),
                t("pilots.report.basis"),
                t("pilots.report.amount"),
            ],
            rows,
        )
        lines.append("")
    breakdown = summary.cost_breakdown
    lines.append(f"- {t('pilots.money.fees')}: {money(breakdown[CostKind.FEES], cur)}")
    lines.append(f"- {t('pilots.money.hours')}: {money(breakdown[CostKind.HOURS], cur)}")
    lines.append(f"- {t('pilots.money.other')}: {money(breakdown[CostKind.OTHER], cur)}")
    lines.append(f"- **{t('pilots.money.total_costs')}**: {money(summary.total_costs, cur)}")
    lines.append(f"- **{t('pilots.money.total_benefits')}**: {money(summary.total_benefits, cur)}")
    lines.append(f"- **{t('pilots.money.roi')}**: {roi_text(roi_so_far(pilot), t)}")
    lines.append(f"- **{t('pilots.money.ratio')}**: {ratio_text(ratio_so_far(pilot), t)}")
    lines.append(
        f"- {t('pilots.money.budget')}: {amount(summary.budget.spent)} / "
        f"{amount(summary.budget.planned)}"
    )
    lines.append("")

    lines += [f"## {t('pilots.report.journal')}", ""]
    if pilot.journal:
        for note in pilot.journal:
            who = f" ({md(note.by)})" if note.by else ""
            lines.append(f"- {note.on.isoformat()}{who}: {md(note.text)}")
    else:
        lines.append(t("pilots.report.no_note"))
    lines.append("")
    return "\n".join(lines)


def roi_text(roi: Decimal | None, i18n: Says) -> str:
    """ROI % with one decimal, or "not computable yet" (never a zero for a missing figure)."""
    if roi is None:
        return i18n("pilots.not_computable")
    return i18n.percent(roi, PERCENT_DECIMALS)


def ratio_text(ratio: Decimal | None, i18n: Says) -> str:
    if ratio is None:
        return i18n("pilots.not_computable")
    return i18n.number(ratio, 2)


def report_filename(pilot: Pilot, today: date, lang: str) -> str:
    """A file name safe on every system: pilot-<id>-<date>-<lang>.md."""
    safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", pilot.id)[:60]
    return f"pilot-{safe_id}-{today.isoformat()}-{lang}.md"
