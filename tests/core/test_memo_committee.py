"""The memo a committee signs: money, running pilots, ranking, next step, caveats, sign-off,
and a smallest-changes list that agrees with the robustness headline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.assessment import Assessment, Rating, now_utc
from workbench.core.catalogue import Price, PriceBasis, PriceKind, Programme
from workbench.core.grid import CRITERION_KEYS, Grid
from workbench.core.memo import (
    NEXT_STEP_CRITERIA,
    change_text,
    cost_line,
    investigate_criteria,
    memo,
    memo_file_name,
    ranked,
    section,
    sections,
)
from workbench.core.memo_money import Exchange, Stated, figure
from workbench.core.money import MissingRate, Money, Rate, Rates
from workbench.core.pilot import Pilot
from workbench.core.pricing import CostUnknown
from workbench.core.robustness import headline
from workbench.core.robustness_words import headline_sentence
from workbench.core.sample import SampleData, load_sample
from workbench.core.scoring import Verdict, evaluate
from workbench.core.team import Objective, Team
from workbench.i18n import Translator

TODAY = date(2026, 12, 7)
MEASURABLE = Objective(metric="m", target=2, baseline=1, horizon_months=6)


@pytest.fixture(scope="module")
def sample() -> SampleData:
    return load_sample()


def sample_memo(sample: SampleData, team_id: str, lang: str, currency: str | None = "EUR") -> str:
    team = next(t for t in sample.teams if t.id == team_id)
    programmes = {p.id: p for p in sample.programmes}
    parts = sections(team, sample.assessments, programmes, pilots=sample.pilots)
    return memo(
        team,
        parts,
        Translator(lang),
        today=TODAY,
        pilots=sample.pilots,
        programmes=programmes,
        prepared_by="claire",
        currency=currency,
        rates=Rates(sample.rates),
    )


def test_the_industrial_managers_memo_speaks_of_their_running_pilot(sample: SampleData) -> None:
    text = sample_memo(sample, "team-industrial-managers", "en")
    assert "## Pilots already started for this team" in text
    assert "7,400\u00a0EUR of 8,000\u00a0EUR spent in this phase" in text
    assert "(68 days ago)" in text
    assert "Started although the verdict was ALTERNATIVES: The plant director asked" in text
    assert "AI for business, 20 managers already runs" in text  # not only "do not certify"
    french = sample_memo(sample, "team-industrial-managers", "fr")
    assert "7\u202f400\u00a0EUR dépensés sur 8\u202f000\u00a0EUR dans cette phase" in french
    assert "(il y a 68 jours)" in french
    assert "Lancé alors que le verdict était ALTERNATIVES : " in french


def test_the_ecommerce_memo_says_its_pilot_already_runs_at_roi_32(sample: SampleData) -> None:
    text = sample_memo(sample, "team-ecommerce-content", "en")
    assert "ROI so far: 32.3\u00a0%" in text
    assert "Prompting for product descriptions already runs (in progress, ROI 32.3\u00a0%)" in text
    assert "## Recommendation" in text  # two programmes reach PILOT
    assert "1. **ChatGPT Prompt Engineering for Developers**: 99.5 / 115" in text
    assert (
        "2. **Google AI Essentials**: 92 / 115 (80.0\u00a0%) · 882\u00a0USD ≈ 811.44\u00a0EUR "
        "at 0.92 EUR per USD, 2026-12-01, ECB reference rate · 8.82\u00a0EUR per point"
    ) in text
    assert "a pilot already runs" in text
    assert (
        "**Cost over the pilot:** 6 seats × 49\u00a0USD / month × 3 months = 882\u00a0USD "
        "≈ 811.44\u00a0EUR at 0.92 EUR per USD, 2026-12-01, ECB reference rate\n"
    ) in text
    assert "checked on 2026-11-23" in text
    french = sample_memo(sample, "team-ecommerce-content", "fr")
    assert (
        "**Coût sur le pilote :** 6 places × 49\u00a0USD / mois × 3 mois = 882\u00a0USD "
        "≈ 811,44\u00a0EUR au taux de 0,92 EUR pour 1 USD, 2026-12-01, ECB reference rate\n"
    ) in french
    assert "8,82\u00a0EUR par point" in french
    assert "ROI à ce jour : 32,3\u00a0%" in french
    assert "## Recommandation" in french
    assert "## Validation" in french


def test_every_sample_memo_has_facts_and_a_sign_off(sample: SampleData) -> None:
    for team in sample.teams:
        for lang in ("en", "fr"):
            text = sample_memo(sample, team.id, lang)
            t = Translator(lang)
            assert f"## {t('reports.memo.sign_off')}" in text
            assert f"**{t('reports.memo.prepared_by')}** claire" in text
            assert "- [ ] " in text
            assert f"| {t('reports.memo.sign_name')} |" in text
            assert f"### {t('reports.memo.facts')}" in text


def programme(amount: str | None = "100", currency: str = "EUR") -> Programme:
    price = (
        Price(kind=PriceKind.AMOUNT, amount=Decimal(amount), currency=currency)
        if amount is not None
        else Price()
    )
    return Programme(name=f"P {amount} {currency}", provider="Q", price=price)


def scored(
    team: Team, prog: Programme, scores: list[int], reason: str | None = "why"
) -> Assessment:
    assessment = Assessment(team_id=team.id, programme_id=prog.id)
    for key, score in zip(CRITERION_KEYS, scores, strict=True):
        assessment = assessment.with_rating(
            "ann", key, Rating(score=score, reason=reason or ""), at=now_utc()
        )
    return assessment


def test_two_pilot_verdicts_are_ranked_by_total_then_cost_per_point() -> None:
    team = Team(name="T", headcount=4, objective=MEASURABLE)
    cheap, dear, best = programme("10"), programme("20"), programme("500")
    parts = [
        section(scored(team, dear, [4, 4, 4, 4, 4, 4]), dear, team),
        section(scored(team, cheap, [4, 4, 4, 4, 4, 4]), cheap, team),
        section(scored(team, best, [5, 5, 5, 5, 5, 5]), best, team),
    ]
    found = ranked(parts, None)
    assert found.compared
    assert [p.programme for p in found.order] == [best, cheap, dear]
    text = memo(team, parts, Translator("en"), today=TODAY)
    assert "Recommended first: **P 500 EUR**." in text
    assert "40\u00a0EUR · 0.43\u00a0EUR per point" in text  # 4 x 10 EUR for 92 points


def test_costs_in_two_currencies_are_not_compared_per_point() -> None:
    team = Team(name="T", headcount=1, objective=MEASURABLE)
    euro, dollar = programme("10", "EUR"), programme("10", "USD")
    parts = [section(scored(team, p, [4] * 6), p, team) for p in (euro, dollar)]
    assert not ranked(parts, None).compared
    text = memo(team, parts, Translator("en"), today=TODAY)
    assert "not compared per point (no exchange rate)" in text


def usd_eur(on: date = date(2026, 12, 1)) -> Rate:
    return Rate(from_="USD", to="EUR", rate=Decimal("0.92"), on=on, source="ECB reference rate")


def test_costs_in_two_currencies_convert_and_rank_per_point_in_the_reader_s() -> None:
    team = Team(name="T", headcount=1, objective=MEASURABLE)
    euro, dollar = programme("10", "EUR"), programme("10", "USD")
    parts = [section(scored(team, p, [4] * 6), p, team) for p in (euro, dollar)]
    exchange = Exchange("EUR", Rates([usd_eur()]), TODAY)
    found = ranked(parts, exchange)
    assert found.compared
    assert [p.programme for p in found.order] == [dollar, euro]  # 9.20 EUR < 10 EUR
    assert found.per_point[parts[1].assessment.id] == Fraction(92, 10) / 92
    text = memo(team, parts, Translator("en"), today=TODAY, currency="eur", rates=exchange.rates)
    assert "10\u00a0USD ≈ 9.20\u00a0EUR at 0.92 EUR per USD, 2026-12-01" in text
    assert "0.10\u00a0EUR per point" in text


def test_a_gbp_programme_without_a_gbp_eur_rate_says_so_in_a_euro_memo() -> None:
    team = Team(name="T", headcount=2, objective=MEASURABLE)
    pound, dollar = programme("65", "GBP"), programme("10", "USD")
    parts = [section(scored(team, p, [4] * 6), p, team) for p in (pound, dollar)]
    rates = Rates([usd_eur()])
    found = ranked(parts, Exchange("EUR", rates, TODAY))
    assert not found.compared
    assert found.missing == MissingRate("GBP", "EUR")
    for lang, said, why in (
        ("en", "130\u00a0GBP (no GBP→EUR rate)", "not compared per point: no GBP→EUR rate."),
        ("fr", "130\u00a0GBP (pas de taux GBP→EUR)", "par point : pas de taux GBP→EUR."),
    ):
        text = memo(team, parts, Translator(lang), today=TODAY, currency="EUR", rates=rates)
        assert said in text
        assert why in text


def test_a_rate_is_stated_once_per_section_and_a_stale_one_is_flagged() -> None:
    team = Team(name="T", headcount=2, objective=MEASURABLE)
    dollar = programme("10", "USD")
    part = section(scored(team, dollar, [4] * 6), dollar, team)
    rates = Rates([usd_eur(on=date(2026, 10, 1))])
    text = memo(team, [part], Translator("en"), today=TODAY, currency="EUR", rates=rates)
    facts = text.split("### Cost and catalogue facts")[1].split("###")[0]
    assert "20\u00a0USD ≈ 18.40\u00a0EUR at 0.92 EUR per USD, 2026-10-01" in facts
    assert "older than 30 days" in facts
    exchange = Exchange("EUR", rates, TODAY)
    stated = Stated()
    t = Translator("en")
    first = figure(Money(Decimal(20), "USD"), exchange, t, stated)
    again = figure(Money(Decimal(20), "USD"), exchange, t, stated)
    assert first.startswith("20\u00a0USD ≈ 18.40\u00a0EUR at ")
    assert again == "20\u00a0USD ≈ 18.40\u00a0EUR"


def test_the_months_of_the_pilot_then_of_the_assessment_cost_a_subscription() -> None:
    team = Team(name="T", headcount=6, objective=MEASURABLE)
    monthly = Programme(
        name="Monthly",
        provider="Q",
        price=Price(
            kind=PriceKind.AMOUNT,
            amount=Decimal(49),
            currency="USD",
            basis=PriceBasis.SEAT_MONTH,
            months=3,
        ),
    )
    assessment = scored(team, monthly, [4] * 6).model_copy(update={"months": 5})
    t = Translator("en")
    assert (
        cost_line(section(assessment, monthly, team), t, None, Stated())
        == "6 seats × 49\u00a0USD / month × 5 months = 1,470\u00a0USD"
    )
    pilot = Pilot(name="P", team_id=team.id, programme_id=monthly.id, months=1)
    [part] = sections(team, [assessment], {monthly.id: monthly}, pilots=[pilot])
    assert (
        cost_line(part, t, None, Stated())
        == "6 seats × 49\u00a0USD / month × 1 month = 294\u00a0USD"
    )
    yearly = monthly.model_copy(
        update={"price": monthly.price.model_copy(update={"basis": PriceBasis.SEAT_YEAR})}
    )
    part = section(assessment.model_copy(update={"months": 13}), yearly, team)
    assert cost_line(part, Translator("fr"), None, Stated()) == (
        "6 places × 49\u00a0USD / an × 2 ans (13 mois) = 588\u00a0USD"
    )
    unknown = monthly.model_copy(
        update={"price": monthly.price.model_copy(update={"months": None})}
    )
    part = section(scored(team, unknown, [4] * 6), unknown, team)
    assert part.cost is CostUnknown.NO_MONTHS
    assert "nobody gave" in memo(team, [part], t, today=TODAY)


def test_caveats_unknown_price_missing_reasons_and_a_perfect_grid() -> None:
    team = Team(name="T", objective=MEASURABLE)
    unknown = programme(None)
    part = section(scored(team, unknown, [5] * 6, reason=None), unknown, team)
    text = memo(team, [part], Translator("en"), today=TODAY)
    assert "### Caveats" in text
    assert "The price is unknown" in text
    assert "A 100 % grid with no reason written" in text
    assert "price not verified" in text
    priced = programme("10")
    partial = scored(team, priced, [4] * 6).with_rating(
        "ann", "alternatives", Rating(score=4), at=now_utc()
    )
    text = memo(team, [section(partial, priced, team)], Translator("fr"), today=TODAY)
    assert "Aucune justification écrite pour : Alternatives." in text


def test_investigate_names_at_most_three_criteria() -> None:
    team = Team(name="T", objective=MEASURABLE)
    prog = programme()
    assessment = Assessment(team_id=team.id, programme_id=prog.id)
    for name, scores in (("ann", [1, 5, 1, 5, 1, 5]), ("bob", [5, 1, 5, 1, 5, 1])):
        for key, score in zip(CRITERION_KEYS, scores, strict=True):
            assessment = assessment.with_rating(name, key, Rating(score=score), at=now_utc())
    part = section(assessment, prog, team)
    assert part.verdict is Verdict.INVESTIGATE
    assert len(part.disputed) == 6
    chosen = investigate_criteria(part)
    assert len(chosen) == NEXT_STEP_CRITERIA
    flipping = [move.key for move in part.headline.nearest.moves]  # type: ignore[union-attr]
    assert chosen[: len(flipping)] == flipping[:NEXT_STEP_CRITERIA]
    text = memo(team, [part], Translator("en"), today=TODAY)
    step = text.split("### Next step")[1].split("###")[0]
    assert step.count("\n- ") == NEXT_STEP_CRITERIA


def test_the_file_name_is_safe_and_made_of_the_names() -> None:
    team = Team.model_validate({"name": "../.Équipe/ «web»\x1b"}, context={"stored": True})
    prog = Programme(name="AI Essentials: 2026", provider="Google")
    name = memo_file_name(team, prog, TODAY, "fr")
    assert name == "memo-Équipe-web-AI-Essentials-2026-2026-12-07-fr.md"
    assert (
        memo_file_name(Team(id="t-1", name="///"), None, TODAY, "en") == "memo-t-1-2026-12-07-en.md"
    )
    for bad in ("/", "\\", "\x1b", "\n"):
        assert bad not in name
    assert not name.startswith(".")


# the property: the list and the headline come from one function and agree


@st.composite
def grids(draw: st.DrawFn) -> tuple[Assessment, Team, Programme]:
    weights = {key: draw(st.integers(0, 10)) for key in CRITERION_KEYS}
    if not any(weights.values()):
        weights[CRITERION_KEYS[0]] = 1
    alternatives = draw(st.integers(1, 60))
    pilot = draw(st.integers(alternatives, 99))
    grid = Grid(weights=weights, pilot_above=pilot, alternatives_below=alternatives)
    measurable = draw(st.booleans())
    team = Team(name="T", objective=MEASURABLE if measurable else Objective())
    prog = programme()
    assessment = Assessment(team_id=team.id, programme_id=prog.id, grid=grid)
    for name in draw(st.sampled_from([["ann"], ["ann", "bob"]])):
        for key in CRITERION_KEYS:
            score = draw(st.integers(1, 5))
            assessment = assessment.with_rating(name, key, Rating(score=score), at=now_utc())
    return assessment, team, prog


@settings(max_examples=300, deadline=None)
@given(grids())
def test_the_smallest_changes_agree_with_the_headline(
    case: tuple[Assessment, Team, Programme],
) -> None:
    assessment, team, prog = case
    part = section(assessment, prog, team)
    found = headline(part.evaluation)
    assert part.headline == found
    t = Translator("en")
    text = memo(team, [part], t, today=TODAY)
    robustness = text.split("### Robustness")[1].split("### ")[0]
    assert headline_sentence(found, t) in robustness
    if found.nearest is None:
        assert part.changes == ()
        return
    assert part.changes[0] == found.nearest
    assert min(change.points for change in part.changes) == found.points
    listed = (
        robustness.split("One criterion alone")[0] if "One criterion" in robustness else robustness
    )
    assert change_text(found.nearest, t) in listed
    scores = dict(part.evaluation.scores)
    for change in part.changes:
        moved = {**scores, **{move.key: move.new for move in change.moves}}
        after = evaluate(assessment.grid, moved, objective_measurable=team.objective.is_measurable)
        assert after.verdict is change.verdict
        assert after.verdict is not part.verdict


HOSTILE = "a | b\n# Title\r\n[x](javascript:alert(1)) *bold* <script>\x1b[31m`code`"


def test_a_pilot_s_text_cannot_break_the_memo(sample: SampleData) -> None:
    pilot = sample.pilots[1].model_copy(update={"name": HOSTILE, "start_reason": HOSTILE})
    team = next(t for t in sample.teams if t.id == pilot.team_id)
    programmes = {p.id: p for p in sample.programmes}
    parts = sections(team, sample.assessments, programmes)
    text = memo(team, parts, Translator("en"), today=TODAY, pilots=[pilot], prepared_by=HOSTILE)
    assert "\x1b" not in text
    assert "\r" not in text
    assert "<script>" not in text
    assert "# Title" not in text.replace("\\# Title", "")
    assert "](" not in text.replace("\\](", "")
