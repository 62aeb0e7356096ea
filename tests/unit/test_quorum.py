"""Per-organisation quorum: whom a round waits for, and closing it earlier only when confirmed."""

import pytest

from workshop.domain import lifecycle, quorum
from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import clean_activity
from workshop.domain.model import CLOSED, OPEN, Activity, Workshop


def row(org, connected, answered, answered_connected=None):
    return {
        "organisation_id": org,
        "connected": connected,
        "answered": answered,
        "answered_connected": answered if answered_connected is None else answered_connected,
    }


@pytest.mark.parametrize(
    "given, rule",
    [
        (None, None),
        ("", None),
        ({"mode": "none"}, None),
        ("one", {"mode": "one"}),
        ({"mode": "one", "share": 80}, {"mode": "one"}),
        ({"mode": "share", "share": "60"}, {"mode": "share", "share": 60}),
        ({"mode": "share"}, {"mode": "share", "share": 50}),
    ],
)
def test_rules(given, rule):
    assert quorum.clean_rule(given) == rule


@pytest.mark.parametrize("given", [{"mode": "most"}, {"mode": "share", "share": 0}, {"mode": "share", "share": 101}, 7, ["one"]])
def test_bad_rules(given):
    with pytest.raises(InvalidInput):
        quorum.clean_rule(given)


def test_at_least_one_person_of_every_organisation_present():
    balance = [row(1, 12, 9), row(2, 2, 0), row(3, 0, 0), row(4, 1, 1, 0)]
    # 3 has nobody connected: not waited for. 4's one answerer left again: an answer is an answer.
    assert quorum.waiting_for({"mode": "one"}, balance) == [2]


def test_a_share_of_those_present_rounds_up():
    rule = {"mode": "share", "share": 50}
    assert quorum.needed(rule, 3) == 2 and quorum.needed(rule, 4) == 2 and quorum.needed(rule, 1) == 1
    assert quorum.needed({"mode": "share", "share": 1}, 40) == 1
    balance = [row(1, 12, 6), row(2, 3, 1), row(3, 4, 3, 1)]
    # 3: three answered, but two of them left; of the four present only one answered.
    assert quorum.waiting_for(rule, balance) == [2, 3]


def test_no_rule_waits_for_nobody():
    assert quorum.waiting_for(None, [row(1, 5, 0)]) == []


def workshop_with(kind="dot_voting", **config):
    act = clean_activity({"kind": kind, "config": config}, "en")
    act.id, act.position = 1, 0
    after = Activity(kind="poll", title="Next", config={"options": ["a", "b"]}, id=2, position=1)
    ws = Workshop(title="W", language="en")
    lifecycle.open_activity(ws, act, [act, after])
    return ws, act, after


def test_the_rule_is_kept_only_on_votes_and_consent_rounds():
    assert workshop_with(quorum={"mode": "one"})[1].config["quorum"] == {"mode": "one"}
    assert workshop_with("consent", quorum="one")[1].config["quorum"] == {"mode": "one"}
    assert "quorum" not in workshop_with("scale", quorum={"mode": "one"})[1].config
    assert "quorum" not in workshop_with(quorum=None)[1].config


@pytest.mark.parametrize("action", ["close", "next", "lobby", "open-other"])
def test_closing_before_the_quorum_needs_confirmation_on_every_path(action):
    ws, act, after = workshop_with(quorum={"mode": "one"})
    agenda = [act, after]
    name, target = ("open", after) if action == "open-other" else (action, act)
    with pytest.raises(quorum.QuorumNotMet) as refused:
        lifecycle.apply(name, ws, target, agenda, waiting=[7])
    assert refused.value.code == "quorum_not_met" and refused.value.status == 409
    assert act.state == OPEN and act.closed_early is None
    lifecycle.apply(name, ws, target, agenda, waiting=[7], confirm=True)
    assert act.state == CLOSED
    assert act.closed_early == {"waiting_for": [7], "rule": {"mode": "one"}}


def test_a_round_that_met_its_quorum_closes_without_asking_and_reopening_clears_the_record():
    ws, act, after = workshop_with(quorum={"mode": "one"})
    lifecycle.apply("close", ws, act, [act, after], waiting=[7], confirm=True)
    lifecycle.apply("open", ws, act, [act, after])
    assert act.closed_early is None
    lifecycle.apply("close", ws, act, [act, after], waiting=[])
    assert act.state == CLOSED and act.closed_early is None


def test_status_in_the_results():
    ws, act, _ = workshop_with(quorum={"mode": "one"})
    balance = [row(1, 2, 0), row(2, 1, 1)]
    assert quorum.status(act, balance) == {"rule": {"mode": "one"}, "waiting_for": [1], "met": False, "closed_early": None}
    lifecycle.close_activity(ws, act, [1], confirm=True)
    assert quorum.status(act, balance)["closed_early"] == {"waiting_for": [1], "rule": {"mode": "one"}}
    assert quorum.status(act, balance)["waiting_for"] == [], "a closed round waits for nobody"
