"""The decision memo: what a committee reads about one team, as a Markdown document.

Pure: it takes the team, its assessments with their programmes, and a translator (any
callable with the methods of ``Messages``: the i18n ``Translator`` is one). Every value
typed by a person goes through ``markdown.inline`` so it cannot break the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from workbench.core.assessment import Assessment
from workbench.core.catalogue import PriceKind, Programme, Status
from workbench.core.consensus import CriterionSpread, evaluate_consensus, median_bounds, spreads
from workbench.core.freshness import FACTS_MAX_AGE_DAYS, facts_are_old, months_between
from workbench.core.grid import CRITERIA, CRITERIA_BY_KEY
from workbench.core.markdown import inline
from workbench.core.memo_money import (
    Exchange,
    PilotCost,
    Stated,
    arithmetic,
    comparable,
    figure,
    not_compared_text,
    pilot_cost,
)
from workbench.core.money import NO_CURRENCY, MissingRate, Money, Rates
from workbench.core.pilot import Pilot
from workbench.core.pilot_metrics import budget, current_phase, pilot_status, roi_so_far, warnings
from workbench.core.pilot_report import roi_text, warning_text
from workbench.core.pricing import CostUnknown
from workbench.core.robustness import (
    Direction,
    Headline,
    MinimalFlip,
    ScoreFlip,
    headline,
    smallest_flips,
)
from workbench.core.robustness_words import headline_sentence, moves_text, points_text
from workbench.core.scoring import Evaluation, Number, Verdict, apply_objective_rule
from workbench.core.team import Team

SIGN_COLUMNS = ("name", "role", "date", "signature")
NEXT_STEP_CRITERIA = 3
"""An INVESTIGATE memo names at most this many criteria to look into."""


class Messages(Protocol):
    """What the memo needs of a translator (``workbench.i18n.Translator`` has it all)."""

    lang: str

    def __call__(self, key: str, **params: object) -> str: ...

    def percent(self, value: Decimal | float, decimals: int = 1) -> str: ...

    def smart(self, value: float | Decimal | Fraction | int) -> str: ...

    def number(self, value: float | Decimal | Fraction | int, decimals: int = 0) -> str: ...

    def money(self, amount: Decimal | float | int, currency: str | None) -> str: ...

    def has(self, key: str) -> bool: ...

    def date(self, value: date | None) -> str: ...


@dataclass(frozen=True, slots=True)
class MemoSection:
    """One assessment of the team, evaluated on the group's median scores."""

    assessment: Assessment
    programme: Programme | None
    evaluation: Evaluation
    spreads: tuple[CriterionSpread, ...]
    flips: tuple[ScoreFlip, ...]
    headline: Headline
    """What the Scoring screen and the Compare tab say of the verdict's robustness."""
    cost: PilotCost | CostUnknown | None = None
    """The programme's cost for the team over the pilot, or why it is unknown; None
    without a programme."""
    seats: int = 0

    @property
    def money(self) -> Money | None:
        """The cost over the pilot, None when it is unknown."""
        return self.cost.money if isinstance(self.cost, PilotCost) else None

    @property
    def changes(self) -> tuple[MinimalFlip, ...]:
        """The smallest changes that turn the verdict, nearest first: the headline's own."""
        return smallest_changes(self.headline)

    @property
    def verdict(self) -> Verdict | None:
        return self.evaluation.verdict

    @property
    def disputed(self) -> list[CriterionSpread]:
        return [spread for spread in self.spreads if spread.disputed]


def smallest_changes(found: Headline) -> tuple[MinimalFlip, ...]:
    """The headline's minimal flips (over any combination of criteria), in the order the
    headline picks its nearest: fewest points, fewest criteria, down before up."""
    return tuple(
        sorted(found.flips, key=lambda f: (f.points, len(f.moves), f.direction is Direction.UP))
    )


