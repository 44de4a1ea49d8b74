"""Long names are cut so that what tells them apart stays: the code in brackets, the number."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from workbench.ui.text import fit_cell


def test_a_trailing_number_or_code_stays_after_the_ellipsis() -> None:
    assert fit_cell(Text("Engineering team 0147"), 16).plain == "Engineering…0147"
    assert fit_cell(Text("Engineering team 0147"), 20).plain == "Engineering tea…0147"
    code = fit_cell(Text("AWS Certified Machine Learning Engineer - Associate (MLA-C01)"), 28)
    assert code.plain.endswith("… (MLA-C01)")
    assert code.cell_len == 28
    assert fit_cell(Text("Short (X)"), 28).plain == "Short (X)"
    assert fit_cell(Text("No code but a very long programme name"), 10).plain == "No code b…"


def test_the_style_of_each_part_is_kept() -> None:
    styled = Text.assemble(("Engineering team ", "bold"), ("0147", "red"))
    fitted = fit_cell(styled, 16)
    assert fitted.plain == "Engineering…0147"
    assert {span.style for span in fitted.spans} >= {"bold", "red"}


@given(st.text(min_size=0, max_size=60), st.integers(min_value=1, max_value=40))
def test_never_wider_than_its_cell(text: str, width: int) -> None:
    fitted = fit_cell(Text(text.replace("\n", " ")), width)
    assert fitted.cell_len <= width


@given(
    st.text(alphabet="abcdefghij ", min_size=12, max_size=50),
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=10, max_value=30),
)
def test_two_names_that_differ_by_their_number_stay_apart(
    head: str, number: int, width: int
) -> None:
    first = fit_cell(Text(f"{head} {number:04}"), width).plain
    second = fit_cell(Text(f"{head} {(number + 1) % 10_000:04}"), width).plain
    assert first != second
