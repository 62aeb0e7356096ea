"""Per-organisation quorum over Socket.IO: the control view learns whom the room waits for; closing early is confirmed and recorded."""

import uuid

from tests.support.live import assert_error, last

AGENDA = [
    {"kind": "poll", "title": "Which first?", "config": {"options": ["Solar", "Insulation"]}},
    {"kind": "scale", "title": "How is the chemistry?"},
]


def vote(phone, activity_id):
    body = {"activity_id": activity_id, "client_id": uuid.uuid4().hex, "answer": {"choices": [0]}}
    ack = phone.emit("submit", body, callback=True)
    assert ack["ok"], ack


def test_a_round_waits_for_every_organisation_present(workshops, live):
    created = workshops.create(agenda=AGENDA)
    poll_id, scale_id = created["activity_ids"]
    big, small = created["org_ids"]
    facilitator = live.facilitator(created)
    assert facilitator.emit("quorum", {"activity_id": poll_id, "quorum": {"mode": "one"}}, callback=True)["ok"]
    assert_error(facilitator.emit("quorum", {"activity_id": scale_id, "quorum": {"mode": "one"}}, callback=True), "invalid_input")
    assert_error(facilitator.emit("quorum", {"activity_id": poll_id, "quorum": {"mode": "most"}}, callback=True), "invalid_input")
    phones = [live.participant(created, workshops.join(created, org=0)["token"]) for _ in range(3)]
    quiet = live.participant(created, workshops.join(created, org=1)["token"])
    assert facilitator.emit("control", {"action": "open", "activity_id": poll_id}, callback=True)["ok"]
    for phone in phones:
        vote(phone, poll_id)

    facilitator.get_received()
    results = facilitator.emit("results", {"activity_id": poll_id}, callback=True)["results"]
    assert results["quorum"]["rule"] == {"mode": "one"}
    assert results["quorum"]["waiting_for"] == [small] and not results["quorum"]["met"]

    for action in ("close", "next"):
        error = assert_error(
            facilitator.emit("control", {"action": action, "activity_id": poll_id}, callback=True), "quorum_not_met"
        )
        assert "organisation" in error["message"]
    assert last(facilitator, "state") is None, "a refused close changes nothing"

    assert facilitator.emit("control", {"action": "close", "activity_id": poll_id, "confirm": True}, callback=True)["ok"]
    state = last(facilitator, "state")
    closed = next(a for a in state["agenda"] if a["id"] == poll_id)
    assert closed["state"] == "closed" and closed["closed_early"] == {"waiting_for": [small], "rule": {"mode": "one"}}
    results = facilitator.emit("results", {"activity_id": poll_id}, callback=True)["results"]
    assert results["quorum"]["closed_early"]["waiting_for"] == [small]

    # Reopened, the small organisation answers: the round closes without asking, and the record is gone.
    assert facilitator.emit("control", {"action": "open", "activity_id": poll_id}, callback=True)["ok"]
    vote(quiet, poll_id)
    assert facilitator.emit("control", {"action": "close", "activity_id": poll_id}, callback=True)["ok"]
    results = facilitator.emit("results", {"activity_id": poll_id}, callback=True)["results"]
    assert results["quorum"]["closed_early"] is None and big not in results["quorum"]["waiting_for"]


def test_the_api_needs_confirm_too(workshops, client, live):
    created = workshops.create(
        agenda=[{"kind": "consent", "title": "Consent", "config": {"quorum": {"mode": "share", "share": 50}}}]
    )
    live.participant(created, workshops.join(created, org=1)["token"])
    workshops.open(created)
    headers = workshops.bearer(created)
    refused = client.post(f"/api/workshops/{created['code']}/control", json={"action": "lobby"}, headers=headers)
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "quorum_not_met"
    done = client.post(f"/api/workshops/{created['code']}/control", json={"action": "lobby", "confirm": True}, headers=headers)
    assert done.status_code == 200