def section(
    assessment: Assessment,
    programme: Programme | None,
    team: Team,
    pilot_months: int | None = None,
) -> MemoSection:
    """One assessment's section; ``pilot_months`` the months of the team's pilot of the
    programme, when it has its own (they override the assessment's)."""
    measurable = team.objective.is_measurable
    evaluation = evaluate_consensus(assessment, objective_measurable=measurable)
    flips: list[ScoreFlip] = []
    if evaluation.complete:
        complete = {k: s for k, s in evaluation.scores.items() if s is not None}
        flips = smallest_flips(evaluation.grid, complete, objective_measurable=measurable)
    return MemoSection(
        assessment,
        programme,
        evaluation,
        tuple(spreads(assessment)),
        tuple(flips),
        headline(evaluation),
        (
            pilot_cost(programme, team.headcount, pilot_months, assessment.months)
            if programme is not None
            else None
        ),
        team.headcount,
    )


def sections(
    team: Team,
    assessments: Iterable[Assessment],
    programmes: Mapping[str, Programme],
    programme_id: str | None = None,
    pilots: Iterable[Pilot] = (),
) -> list[MemoSection]:
    """The team's assessments (of one programme if given), by programme name; a pilot of
    the team that gives its months costs its programme over them."""
    months: dict[str, int] = {}
    for pilot in sorted(pilots, key=lambda p: (p.created_at, p.id)):
        if pilot.team_id == team.id and pilot.months is not None:
            months[pilot.programme_id] = pilot.months
    chosen = [
        section(a, programmes.get(a.programme_id), team, months.get(a.programme_id))
        for a in assessments
        if a.team_id == team.id and (programme_id is None or a.programme_id == programme_id)
    ]
    return sorted(
        chosen,
        key=lambda s: (s.programme.name.casefold() if s.programme else "", s.assessment.id),
    )


def memo(
    team: Team,
    parts: Sequence[MemoSection],
    t: Messages,
    *,
    today: date,
    pilots: Iterable[Pilot] = (),
    programmes: Mapping[str, Programme] | None = None,
    prepared_by: str | None = None,
    currency: str | None = None,
    facts_max_age_days: int = FACTS_MAX_AGE_DAYS,
    rates: Rates | None = None,
) -> str:
    """The whole memo of ``team``, in ``t``'s language, as Markdown.

    ``pilots`` may hold every pilot of the data file: the memo keeps the team's own.
    ``currency`` is the reader's (None: each amount in its own currency); an amount in
    another converts at the latest of ``rates`` and says so once per section. Facts checked
    more than ``facts_max_age_days`` ago are flagged.
    """
    exchange = Exchange(currency, rates or Rates(), today) if currency else None
    names = {p.id: p.name for p in (programmes or {}).values()}
    names.update({part.programme.id: part.programme.name for part in parts if part.programme})
    running = sorted(
        (p for p in pilots if p.team_id == team.id), key=lambda p: (p.name.casefold(), p.id)
    )
    lines = [f"# {t('reports.memo.title', team=inline(team.name))}", ""]
    facts = [t("reports.memo.date", date=today.isoformat())]
    if team.department:
        facts.append(inline(team.department))
    key = "reports.memo.people_one" if team.headcount == 1 else "reports.memo.people"
    facts.append(t(key, count=t.number(team.headcount)))
    lines += [" · ".join(facts), ""]
    lines += _objective(team, t)
    lines += _pilots(running, names, t, today=today, exchange=exchange)
    lines += _ranking(parts, t, exchange, {p.programme_id for p in running})
    if not parts:
        lines += [f"_{t('reports.memo.no_assessment')}_", ""]
    for part in parts:
        here = [p for p in running if p.programme_id == part.assessment.programme_id]
        lines += _section(
            team,
            part,
            t,
            today=today,
            pilots=here,
            exchange=exchange,
            max_age=facts_max_age_days,
            catalogue=programmes or {},
        )
    lines += _sign_off(parts, running, t, today=today, prepared_by=prepared_by)
    return "\n".join(lines).rstrip("\n") + "\n"


def memo_file_name(team: Team, programme: Programme | None, today: date, lang: str) -> str:
    """memo-<team>[-<programme>]-<date>-<lang>.md, from the names: letters (any script),
    digits, '-' and '_' only, so no slash, no control character and no leading dot."""
    parts = [_name_part(team.name, team.id)]
    if programme is not None:
        parts.append(_name_part(programme.name, programme.id))
    return "-".join(["memo", *parts, today.isoformat(), lang]) + ".md"


