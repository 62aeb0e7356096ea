"""Consent round: every goal in the round gets a position; an objection needs a reason and blocks."""

import pytest

from workshop.domain.answers import accept_answer
from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.model import OPEN, Answer, Goal, Organisation, Participant, Workshop
from workshop.domain.results import FACILITATOR, SCREEN, ResultContext, build_results

KIND = get_kind("consent")
ADOPTED = [
    Goal(text="Cut CO2 together", position=0, adopted=True, id=1),
    Goal(text="Buy maintenance together", position=1, adopted=False, id=2),
    Goal(text="A learning community", position=2, adopted=True, id=3),
]
NONE_ADOPTED = [Goal(text="Cut CO2 together", position=0, id=1), Goal(text="Buy maintenance together", position=1, id=2)]
ME = Participant(organisation_id=10, role="manager", id=7)
YES = {"position": "consent"}


def activity():
    act = clean_activity({"kind": "consent", "prompt": "Can you live with these goals?"}, "en")
    act.id, act.state = 6, OPEN
    return act


def answer(responses, goals=ADOPTED):
    return accept_answer(activity(), AnswerContext(participant=ME, goals=goals), {"responses": responses}, "client-0001")


def test_only_a_prompt_to_set():
    assert activity().config == {"prompt": "Can you live with these goals?", "results": "after_reveal"}


def test_the_round_is_the_adopted_goals():
    stored = answer({"1": YES, 3: {"position": "concern", "reason": " Who pays? "}})
    assert stored.payload == {
        "responses": {"1": {"position": "consent", "reason": ""}, "3": {"position": "concern", "reason": "Who pays?"}}
    }


def test_all_goals_when_none_is_adopted():
    stored = answer({"1": YES, "2": {"position": "objection", "reason": "Not our core task"}}, NONE_ADOPTED)
    assert stored.payload["responses"]["2"] == {"position": "objection", "reason": "Not our core task"}


def test_a_concern_may_go_without_a_reason_and_consent_drops_one():
    stored = answer({"1": {"position": "consent", "reason": "fine"}, "3": {"position": "concern"}})
    assert stored.payload["responses"] == {"1": {"position": "consent", "reason": ""}, "3": {"position": "concern", "reason": ""}}


@pytest.mark.parametrize(
    "responses, message",
    [
        ({"1": {"position": "objection"}, "3": YES}, "Give a reason for your objection."),
        ({"1": {"position": "objection", "reason": "   "}, "3": YES}, "Give a reason for your objection."),
        ({"1": YES}, "Choose a position for every goal."),
        ({"1": YES, "3": {"position": "maybe"}}, "Choose a position for every goal."),
        ({"1": YES, "3": "consent"}, "Choose a position for every goal."),
        ({"1": YES, "3": YES, "2": YES}, "This goal is not part of this round."),
        ({"1": YES, "3": YES, "99": YES}, "This goal is not part of this round."),
        ({"1": YES, "3": {"position": "concern", "reason": "x" * 301}}, "%(field)s can be at most %(max)d characters."),
        ({"1": YES, "3": {"position": "concern", "reason": 5}}, "%(field)s must be text."),
    ],
)
def test_bad_answers(responses, message):
    with pytest.raises(InvalidInput) as caught:
        answer(responses)
    assert caught.value.detail == message


@pytest.mark.parametrize("payload", [None, {"responses": []}, {"responses": "consent"}])
def test_malformed_answers(payload):
    with pytest.raises(InvalidInput):
        accept_answer(activity(), AnswerContext(participant=ME, goals=ADOPTED), payload, "client-0001")


def test_no_goals_no_round():
    with pytest.raises(InvalidInput):
        answer({}, goals=[])


# Results

ORGS = [Organisation("Woonstede", "#0072B2", 0, 10), Organisation("Thuisbaas", "#E69F00", 1, 20)]
PEOPLE = {pid: Participant(organisation_id=10 if pid < 200 else 20, role="medewerker", id=pid) for pid in (100, 101, 102, 200)}


def results(rows, threshold=3, audience=SCREEN, goals=ADOPTED):
    answers = [
        Answer(activity_id=6, participant_id=pid, client_id=f"c-{pid}-0000", payload={"responses": r}, hidden=hidden, id=i)
        for i, (pid, r, hidden) in enumerate(rows, start=1)
    ]
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": threshold}, id=1),
        activity=activity(),
        organisations=ORGS,
        participants=PEOPLE,
        answers=answers,
        audience=audience,
        goals=goals,
    )
    return build_results(ctx, KIND)["data"]


ROUND = [
    (100, {"1": YES, "3": YES}, False),
    (101, {"1": {"position": "concern", "reason": "Mind the tenants' costs"}, "3": YES}, False),
    (102, {"1": YES, "3": {"position": "concern", "reason": ""}}, False),
    (200, {"1": YES, "3": {"position": "objection", "reason": "We have no staff for it this year"}}, False),
]


def test_a_goal_with_an_objection_is_blocked():
    data = results(ROUND)
    first, third = data["goals"]
    assert (first["goal_id"], first["passes"], first["counts"]) == (1, True, {"consent": 3, "concern": 1, "objection": 0})
    assert (third["goal_id"], third["passes"], third["counts"]) == (3, False, {"consent": 2, "concern": 1, "objection": 1})
    assert data["all_pass"] is False and data["blocked"] == 1


def test_reasons_without_names_and_small_organisations_pooled():
    data = results(ROUND)
    first, third = data["goals"]
    assert data["organisations_shown"] == [10]
    assert first["concerns"] == [{"reason": "Mind the tenants' costs", "organisation_id": 10}]
    assert third["concerns"] == [], "a concern without a reason is counted, not listed"
    # Thuisbaas has one respondent, below the threshold of 3: its objection is not attributed.
    assert third["objections"] == [{"reason": "We have no staff for it this year", "organisation_id": None}]
    assert first["by_organisation"] == {"10": {"consent": 2, "concern": 1, "objection": 0}}


def test_counts_per_shown_organisation():
    data = results(ROUND, threshold=1)
    assert data["goals"][1]["by_organisation"] == {
        "10": {"consent": 2, "concern": 1, "objection": 0},
        "20": {"consent": 0, "concern": 0, "objection": 1},
    }
    assert data["goals"][1]["objections"][0]["organisation_id"] == 20


def test_a_hidden_objection_no_longer_blocks_but_the_facilitator_still_sees_it():
    rows = ROUND[:3] + [(200, ROUND[3][1], True)]
    assert results(rows)["all_pass"] is True
    assert results(rows)["goals"][1]["objections"] == []
    moderated = results(rows, audience=FACILITATOR)["goals"][1]
    assert moderated["passes"] is True
    assert moderated["objections"] == [
        {"reason": "We have no staff for it this year", "organisation_id": None, "answer_id": 4, "hidden": True}
    ]


def test_nobody_answering_is_not_consent():
    data = results([])
    assert [g["passes"] for g in data["goals"]] == [False, False]
    assert data["all_pass"] is False and data["blocked"] == 0


def test_a_goal_adopted_after_some_answers_and_a_deleted_goal():
    goals = ADOPTED + [Goal(text="Share a service desk", position=3, adopted=True, id=4)]
    data = results([(100, {"1": YES, "3": YES, "77": {"position": "objection", "reason": "gone"}}, False)], goals=goals)
    assert [(g["goal_id"], g["responses"], g["passes"]) for g in data["goals"]] == [(1, 1, True), (3, 1, True), (4, 0, False)]
