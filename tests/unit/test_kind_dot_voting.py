"""Dot voting: settings, what a ballot may hold, and the results (example 1 of docs/results.md)."""

import pytest

from workshop.domain.answers import accept_answer
from workshop.domain.errors import ActivityNotOpen, InvalidInput, LimitReached
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.model import CLOSED, OPEN, Answer, Goal, Organisation, Participant, Workshop
from workshop.domain.results import FACILITATOR, ResultContext, build_results

KIND = get_kind("dot_voting")
GOALS = [
    Goal(text="Buy maintenance together", position=0, adopted=True, organisation_ids=[10], id=1),
    Goal(text="Cut CO2 together", position=1, organisation_ids=[10, 20, 30], id=2),
    Goal(text="A learning community", position=2, organisation_ids=[20], id=3),
]
ME = Participant(organisation_id=10, role="manager", id=7)
ORGS = [
    Organisation("Woonstede", "#0072B2", 0, 10),
    Organisation("Thuisbaas", "#E69F00", 1, 20),
    Organisation("Dorpswonen", "#009E73", 2, 30),
]


def activity(state=OPEN, **config):
    act = clean_activity({"kind": "dot_voting", "config": config}, "en")
    act.id, act.state = 5, state
    return act


def vote(allocation, act=None, mine=(), goals=GOALS):
    act = act or activity()
    return accept_answer(
        act, AnswerContext(participant=ME, goals=goals, mine=list(mine)), {"allocation": allocation}, "client-0001"
    )


# Settings


def test_defaults():
    assert activity().config == {
        "dots": 3,
        "max_per_goal": None,
        "top_k": 3,
        "adopted_only": False,
        "prompt": "",
        "results": "after_reveal",
    }


@pytest.mark.parametrize(
    "config",
    [
        {"dots": 0},
        {"dots": 21},
        {"dots": "many"},
        {"dots": 3, "max_per_goal": 4},
        {"max_per_goal": 0},
        {"top_k": 0},
        {"adopted_only": "yes"},
    ],
)
def test_bad_settings(config):
    with pytest.raises(InvalidInput):
        activity(**config)


def test_settings_are_cleaned():
    config = activity(dots="5", max_per_goal=2, top_k=2, adopted_only=True, colour="red").config
    assert config == {"dots": 5, "max_per_goal": 2, "top_k": 2, "adopted_only": True, "prompt": "", "results": "after_reveal"}


# Ballots


def test_a_ballot_is_stored_with_string_keys_and_without_zeros():
    answer = vote({"1": 2, 3: 1, "2": 0})
    assert answer.payload == {"allocation": {"1": 2, "3": 1}}


def test_moving_dots_replaces_the_ballot():
    first = vote({"1": 3})
    first.id = 40
    second = vote({"2": 1, "3": 2}, mine=[first])
    assert second is first and second.id == 40
    assert second.payload == {"allocation": {"2": 1, "3": 2}}


@pytest.mark.parametrize(
    "allocation, config, error, message",
    [
        ({"1": 2, "2": 2}, {}, LimitReached, "You have %(max)d dots."),
        ({"1": 4}, {}, LimitReached, "You have %(max)d dots."),
        ({"1": 2}, {"max_per_goal": 1}, LimitReached, "At most %(max)d dots per goal."),
        ({"1": 1, 1: 1}, {"max_per_goal": 1}, LimitReached, "At most %(max)d dots per goal."),
        ({"99": 1}, {}, InvalidInput, "This goal is not part of this round."),
        ({"abc": 1}, {}, InvalidInput, "This goal is not part of this round."),
        ({"2": 1}, {"adopted_only": True}, InvalidInput, "This goal is not part of this round."),
        ({"1": -1, "2": 3}, {}, InvalidInput, "Dots cannot be negative."),
        ({"1": 1.5}, {}, InvalidInput, "Dots must be whole numbers."),
        ({"1": "2"}, {}, InvalidInput, "Dots must be whole numbers."),
        ({"1": True}, {}, InvalidInput, "Dots must be whole numbers."),
        ({}, {}, InvalidInput, "Place at least one dot."),
        ({"1": 0}, {}, InvalidInput, "Place at least one dot."),
    ],
)
def test_bad_ballots(allocation, config, error, message):
    with pytest.raises(error) as caught:
        vote(allocation, activity(**config))
    assert caught.value.detail == message


def test_overspending_names_the_number_of_dots():
    with pytest.raises(LimitReached) as caught:
        vote({"1": 3, "2": 3}, activity(dots=5))
    assert caught.value.params == {"max": 5}
    assert caught.value.code == "limit_reached"


@pytest.mark.parametrize("payload", [None, [], {"allocation": [1, 2]}, {"allocation": "1"}])
def test_malformed_ballots(payload):
    with pytest.raises(InvalidInput):
        accept_answer(activity(), AnswerContext(participant=ME, goals=GOALS), payload, "client-0001")


