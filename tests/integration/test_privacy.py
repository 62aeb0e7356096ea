"""Privacy that holds on every path (issue 7 §9, issue 6 §4): goals, splits, ids of private and anonymous answers."""

import json

import pytest

from tests.support.live import assert_error, last
from tests.support.workshops import ambition, submission

AGENDA = [
    {"kind": "ambitions", "title": "Ambitions"},
    {"kind": "reflection", "title": "Reflection"},
    {"kind": "poll", "title": "Poll", "config": {"options": ["Yes", "No"]}},
    {"kind": "goals", "title": "Goals"},
    {"kind": "dot_voting", "title": "Vote"},
]


@pytest.fixture
def room(workshops, live):
    """Threshold 3; Woonstede with three people, Energiek with one (remote), Thuisbaas with one."""
    created = workshops.create(
        organisations=["Woonstede", "Energiek", "Thuisbaas"], settings={"privacy_threshold": 3}, agenda=AGENDA
    )
    people = [workshops.join(created, 0, display_name=f"W{i}") for i in range(3)]
    people.append(workshops.join(created, 1, display_name="Eva", presence="remote"))
    people.append(workshops.join(created, 2, display_name="Tim"))
    phones = [live.participant(created, p["token"]) for p in people]
    return {
        "created": created,
        "people": people,
        "phones": phones,
        "control": live.facilitator(created),
        "screen": live.screen(created),
    }


def run(workshops, created, index):
    workshops.control(created, "open", created["activity_ids"][index])
    return created["activity_ids"][index]


def send(phone, activity_id, answer):
    ack = phone.emit("submit", submission(activity_id, answer), callback=True)
    assert ack["ok"], ack
    return ack["answer"]["id"]


def test_goals_take_only_ambitions_and_never_reveal_who_wrote_a_reflection(workshops, room):
    created, phones, control = room["created"], room["phones"], room["control"]
    ambitions = run(workshops, created, 0)
    ambition_id = send(phones[0], ambitions, ambition(text="Heat from the river"))
    reflection = run(workshops, created, 1)
    secret = send(phones[3], reflection, {"text": "Only Eva thinks this", "share": "anonymous"})
    private = send(phones[4], reflection, {"text": "Tim's private doubt", "share": "private"})
    poll = run(workshops, created, 2)
    vote = send(phones[1], poll, {"choices": [0]})

    for answer_id in (secret, private, vote, 10**6):
        assert_error(control.emit("goal_add", {"text": "Probe", "answer_ids": [answer_id]}, callback=True), "not_found")
    made = control.emit("goal_add", {"text": "River heat", "answer_ids": [ambition_id]}, callback=True)
    assert made["ok"], made
    assert_error(
        control.emit("goal_update", {"goal_id": made["goal"]["id"], "answer_ids": [ambition_id, secret]}, callback=True),
        "not_found",
    )
    # Guessing every id in a range ties nothing to anybody.
    for answer_id in range(1, max(secret, private, vote) + 5):
        ack = control.emit("goal_add", {"text": f"Guess {answer_id}", "answer_ids": [answer_id]}, callback=True)
        if ack["ok"]:
            assert answer_id == ambition_id
            control.emit("goal_delete", {"goal_id": ack["goal"]["id"]}, callback=True)
    # Nor can moderation address a private or anonymous answer by its row id.
    for answer_id in (secret, private):
        assert_error(control.emit("moderate", {"answer_id": answer_id, "hidden": True}, callback=True), "not_found")
        assert_error(control.emit("merge", {"keep_id": answer_id, "answer_ids": [answer_id]}, callback=True), "not_found")


def test_anonymous_and_private_answer_ids_are_never_sent(workshops, room):
    created, phones, control, screen = room["created"], room["phones"], room["control"], room["screen"]
    reflection = run(workshops, created, 1)
    ids = [
        send(phones[0], reflection, {"text": "Shared with my name", "share": "named"}),
        send(phones[1], reflection, {"text": "Nobody knows it was me", "share": "anonymous"}),
        send(phones[2], reflection, {"text": "Mine alone", "share": "private"}),
    ]
    workshops.control(created, "reveal", reflection)
    control.get_received()
    screen.get_received()
    results = control.emit("results", {"activity_id": reflection}, callback=True)["results"]
    shared = {item["text"]: item for item in results["data"]["shared"]}
    assert shared["Shared with my name"]["id"] == ids[0]
    handle = shared["Nobody knows it was me"]["id"]
    assert isinstance(handle, str) and handle.startswith("anon-")
    assert "Mine alone" not in json.dumps(results)
    # The handle hides and shows the anonymous answer.
    assert control.emit("moderate", {"answer_id": handle, "hidden": True}, callback=True)["ok"]
    again = control.emit("results", {"activity_id": reflection}, callback=True)["results"]["data"]["shared"]
    assert [i["hidden"] for i in again if i["id"] == handle] == [True]
    assert control.emit("moderate", {"answer_id": handle, "hidden": False}, callback=True)["ok"]
    assert_error(control.emit("moderate", {"answer_id": "anon-guess", "hidden": True}, callback=True), "not_found")
    everything = json.dumps(control.get_received()) + json.dumps(screen.get_received())
    for answer_id in ids[1:]:
        assert f'"id": {answer_id}' not in everything and f'"answer_id": {answer_id}' not in everything


