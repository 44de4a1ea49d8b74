"""The portfolio in sentences: the next step never lists a team as both added and removed."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tests.core.test_portfolio import pair, priced
from workbench.core.portfolio import Cap, CapKind, Goal, NextStep, choose
from workbench.core.portfolio_words import next_step_sentence, proof_sentence
from workbench.i18n import Translator

NAMES = {
    "t147": "Engineering team 0147",
    "t164": "Sales team 0164",
    "t332": "Sales team 0332",
}
PROGRAMMES = {f"p{n}": f"Programme {n}" for n in range(10)}


def say(step: NextStep, lang: str = "en") -> str:
    return next_step_sentence(step, "USD", Translator(lang), NAMES.__getitem__, PROGRAMMES.get)


def test_one_team_funded_instead_of_another() -> None:
    step = NextStep(
        extra=Decimal(200),
        adds=(pair(1, "t164"),),
        drops=(pair(2, "t147"),),
        teams_gained=1,
        total_gained=Fraction(0),
    )
    assert say(step).replace("\xa0", " ") == (
        "Next step: 200 USD more funds Sales team 0164 instead of Engineering team 0147: "
        "+1 team, +0 points"
    )
    assert say(step, "fr").replace("\u202f", " ").replace("\xa0", " ") == (
        "Étape suivante : avec 200 USD de plus, on finance Sales team 0164 au lieu de "
        "Engineering team 0147 : +1 équipe, +0 point"
    )


def test_a_team_whose_programme_changes_moves_it_is_not_added_and_removed() -> None:
    """The issue's headline: '+ Engineering team 0147 + Sales team 0164 − Engineering team
    0147 − Sales team 0332'."""
    step = NextStep(
        extra=Decimal(70),
        adds=(pair(1, "t147"), pair(4, "t164")),
        drops=(pair(2, "t147"), pair(3, "t332")),
        teams_gained=0,
        total_gained=Fraction(4),
    )
    said = say(step).replace("\xa0", " ")
    assert said == (
        "Next step: 70 USD more funds Sales team 0164 instead of Sales team 0332 and moves "
        "Engineering team 0147 from Programme 2 to Programme 1: 0 teams, +4 points"
    )
    assert said.count("Engineering team 0147") == 1
    french = say(step, "fr")
    assert "Engineering team 0147 passe de Programme 2 à Programme 1" in french
    assert french.count("Engineering team 0147") == 1


def test_added_only_and_dropped_only() -> None:
    added = NextStep(Decimal(5), (pair(1, "t164"), pair(2, "t332")), (), 2, Fraction(161, 2))
    assert "funds Sales team 0164, Sales team 0332: +2 teams, +80.5 points" in say(added)
    dropped = NextStep(Decimal(5), (), (pair(2, "t332"),), -1, Fraction(3))
    assert "stops funding Sales team 0332" in say(dropped)


def test_proof_sentence_names_the_bound() -> None:
    pairs = [pair(n, f"t{n}", 80 + n % 7, price=priced(100 + n % 13)) for n in range(60)]
    stopped = choose(pairs, Decimal(2_000), "EUR", time_limit=0)
    assert proof_sentence(stopped, Translator("en")) is not None
    assert proof_sentence(choose(pairs, Decimal(2_000), "EUR"), Translator("en")) is None
    teams = choose(
        pairs, Decimal(2_000), "EUR", goal=Goal.TEAMS, cap=Cap(CapKind.SEATS, Decimal(9))
    )
    assert teams.proven
