"""What the models refuse (what no user meant) and what they keep when reading a file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from workbench.core.assessment import Assessment, Rating
from workbench.core.catalogue import Price, PriceKind, Programme
from workbench.core.pilot import Gate, GateDecision, Kpi, KpiLevel, Measurement
from workbench.core.rules import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, STORED
from workbench.core.team import Objective, Team
from workbench.core.text import has_control, is_blank


def error_type(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return error.value.errors()[0]["type"]


@pytest.mark.parametrize(
    "name",
    [
        "\u200b",
        "\u200b\u2060",
        "\u202e",
        "\ufeff \u200d",
        "\u3164",
        "\u3164\u3164 \u3164",
        "\u2800\u2800",
        "\u115f\u1160",
        "\uffa0",
        "\u0301\u0302",
        "\u20dd",
        " \u0301\u3164\u2800\u200b ",
    ],
)
def test_names_of_invisible_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as error:
        Team(name=name)
    assert error_type(error) == "invisible"


@pytest.mark.parametrize("name", ["e\u0301", "\u3164a", "\u2801", "한국", "\u0627\u064e"])
def test_names_with_something_to_show_are_kept(name: str) -> None:
    assert Team(name=name).name == name


@pytest.mark.parametrize(
    "name", ["a\x1bb", "\x1b]52;c;aGVsbG8=\x07", "HR\nrecruitment", "Ops\tplant", "a\x00", "\x9b"]
)
def test_control_characters_in_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as error:
        Programme(name=name, provider="p")
    assert error_type(error) == "control_chars_line"


def test_names_have_one_limit() -> None:
    assert Team(name="x" * MAX_NAME_LENGTH).name == "x" * MAX_NAME_LENGTH
    with pytest.raises(ValidationError) as error:
        Team(name="x" * (MAX_NAME_LENGTH + 1))
    assert error_type(error) == "too_long"
    with pytest.raises(ValidationError):
        Team(name="t", department="d" * (MAX_NAME_LENGTH + 1))


def test_a_name_with_visible_text_and_joiners_is_kept() -> None:
    assert Team(name="👩\u200d💻 team").name == "👩\u200d💻 team"
    assert Team(name="  Ventes  ").name == "Ventes"


def test_reasons_and_notes_keep_new_lines_and_tabs_but_refuse_escapes() -> None:
    assert Rating(reason="line1\nline2\tend").reason == "line1\nline2\tend"
    with pytest.raises(ValidationError) as error:
        Rating(reason="a\x1b[2Jb")
    assert error_type(error) == "control_chars"
    with pytest.raises(ValidationError):
        Assessment(team_id="t", programme_id="p", notes="bell\x07")
    assert Programme(name="n", provider="p", notes="a\nb").notes == "a\nb"
    with pytest.raises(ValidationError):
        Programme(name="n", provider="p", notes="\x1b]2;title\x07")


def test_reasons_have_one_limit() -> None:
    assert len(Rating(reason="r" * MAX_TEXT_LENGTH).reason) == MAX_TEXT_LENGTH
    with pytest.raises(ValidationError) as error:
        Rating(reason="r" * (MAX_TEXT_LENGTH + 1))
    assert error_type(error) == "too_long"


@pytest.mark.parametrize("code", ["XYZ", "EU", "EURO", "E1R", "ABC"])
def test_currencies_are_iso_4217(code: str) -> None:
    with pytest.raises(ValidationError) as error:
        Price(kind=PriceKind.AMOUNT, amount=Decimal(1), currency=code)
    assert error_type(error) == "currency"


def test_a_currency_is_upper_cased() -> None:
    assert Price(kind=PriceKind.AMOUNT, amount=Decimal(1), currency=" eur ").currency == "EUR"
    assert Price(kind=PriceKind.AMOUNT, amount=Decimal(1), currency="CHF").currency == "CHF"


@pytest.mark.parametrize(
    "url",
    [
        "https://",
        "http://",
        "https:///path",
        "https://exa mple.com",
        "https://example.com/a b",
        "https://example.com/\n",
        "https://example.com/\x1b]52;c;x\x07",
        "ftp://example.com",
        "javascript:alert(1)",
        "example.com",
        "https://[::1",
    ],
)
def test_urls_need_http_a_host_and_no_spaces(url: str) -> None:
    with pytest.raises(ValidationError) as error:
        Programme(name="n", provider="p", url=url)
    assert error_type(error) == "url"


@pytest.mark.parametrize(
    "url", ["https://example.com", "http://a.b/c?d=e#f", "HTTPS://EXAMPLE.COM/x", "https://[::1]/"]
)
def test_good_urls_are_kept(url: str) -> None:
    assert Programme(name="n", provider="p", url=url).url == url


def test_stored_text_is_read_as_written() -> None:
    """An old or hand-edited file opens: its text is kept exactly, to be shown inert."""
    raw = {
        "name": "  \x1b]2;pwned\x07 ",
        "provider": "\u200b",
        "audience": "",
        "platform": "   ",
        "topics": ["'; DROP TABLE teams; --", "a", "A", " b "],
        "url": "https://",
        "price": {"kind": "amount", "amount": "1", "currency": "xyz", "note": ""},
        "notes": "x" * 10_000,
    }
    programme = Programme.model_validate(raw, context=STORED)
    for key in ("name", "provider", "audience", "platform", "topics", "url", "notes"):
        assert getattr(programme, key) == raw[key]
    assert programme.price.currency == "xyz"
    team = Team.model_validate(
        {"name": "HR\nrecruitment", "department": "", "objective": {"metric": ""}},
        context=STORED,
    )
    assert (team.name, team.department) == ("HR\nrecruitment", "")
    assert not team.objective.is_measurable  # an empty metric is still no metric


def test_stored_structure_is_still_checked() -> None:
    with pytest.raises(ValidationError):
        Team.model_validate({"name": "   "}, context=STORED)
    with pytest.raises(ValidationError):
        Team.model_validate({"name": "t", "headcount": 0}, context=STORED)


def test_an_empty_metric_is_missing() -> None:
    assert "metric" in Objective.model_validate({"metric": " "}, context=STORED).missing()


@given(st.text(max_size=300))
def test_an_accepted_name_is_visible_and_clean(text: str) -> None:
    try:
        name = Team(name=text).name
    except ValidationError:
        return
    assert not has_control(name)
    assert not is_blank(name)
    assert len(name) <= MAX_NAME_LENGTH
    assert name == name.strip()


def test_pilot_text_follows_the_same_rules() -> None:
    assert Gate(decision=GateDecision.GO, reason="KPIs met\nscale", decided_on=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        Gate(decision=GateDecision.GO, reason="\x1b]2;t\x07", decided_on=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        Kpi(name="\u200b", level=KpiLevel.RESULTS, baseline=1, target=2)
    with pytest.raises(ValidationError):
        Measurement(on=date(2026, 1, 1), value=1, note="\x07")
