"""Commitments: organisations pledge hours and budget per goal; the latest pledge per organisation counts."""

from datetime import datetime, timedelta

import pytest

from workshop.domain.answers import accept_answer
from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.model import OPEN, Answer, Goal, Organisation, Participant, Workshop
from workshop.domain.results import SCREEN, ResultContext, build_results

KIND = get_kind("commitments")
GOALS = [
    Goal(text="Cut CO2 together", position=0, adopted=True, id=1),
    Goal(text="Buy maintenance together", position=1, adopted=False, id=2),
    Goal(text="A learning community", position=2, adopted=True, id=3),
]
ME = Participant(organisation_id=10, role="bestuurder", id=7)


def activity(language="en", **config):
    act = clean_activity({"kind": "commitments", "config": config}, language)
    act.id, act.state = 8, OPEN
    return act


def pledge(pledges, act=None, goals=GOALS):
    act = act or activity()
    return accept_answer(act, AnswerContext(participant=ME, goals=goals), {"pledges": pledges}, "client-0001")


@pytest.mark.parametrize("language, period", [("nl", "per maand, het komende jaar"), ("en", "per month, next year")])
def test_default_settings(language, period):
    assert activity(language).config == {
        "period": period,
        "hours": True,
        "budget": True,
        "currency": "EUR",
        "prompt": "",
        "results": "live",
    }


def test_the_period_may_be_given_per_language():
    assert activity("nl", period={"nl": "per jaar", "en": "per year"}).config["period"] == "per jaar"


@pytest.mark.parametrize(
    "config",
    [{"hours": False, "budget": False}, {"hours": "yes"}, {"currency": "USD"}, {"period": ""}, {"period": "x" * 81}],
)
def test_bad_settings(config):
    with pytest.raises(InvalidInput):
        activity(**config)


def test_a_pledge_on_adopted_goals():
    stored = pledge({"1": {"hours": 16, "budget": 5000}, 3: {"hours": "8", "budget": ""}})
    assert stored.payload == {"pledges": {"1": {"hours": 16, "budget": 5000}, "3": {"hours": 8}}}


def test_measures_not_asked_for_are_dropped():
    stored = pledge({"1": {"hours": 16, "budget": 5000}}, activity(budget=False))
    assert stored.payload == {"pledges": {"1": {"hours": 16}}}


def test_all_goals_when_none_is_adopted():
    goals = [Goal(text=g.text, position=g.position, id=g.id) for g in GOALS]
    assert pledge({"2": {"budget": 0}}, goals=goals).payload == {"pledges": {"2": {"budget": 0}}}


@pytest.mark.parametrize(
    "pledges",
    [
        {"1": {"hours": -1}},
        {"1": {"hours": 10_001}},
        {"1": {"budget": 100_000_001}},
        {"1": {"hours": 2.5}},
        {"1": {"hours": True}},
        {"1": {"hours": "lots"}},
        {"2": {"hours": 4}},
        {"99": {"hours": 4}},
        {"1": 4},
        {"1": {}},
        {"1": {"hours": None, "budget": ""}},
        {},
    ],
)
def test_bad_pledges(pledges):
    with pytest.raises(InvalidInput):
        pledge(pledges)


@pytest.mark.parametrize("payload", [None, {"pledges": [1]}, {"pledges": "8 hours"}])
def test_malformed_answers(payload):
    with pytest.raises(InvalidInput):
        accept_answer(activity(), AnswerContext(participant=ME, goals=GOALS), payload, "client-0001")


# Results

