"""The arithmetic behind dot-voting results: plain totals, equal voice, divergence, common ground.

Pure functions on plain mappings, so every number on the projector can be checked by hand;
docs/results.md works through the same cases as tests/unit/test_ranking.py.

The shape used throughout: `votes[organisation][goal] = dots`, after unknown goals were dropped.
`goals` is the list of goal ids in the round, in their agenda order; that order breaks ties.
"""

from collections.abc import Iterable, Mapping
from fractions import Fraction

# Every organisation that voted weighs this many points in the equal-voice ranking.
POINTS_PER_ORGANISATION = 100


def add_up(allocations: Iterable[Mapping[int, int]], goals: Iterable[int]) -> dict[int, int]:
    """Dots per goal summed over ballots; goals not in `goals` (e.g. deleted ones) are dropped."""
    totals = {goal: 0 for goal in goals}
    for allocation in allocations:
        for goal, dots in allocation.items():
            if goal in totals:
                totals[goal] += dots
    return totals


def competition_ranks(scores: Mapping[int, object]) -> dict[int, int]:
    """Standard competition ranking ("1224"): one plus the number of goals that scored strictly more.

    >>> competition_ranks({1: 5, 2: 3, 3: 3, 4: 1})
    {1: 1, 2: 2, 3: 2, 4: 4}
    """
    values = list(scores.values())
    return {goal: 1 + sum(1 for other in values if other > score) for goal, score in scores.items()}


def ordered(scores: Mapping[int, object], goals: list[int]) -> list[int]:
    """Goals from the highest score down; equal scores keep the agenda order of `goals`."""
    position = {goal: i for i, goal in enumerate(goals)}
    return sorted(scores, key=lambda goal: (-scores[goal], position.get(goal, len(position))))


def shares(dots: Mapping[int, int]) -> dict[int, Fraction]:
    """One organisation's dots per goal as a fraction of all its dots; all zero when it gave none."""
    total = sum(dots.values())
    return {goal: Fraction(n, total) if total else Fraction(0) for goal, n in dots.items()}


def equal_voice(votes: Mapping[int, Mapping[int, int]], goals: Iterable[int]) -> dict[int, Fraction]:
    """Points per goal when every organisation weighs the same, however many people it sent.

    Each organisation's dots on a goal are divided by all of that organisation's dots and
    multiplied by POINTS_PER_ORGANISATION. An organisation that gave no dots adds nothing (it
    does not dilute the others). Exact fractions, so the ranking never depends on rounding.
    """
    points = {goal: Fraction(0) for goal in goals}
    for dots in votes.values():
        for goal, share in shares({g: n for g, n in dots.items() if g in points}).items():
            points[goal] += share * POINTS_PER_ORGANISATION
    return points


def organisation_ranks(votes: Mapping[int, Mapping[int, int]], goals: list[int]) -> dict[int, dict[int, int]]:
    """Per organisation, the competition rank of every goal by its dots (goals without dots tie last)."""
    return {org: competition_ranks({goal: dots.get(goal, 0) for goal in goals}) for org, dots in votes.items()}


def divergence(votes: Mapping[int, Mapping[int, int]], goals: list[int]) -> list[dict]:
    """Goals on which the organisations' rankings differ most, most divergent first.

    Per organisation every goal gets its competition rank by that organisation's dots;
    divergence = highest rank - lowest rank across organisations. Ties are broken by the spread
    of shares (largest share of an organisation's dots on the goal - smallest), then agenda order.
    Organisations that gave no dots are left out; with fewer than two there is nothing to compare.
    """
    votes = {org: dots for org, dots in votes.items() if sum(dots.get(g, 0) for g in goals) > 0}
    if len(votes) < 2:
        return []
    ranks = organisation_ranks(votes, goals)
    split = {org: shares({goal: dots.get(goal, 0) for goal in goals}) for org, dots in votes.items()}
    rows = []
    for goal in goals:
        per_org = {org: ranks[org][goal] for org in votes}
        goal_shares = [split[org][goal] for org in votes]
        rows.append(
            {
                "goal_id": goal,
                "divergence": max(per_org.values()) - min(per_org.values()),
                "spread": max(goal_shares) - min(goal_shares),
                "ranks": per_org,
            }
        )
    position = {goal: i for i, goal in enumerate(goals)}
    return sorted(rows, key=lambda row: (-row["divergence"], -row["spread"], position[row["goal_id"]]))


def top(dots: Mapping[int, int], goals: list[int], k: int) -> set[int]:
    """An organisation's top K: goals ranked K or better that got at least one of its dots.

    With competition ranking a tie at place K keeps every tied goal in the top K.
    """
    ranks = competition_ranks({goal: dots.get(goal, 0) for goal in goals})
    return {goal for goal in goals if dots.get(goal, 0) > 0 and ranks[goal] <= k}


def common_ground(votes: Mapping[int, Mapping[int, int]], goals: list[int], k: int) -> list[int]:
    """Goals in every organisation's top K, in agenda order; none when no organisation voted."""
    tops = [top(dots, goals, k) for dots in votes.values()]
    if not tops:
        return []
    shared = set.intersection(*tops)
    return [goal for goal in goals if goal in shared]


def rounded(value: Fraction, digits: int = 1) -> float:
    """A point total as the screen shows it, rounded half away from zero (not to even)."""
    scale = 10**digits
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) * scale + Fraction(1, 2)) / scale
