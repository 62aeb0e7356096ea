"""docs/results.md's worked examples, read from the doc's own tables and recomputed with the code.

Change a number in the doc, or the arithmetic in workshop/domain/ranking.py, and this fails.
"""

import re
from fractions import Fraction
from pathlib import Path

import pytest

from tests.support.contract import tables
from workshop.domain import ranking

DOC = (Path(__file__).resolve().parents[2] / "docs" / "results.md").read_text(encoding="utf-8")


def part(heading: str, text: str = DOC) -> str:
    """The text under a heading (## or ###), up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n") + len(heading) + 1
    stop = re.compile(rf"^#{{1,{len(level)}}} ", re.M).search(text, start)
    return text[start : stop.start() if stop else len(text)]


def bare(cell: str) -> str:
    return cell.replace("**", "").strip()


def number(cell: str) -> Fraction:
    """The value a cell ends on: `3 − 1 = **2**` is 2, `700/9 = 77.8` is 700/9, `100` is 100."""
    terms = [t.strip() for t in bare(cell).replace("−", "-").split("=")]
    exact = [t for t in terms if re.fullmatch(r"-?\d+(/\d+)?", t)]
    return Fraction(exact[-1]) if exact else Fraction(terms[-1])


def shown(cell: str) -> float:
    """The rounded figure a cell shows last (`700/9 = 77.8` shows 77.8)."""
    return float(bare(cell).split("=")[-1].strip().split()[0])


def goal_of(cell: str) -> int:
    return int(re.search(r"\d+", bare(cell)).group())


EXAMPLE_1 = part("## Example 1: the biggest organisation does not decide alone")
GOALS = [1, 2, 3]


def example_1_votes() -> dict[str, dict[int, int]]:
    [rows] = tables(EXAMPLE_1.split("###")[0])
    votes = {}
    for row in rows:
        org = row["organisation"].split()[0]
        votes[org] = {goal: int(row[f"goal {goal}"]) for goal in GOALS}
        assert sum(votes[org].values()) == int(row["dots"]), f"{org}'s dots do not add up"
        assert int(row["dots"]) == 3 * int(row["people"]), "three dots per person"
    return votes


VOTES = example_1_votes()


def test_plain_totals():
    [rows] = tables(part("### Plain totals", EXAMPLE_1))
    totals = ranking.add_up(VOTES.values(), GOALS)
    ranks = ranking.competition_ranks(totals)
    assert [goal_of(r["goal"]) for r in rows] == ranking.ordered(totals, GOALS)
    for row in rows:
        goal = goal_of(row["goal"])
        assert int(row["dots"]) == totals[goal]
        assert int(row["rank"]) == ranks[goal]


def test_equal_voice():
    points_table, rank_table = tables(part("### Equal voice", EXAMPLE_1))
    points = ranking.equal_voice(VOTES, GOALS)
    for row in points_table:
        org = bare(row["organisation"]).split()[0]
        if org in VOTES:
            share = ranking.shares(VOTES[org])
            for goal in GOALS:
                assert number(row[f"goal {goal}"]) == pytest.approx(float(100 * share.get(goal, 0)), abs=0.005)
        else:  # the **points** row
            for goal in GOALS:
                assert number(row[f"goal {goal}"]) == points[goal]
                assert shown(row[f"goal {goal}"]) == ranking.rounded(points[goal])
            assert number(row["total"]) == sum(points.values())
    plain = ranking.competition_ranks(ranking.add_up(VOTES.values(), GOALS))
    assert [goal_of(r["goal"]) for r in rank_table] == ranking.ordered(points, GOALS)
    for row in rank_table:
        goal = goal_of(row["goal"])
        assert float(row["points"]) == ranking.rounded(points[goal])
        assert int(row["rank"]) == ranking.competition_ranks(points)[goal]
        assert int(row["plain rank"].split()[0]) == plain[goal]


def test_ranks_per_organisation():
    [rows] = tables(part("### Ranks per organisation", EXAMPLE_1))
    ranks = ranking.organisation_ranks(VOTES, GOALS)
    for row in rows:
        goal = goal_of(row["goal"])
        for org in VOTES:
            assert int(row[org]) == ranks[org][goal]


def test_divergence():
    [rows] = tables(part("### Divergence", EXAMPLE_1))
    computed = ranking.divergence(VOTES, GOALS)
    assert [goal_of(r["goal"]) for r in rows] == [c["goal_id"] for c in computed], "the order of the rows"
    for row, want in zip(rows, computed, strict=True):
        assert [int(r) for r in row["ranks A, B, C"].split(",")] == [want["ranks"][org] for org in ("A", "B", "C")]
        assert number(row["divergence"]) == want["divergence"]
        assert number(row["spread"]) == want["spread"]
        assert shown(row["spread"]) == ranking.rounded(want["spread"] * 100)


def test_common_ground():
    [rows] = tables(part("### Common ground", EXAMPLE_1))
    assert rows
    for row in rows:
        k = int(row["K"])
        expected = [] if bare(row["common ground"]) == "none" else [goal_of(row["common ground"])]
        assert ranking.common_ground(VOTES, GOALS, k) == expected, f"K = {k}"
        for org in VOTES:
            listed = re.match(r"\{([\d, ]*)\}", bare(row[f"top K of {org}" if org == "A" else f"of {org}"]))
            assert {int(g) for g in listed.group(1).split(",") if g.strip()} == ranking.top(VOTES[org], GOALS, k)


def test_example_2_competition_ranking_and_a_tie():
    text = part("## Example 2: competition ranking and a tie at place K")
    scores = re.search(r"Scores ([\d, ]+) rank as \*\*([\d, ]+)\*\*", text)
    values = [int(v) for v in scores.group(1).split(",")]
    assert list(ranking.competition_ranks(dict(enumerate(values))).values()) == [int(v) for v in scores.group(2).split(",")]
    [rows] = tables(text)
    goals = [goal_of(r["goal"]) for r in rows]
    votes = {org: {goal_of(r["goal"]): int(r[f"{org}'s dots"]) for r in rows} for org in ("A", "B")}
    for org in votes:
        ranks = ranking.organisation_ranks(votes, goals)[org]
        assert [int(r[f"{org}'s rank"]) for r in rows] == [ranks[g] for g in goals]
        top = re.search(rf"[Tt]op 2 of {org} = \{{([\d, ]+)\}}", text).group(1)
        assert {int(g) for g in top.split(",")} == ranking.top(votes[org], goals, 2)
    common = re.search(r"Common ground with\s+K = 2: \*\*goal (\d+)\*\*", text)
    assert ranking.common_ground(votes, goals, 2) == [int(common.group(1))]


def test_example_3_and_4_equal_voice():
    three = part("## Example 3: an organisation without dots adds nothing")
    assert "200/3 (66.7)" in three and "100/3 (33.3)" in three
    assert ranking.equal_voice({"A": {1: 2, 2: 1}, "B": {1: 0, 2: 0}}, [1, 2]) == {1: Fraction(200, 3), 2: Fraction(100, 3)}
    assert [ranking.rounded(Fraction(200, 3)), ranking.rounded(Fraction(100, 3))] == [66.7, 33.3]
    four = part("## Example 4: dots on a deleted goal")
    assert "goal 1 = **100**, goal 2 = 0" in four
    assert ranking.equal_voice({"A": {1: 2, 99: 1}}, [1, 2]) == {1: 100, 2: 0}