def test_a_split_never_narrows_a_group_below_the_threshold(client, workshops, room):
    created, phones, control = room["created"], room["phones"], room["control"]
    reflection = run(workshops, created, 1)
    for phone in phones:
        send(phone, reflection, {"text": f"thought of {id(phone)}", "share": "anonymous"})
    send(phones[3], reflection, {"text": "Only the remote one wrote this", "share": "anonymous"})
    # Eva is the one remote participant: her "anonymous" answer would be hers for all to see.
    remote = control.emit("results", {"activity_id": reflection, "presence": "remote"}, callback=True)["results"]
    assert remote["withheld"] is True and remote["data"] is None and remote["respondents"] == 1
    api = client.get(f"/api/workshops/{created['code']}/results?presence=remote", headers=workshops.bearer(created))
    assert "Only the remote one wrote this" not in api.get_data(as_text=True)
    room_split = control.emit("results", {"activity_id": reflection, "presence": "room"}, callback=True)["results"]
    assert room_split["withheld"] is False and room_split["respondents"] == 4
    everyone = control.emit("results", {"activity_id": reflection}, callback=True)["results"]
    assert "Only the remote one wrote this" in json.dumps(everyone), "among five people it is anonymous"


def goal_orgs(payload) -> dict:
    return {g["text"]: g["organisation_ids"] for g in payload}


def test_a_goal_from_pooled_ambitions_names_no_small_organisation(workshops, room):
    created, phones, control, screen = room["created"], room["phones"], room["control"], room["screen"]
    woonstede, energiek, thuisbaas = created["org_ids"]
    ambitions = run(workshops, created, 0)
    big = [send(phone, ambitions, ambition(text=f"Woonstede idea {i}")) for i, phone in enumerate(phones[:3])]
    small = send(phones[3], ambitions, ambition(text="Energiek idea"))
    made = control.emit("goal_add", {"text": "Shared heat", "answer_ids": [big[0], small]}, callback=True)
    only_small = control.emit("goal_add", {"text": "Energiek's own", "answer_ids": [small]}, callback=True)
    assert made["goal"]["organisation_ids"] == [woonstede], "Energiek (one person) is not named"
    assert only_small["goal"]["organisation_ids"] == []

    sources = control.emit("goal_sources", {}, callback=True)["ambitions"]
    assert {s["text"]: s["organisation_id"] for s in sources} == {
        **{f"Woonstede idea {i}": woonstede for i in range(3)},
        "Energiek idea": None,
    }
    goals_activity = run(workshops, created, 3)
    workshops.control(created, "reveal", goals_activity)
    for client in (control, screen, phones[4]):
        assert goal_orgs(last(client, "state")["goals"]) == {"Shared heat": [woonstede], "Energiek's own": []}
    goals_results = control.emit("results", {"activity_id": goals_activity}, callback=True)["results"]["data"]["goals"]
    assert goal_orgs(goals_results) == {"Shared heat": [woonstede], "Energiek's own": []}
    vote = run(workshops, created, 4)
    voting = control.emit("results", {"activity_id": vote}, callback=True)["results"]["data"]["goals"]
    assert goal_orgs([{"text": g["text"], "organisation_ids": g["organisation_ids"]} for g in voting]) == {
        "Shared heat": [woonstede],
        "Energiek's own": [],
    }
    api = workshops.client.get(f"/api/workshops/{created['code']}/results", headers=workshops.bearer(created)).get_json()
    for activity in api["activities"]:
        for goal in (activity["data"] or {}).get("goals", []):
            assert energiek not in goal.get("organisation_ids", []), activity["kind"]

    # Once Energiek has enough people behind its ambitions, the goal may name it.
    control.emit("settings", {"privacy_threshold": 1}, callback=True)
    assert goal_orgs(last(screen, "state")["goals"]) == {"Shared heat": [woonstede, energiek], "Energiek's own": [energiek]}
    assert thuisbaas not in made["goal"]["organisation_ids"]
