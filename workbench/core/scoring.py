"""The decision method: weighted total, percentage, verdict, and the range still possible.

All arithmetic is exact (ints and Fractions): a grid of 3s is exactly 60 % and
"investigate", never 60.000000001 % and "pilot".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache

from workbench.core.grid import CRITERION_KEYS, MAX_SCORE, MIN_SCORE, Grid
from workbench.core.percent import rounded

Number = int | Fraction
Bounds = tuple[Number, Number]


class Verdict(StrEnum):
    PILOT = "pilot"
    INVESTIGATE = "investigate"
    ALTERNATIVES = "alternatives"
    CLARIFY_OBJECTIVE = "clarify_objective"


VERDICT_ORDER: tuple[Verdict, ...] = (Verdict.ALTERNATIVES, Verdict.INVESTIGATE, Verdict.PILOT)


def weighted_total(weights: Mapping[str, Number], scores: Mapping[str, Number]) -> Number:
    """S = sum(weight x score) over the criteria."""
    return sum((weights[key] * scores[key] for key in CRITERION_KEYS), start=0)


def maximum(weights: Mapping[str, Number]) -> Number:
    """M = 5 x sum(weights)."""
    return MAX_SCORE * sum((weights[key] for key in CRITERION_KEYS), start=0)


def grid_verdict(total: Number, max_total: Number, grid: Grid) -> Verdict:
    """pilot when S/M > upper threshold, alternatives when S/M < lower, investigate otherwise.

    Both boundaries belong to "investigate"; the comparison is 100·S > T·M, in integers.
    """
    if max_total <= 0:
        raise ValueError("the maximum must be positive")
    if 100 * total > grid.pilot_above * max_total:
        return Verdict.PILOT
    if 100 * total < grid.alternatives_below * max_total:
        return Verdict.ALTERNATIVES
    return Verdict.INVESTIGATE


def apply_objective_rule(verdict: Verdict, objective_measurable: bool) -> Verdict:
    """First rule: no measurable objective, no pilot."""
    if verdict is Verdict.PILOT and not objective_measurable:
        return Verdict.CLARIFY_OBJECTIVE
    return verdict


def percent_tenths(total: Number, max_total: Number) -> Decimal:
    """The percentage rounded half-up to one decimal, exactly (74/115 -> 64.3)."""
    return rounded(Fraction(total) * 100 / Fraction(max_total), 1)


MAX_DECIMALS = 6


def percent_shown(total: Number, max_total: Number, grid: Grid) -> Decimal:
    """The percentage with one decimal, or more when one would look wrong beside a threshold.

    Rounded half-up, with the fewest decimals (at least one) such that the shown value
    lies on the same side of each threshold as the exact one: 33.0 % is never shown for
    a grid at 33.02 % whose pilot threshold is 33 %.
    """
    return _percent_shown(total, max_total, grid.pilot_above, grid.alternatives_below)


@lru_cache(maxsize=4096)
def _percent_shown(
    total: Number, max_total: Number, pilot_above: int, alternatives_below: int
) -> Decimal:
    """``percent_shown`` by value: a few hundred totals recur across thousands of grids."""
    exact = Fraction(total) * 100 / Fraction(max_total)
    decimals = 1
    while True:
        shown = rounded(exact, decimals)
        consistent = all(
            (Fraction(shown) > threshold) == (exact > threshold)
            and (Fraction(shown) < threshold) == (exact < threshold)
            for threshold in (pilot_above, alternatives_below)
        )
        if consistent or decimals >= MAX_DECIMALS:
            return shown
        decimals += 1


def reachable_totals(
    fixed: Number, options: Iterable[tuple[Number, Collection[Number]]]
) -> set[Number]:
    """Every weighted total some completion reaches: ``options`` are (weight, values)."""
    totals: set[Number] = {fixed}
    for weight, values in options:
        totals = {total + weight * value for total in totals for value in values}
    return totals


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What the grid says about one set of scores."""

    grid: Grid
    scores: Mapping[str, Number | None]
    missing: tuple[str, ...]
    low_total: Number
    high_total: Number
    maximum: int
    objective_measurable: bool
    reachable: tuple[Verdict, ...] = ()
    """The grid verdicts (before the objective rule) some completion reaches."""

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def total(self) -> Number | None:
        """The weighted total, only when every criterion is scored."""
        return self.low_total if self.complete else None

    @property
    def percent(self) -> Decimal | None:
        total = self.total
        return None if total is None else percent_shown(total, self.maximum, self.grid)

    @property
    def grid_verdict(self) -> Verdict | None:
        """The grid's verdict before the objective rule; None while scores are missing."""
        total = self.total
        return None if total is None else grid_verdict(total, self.maximum, self.grid)

    @property
    def verdict(self) -> Verdict | None:
        raw = self.grid_verdict
        return None if raw is None else apply_objective_rule(raw, self.objective_measurable)

    @property
    def possible(self) -> tuple[Verdict, ...]:
        """Every verdict some completion of the grid reaches, worst first."""
        ruled = (apply_objective_rule(v, self.objective_measurable) for v in self.reachable)
        return tuple(dict.fromkeys(ruled))

    @property
    def low_percent(self) -> Decimal:
        return percent_shown(self.low_total, self.maximum, self.grid)

    @property
    def high_percent(self) -> Decimal:
        return percent_shown(self.high_total, self.maximum, self.grid)

    @property
    def needs_objective(self) -> bool:
        """Flag "clarify the objective first" (shown whatever the scores)."""
        return not self.objective_measurable


def evaluate(
    grid: Grid,
    scores: Mapping[str, Number | None],
    *,
    objective_measurable: bool = True,
    ranges: Mapping[str, tuple[int, int]] | None = None,
    values: Mapping[str, Collection[Number]] | None = None,
) -> Evaluation:
    """Evaluate scores on a grid.

    A missing score can still take any whole score 1-5; ``ranges`` narrows that to a
    range of whole scores, ``values`` to any set of values (a median can be 3.5).
    """
    options: dict[str, Collection[Number]] = {}
    for key, (lo, hi) in (ranges or {}).items():
        options[key] = range(lo, hi + 1)
    options.update(values or {})
    missing: list[str] = []
    fixed: Number = 0
    lowest: Number = 0  # what the missing scores add, at least and at most
    highest: Number = 0
    open_options: list[tuple[Number, Collection[Number]]] = []
    for key in CRITERION_KEYS:
        weight = grid.weight(key)
        score = scores.get(key)
        if score is None:
            missing.append(key)
            allowed = options.get(key, range(MIN_SCORE, MAX_SCORE + 1))
            if not allowed:
                raise ValueError(f"no value left for {key}")
            lowest += weight * min(allowed)
            highest += weight * max(allowed)
            open_options.append((weight, allowed))
        else:
            if not MIN_SCORE <= score <= MAX_SCORE:
                raise ValueError(f"score {score} for {key} is outside {MIN_SCORE}-{MAX_SCORE}")
            fixed += weight * score
    maximum = grid.maximum
    totals = reachable_totals(fixed, open_options)
    found = {grid_verdict(total, maximum, grid) for total in totals}
    return Evaluation(
        grid=grid,
        scores=dict(scores),
        missing=tuple(missing),
        low_total=fixed + lowest if missing else fixed,
        high_total=fixed + highest if missing else fixed,
        maximum=maximum,
        objective_measurable=objective_measurable,
        reachable=tuple(v for v in VERDICT_ORDER if v in found),
    )
