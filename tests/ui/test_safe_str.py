"""ui.text.safe_str returns a plain printable string as it is, without looking at each
character (pickers build thousands of options): always what core.text.visible returns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_text import HOSTILE
from workbench.core.text import visible
from workbench.ui.text import ONE_LINE_LIMIT, safe_str

TRICKY = "a é\n\t\r\x1b\u200b\u00a0\u2028😀\x7f\u0301\u3000\u202e…"


@given(
    st.one_of(st.text(), st.text(alphabet=TRICKY), st.sampled_from(HOSTILE)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=80)),
    st.booleans(),
)
def test_safe_str_is_visible(value: str, limit: int | None, one_line: bool) -> None:
    expected_limit = ONE_LINE_LIMIT if one_line and limit is None else limit
    expected = visible(value, one_line=one_line, limit=expected_limit)
    assert safe_str(value, one_line=one_line, limit=limit) == expected


def test_a_printable_name_comes_back_whole_and_a_long_one_cut() -> None:
    assert safe_str("AWS Certified AI Practitioner (AIF-C01)") == (
        "AWS Certified AI Practitioner (AIF-C01)"
    )
    assert safe_str("x" * 80, limit=70) == "x" * 69 + "…"
    assert safe_str(None) == ""
    assert safe_str(12) == "12"
