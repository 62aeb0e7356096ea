"""Progress review: per organisation and goal the latest report counts; committed versus delivered; equal voice."""

from datetime import datetime, timedelta

import pytest

from workshop.domain.answers import accept_answer
from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.model import OPEN, Answer, Goal, Organisation, Participant, Workshop
from workshop.domain.results import FACILITATOR, SCREEN, ResultContext, build_results

KIND = get_kind("progress_review")
BIG, SMALL, THIRD = 10, 20, 30
GOALS = [
    Goal(
        text="Solar on every roof",
        adopted=True,
        id=1,
        commitments={str(BIG): {"hours": 300, "budget": 90_000}, str(SMALL): {"hours": 20, "budget": 1000}},
    ),
    Goal(text="Buy maintenance together", adopted=False, id=2),
    Goal(text="A learning community", adopted=True, id=3, commitments={str(THIRD): {"hours": 40}}),
]
ME = Participant(organisation_id=BIG, role="manager", id=7)


def activity(language="en", **config):
    act = clean_activity({"kind": "progress_review", "config": config}, language)
    act.id, act.state = 8, OPEN
    return act


def report(reports, act=None, goals=GOALS, who=ME):
    act = act or activity()
    return accept_answer(act, AnswerContext(participant=who, goals=goals), {"reports": reports}, "client-0001")


def test_default_settings():
    assert activity().config == {"hours": True, "budget": True, "currency": "EUR", "prompt": "", "results": "live"}


@pytest.mark.parametrize("config", [{"hours": "yes"}, {"currency": "USD"}])
def test_bad_settings(config):
    with pytest.raises(InvalidInput):
        activity(**config)


def test_a_report_on_adopted_goals():
    stored = report(
        {
            "1": {"status": "partly", "hours": "120", "budget": 30000, "note": "  Two of five complexes  "},
            3: {"status": "not_yet"},
        }
    )
    assert stored.payload == {
        "reports": {
            "1": {"status": "partly", "hours": 120, "budget": 30000, "note": "Two of five complexes"},
            "3": {"status": "not_yet"},
        }
    }


def test_goals_without_a_status_are_left_out_and_one_is_needed():
    assert report({"1": {"status": "done"}, "3": {"status": ""}}).payload == {"reports": {"1": {"status": "done"}}}
    with pytest.raises(InvalidInput):
        report({"1": {"status": ""}})
    with pytest.raises(InvalidInput):
        report({})


@pytest.mark.parametrize(
    "reports",
    [
        {"2": {"status": "done"}},  # not adopted: not in the round
        {"99": {"status": "done"}},
        {"1": {"status": "finished"}},
        {"1": {"status": "done", "hours": -1}},
        {"1": {"status": "done", "hours": 1.5}},
        {"1": {"status": "done", "budget": 10**9}},
        {"1": {"status": "done", "note": "x" * 301}},
        {"1": "done"},
        [],
    ],
)
def test_bad_reports(reports):
    with pytest.raises(InvalidInput):
        report(reports)


def test_measures_not_asked_for_are_dropped():
    assert report({"1": {"status": "done", "hours": 5, "budget": 10}}, activity(budget=False)).payload == {
        "reports": {"1": {"status": "done", "hours": 5}}
    }


# ---- results ----

ORGS = [Organisation(name="Big", colour="#0072B2", id=BIG), Organisation(name="Small", colour="#E69F00", id=SMALL)]
ORGS.append(Organisation(name="Third", colour="#009E73", id=THIRD))
PEOPLE = {1: Participant(organisation_id=BIG, role="m", id=1), 2: Participant(organisation_id=BIG, role="m", id=2)}
PEOPLE |= {3: Participant(organisation_id=SMALL, role="m", id=3), 4: Participant(organisation_id=THIRD, role="m", id=4)}
T0 = datetime(2026, 3, 1, 10, 0)


def answer(id_, participant, reports, minutes=0, hidden=False):
    stamp = T0 + timedelta(minutes=minutes)
    return Answer(
        activity_id=8,
        participant_id=participant,
        client_id=f"c{id_}",
        payload={"reports": reports},
        id=id_,
        created_at=stamp,
        updated_at=stamp,
        hidden=hidden,
    )


def results(answers, audience=SCREEN, threshold=3, **config):
    ctx = ResultContext(
        workshop=Workshop(title="Follow-up", language="en", settings={"privacy_threshold": threshold}),
        activity=activity(**config),
        organisations=ORGS,
        participants=PEOPLE,
        answers=answers,
        audience=audience,
        goals=GOALS,
    )
    return build_results(ctx, KIND)["data"]


