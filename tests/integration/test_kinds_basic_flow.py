"""Introductions, scale, team phase, reflection and poll from a phone to the control view and the projector."""

import json
import uuid

import pytest

KINDS = {
    # kind: (config, a valid answer, another valid answer, an invalid answer, what the results say about the valid one)
    "introductions": (
        {},
        {"bring": "Twenty years of district heating", "get": "Partners for the heat network"},
        {"bring": "A budget", "get": "Speed"},
        {"bring": "", "get": "Partners"},
        lambda data: [i["bring"] for g in data["groups"] for i in g["items"]],
    ),
    "scale": ({}, {"value": 3}, {"value": 8}, {"value": 11}, lambda data: data["overall"]["median"]),
    "team_phase": (
        {},
        {"phase": "storming"},
        {"phase": "norming"},
        {"phase": "adjourning"},
        lambda data: {p["id"]: p["count"] for p in data["phases"] if p["count"]},
    ),
    "reflection": (
        {},
        {"text": "We never talk about the money", "share": "named"},
        {"text": "Who decides in the end?", "share": "named"},
        {"text": "Fine", "share": "everyone"},
        lambda data: [i["text"] for i in data["shared"]],
    ),
    "poll": (
        {"options": ["Heat network", "Heat pumps", "Insulation"]},
        {"choices": [1]},
        {"choices": [2]},
        {"choices": [0, 1]},
        lambda data: [o["count"] for o in data["options"]],
    ),
}
EXPECTED_FIRST = {
    "introductions": ["Twenty years of district heating"],
    "scale": 3,
    "team_phase": {"storming": 1},
    "reflection": ["We never talk about the money"],
    "poll": [0, 1, 0],
}
EXPECTED_SECOND = {
    "introductions": ["A budget"],
    "scale": 8,
    "team_phase": {"norming": 1},
    "reflection": ["Who decides in the end?"],
    "poll": [0, 0, 1],
}


# `app` comes from tests/conftest.py: a fresh SQLite file, synchronous pushes.


class Room:
    """One workshop with every kind on its agenda, a facilitator, a screen and two phones."""

    def __init__(self, app):
        self.app = app
        self.socketio = app.extensions["socketio"]
        http = app.test_client()
        agenda = [{"kind": kind, "title": kind.title(), "config": spec[0]} for kind, spec in KINDS.items()]
        reply = http.post(
            "/api/workshops",
            json={
                "title": "Kick-off warmtenet",
                "language": "en",
                "organisations": [{"name": "Woonstede"}, {"name": "Energiek Netwerk"}],
                "settings": {"privacy_threshold": 1},
                "agenda": agenda,
            },
        )
        assert reply.status_code == 201, reply.get_data(as_text=True)
        self.created = reply.get_json()
        code = self.created["code"]
        orgs = [o["id"] for o in self.created["workshop"]["organisations"]]
        listed = http.get(f"/api/workshops/{code}/agenda", headers={"Authorization": f"Bearer {self.created['control_token']}"})
        self.activity_ids = {a["kind"]: a["id"] for a in listed.get_json()}
        tokens = []
        for org, name in ((orgs[0], "Anna"), (orgs[1], "")):
            joined = http.post(
                f"/api/workshops/{code}/participants", json={"organisation_id": org, "role": "manager", "display_name": name}
            )
            assert joined.status_code == 201, joined.get_data(as_text=True)
            tokens.append(joined.get_json()["token"])
        self.clients = []
        self.facilitator = self.connect({"role": "facilitator", "code": code, "token": self.created["control_token"]})
        self.screen = self.connect({"role": "screen", "code": code, "key": self.created["screen_key"]})
        self.phones = [self.connect({"role": "participant", "code": code, "token": token}) for token in tokens]

    def connect(self, auth):
        client = self.socketio.test_client(self.app, auth=auth)
        assert client.is_connected()
        self.clients.append(client)
        return client

    def control(self, action, kind):
        ack = self.facilitator.emit("control", {"action": action, "activity_id": self.activity_ids[kind]}, callback=True)
        assert ack["ok"], ack

    def submit(self, kind, answer, phone=0):
        payload = {"activity_id": self.activity_ids[kind], "client_id": uuid.uuid4().hex, "answer": answer}
        return self.phones[phone].emit("submit", payload, callback=True)

    def latest_results(self, client, kind):
        """The last results payload for this kind's activity that the client received (drains its queue)."""
        found = [
            item["args"][0]
            for item in client.get_received()
            if item["name"] == "results" and item["args"][0]["activity_id"] == self.activity_ids[kind]
        ]
        assert found, "no results pushed"
        return found[-1]

    def close(self):
        for client in self.clients:
            if client.is_connected():
                client.disconnect()