def _name_part(name: str, fallback: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
    cleaned = "-".join(piece for piece in cleaned.split("-") if piece)[:60].strip("-_")
    if not cleaned:
        fallback_clean = "".join(c if c.isalnum() or c in "-_" else "-" for c in fallback)
        cleaned = fallback_clean.strip("-_")[:60] or "x"
    return cleaned


def _pilots(
    running: Sequence[Pilot],
    names: Mapping[str, str],
    t: Messages,
    *,
    today: date,
    exchange: Exchange | None,
) -> list[str]:
    """The pilots already started for the team: where each stands, and what went wrong."""
    if not running:
        return []
    lines = [f"## {t('reports.memo.pilots')}", ""]
    for pilot in running:
        programme = inline(names.get(pilot.programme_id, pilot.programme_id))
        status = t(f"pilots.status.{pilot_status(pilot)}")
        lines.append(
            "- "
            + t(
                "reports.memo.pilot_line",
                name=inline(pilot.name),
                programme=programme,
                status=status,
            )
        )
        stated = Stated(inline=False)
        phase = current_phase(pilot)
        if phase is not None:
            where = t(
                "reports.memo.pilot_phase",
                phase=t(f"pilots.phase.{phase.kind.value}"),
                status=t(f"pilots.phase_status.{phase.status.value}"),
            )
            if phase.budget_spent is not None and phase.budget_planned is not None:
                where += " · " + t(
                    "reports.memo.pilot_spent",
                    spent=figure(Money(phase.budget_spent, pilot.currency), exchange, t, stated),
                    budget=figure(Money(phase.budget_planned, pilot.currency), exchange, t, stated),
                )
            lines.append(f"  - {where}")
        totals = _pilot_totals(pilot, t, exchange, stated)
        if totals:
            lines.append(f"  - {totals}")
        lines += [f"  - {line}" for line in stated.lines(t)]
        lines.append(f"  - {t('reports.memo.pilot_roi', roi=roi_text(roi_so_far(pilot), t))}")
        if pilot.start_reason:
            lines.append("  - " + started_against(pilot, t))
        for warning in warnings(pilot, today):
            lines.append(f"  - ⚠ {inline(warning_text(warning, t))}")
    lines.append("")
    return lines


def started_against(pilot: Pilot, t: Messages) -> str:
    """'Started although the verdict was ALTERNATIVES: <reason>'."""
    verdict = t(f"reports.verdict.{pilot.start_verdict}") if pilot.start_verdict else "—"
    return t(
        "reports.memo.started_against",
        verdict=verdict.upper(),
        reason=inline(pilot.start_reason or ""),
    )


def _pilot_totals(pilot: Pilot, t: Messages, exchange: Exchange | None, stated: Stated) -> str:
    spent = budget(pilot)
    if spent.spent is None or spent.planned is None:
        return ""
    return t(
        "reports.memo.pilot_total",
        spent=figure(Money(spent.spent, pilot.currency), exchange, t, stated),
        budget=figure(Money(spent.planned, pilot.currency), exchange, t, stated),
    )


@dataclass(frozen=True, slots=True)
class Ranking:
    """The PILOT sections, best first, and their costs per point."""

    order: list[MemoSection]
    per_point: dict[str, Fraction]
    """Cost per point by assessment id, in ``currency``; empty when costs are not compared."""
    currency: str | None
    compared: bool
    missing: MissingRate | None = None
    """The rate whose absence stopped the comparison."""


def ranked(parts: Sequence[MemoSection], exchange: Exchange | None) -> Ranking:
    """The PILOT sections, best first: highest total, then lowest cost per point (an unknown
    cost last), the costs converted into the reader's currency at the stated rates."""
    chosen = [p for p in parts if p.verdict is Verdict.PILOT and p.evaluation.total is not None]
    known = [(p, p.money) for p in chosen if p.money is not None]
    amounts = comparable([money for _, money in known], exchange)
    per_point: dict[str, Fraction] = {}
    currency = exchange.currency if exchange is not None else None
    if isinstance(amounts, list):
        if currency is None:
            currency = next((m.currency for _, m in known if m.amount != 0), None)
        for (part, _), amount in zip(known, amounts, strict=True):
            total = Fraction(part.evaluation.total or 0)
            if total > 0:
                per_point[part.assessment.id] = Fraction(amount) / total

    def key(part: MemoSection) -> tuple[Fraction, int, Fraction, str]:
        total = Fraction(part.evaluation.total or 0)
        cost = per_point.get(part.assessment.id)
        return (-total, 0 if cost is not None else 1, cost or Fraction(0), part.assessment.id)

    return Ranking(
        sorted(chosen, key=key),
        per_point,
        currency,
        isinstance(amounts, list),
        amounts if isinstance(amounts, MissingRate) else None,
    )


def _ranking(
    parts: Sequence[MemoSection], t: Messages, exchange: Exchange | None, running: set[str]
) -> list[str]:
    found = ranked(parts, exchange)
    order = found.order
    if len(order) < 2:
        return []
    lines = [f"## {t('reports.memo.ranking')}", "", t("reports.memo.ranking_intro"), ""]
    stated = Stated()
    for index, part in enumerate(order, start=1):
        evaluation = part.evaluation
        name = _programme_name(part)
        total = f"{t.smart(evaluation.total or 0)} / {evaluation.maximum}"
        money = part.money
        if money is None:
            cost = _unknown_cost(part, t)
        elif money.amount == 0:
            cost = t("reports.memo.free")
        else:
            cost = figure(money, exchange, t, stated)
            each = found.per_point.get(part.assessment.id)
            if each is not None:
                per = Money(
                    Decimal(each.numerator) / Decimal(each.denominator),
                    found.currency or NO_CURRENCY,
                )
                shown = per.rounded()
                amount = t.money(shown.amount, shown.currency if found.currency else None)
                cost += " · " + t("reports.memo.per_point", amount=amount)
        percent = t.percent(evaluation.percent or 0)
        line = f"{index}. " + t(
            "reports.memo.ranking_line", name=name, total=total, percent=percent, cost=cost
        )
        if part.assessment.programme_id in running:
            line += " · " + t("reports.memo.ranking_running")
        lines.append(line)
    if not found.compared:
        lines += ["", not_compared_text(found.missing, t)]
    lines += ["", t("reports.memo.ranking_first", name=_programme_name(order[0])), ""]
    return lines


def _unknown_cost(part: MemoSection, t: Messages) -> str:
    if part.cost is CostUnknown.NO_MONTHS:
        return t("reports.memo.months_unknown")
    return t("reports.memo.price_not_verified")


def _programme_name(part: MemoSection) -> str:
    return inline(part.programme.name) if part.programme else inline(part.assessment.programme_id)


def _sign_off(
    parts: Sequence[MemoSection],
    running: Sequence[Pilot],
    t: Messages,
    *,
    today: date,
    prepared_by: str | None,
) -> list[str]:
    lines = [f"## {t('reports.memo.sign_off')}", ""]
    lines.append(
        f"- **{t('reports.memo.prepared_by')}** {inline(prepared_by) if prepared_by else '—'}"
    )
    lines.append(f"- **{t('reports.memo.prepared_on')}** {today.isoformat()}")
    lines += ["", f"**{t('reports.memo.decision')}**", ""]
    for pilot in running:
        lines.append(f"- [ ] {t('reports.memo.box_running', name=inline(pilot.name))}")
    started = {pilot.programme_id for pilot in running}
    for part in parts:
        if part.verdict is Verdict.PILOT and part.assessment.programme_id not in started:
            lines.append(f"- [ ] {t('reports.memo.box_fund', programme=_programme_name(part))}")
    for key in ("box_alternatives", "box_investigate", "box_stop"):
        lines.append(f"- [ ] {t(f'reports.memo.{key}')}")
    lines += [
        "",
        "| "
        + " | ".join(t(f"reports.memo.sign_{c}") for c in ("name", "role", "date", "signature"))
        + " |",
        "|---|---|---|---|",
    ]
    lines += ["|  |  |  |  |"] * 3
    lines.append("")
    return lines


def _objective(team: Team, t: Messages) -> list[str]:
    objective = team.objective
    lines = [f"## {t('reports.memo.objective')}", ""]
    if objective.statement:
        lines.append(f"- **{t('reports.memo.statement')}** {inline(objective.statement)}")
    if objective.metric:
        metric = inline(objective.metric)
        if objective.unit:
            metric += f" ({inline(objective.unit)})"
        lines.append(f"- **{t('reports.memo.metric')}** {metric}")
    if objective.baseline is not None:
        lines.append(f"- **{t('reports.memo.baseline')}** {t.smart(objective.baseline)}")
    if objective.target is not None:
        lines.append(f"- **{t('reports.memo.target')}** {t.smart(objective.target)}")
    if objective.horizon_months is not None:
        months = objective.horizon_months
        horizon = t("reports.memo.months_one" if months == 1 else "reports.memo.months", n=months)
        lines.append(f"- **{t('reports.memo.horizon')}** {horizon}")
    if len(lines) > 2:
        lines.append("")
    missing = objective.missing()
    if missing:
        gaps = ", ".join(t(f"reports.gap.{gap}") for gap in missing)
        lines += [
            f"> **⚠ {t('reports.memo.clarify_title')}** {t('reports.memo.clarify', gaps=gaps)}",
            "",
        ]
    return lines


def _score(value: Number | None, t: Messages) -> str:
    return "—" if value is None else t.smart(value)


def _verdict_word(verdict: Verdict, t: Messages) -> str:
    return t(f"reports.verdict.{verdict.value}").upper()


def _section(
    team: Team,
    part: MemoSection,
    t: Messages,
    *,
    today: date,
    pilots: Sequence[Pilot],
    exchange: Exchange | None,
    max_age: int = FACTS_MAX_AGE_DAYS,
    catalogue: Mapping[str, Programme] | None = None,
) -> list[str]:
    assessment, evaluation = part.assessment, part.evaluation
    programme = part.programme
    title = inline(programme.name) if programme else inline(assessment.programme_id)
    if programme is not None:
        title = t("reports.memo.programme", name=title, provider=inline(programme.provider))
    lines = [f"## {title}", ""]
    assessors = assessment.assessors
    who = (
        t("reports.memo.assessors", count=len(assessors), names=", ".join(map(inline, assessors)))
        if assessors
        else t("reports.memo.no_assessor")
    )
    verdict = evaluation.verdict
    if verdict is not None and evaluation.total is not None and evaluation.percent is not None:
        lines.append(
            t(
                "reports.memo.verdict",
                verdict=_verdict_word(verdict, t),
                total=t.smart(evaluation.total),
                maximum=evaluation.maximum,
                percent=t.percent(evaluation.percent),
            )
            + f" · {who}"
        )
    else:
        possible = t("reports.memo.or").join(_verdict_word(v, t) for v in evaluation.possible)
        lines.append(
            t(
                "reports.memo.open",
                scored=len(CRITERIA) - len(evaluation.missing),
                total=len(CRITERIA),
                possible=possible,
                low=t.percent(evaluation.low_percent),
                high=t.percent(evaluation.high_percent),
            )
            + f" · {who}"
        )
    lines.append("")
    lines += _facts(
        part, t, today=today, exchange=exchange, max_age=max_age, catalogue=catalogue or {}
    )
    for pilot in pilots:
        lines += [f"> **{t('reports.memo.already_running', name=inline(pilot.name))}**", ""]
    lines += _grid(part, t)
    lines += _reasons(assessment, t)
    lines += _robustness(part, t)
    lines += _discuss(part, t)
    lines += _next_step(team, part, t, pilots=pilots)
    lines += _caveats(part, t)
    return lines


def _facts(
    part: MemoSection,
    t: Messages,
    *,
    today: date,
    exchange: Exchange | None,
    max_age: int = FACTS_MAX_AGE_DAYS,
    catalogue: Mapping[str, Programme] | None = None,
) -> list[str]:
    """What the programme costs the team over the pilot, and the catalogue's facts with
    their source and the date they were checked."""
    programme = part.programme
    if programme is None:
        return []
    lines = [f"### {t('reports.memo.facts')}", ""]
    price = programme.price
    cost = cost_line(part, t, exchange, Stated())
    if price.note:
        cost += f" ({inline(price.note)})"
    lines.append(f"- **{t('reports.memo.cost')}** {cost}")
    details = []
    if programme.level is not None:
        details.append(t(f"catalogue.level.{programme.level.value}"))
    if programme.credential is not None:
        details.append(t(f"catalogue.credential.{programme.credential.value}"))
    if programme.hours_label:
        hours = programme.hours_label
        details.append(
            t("reports.memo.hours", hours=hours.replace(".", ",") if t.lang == "fr" else hours)
        )
    if programme.platform:
        details.append(inline(programme.platform))
    if details:
        lines.append(f"- **{t('reports.memo.what')}** " + " · ".join(details))
    if programme.status is not Status.ACTIVE:
        status = t(f"catalogue.status.{programme.status.value}")
        if programme.status_date is not None:
            status += " " + t("reports.memo.since", date=programme.status_date.isoformat())
        successor = programme.successor_name(catalogue or {})
        if successor is not None:
            status += f" → {inline(successor)}"
        lines.append(f"- **{t('reports.memo.status')}** {status}")
    if programme.notes:
        lines.append(f"- **{t('reports.memo.notes')}** {inline(programme.notes)}")
    source = [inline(programme.url)] if programme.url else []
    if programme.source:
        source.append(inline(programme.source))
    checked = programme.checked_on
    if checked is not None:
        said = t("reports.memo.checked_on", date=checked.isoformat())
        if facts_are_old(programme, today, max_age):
            said += " " + t("reports.memo.stale", months=months_between(checked, today))
        source.append(said)
    else:
        source.append(t("reports.memo.never_checked"))
    lines.append(f"- **{t('reports.memo.source')}** " + " · ".join(source))
    lines.append("")
    return lines


def cost_line(part: MemoSection, t: Messages, exchange: Exchange | None, stated: Stated) -> str:
    """The cost over the pilot with its arithmetic: "6 seats × 49 USD / month × 3 months =
    882 USD ≈ 811.44 EUR at 0.92 EUR per USD, 2026-12-01, ECB reference rate"."""
    found = part.cost
    if not isinstance(found, PilotCost):
        return _unknown_cost(part, t)
    if part.programme is not None and part.programme.price.kind is PriceKind.FREE:
        return t("reports.memo.free")
    return arithmetic(found, figure(found.money, exchange, t, stated), t)


def _caveats(part: MemoSection, t: Messages) -> list[str]:
    """What the committee should know before trusting the figures."""
    found = []
    if part.programme is not None and part.cost is CostUnknown.NO_PRICE:
        found.append(t("reports.memo.caveat_price"))
    elif part.programme is not None and part.cost is CostUnknown.NO_MONTHS:
        found.append(t("reports.memo.caveat_months"))
    assessment = part.assessment
    unexplained = [
        criterion.label(t.lang)
        for criterion in CRITERIA
        if part.evaluation.grid.weight(criterion.key) > 0
        and not any(assessment.rating(name, criterion.key).reason for name in assessment.assessors)
    ]
    if (
        part.evaluation.percent is not None
        and part.evaluation.percent == 100
        and len(unexplained) == len([c for c in CRITERIA if part.evaluation.grid.weight(c.key) > 0])
    ):
        found.append(t("reports.memo.caveat_perfect"))
    elif unexplained:
        found.append(t("reports.memo.caveat_reasons", criteria=", ".join(unexplained)))
    if not found:
        return []
    lines = [f"### {t('reports.memo.caveats')}", ""]
    lines += [f"- ⚠ {text}" for text in found]
    lines.append("")
    return lines


def _grid(part: MemoSection, t: Messages) -> list[str]:
    assessment, evaluation = part.assessment, part.evaluation
    grid = evaluation.grid
    assessors = assessment.assessors
    header = [t("reports.memo.col_criterion"), t("reports.memo.col_weight")]
    header += [inline(name) for name in assessors]
    header += [t("reports.memo.col_median"), t("reports.memo.col_weighted")]
    lines = [
        f"### {t('reports.memo.grid')}",
        "",
        "| " + " | ".join(header) + " |",
        "|---|---:|" + "---:|" * (len(assessors) + 2),
    ]
    for criterion in CRITERIA:
        key = criterion.key
        cells = [criterion.label(t.lang), str(grid.weight(key))]
        for name in assessors:
            rating = assessment.rating(name, key)
            if rating.score is None and rating.low is not None and rating.high is not None:
                cells.append(f"{rating.low}–{rating.high}")
            else:
                cells.append(_score(rating.score, t))
        median = evaluation.scores.get(key)
        bounds = median_bounds(assessment, key) if median is None else None
        if bounds is not None and bounds[0] != bounds[1]:
            cells.append(f"{t.smart(bounds[0])}–{t.smart(bounds[1])}")
        else:
            cells.append(_score(bounds[0] if bounds else median, t))
        cells.append("—" if median is None else t.smart(grid.weight(key) * median))
        lines.append("| " + " | ".join(cells) + " |")
    total = evaluation.total
    summary = f"**{t.smart(total)} / {evaluation.maximum}**" if total is not None else "—"
    blanks = [""] * len(assessors)
    weights = str(sum(grid.weights.values()))
    lines.append(
        "| " + " | ".join([f"**{t('reports.memo.total')}**", weights, *blanks, "", summary]) + " |"
    )
    lines += [
        "",
        t(
            "reports.memo.thresholds",
            pilot=t.percent(grid.pilot_above, 0),
            alternatives=t.percent(grid.alternatives_below, 0),
        ),
        "",
    ]
    return lines


def _reasons(assessment: Assessment, t: Messages) -> list[str]:
    lines = [f"### {t('reports.memo.reasons')}", ""]
    found = False
    for criterion in CRITERIA:
        given = [
            (name, assessment.rating(name, criterion.key))
            for name in assessment.assessors
            if assessment.rating(name, criterion.key).reason
        ]
        if not given:
            continue
        found = True
        lines.append(f"- **{criterion.label(t.lang)}**")
        for name, rating in given:
            if rating.score is not None:
                score = str(rating.score)
            elif rating.low is not None and rating.high is not None:
                score = f"{rating.low}–{rating.high}"
            else:
                score = "—"
            reason = t(
                "reports.memo.reason", name=inline(name), score=score, reason=inline(rating.reason)
            )
            lines.append(f"  - {reason}")
    if not found:
        lines.append(f"_{t('reports.memo.no_reasons')}_")
    lines.append("")
    return lines


def _robustness(part: MemoSection, t: Messages) -> list[str]:
    lines = [f"### {t('reports.memo.robustness')}", ""]
    evaluation = part.evaluation
    if not evaluation.complete or evaluation.grid_verdict is None:
        return [*lines, t("reports.memo.robustness_incomplete"), ""]
    lines.append(f"**{headline_sentence(part.headline, t)}**")
    changes = part.changes
    if not changes:
        return [*lines, ""]
    lines += ["", t("reports.memo.changes_intro")]
    for change in changes:
        lines.append("- " + change_text(change, t))
    flips = part.flips
    if flips:
        measurable = evaluation.objective_measurable

        def turned(flip: ScoreFlip) -> str:
            return _verdict_word(apply_objective_rule(flip.verdict, measurable), t)

        lines += ["", t("reports.memo.one_criterion_intro")]
        for flip in flips:
            lines.append(
                "- "
                + t(
                    "reports.memo.flip",
                    criterion=CRITERIA_BY_KEY[flip.key].label(t.lang),
                    current=t.smart(flip.current),
                    new=flip.new,
                    verdict=turned(flip),
                )
            )
    lines.append("")
    return lines


def change_text(change: MinimalFlip, t: Messages) -> str:
    """'To INVESTIGATE, 1 point: Business impact 4 → 3'."""
    return t(
        "reports.memo.change",
        verdict=_verdict_word(change.verdict, t),
        points=points_text(change.points, t),
        moves=moves_text(change.moves, t),
    )


def _discuss(part: MemoSection, t: Messages) -> list[str]:
    lines = [f"### {t('reports.memo.discuss')}", ""]
    disputed = part.disputed
    if not disputed:
        key = (
            "reports.memo.discuss_single"
            if len(part.assessment.assessors) < 2
            else "reports.memo.discuss_none"
        )
        return [*lines, t(key), ""]
    for spread in disputed:
        scores = ", ".join(
            f"{inline(name)} {score}" for name, score in sorted(spread.scores.items())
        )
        label = f"**{CRITERIA_BY_KEY[spread.key].label(t.lang)}**"
        lines.append("- " + t("reports.memo.gap", criterion=label, gap=spread.gap, scores=scores))
    lines.append("")
    return lines


def _next_step(
    team: Team, part: MemoSection, t: Messages, *, pilots: Sequence[Pilot] = ()
) -> list[str]:
    lines = [f"### {t('reports.memo.next_step')}", ""]
    evaluation = part.evaluation
    verdict = evaluation.verdict
    programme = (
        inline(part.programme.name) if part.programme else inline(part.assessment.programme_id)
    )
    if evaluation.needs_objective:
        lines += [f"**{t('reports.next.clarify_first')}**", ""]
    if verdict is None:
        missing = ", ".join(CRITERIA_BY_KEY[key].label(t.lang) for key in evaluation.missing)
        return [*lines, t("reports.next.incomplete", criteria=missing), ""]
    if verdict is Verdict.CLARIFY_OBJECTIVE:
        return [*lines, t("reports.next.clarify"), ""]
    for pilot in pilots:
        lines += [
            t(
                "reports.next.running",
                name=inline(pilot.name),
                status=t(f"pilots.status.{pilot_status(pilot)}"),
                roi=roi_text(roi_so_far(pilot), t),
            ),
            "",
        ]
    if verdict is Verdict.PILOT and pilots:
        return lines
    if verdict is Verdict.PILOT:
        objective = team.objective
        metric = inline(objective.metric or "")
        lines += [
            t("reports.next.pilot_intro"),
            "",
            "1. "
            + t(
                "reports.next.pilot_scope",
                metric=metric,
                baseline=t.smart(objective.baseline) if objective.baseline is not None else "—",
                target=t.smart(objective.target) if objective.target is not None else "—",
                months=objective.horizon_months or "—",
            ),
            "2. " + t("reports.next.pilot_run", programme=programme),
            "3. " + t("reports.next.pilot_decide"),
            "",
        ]
        return lines
    weakest = _weakest(evaluation)
    criteria = ", ".join(CRITERIA_BY_KEY[key].label(t.lang) for key in weakest)
    if verdict is Verdict.ALTERNATIVES:
        return [
            *lines,
            t("reports.next.alternatives_intro", criteria=criteria),
            "",
            "- " + t("reports.next.alternative_mentoring"),
            "- " + t("reports.next.alternative_project"),
            "- " + t("reports.next.alternative_on_the_job"),
            "",
        ]
    to_find = investigate_criteria(part)
    return [
        *lines,
        t("reports.next.investigate_intro"),
        "",
        *(f"- {CRITERIA_BY_KEY[key].label(t.lang)}" for key in to_find),
        "",
        t("reports.next.investigate_then"),
        "",
    ]


def investigate_criteria(part: MemoSection) -> list[str]:
    """At most three criteria to look into: those of the nearest change that turns the
    verdict, then those the assessors dispute, then those of the other changes."""
    changes = part.changes
    nearest = [move.key for move in changes[0].moves] if changes else []
    others = [move.key for change in changes[1:] for move in change.moves]
    disputed = [spread.key for spread in part.disputed]
    return list(dict.fromkeys([*nearest, *disputed, *others]))[:NEXT_STEP_CRITERIA]


def _weakest(evaluation: Evaluation, count: int = 2) -> list[str]:
    """The criteria that weigh most against certifying: lowest score, heaviest first."""
    scored = [
        (score, -evaluation.grid.weight(key), index, key)
        for index, (key, score) in enumerate(
            (c.key, evaluation.scores.get(c.key)) for c in CRITERIA
        )
        if score is not None and evaluation.grid.weight(key) > 0
    ]
    return [key for *_, key in sorted(scored)[:count]]
