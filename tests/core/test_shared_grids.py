"""Assessments read with equal grids share one frozen grid; a grid changed on one of them
changes no other."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from workbench.core import grid as grid_module
from workbench.core.assessment import Assessment
from workbench.core.grid import CRITERION_KEYS, Grid, default_weights
from workbench.core.rules import STORED

AT = datetime(2026, 12, 2, tzinfo=UTC)


def read(grid: dict[str, object]) -> Assessment:
    return Assessment.model_validate(
        {"team_id": "t", "programme_id": "p", "grid": grid}, context=STORED
    )


def test_equal_grids_are_one_object_and_a_change_stays_on_its_assessment() -> None:
    first, second = read({"weights": default_weights()}), read({"weights": default_weights()})
    assert first.grid is second.grid
    changed = first.with_grid(Grid(weights={**default_weights(), "total_cost": 9}), by="a", at=AT)
    assert changed.grid.weights["total_cost"] == 9
    assert second.grid.weights["total_cost"] == 4
    assert first.grid.weights["total_cost"] == 4


weights = st.fixed_dictionaries({key: st.integers(1, 10) for key in CRITERION_KEYS})


@given(weights, weights, st.integers(40, 99), st.integers(40, 99))
def test_a_shared_grid_is_always_equal_to_the_one_read(
    one: dict[str, int], other: dict[str, int], pilot_one: int, pilot_other: int
) -> None:
    grids = [
        {"weights": one, "pilot_above": pilot_one, "alternatives_below": 40},
        {"weights": other, "pilot_above": pilot_other},
    ]
    for grid, given_weights in zip(grids, (one, other), strict=True):
        assessment = read(grid)
        assert assessment.grid == Grid.model_validate(grid)
        assert assessment.grid.model_fields_set == set(grid)
        assert list(assessment.grid.weights.items()) == list(given_weights.items())


def test_the_shared_grids_stay_few() -> None:
    for pilot_above in range(40, 40 + grid_module.SHARED_GRIDS + 10):
        read({"pilot_above": min(pilot_above, 99)})
    assert len(grid_module._shared) <= grid_module.SHARED_GRIDS


values = st.one_of(st.integers(-1, 12), st.booleans(), st.sampled_from([2.0, 2.5, "3", None, [1]]))
grids = st.dictionaries(
    st.sampled_from(["weights", "pilot_above", "alternatives_below", "extra"]),
    st.one_of(
        st.dictionaries(st.sampled_from([*CRITERION_KEYS, "other"]), values, max_size=7),
        values,
    ),
)


def outcome(validate: object, value: object, depth: int = 0) -> object:
    """The grid's fields, weights in order and fields given, or the errors (type, where)."""
    try:
        grid = validate(value)  # type: ignore[operator]
    except ValidationError as error:
        return sorted((e["type"], e["loc"][depth:]) for e in error.errors())
    return (grid.model_dump(), list(grid.weights.items()), grid.model_fields_set)


@given(st.lists(grids, max_size=6))
def test_a_grid_read_through_an_assessment_is_the_grid_of_its_value(
    read_grids: list[dict[str, object]],
) -> None:
    """Whatever was read before (1, 1.0 and true are one weight; order is kept)."""
    for value in read_grids * 2:
        through = outcome(lambda v: read(v).grid, value, depth=1)
        assert through == outcome(Grid.model_validate, value)