def test_a_closed_vote_refuses():
    with pytest.raises(ActivityNotOpen):
        vote({"1": 1}, activity(CLOSED))


# Results: example 1 of docs/results.md, ballot by ballot


def people(org, n, start):
    return {start + i: Participant(organisation_id=org, role="medewerker", id=start + i) for i in range(n)}


BALLOTS = {
    # Woonstede, six people: 14 dots on goal 1, 4 on goal 2.
    100: {"1": 3},
    101: {"1": 3},
    102: {"1": 3},
    103: {"1": 3},
    104: {"1": 2, "2": 1},
    105: {"2": 3},
    # Thuisbaas, two people: 4 on goal 2, 2 on goal 3.
    200: {"2": 3},
    201: {"2": 1, "3": 2},
    # Dorpswonen, one person: 2 on goal 2, 1 on goal 3.
    300: {"2": 2, "3": 1},
}


def results(threshold=1, ballots=BALLOTS, goals=GOALS, hidden=(), audience=FACILITATOR, **config):
    participants = people(10, 6, 100) | people(20, 2, 200) | people(30, 1, 300)
    answers = [
        Answer(
            activity_id=5, participant_id=pid, client_id=f"c-{pid}-0000", payload={"allocation": a}, hidden=pid in hidden, id=i
        )
        for i, (pid, a) in enumerate(ballots.items(), start=1)
    ]
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": threshold}, id=1),
        activity=activity(**config),
        organisations=ORGS,
        participants=participants,
        answers=answers,
        audience=audience,
        goals=goals,
    )
    return build_results(ctx, KIND)["data"]


def test_plain_ranking():
    data = results()
    assert data["ranking"] == [
        {"goal_id": 1, "dots": 14, "rank": 1},
        {"goal_id": 2, "dots": 10, "rank": 2},
        {"goal_id": 3, "dots": 3, "rank": 3},
    ]
    assert data["voters"] == 9


def test_equal_voice_ranking():
    assert results()["equal_voice"] == [
        {"goal_id": 2, "points": 155.6, "rank": 1},
        {"goal_id": 1, "points": 77.8, "rank": 2},
        {"goal_id": 3, "points": 66.7, "rank": 3},
    ]


def test_per_organisation_divergence_and_common_ground():
    data = results(top_k=2)
    assert data["organisations_shown"] == [10, 20, 30]
    assert data["by_organisation"]["20"] == {
        "voters": 2,
        "dots": 6,
        "goals": [
            {"goal_id": 2, "dots": 4, "rank": 1},
            {"goal_id": 3, "dots": 2, "rank": 2},
            {"goal_id": 1, "dots": 0, "rank": 3},
        ],
    }
    assert [(d["goal_id"], d["divergence"], d["spread"]) for d in data["divergence"]] == [
        (1, 2, 77.8),
        (2, 1, 44.4),
        (3, 1, 33.3),
    ]
    assert data["divergence"][0]["ranks"] == {"10": 1, "20": 3, "30": 3}
    assert data["comparable"] is True
    assert data["common_ground"] == [2]


def test_small_organisations_count_in_equal_voice_but_get_no_column():
    data = results(threshold=3)
    assert data["organisations_shown"] == [10]
    assert data["organisations_counted"] == [10, 20, 30]
    assert [(e["goal_id"], e["points"]) for e in data["equal_voice"]] == [(2, 155.6), (1, 77.8), (3, 66.7)]
    assert list(data["by_organisation"]) == ["10"]
    assert data["comparable"] is False
    assert data["divergence"] == [] and data["common_ground"] == []


def test_hidden_ballots_do_not_count():
    data = results(hidden={300})
    assert data["voters"] == 8
    assert {r["goal_id"]: r["dots"] for r in data["ranking"]} == {1: 14, 2: 8, 3: 2}
    assert data["organisations_counted"] == [10, 20]


def test_dots_on_a_deleted_goal_are_ignored():
    data = results(ballots={100: {"1": 2, "77": 1}, 200: {"77": 3}})
    assert data["ranking"][0] == {"goal_id": 1, "dots": 2, "rank": 1}
    assert [(e["goal_id"], e["points"]) for e in data["equal_voice"]][0] == (1, 100.0)
    assert data["organisations_counted"] == [10], "Thuisbaas's dots were all on the deleted goal"


def test_adopted_only_ranks_adopted_goals():
    data = results(adopted_only=True)
    assert [g["id"] for g in data["goals"]] == [1]
    assert data["ranking"] == [{"goal_id": 1, "dots": 14, "rank": 1}]


def test_no_ballots_yet():
    data = results(ballots={})
    assert [r["dots"] for r in data["ranking"]] == [0, 0, 0]
    assert [e["points"] for e in data["equal_voice"]] == [0.0, 0.0, 0.0]
    assert data["by_organisation"] == {} and data["divergence"] == []
