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
from workbench.core.catalogue import Programme
from workbench.core.consensus import CriterionSpread, evaluate_consensus, spreads
from workbench.core.grid import CRITERIA, CRITERIA_BY_KEY
from workbench.core.markdown import inline
from workbench.core.robustness import Headline, ScoreFlip, headline, smallest_flips
from workbench.core.robustness_words import headline_sentence
from workbench.core.scoring import Evaluation, Number, Verdict, apply_objective_rule
from workbench.core.team import Team


class Messages(Protocol):
    """What the memo needs of a translator (``workbench.i18n.Translator`` has it all)."""

    lang: str

    def __call__(self, key: str, **params: object) -> str: ...

    def percent(self, value: Decimal | float, decimals: int = 1) -> str: ...

    def smart(self, value: float | Decimal | Fraction | int) -> str: ...

    def number(self, value: float | Decimal | Fraction | int, decimals: int = 0) -> str: ...


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

    @property
    def verdict(self) -> Verdict | None:
        return self.evaluation.verdict

    @property
    def disputed(self) -> list[CriterionSpread]:
        return [spread for spread in self.spreads if spread.disputed]


def section(assessment: Assessment, programme: Programme | None, team: Team) -> MemoSection:
    evaluation = evaluate_consensus(assessment, objective_measurable=team.objective.is_measurable)
    flips: list[ScoreFlip] = []
    if evaluation.complete:
        complete = {k: s for k, s in evaluation.scores.items() if s is not None}
        flips = smallest_flips(evaluation.grid, complete)
    return MemoSection(
        assessment,
        programme,
        evaluation,
        tuple(spreads(assessment)),
        tuple(flips),
        headline(evaluation),
    )


def sections(
    team: Team,
    assessments: Iterable[Assessment],
    programmes: Mapping[str, Programme],
    programme_id: str | None = None,
) -> list[MemoSection]:
    """The team's assessments (of one programme if given), by programme name."""
    chosen = [
        section(a, programmes.get(a.programme_id), team)
        for a in assessments
        if a.team_id == team.id and (programme_id is None or a.programme_id == programme_id)
    ]
    return sorted(
        chosen,
        key=lambda s: (s.programme.name.casefold() if s.programme else "", s.assessment.id),
    )


def memo(team: Team, parts: Sequence[MemoSection], t: Messages, *, today: date) -> str:
    """The whole memo of ``team``, in ``t``'s language, as Markdown."""
    lines = [f"# {t('reports.memo.title', team=inline(team.name))}", ""]
    facts = [t("reports.memo.date", date=today.isoformat())]
    if team.department:
        facts.append(inline(team.department))
    key = "reports.memo.people_one" if team.headcount == 1 else "reports.memo.people"
    facts.append(t(key, count=t.number(team.headcount)))
    lines += [" · ".join(facts), ""]
    lines += _objective(team, t)
    if not parts:
        lines += [f"_{t('reports.memo.no_assessment')}_", ""]
    for part in parts:
        lines += _section(team, part, t)
    return "\n".join(lines).rstrip("\n") + "\n"


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


def _section(team: Team, part: MemoSection, t: Messages) -> list[str]:
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
    lines += _grid(part, t)
    lines += _reasons(assessment, t)
    lines += _robustness(part, t)
    lines += _discuss(part, t)
    lines += _next_step(team, part, t)
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
        cells.append(_score(median, t))
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
    flips = part.flips
    if not flips:
        return [*lines, ""]
    measurable = evaluation.objective_measurable

    def turned(flip: ScoreFlip) -> str:
        return _verdict_word(apply_objective_rule(flip.verdict, measurable), t)

    lines += ["", t("reports.memo.flips_intro")]
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


def _next_step(team: Team, part: MemoSection, t: Messages) -> list[str]:
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
    close = [flip.key for flip in part.flips]
    disputed = [spread.key for spread in part.disputed]
    to_find = list(dict.fromkeys([*disputed, *close, *weakest]))
    return [
        *lines,
        t("reports.next.investigate_intro"),
        "",
        *(f"- {CRITERIA_BY_KEY[key].label(t.lang)}" for key in to_find),
        "",
        t("reports.next.investigate_then"),
        "",
    ]


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
