"""The goals kind: phones only watch; results are the goals with the organisations behind them."""

import pytest

from workshop.domain.answers import accept_answer
from workshop.domain.errors import InvalidInput
from workshop.domain.goals import named_organisations
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.kinds.goals import goal_id, round_goals, stored_id
from workshop.domain.model import OPEN, Answer, Goal, Organisation, Participant, Workshop
from workshop.domain.results import SCREEN, ResultContext, build_results

KIND = get_kind("goals")
GOALS = [
    Goal(text="Cut CO2 together", position=0, adopted=True, source_answer_ids=[4, 9], organisation_ids=[10, 20], id=1),
    Goal(text="A learning community", position=1, source_answer_ids=[], organisation_ids=[], id=2),
]


def activity(**config):
    act = clean_activity({"kind": "goals", "config": config}, "en")
    act.id, act.state = 4, OPEN
    return act


def test_no_settings_beyond_the_prompt():
    assert activity(colour="red").config == {"prompt": "", "results": "live"}
    assert KIND.takes_answers is False


def test_phones_cannot_answer():
    with pytest.raises(InvalidInput):
        accept_answer(
            activity(), AnswerContext(participant=Participant(10, "manager", id=7), goals=GOALS), {"text": "x"}, "client-0001"
        )


def test_results_are_the_goals_with_their_organisations():
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", id=1),
        activity=activity(),
        organisations=[Organisation("Woonstede", "#0072B2", 0, 10), Organisation("Thuisbaas", "#E69F00", 1, 20)],
        participants={},
        answers=[],
        goals=GOALS,
        goal_organisations={1: [10, 20], 2: []},
        audience=SCREEN,
    )
    assert build_results(ctx, KIND)["data"] == {
        "goals": [
            {"id": 1, "text": "Cut CO2 together", "position": 0, "adopted": True, "organisation_ids": [10, 20], "sources": 2},
            {"id": 2, "text": "A learning community", "position": 1, "adopted": False, "organisation_ids": [], "sources": 0},
        ],
        "adopted": 1,
    }


def test_round_goals_are_the_adopted_ones_or_all():
    assert [g.id for g in round_goals(GOALS)] == [1]
    assert [g.id for g in round_goals(GOALS, adopted_only=False)] == [1, 2]
    assert [g.id for g in round_goals(GOALS[1:])] == [2], "none adopted: all"
    assert round_goals([]) == []


@pytest.mark.parametrize("key, expected", [("1", 1), (2, 2), (" 2 ", 2)])
def test_goal_ids_as_phones_send_them(key, expected):
    assert goal_id(key, {1, 2}) == expected


@pytest.mark.parametrize("key", ["3", 3, "one", "-1", True, None, 1.0])
def test_unknown_goal_ids(key):
    with pytest.raises(InvalidInput):
        goal_id(key, {1, 2})


@pytest.mark.parametrize("key, expected", [("12", 12), (12, 12), ("x", None), (None, None)])
def test_stored_ids_never_raise(key, expected):
    assert stored_id(key) == expected


def test_a_goal_names_only_organisations_with_enough_people_behind_their_ambitions():
    # Organisation 10 has three people with ambitions in activity 5, organisation 20 only one.
    owner = {1: 10, 2: 10, 3: 10, 4: 20}
    ambitions = [Answer(5, pid, f"c{i}", {"text": "x"}, id=i) for i, pid in enumerate([1, 2, 3, 4, 4], start=100)]
    ambitions.append(Answer(6, 4, "c9", {"text": "y"}, id=200))  # another activity: counted on its own
    goals = [
        Goal(text="Both", source_answer_ids=[100, 103], id=1),
        Goal(text="Only the small one", source_answer_ids=[104, 200], id=2),
        Goal(text="A removed ambition", source_answer_ids=[999], id=3),
    ]
    named = named_organisations(goals, ambitions, lambda a: owner[a.participant_id], threshold=3)
    assert named == {1: [10], 2: [], 3: []}
    assert named_organisations(goals, ambitions, lambda a: owner[a.participant_id], threshold=1) == {1: [10, 20], 2: [20], 3: []}
    # Hidden (moderated) ambitions do not count towards the threshold.
    for answer in ambitions[:2]:
        answer.hidden = True
    assert named_organisations(goals, ambitions, lambda a: owner[a.participant_id], threshold=3)[1] == []