ORGS = [
    Organisation("Woonstede", "#0072B2", 0, 10),
    Organisation("Thuisbaas", "#E69F00", 1, 20),
    Organisation("Dorpswonen", "#009E73", 2, 30),
]
PEOPLE = {pid: Participant(organisation_id=pid // 100 * 10, role="medewerker", id=pid) for pid in (100, 101, 200, 300)}
T0 = datetime(2024, 3, 1, 10, 0)


def results(rows, goals=GOALS, **config):
    """rows: (answer id, participant id, pledges, minutes after T0 or None, hidden)."""
    answers = []
    for answer_id, pid, pledges, minutes, hidden in rows:
        a = Answer(
            activity_id=8,
            participant_id=pid,
            client_id=f"c-{answer_id}-0000",
            payload={"pledges": pledges},
            hidden=hidden,
            id=answer_id,
        )
        a.created_at = T0 if minutes is not None else None
        if minutes is not None:
            a.updated_at = T0 + timedelta(minutes=minutes)  # as storage loads it
        answers.append(a)
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": 3}, id=1),
        activity=activity(**config),
        organisations=ORGS,
        participants=PEOPLE,
        answers=answers,
        audience=SCREEN,
        goals=goals,
    )
    return build_results(ctx, KIND)["data"]


def test_the_latest_pledge_of_an_organisation_counts():
    data = results(
        [
            # Woonstede: person 100 pledged first and changed it last (the row's id is still the lower one).
            (1, 100, {"1": {"hours": 40, "budget": 10000}}, 30, False),
            (2, 101, {"1": {"hours": 20, "budget": 5000}, "3": {"hours": 8}}, 10, False),
            (3, 200, {"1": {"hours": 16}, "3": {"hours": 4, "budget": 2000}}, 5, False),
            (4, 300, {"3": {"hours": 2, "budget": 500}}, 1, False),
        ]
    )
    first, third = data["goals"]
    assert (first["goal_id"], first["hours"], first["budget"]) == (1, 56, 10000)
    assert first["by_organisation"] == [
        {"organisation_id": 10, "hours": 40, "budget": 10000},
        {"organisation_id": 20, "hours": 16, "budget": 0},
    ]
    # Person 100's later pledge said nothing about goal 3, so colleague 101's pledge for it stands.
    assert (third["hours"], third["budget"]) == (14, 2500)
    assert data["organisations"] == [
        {"organisation_id": 10, "hours": 48, "budget": 10000},
        {"organisation_id": 20, "hours": 20, "budget": 2000},
        {"organisation_id": 30, "hours": 2, "budget": 500},
    ]
    assert data["totals"] == {"hours": 70, "budget": 12500}


def test_without_timestamps_the_answer_id_decides():
    data = results([(2, 101, {"1": {"hours": 20}}, None, False), (1, 100, {"1": {"hours": 40}}, None, False)])
    assert data["goals"][0]["by_organisation"] == [{"organisation_id": 10, "hours": 20, "budget": 0}]


def test_pledges_are_shown_per_organisation_below_the_privacy_threshold():
    data = results([(1, 300, {"1": {"hours": 2, "budget": 500}}, 0, False)])
    assert data["goals"][0]["by_organisation"] == [{"organisation_id": 30, "hours": 2, "budget": 500}]


def test_hidden_pledges_and_deleted_goals_do_not_count():
    data = results(
        [
            (1, 100, {"1": {"hours": 40}, "77": {"hours": 1000}}, 0, False),
            (2, 101, {"1": {"hours": 400}}, 5, True),
        ]
    )
    assert data["totals"] == {"hours": 40, "budget": 0}


def test_only_the_measures_asked_for():
    data = results([(1, 100, {"1": {"hours": 40}}, 0, False)], budget=False)
    assert data["measures"] == ["hours"]
    assert data["totals"] == {"hours": 40}
    assert data["period"] == "per month, next year" and data["currency"] == "EUR"


def test_no_pledges_yet():
    data = results([])
    assert [(g["goal_id"], g["hours"], g["budget"], g["by_organisation"]) for g in data["goals"]] == [
        (1, 0, 0, []),
        (3, 0, 0, []),
    ]
    assert data["organisations"] == [] and data["totals"] == {"hours": 0, "budget": 0}