@pytest.fixture
def room(app):
    created = Room(app)
    yield created
    created.close()


def opened(room, kind):
    room.control("open", kind)
    room.control("reveal", kind)  # reflections start hidden on the projector; revealing is harmless for others
    for client in room.clients:
        client.get_received()


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_valid_answer_is_acked_and_reaches_facilitator_and_screen(room, kind):
    config, valid, _, _, extract = KINDS[kind]
    opened(room, kind)
    ack = room.submit(kind, valid)
    assert ack["ok"] is True, ack
    assert ack["answer"]["activity_id"] == room.activity_ids[kind]
    assert ack["answer"]["answer"] == valid
    for client in (room.facilitator, room.screen):
        results = room.latest_results(client, kind)
        assert results["kind"] == kind and results["respondents"] == 1
        assert extract(results["data"]) == EXPECTED_FIRST[kind]


@pytest.mark.parametrize("kind", list(KINDS))
def test_an_invalid_answer_gets_an_error_ack(room, kind):
    invalid = KINDS[kind][3]
    opened(room, kind)
    ack = room.submit(kind, invalid)
    assert ack["ok"] is False, ack
    assert ack["error"]["code"] == "invalid_input"
    assert isinstance(ack["error"]["message"], str) and ack["error"]["message"].strip()
    assert room.submit(kind, "not an object")["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_closed_activity_refuses_answers(room, kind):
    valid = KINDS[kind][1]
    assert room.submit(kind, valid)["error"]["code"] == "activity_not_open", "still a draft"
    opened(room, kind)
    room.control("close", kind)
    ack = room.submit(kind, valid)
    assert ack["ok"] is False and ack["error"]["code"] == "activity_not_open"


@pytest.mark.parametrize("kind", list(KINDS))
def test_answering_twice_replaces_the_answer(room, kind):
    _, first, second, _, extract = KINDS[kind]
    opened(room, kind)
    one = room.submit(kind, first)
    two = room.submit(kind, second)
    assert one["ok"] and two["ok"]
    assert one["answer"]["id"] == two["answer"]["id"]
    assert two["answer"]["answer"] == second
    results = room.latest_results(room.facilitator, kind)
    assert (results["answers"], results["respondents"]) == (1, 1)
    assert extract(results["data"]) == EXPECTED_SECOND[kind]
    mine = room.phones[0].emit("my_answers", {"activity_id": room.activity_ids[kind]}, callback=True)
    assert [a["answer"] for a in mine["answers"]] == [second]


def test_a_private_reflection_never_reaches_screen_or_facilitator(room, app):
    secret = "I am afraid this partnership will fail"
    opened(room, "reflection")
    ack = room.submit("reflection", {"text": secret})
    assert ack["ok"] and ack["answer"]["answer"] == {"text": secret, "share": "private"}, "private by default, read back in full"
    assert room.submit("reflection", {"text": "Who decides in the end?", "share": "named"}, phone=1)["ok"]
    payloads = [item for client in (room.facilitator, room.screen) for item in client.get_received()]
    assert any(p["name"] == "results" for p in payloads)
    text = json.dumps(payloads)
    assert secret not in text
    assert "Who decides in the end?" in text
    # The results API (the facilitator's export) says only how many are private.
    api = app.test_client().get(
        f"/api/workshops/{room.created['code']}/results", headers={"Authorization": f"Bearer {room.created['control_token']}"}
    )
    assert secret not in api.get_data(as_text=True)
    reflection = next(a for a in api.get_json()["activities"] if a["kind"] == "reflection")
    assert (reflection["data"]["private_count"], reflection["data"]["shared_count"]) == (1, 1)
    # Only the author reads it back.
    mine = room.phones[0].emit("my_answers", {"activity_id": room.activity_ids["reflection"]}, callback=True)
    assert mine["answers"][0]["answer"]["text"] == secret
    other = room.phones[1].emit("my_answers", {"activity_id": room.activity_ids["reflection"]}, callback=True)
    assert secret not in json.dumps(other)


def test_an_anonymous_reflection_carries_no_name_or_organisation(room):
    opened(room, "reflection")
    assert room.submit("reflection", {"text": "We avoid the money question", "share": "anonymous"})["ok"]
    for client in (room.facilitator, room.screen):
        item = room.latest_results(client, "reflection")["data"]["shared"][0]
        assert (item["display_name"], item["organisation_id"]) == (None, None)