def by_org(row):
    return {e["organisation_id"]: e for e in row["by_organisation"]}


def test_the_latest_report_of_an_organisation_counts_per_goal():
    data = results(
        [
            answer(1, 1, {"1": {"status": "partly", "hours": 100}, "3": {"status": "done"}}, minutes=1),
            # A colleague corrects goal 1 later; the earlier report on goal 3 still stands.
            answer(2, 2, {"1": {"status": "done", "hours": 310, "budget": 95_000}}, minutes=5),
        ]
    )
    solar = by_org(data["goals"][0])
    assert solar[BIG]["status"] == "done" and solar[BIG]["delivered"] == {"hours": 310, "budget": 95_000}
    community = by_org(data["goals"][1])
    assert community[BIG]["status"] == "done" and community[BIG]["committed"] is None
    assert community[THIRD]["status"] is None and community[THIRD]["committed"] == {"hours": 40}


def test_committed_versus_delivered_per_goal_and_per_organisation():
    data = results(
        [
            answer(1, 1, {"1": {"status": "done", "hours": 310, "budget": 95_000}}),
            answer(2, 3, {"1": {"status": "not_yet", "hours": 2, "note": "Capacity went to repairs"}}),
        ]
    )
    solar = data["goals"][0]
    assert solar["committed"] == {"hours": 320, "budget": 91_000}
    assert solar["delivered"] == {"hours": 312, "budget": 95_000}
    assert solar["statuses"] == {"done": 1, "partly": 0, "not_yet": 1, "missing": 0}
    assert by_org(solar)[SMALL]["note"] == "Capacity went to repairs"
    orgs = {o["organisation_id"]: o for o in data["organisations"]}
    assert orgs[SMALL] == {
        "organisation_id": SMALL,
        "committed": {"hours": 20, "budget": 1000},
        "delivered": {"hours": 2, "budget": 0},
        "goals_committed": 1,
        "goals_reported": 1,
        "done": 0,
        "partly": 0,
        "not_yet": 1,
    }
    assert orgs[THIRD]["goals_reported"] == 0 and data["waiting_for"] == [THIRD]
    assert data["totals"] == {"committed": {"hours": 360, "budget": 91_000}, "delivered": {"hours": 312, "budget": 95_000}}


def test_equal_voice_weighs_every_organisation_the_same_and_hours_weigh_the_pledges():
    # Big (300 h pledged) is done, Small (20 h) has not started: by hours the goal looks nearly done,
    # with equal voice it is half done.
    data = results(
        [
            answer(1, 1, {"1": {"status": "done", "hours": 300}}),
            answer(2, 3, {"1": {"status": "not_yet", "hours": 0}}),
        ]
    )
    solar = data["goals"][0]
    assert solar["equal_voice"] == 50.0
    assert solar["by_hours"] == 93.8  # 300 of 320 hours
    partly = results([answer(1, 1, {"1": {"status": "partly"}}), answer(2, 3, {"1": {"status": "done"}})])
    assert partly["goals"][0]["equal_voice"] == 75.0


def test_an_organisation_without_a_commitment_reports_but_does_not_move_equal_voice():
    data = results([answer(1, 3, {"3": {"status": "done"}})])
    community = data["goals"][1]
    assert by_org(community)[SMALL]["committed"] is None
    assert community["equal_voice"] is None, "the only committed organisation (Third) has not reported"


def test_nothing_reported_yet():
    data = results([])
    assert data["goals"][0]["equal_voice"] is None and data["goals"][0]["statuses"]["missing"] == 2
    assert data["organisations_reported"] == []


def test_hidden_reports_do_not_count_and_only_the_facilitator_gets_answer_ids():
    answers = [answer(1, 3, {"1": {"status": "done", "note": "rude"}}, hidden=True), answer(2, 1, {"1": {"status": "partly"}})]
    data = results(answers)
    assert by_org(data["goals"][0])[SMALL]["status"] is None
    assert "answer_id" not in by_org(data["goals"][0])[BIG]
    assert by_org(results(answers, FACILITATOR)["goals"][0])[BIG]["answer_id"] == 2


def test_reports_on_goals_since_deleted_are_ignored():
    data = results([answer(1, 1, {"77": {"status": "done"}, "1": {"status": "done"}})])
    assert by_org(data["goals"][0])[BIG]["status"] == "done"
