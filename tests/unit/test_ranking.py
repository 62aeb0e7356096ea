"""The arithmetic of dot-voting results; each case here is worked through in docs/results.md."""

from fractions import Fraction

import pytest

from workshop.domain import ranking

# Example 1 in docs/results.md. Goals: 1 joint purchasing, 2 cut CO2 together, 3 a learning community.
GOALS = [1, 2, 3]
A, B, C = 10, 20, 30  # Woonstede (6 people, 18 dots), Thuisbaas (2 people, 6 dots), Dorpswonen (1 person, 3 dots)
VOTES = {
    A: {1: 14, 2: 4, 3: 0},
    B: {1: 0, 2: 4, 3: 2},
    C: {1: 0, 2: 2, 3: 1},
}


def test_example_1_plain_totals_follow_the_biggest_organisation():
    totals = ranking.add_up(VOTES.values(), GOALS)
    assert totals == {1: 14, 2: 10, 3: 3}
    assert ranking.ordered(totals, GOALS) == [1, 2, 3]
    assert ranking.competition_ranks(totals) == {1: 1, 2: 2, 3: 3}


def test_example_1_equal_voice_flips_the_top_two():
    points = ranking.equal_voice(VOTES, GOALS)
    assert points == {1: Fraction(700, 9), 2: Fraction(1400, 9), 3: Fraction(200, 3)}
    assert sum(points.values()) == 300, "three organisations, 100 points each"
    assert [ranking.rounded(points[g]) for g in GOALS] == [77.8, 155.6, 66.7]
    assert ranking.ordered(points, GOALS) == [2, 1, 3]


def test_example_1_ranks_per_organisation():
    assert ranking.organisation_ranks(VOTES, GOALS) == {
        A: {1: 1, 2: 2, 3: 3},
        B: {1: 3, 2: 1, 3: 2},
        C: {1: 3, 2: 1, 3: 2},
    }


def test_example_1_divergence():
    rows = ranking.divergence(VOTES, GOALS)
    assert [(r["goal_id"], r["divergence"], r["spread"]) for r in rows] == [
        (1, 2, Fraction(7, 9)),
        # Goals 2 and 3 both differ by one place; goal 2's shares differ more (2/3 - 2/9 against 1/3 - 0).
        (2, 1, Fraction(4, 9)),
        (3, 1, Fraction(1, 3)),
    ]
    assert rows[0]["ranks"] == {A: 1, B: 3, C: 3}


@pytest.mark.parametrize("k, expected", [(1, []), (2, [2]), (3, [2])])
def test_example_1_common_ground(k, expected):
    # With K = 3 goal 3 is still not common ground: Woonstede gave it no dots.
    assert ranking.common_ground(VOTES, GOALS, k) == expected


def test_example_2_competition_ranking_and_a_tie_at_place_k():
    assert ranking.competition_ranks({1: 5, 2: 3, 3: 3, 4: 1}) == {1: 1, 2: 2, 3: 2, 4: 4}
    votes = {A: {1: 3, 2: 2, 3: 2, 4: 0}, B: {1: 1, 2: 0, 3: 3, 4: 2}}
    goals = [1, 2, 3, 4]
    assert ranking.top(votes[A], goals, 2) == {1, 2, 3}, "goals 2 and 3 tie for second place"
    assert ranking.top(votes[B], goals, 2) == {3, 4}
    assert ranking.common_ground(votes, goals, 2) == [3]


def test_example_3_an_organisation_without_dots_adds_nothing():
    votes = {A: {1: 2, 2: 1}, B: {1: 0, 2: 0}}
    assert ranking.equal_voice(votes, [1, 2]) == {1: Fraction(200, 3), 2: Fraction(100, 3)}
    assert ranking.divergence(votes, [1, 2]) == [], "one organisation left: nothing to compare"
    assert ranking.common_ground(votes, [1, 2], 3) == [], "an organisation with no dots has an empty top K"


def test_example_4_dots_on_a_deleted_goal_do_not_count():
    votes = {A: {1: 2, 99: 1}}
    assert ranking.add_up(votes.values(), [1, 2]) == {1: 2, 2: 0}
    assert ranking.equal_voice(votes, [1, 2]) == {1: 100, 2: 0}, "the organisation's remaining dots weigh 100"


def test_equal_scores_keep_agenda_order():
    assert ranking.ordered({5: 1, 6: 3, 7: 1}, [7, 6, 5]) == [6, 7, 5]


def test_no_votes_at_all():
    assert ranking.add_up([], GOALS) == {1: 0, 2: 0, 3: 0}
    assert ranking.equal_voice({}, GOALS) == {1: 0, 2: 0, 3: 0}
    assert ranking.divergence({}, GOALS) == []
    assert ranking.common_ground({}, GOALS, 3) == []


@pytest.mark.parametrize(
    "value, shown", [(Fraction(1400, 9), 155.6), (Fraction(1, 4), 0.3), (Fraction(1, 20), 0.1), (Fraction(0), 0.0)]
)
def test_rounding_is_half_up(value, shown):
    assert ranking.rounded(value) == shown
