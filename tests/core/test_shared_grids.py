"""Assessments read with equal grids share one frozen grid; a grid changed on one of them
changes no other."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

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
