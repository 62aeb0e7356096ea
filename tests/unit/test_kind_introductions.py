"""Introductions: what I bring and what I come to get, grouped per organisation, small groups pooled without names."""

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.model import OPEN, Activity, Answer, Organisation, Participant, Workshop
from workshop.domain.results import FACILITATOR, SCREEN, ResultContext, build_results

KIND = get_kind("introductions")
ORGS = [Organisation("Woonstede", "#0072B2", 0, id=1), Organisation("Energiek", "#E69F00", 1, id=2)]
ME = Participant(organisation_id=1, role="manager", id=1)
GOOD = {"bring": "Twenty years of district heating", "get": "Partners for the heat network"}


def activity(**config) -> Activity:
    act = clean_activity({"kind": "introductions", "config": config}, "en")
    act.id, act.state = 5, OPEN
    return act


def clean(payload, **config):
    return KIND.clean_answer(activity(**config).config, payload, AnswerContext(participant=ME))


def results(answers, participants, threshold=2, audience=SCREEN, presence=None) -> dict:
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": threshold}, id=1),
        activity=activity(),
        organisations=ORGS,
        participants={p.id: p for p in participants},
        answers=answers,
        audience=audience,
        presence=presence,
    )
    return build_results(ctx, KIND)["data"]


def answer(pid, bring="b", get="g", hidden=False):
    return Answer(
        activity_id=5,
        participant_id=pid,
        client_id=f"client-{pid:04}",
        payload={"bring": bring, "get": get},
        hidden=hidden,
        id=100 + pid,
    )


def test_a_good_answer_is_stored_trimmed():
    assert clean({"bring": "  Twenty years of   district heating ", "get": GOOD["get"], "extra": 1}) == GOOD


def test_config_defaults_and_bounds():
    assert activity().config["max_length"] == 280
    assert activity(max_length="50").config["max_length"] == 50
    for bad in (5, 5000, "many", True):
        with pytest.raises(InvalidInput):
            activity(max_length=bad)


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "text",
        [],
        {},
        {"bring": "x"},
        {"get": "x"},
        {**GOOD, "bring": ""},
        {**GOOD, "get": "   "},
        {**GOOD, "bring": 3},
        {**GOOD, "get": ["a"]},
        {**GOOD, "bring": "x" * 281},
    ],
)
def test_bad_answers_are_refused(payload):
    with pytest.raises(InvalidInput):
        clean(payload)


def test_max_length_comes_from_the_config():
    clean({**GOOD, "get": "x" * 60}, max_length=60)
    with pytest.raises(InvalidInput) as caught:
        clean({**GOOD, "get": "x" * 61}, max_length=60)
    assert caught.value.params == {"field": "get", "max": 60}


def test_one_answer_per_participant():
    assert KIND.many_answers is False


def everyone():
    return [
        Participant(organisation_id=1, role="manager", display_name="Anna", id=1),
        Participant(organisation_id=1, role="bestuurder", display_name="", id=2),
        Participant(organisation_id=1, role="adviseur", display_name="Cas", id=3, presence="remote"),
        Participant(organisation_id=2, role="manager", display_name="Dirk", id=4),
    ]


def test_groups_per_organisation_with_names_and_small_groups_pooled_without():
    data = results([answer(4, "heat"), answer(1, "money"), answer(2, "time")], everyone(), threshold=2)
    assert data["organisations_shown"] == [1]
    assert data["groups"] == [
        {
            "organisation_id": 1,
            "items": [
                {"id": 101, "bring": "money", "get": "g", "display_name": "Anna"},
                {"id": 102, "bring": "time", "get": "g", "display_name": None},
            ],
        },
        # Energiek has one answerer, fewer than two: pooled, and Dirk's name is not shown.
        {"organisation_id": None, "items": [{"id": 104, "bring": "heat", "get": "g", "display_name": None}]},
    ]


def test_hidden_answers_do_not_count_but_the_facilitator_sees_them_marked():
    answers = [answer(1), answer(2, "rude", hidden=True), answer(3)]
    screen = results(answers, everyone(), threshold=3)
    assert [i["id"] for g in screen["groups"] for i in g["items"]] == [101, 103]
    # Two visible answerers, fewer than three: pooled even though a third answered (hidden).
    assert screen["groups"][0]["organisation_id"] is None
    facilitator = results(answers, everyone(), threshold=3, audience=FACILITATOR)
    items = facilitator["groups"][0]["items"]
    assert [(i["id"], i["hidden"]) for i in items] == [(101, False), (102, True), (103, False)]


def test_presence_splits_the_results():
    answers = [answer(1), answer(2), answer(3)]
    remote = results(answers, everyone(), threshold=1, presence="remote")
    assert [i["display_name"] for g in remote["groups"] for i in g["items"]] == ["Cas"]
    room = results(answers, everyone(), threshold=1, presence="room")
    assert [i["id"] for g in room["groups"] for i in g["items"]] == [101, 102]


def test_no_answers():
    assert results([], everyone()) == {"groups": [], "organisations_shown": []}
