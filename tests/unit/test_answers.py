"""Rules for taking a participant's answer (the ambitions kind, through the domain's entry point)."""

import pytest

from workshop.domain.answers import accept_answer, clean_client_id
from workshop.domain.errors import ActivityNotOpen, InvalidInput, LimitReached
from workshop.domain.kinds import AnswerContext, clean_activity
from workshop.domain.model import CLOSED, DRAFT, OPEN, Answer, Participant

ME = Participant(organisation_id=1, role="manager", id=7)
GOOD = {"text": "Half of the homes off gas by 2030", "value_driver": "Innovation", "horizon": 10}


def ambitions(state=OPEN, **config):
    activity = clean_activity({"kind": "ambitions", "config": config}, "en")
    activity.id, activity.state = 3, state
    return activity


def context(mine=()):
    return AnswerContext(participant=ME, mine=list(mine))


def previous(n):
    return [Answer(activity_id=3, participant_id=ME.id, client_id=f"client-{i:04}", payload=dict(GOOD), id=i) for i in range(n)]


def test_an_open_activity_takes_an_answer():
    answer = accept_answer(ambitions(), context(), {**GOOD, "horizon": "10"}, "client-0001")
    assert (answer.activity_id, answer.participant_id, answer.client_id) == (3, 7, "client-0001")
    assert answer.payload == GOOD
    assert answer.id is None, "a new row"


@pytest.mark.parametrize("state", [DRAFT, CLOSED])
def test_a_closed_activity_refuses(state):
    with pytest.raises(ActivityNotOpen) as caught:
        accept_answer(ambitions(state), context(), GOOD, "client-0001")
    assert caught.value.code == "activity_not_open"


def test_the_limit_per_participant():
    activity = ambitions(max_per_participant=2)
    accept_answer(activity, context(previous(1)), GOOD, "client-0009")
    with pytest.raises(LimitReached) as caught:
        accept_answer(activity, context(previous(2)), GOOD, "client-0009")
    assert caught.value.params["max"] == 2


def test_default_limit_is_three():
    with pytest.raises(LimitReached):
        accept_answer(ambitions(), context(previous(3)), GOOD, "client-0009")


@pytest.mark.parametrize(
    "payload",
    [
        {**GOOD, "text": ""},
        {**GOOD, "text": "x" * 281},
        {**GOOD, "text": ["list"]},
        {**GOOD, "value_driver": "Not an option"},
        {**GOOD, "horizon": 7},
        {k: v for k, v in GOOD.items() if k != "value_driver"},
        "just text",
        None,
    ],
)
def test_bad_answers(payload):
    with pytest.raises(InvalidInput):
        accept_answer(ambitions(), context(), payload, "client-0001")


@pytest.mark.parametrize("client_id", [None, 12345678, "short", "x" * 65])
def test_client_id_shape(client_id):
    with pytest.raises(InvalidInput):
        clean_client_id(client_id)
