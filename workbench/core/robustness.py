"""How robust a verdict is: the score changes that flip it, and each weight's stable interval.

Flips are searched on the grid's verdict and reported after the objective rule (a team with
no measurable objective can only reach "clarify the objective", never "pilot"); weight
intervals are the same either way. Everything is exact, with Fractions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache
from math import lcm

from workbench.core.grid import CRITERION_KEYS, MAX_SCORE, MAX_WEIGHT, MIN_SCORE, Grid
from workbench.core.scoring import (
    VERDICT_ORDER,
    Evaluation,
    Number,
    Verdict,
    apply_objective_rule,
    grid_verdict,
    maximum,
    weighted_total,
)

FRAGILE_POINTS = 1
"""A verdict that one score point can turn is fragile."""
ROBUST_POINTS = 4
"""A verdict that needs this many score points or more to turn is robust."""


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


class Level(StrEnum):
    """How a manager should read the verdict."""

    INCOMPLETE = "incomplete"
    FRAGILE = "fragile"
    CLOSE = "close"
    ROBUST = "robust"
    FIXED = "fixed"
    """No score change gives another verdict."""


@dataclass(frozen=True, slots=True)
class Move:
    key: str
    current: Number
    new: int

    @property
    def points(self) -> Number:
        delta: Number = self.new - self.current
        return -delta if delta < 0 else delta


@dataclass(frozen=True, slots=True)
class MinimalFlip:
    """The fewest score points, over any combination of criteria, that change the verdict
    in one direction, with one change that does it."""

    direction: Direction
    points: Number
    moves: tuple[Move, ...]
    verdict: Verdict
    """The verdict the example change gives, after the objective rule."""


@dataclass(frozen=True, slots=True)
class Headline:
    """What a manager reads first: how far the verdict is from any other."""

    level: Level
    verdict: Verdict | None
    nearest: MinimalFlip | None = None
    flips: tuple[MinimalFlip, ...] = ()
    possible: tuple[Verdict, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def points(self) -> Number | None:
        return self.nearest.points if self.nearest else None


@dataclass(frozen=True, slots=True)
class ScoreFlip:
    """Moving ``key`` from ``current`` to ``new`` changes the verdict to ``verdict``."""

    key: str
    current: Number
    new: int
    verdict: Verdict

    @property
    def change(self) -> Number:
        delta: Number = self.new - self.current
        return -delta if delta < 0 else delta


@dataclass(frozen=True, slots=True)
class WeightInterval:
    """The weights of ``key`` (the others fixed) for which the verdict stays the same.

    ``high`` is None when the verdict holds however large the weight. ``lowest`` and
    ``highest`` are the whole weights in 0-10 inside the interval.
    """

    key: str
    weight: int
    low: Fraction
    low_closed: bool
    high: Fraction | None
    high_closed: bool
    lowest: int
    highest: int

    def contains(self, weight: Number) -> bool:
        above = weight >= self.low if self.low_closed else weight > self.low
        if self.high is None:
            return above
        below = weight <= self.high if self.high_closed else weight < self.high
        return above and below


def _verdict(weights: Mapping[str, Number], scores: Mapping[str, Number], grid: Grid) -> Verdict:
    return grid_verdict(weighted_total(weights, scores), maximum(weights), grid)


def score_flips(
    grid: Grid, scores: Mapping[str, Number], *, objective_measurable: bool = True
) -> list[ScoreFlip]:
    """For each criterion and direction, the nearest whole score that flips the verdict."""
    current = _verdict(grid.weights, scores, grid)
    flips: list[ScoreFlip] = []
    for key in CRITERION_KEYS:
        here = scores[key]
        downs = [s for s in range(MAX_SCORE, MIN_SCORE - 1, -1) if s < here]
        ups = [s for s in range(MIN_SCORE, MAX_SCORE + 1) if s > here]
        for candidates in (downs, ups):
            for new in candidates:
                verdict = _verdict(grid.weights, {**scores, key: new}, grid)
                if verdict is not current:
                    ruled = apply_objective_rule(verdict, objective_measurable)
                    flips.append(ScoreFlip(key, here, new, ruled))
                    break
    return flips


def smallest_flips(
    grid: Grid, scores: Mapping[str, Number], *, objective_measurable: bool = True
) -> list[ScoreFlip]:
    """The single-criterion flips needing the smallest score change, heaviest criteria first."""
    flips = score_flips(grid, scores, objective_measurable=objective_measurable)
    if not flips:
        return []
    least = min(flip.change for flip in flips)
    return sorted(
        (f for f in flips if f.change == least),
        key=lambda f: (-grid.weight(f.key), CRITERION_KEYS.index(f.key), f.new),
    )


def minimal_flip(
    grid: Grid,
    scores: Mapping[str, Number],
    direction: Direction,
    *,
    objective_measurable: bool = True,
) -> MinimalFlip | None:
    """The smallest change, in score points summed over any criteria, to a better (UP) or
    worse (DOWN) verdict; None when no whole scores reach one."""
    up, down = _minimal_flips(
        _grid_key(grid), tuple(Fraction(scores[key]) for key in CRITERION_KEYS)
    )
    found = up if direction is Direction.UP else down
    return _flip(found, direction, scores, objective_measurable)


def minimal_flips(
    grid: Grid, scores: Mapping[str, Number], *, objective_measurable: bool = True
) -> tuple[MinimalFlip, ...]:
    """The minimal flip up and the minimal flip down, those that exist."""
    both = _minimal_flips(_grid_key(grid), tuple(Fraction(scores[key]) for key in CRITERION_KEYS))
    found = (
        _flip(flip, direction, scores, objective_measurable)
        for direction, flip in zip(Direction, both, strict=True)
    )
    return tuple(flip for flip in found if flip is not None)


GridKey = tuple[tuple[int, ...], int, int]
Found = tuple[tuple[tuple[int, int], ...], int] | None
"""((criterion index, new score), ...) and the rank of the verdict it gives."""


def _grid_key(grid: Grid) -> GridKey:
    return (
        tuple(grid.weight(key) for key in CRITERION_KEYS),
        grid.pilot_above,
        grid.alternatives_below,
    )


def _flip(
    found: Found, direction: Direction, scores: Mapping[str, Number], objective_measurable: bool
) -> MinimalFlip | None:
    if found is None:
        return None
    changes, rank = found
    moves = tuple(
        Move(CRITERION_KEYS[index], scores[CRITERION_KEYS[index]], new)
        for index, new in sorted(changes)
    )
    points: Number = 0
    for move in moves:
        points += move.points
    verdict = apply_objective_rule(VERDICT_ORDER[rank], objective_measurable)
    return MinimalFlip(direction, points, moves, verdict)


@lru_cache(maxsize=4096)
def _minimal_flips(grid: GridKey, scores: tuple[Fraction, ...]) -> tuple[Found, Found]:
    """The minimal flips up and down of one grid (a pure function of the weights, the
    thresholds and the six scores: remembered, as many teams share a grid).

    Dynamic programming over the weighted total: for each reachable total, the cheapest
    change (fewest points, then fewest criteria) that gives it; then, in each direction,
    the cheapest total with another verdict (then fewest criteria, the heaviest moved, the
    nearest total). Scores are scaled by the denominators of the medians so that all the
    arithmetic is on whole numbers.
    """
    weights, pilot_above, alternatives_below = grid
    scale = lcm(*(score.denominator for score in scores))
    here = [int(score * scale) for score in scores]
    start = sum(w * h for w, h in zip(weights, here, strict=True))
    most = MAX_SCORE * sum(weights) * scale

    def rank(total: int) -> int:
        if 100 * total > pilot_above * most:
            return 2
        return 0 if 100 * total < alternatives_below * most else 1

    best: dict[int, tuple[int, int, tuple[tuple[int, int], ...]]] = {start: (0, 0, ())}
    order = sorted(range(len(weights)), key=lambda i: (-weights[i], i))
    for index in order:
        weight, now = weights[index], here[index]
        if weight == 0:
            continue
        targets = sorted(
            (s for s in range(MIN_SCORE, MAX_SCORE + 1) if s * scale != now),
            key=lambda s: (abs(s * scale - now), s),
        )
        steps = [(new, abs(new * scale - now), weight * (new * scale - now)) for new in targets]
        grown = dict(best)
        for total, (cost, count, changes) in best.items():
            for new, points, moved in steps:
                reached = total + moved
                known = grown.get(reached)
                step_cost = cost + points
                if known is None or (step_cost, count + 1) < known[:2]:
                    grown[reached] = (step_cost, count + 1, (*changes, (index, new)))
        best = grown
    current = rank(start)
    found: list[Found] = []
    for direction in Direction:
        candidates = []
        for total, (cost, count, changes) in best.items():
            reached = rank(total)
            if (reached > current) if direction is Direction.UP else (reached < current):
                moved_weight = sum(weights[index] for index, _ in changes)
                key = (cost, count, -moved_weight, abs(total - start))
                candidates.append((key, changes, reached))
        if not candidates:
            found.append(None)
            continue
        _, changes, reached = min(candidates, key=lambda c: c[0])
        found.append((changes, reached))
    return found[0], found[1]


def headline(evaluation: Evaluation) -> Headline:
    """How far the verdict is from any other, after the objective rule."""
    if not evaluation.complete:
        return Headline(
            Level.INCOMPLETE,
            None,
            possible=evaluation.possible,
            missing=evaluation.missing,
        )
    scores = {key: score for key, score in evaluation.scores.items() if score is not None}
    flips = minimal_flips(
        evaluation.grid, scores, objective_measurable=evaluation.objective_measurable
    )
    if not flips:
        return Headline(Level.FIXED, evaluation.verdict)
    nearest = min(flips, key=lambda f: (f.points, len(f.moves), f.direction is Direction.UP))
    if nearest.points <= FRAGILE_POINTS:
        level = Level.FRAGILE
    elif nearest.points < ROBUST_POINTS:
        level = Level.CLOSE
    else:
        level = Level.ROBUST
    return Headline(level, evaluation.verdict, nearest, flips)


def crossing_weight(
    score: Number, others_total: Number, others_weight: Number, threshold: Fraction
) -> Fraction | None:
    """w* = (5·T·B − A) / (s − 5·T): the weight at which the percentage equals T."""
    denominator = score - MAX_SCORE * threshold
    if denominator == 0:
        return None
    return (MAX_SCORE * threshold * others_weight - others_total) / Fraction(denominator)


def weight_interval(grid: Grid, scores: Mapping[str, Number], key: str) -> WeightInterval:
    weight = grid.weight(key)
    score = scores[key]
    others = [k for k in CRITERION_KEYS if k != key]
    others_total = sum((grid.weight(k) * scores[k] for k in others), start=0)
    others_weight = sum(grid.weight(k) for k in others)
    current = _verdict(grid.weights, scores, grid)

    def verdict_at(w: Fraction) -> Verdict | None:
        if others_weight + w == 0:
            return None
        return _verdict({**grid.weights, key: w}, scores, grid)

    points = {Fraction(0), Fraction(weight)}
    for percent in (grid.pilot_above, grid.alternatives_below):
        w_star = crossing_weight(score, others_total, others_weight, Fraction(percent, 100))
        if w_star is not None and w_star >= 0:
            points.add(w_star)
    ordered = sorted(points)
    here = ordered.index(Fraction(weight))

    def segment_holds(i: int) -> bool:
        """Does the verdict hold on the open segment after ordered[i]?"""
        if i + 1 < len(ordered):
            probe = (ordered[i] + ordered[i + 1]) / 2
        else:
            probe = ordered[i] + 1
        return verdict_at(probe) is current

    low_index, low_closed = here, True
    while low_index > 0 and segment_holds(low_index - 1):
        if verdict_at(ordered[low_index - 1]) is current:
            low_index -= 1
        else:
            low_index, low_closed = low_index - 1, False
            break
    high: Fraction | None = ordered[here]
    high_closed = True
    index = here
    while True:
        if not segment_holds(index):
            break
        if index + 1 == len(ordered):
            high = None
            break
        if verdict_at(ordered[index + 1]) is current:
            index += 1
            high = ordered[index]
        else:
            high, high_closed = ordered[index + 1], False
            break
    interval = WeightInterval(
        key=key,
        weight=weight,
        low=ordered[low_index],
        low_closed=low_closed,
        high=high,
        high_closed=high_closed,
        lowest=0,
        highest=0,
    )
    whole = [
        w
        for w in range(MAX_WEIGHT + 1)
        if interval.contains(w) and verdict_at(Fraction(w)) is not None
    ]
    return WeightInterval(
        key=key,
        weight=weight,
        low=interval.low,
        low_closed=low_closed,
        high=high,
        high_closed=high_closed,
        lowest=min(whole, default=weight),
        highest=max(whole, default=weight),
    )


def weight_intervals(grid: Grid, scores: Mapping[str, Number]) -> list[WeightInterval]:
    return [weight_interval(grid, scores, key) for key in CRITERION_KEYS]
