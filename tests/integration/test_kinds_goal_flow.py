"""From ambitions to goals, dot voting, consent and commitments, over Socket.IO test clients."""

import uuid

import pytest

AGENDA = [
    {"kind": "ambitions", "title": "Our ambitions"},
    {"kind": "goals", "title": "Shared goals"},
    {"kind": "dot_voting", "title": "Which goals first?", "config": {"dots": 3, "top_k": 2}},
    {"kind": "consent", "title": "Can you live with these?"},
    {"kind": "commitments", "title": "What we put in"},
]
ORGANISATIONS = ["Woonstede", "Thuisbaas", "Dorpswonen"]


class Flow:
    """A workshop made through the API, with a facilitator, a screen and phones connected."""

    def __init__(self, app):
        self.app = app
        self.socketio = self.app.extensions["socketio"]
        self.http = self.app.test_client()
        reply = self.http.post(
            "/api/workshops",
            json={
                "title": "Kick-off",
                "language": "en",
                "organisations": [{"name": n} for n in ORGANISATIONS],
                "settings": {"privacy_threshold": 1},
                "agenda": AGENDA,
            },
        )
        assert reply.status_code == 201, reply.get_json()
        self.created = reply.get_json()
        self.code = self.created["code"]
        self.orgs = [o["id"] for o in self.created["workshop"]["organisations"]]
        self.clients = []
        self.facilitator = self.connect({"role": "facilitator", "code": self.code, "token": self.created["control_token"]})
        self.screen = self.connect({"role": "screen", "code": self.code, "key": self.created["screen_key"]})
        self.activities = {a["kind"]: a["id"] for a in self.last(self.facilitator, "state")["agenda"]}

    def connect(self, auth):
        client = self.socketio.test_client(self.app, auth=auth)
        assert client.is_connected()
        self.clients.append(client)
        return client

    def join(self, org_index):
        reply = self.http.post(
            f"/api/workshops/{self.code}/participants", json={"organisation_id": self.orgs[org_index], "role": "manager"}
        )
        assert reply.status_code == 201, reply.get_json()
        return self.connect({"role": "participant", "code": self.code, "token": reply.get_json()["token"]})

    def control(self, action, kind):
        ack = self.facilitator.emit("control", {"action": action, "activity_id": self.activities[kind]}, callback=True)
        assert ack["ok"], ack

    def ask(self, name, payload=None):
        return self.facilitator.emit(name, payload or {}, callback=True)

    def results(self, kind):
        ack = self.ask("results", {"activity_id": self.activities[kind]})
        assert ack["ok"], ack
        return ack["results"]["data"]

    @staticmethod
    def submit(phone, activity_id, answer):
        return phone.emit("submit", {"activity_id": activity_id, "client_id": uuid.uuid4().hex, "answer": answer}, callback=True)

    @staticmethod
    def last(client, name):
        found = [item["args"][0] for item in client.get_received() if item["name"] == name]
        return found[-1] if found else None

    def close(self):
        for client in self.clients:
            if client.is_connected():
                client.disconnect()


@pytest.fixture
def flow(app):
    made = Flow(app)
    yield made
    made.close()


def error_code(ack):
    assert ack["ok"] is False, ack
    assert ack["error"]["message"].strip()
    return ack["error"]["code"]


def test_from_ambitions_to_commitments(flow):
    a1, a2, a3, b1, b2, c1 = [flow.join(i) for i in (0, 0, 0, 1, 1, 2)]
    A, B, C = flow.orgs

    # Ambitions, then the facilitator merges two of them (from A and B) into one goal.
    flow.control("open", "ambitions")
    ambition = {"text": "Half the homes off gas", "value_driver": "Innovation", "horizon": 10}
    for phone, text in ((a1, "Half the homes off gas"), (b1, "Cut CO2 in our stock"), (c1, "Learn from each other")):
        assert flow.submit(phone, flow.activities["ambitions"], {**ambition, "text": text})["ok"]
    sources = flow.ask("goal_sources")
    assert sources["ok"]
    by_text = {s["text"]: s for s in sources["ambitions"]}
    assert by_text["Cut CO2 in our stock"]["organisation_id"] == B
    co2 = flow.ask(
        "goal_add",
        {
            "text": "Cut CO2 together",
            "answer_ids": [by_text["Half the homes off gas"]["id"], by_text["Cut CO2 in our stock"]["id"]],
        },
    )
    assert co2["ok"] and co2["goal"]["organisation_ids"] == sorted([A, B])
    learn = flow.ask("goal_add", {"text": "A learning community", "answer_ids": [by_text["Learn from each other"]["id"]]})
    buy = flow.ask("goal_add", {"text": "Buy maintenance together", "answer_ids": []})
    assert learn["goal"]["organisation_ids"] == [C] and buy["goal"]["organisation_ids"] == []
    g_co2, g_learn, g_buy = co2["goal"]["id"], learn["goal"]["id"], buy["goal"]["id"]

    # The goals activity: the screen shows the goals with the organisations behind them.
    flow.control("open", "goals")
    assert error_code(flow.submit(a1, flow.activities["goals"], {"text": "x"})) == "invalid_input"
    renamed = flow.ask("goal_update", {"goal_id": g_buy, "text": "Buy maintenance and IT together"})
    assert renamed["ok"]
    shown = flow.last(flow.screen, "results")["data"]["goals"]
    assert [(g["text"], g["organisation_ids"]) for g in shown] == [
        ("Cut CO2 together", sorted([A, B])),
        ("A learning community", [C]),
        ("Buy maintenance and IT together", []),
    ]

    # Dot voting.
    dots = flow.activities["dot_voting"]
    flow.control("open", "dot_voting")
    overspent = flow.submit(a1, dots, {"allocation": {str(g_co2): 2, str(g_buy): 2}})
    assert error_code(overspent) == "limit_reached"
    assert "3" in overspent["error"]["message"]
    assert error_code(flow.submit(a1, dots, {"allocation": {"999999": 1}})) == "invalid_input"
    ballots = [
        (a1, {str(g_buy): 3}),
        (a2, {str(g_buy): 3}),
        (a3, {str(g_buy): 2, str(g_co2): 1}),
        (b1, {str(g_co2): 3}),
        (b2, {str(g_co2): 2, str(g_learn): 1}),
        (c1, {str(g_co2): 2, str(g_learn): 1}),
    ]
    for phone, allocation in ballots:
        assert flow.submit(phone, dots, {"allocation": allocation})["ok"]
    # a1 moves their dots: the second ballot replaces the first.
    moved = flow.submit(a1, dots, {"allocation": {str(g_co2): 3}})
    assert moved["ok"] and moved["answer"]["answer"] == {"allocation": {str(g_co2): 3}}
    assert flow.last(flow.screen, "results")["data"] is None, "votes stay off the projector until revealed"
    flow.control("reveal", "dot_voting")
    data = flow.results("dot_voting")
    assert data["voters"] == 6
    assert {r["goal_id"]: r["dots"] for r in data["ranking"]} == {g_co2: 11, g_buy: 5, g_learn: 2}
    screen = flow.last(flow.screen, "results")
    assert screen["activity_id"] == dots and screen["data"] is not None
    # Equal voice: A gave 9 dots (4 co2, 5 buy), B 6 (5 co2, 1 learn), C 3 (2 co2, 1 learn):
    # co2 = 100 * (4/9 + 5/6 + 2/3) = 194.4; buy = 100 * 5/9 = 55.6; learn = 100 * (1/6 + 1/3) = 50.
    points = {e["goal_id"]: e["points"] for e in screen["data"]["equal_voice"]}
    assert points == {g_co2: 194.4, g_buy: 55.6, g_learn: 50.0}
    assert screen["data"]["common_ground"] == [g_co2]
    assert screen["data"]["divergence"][0]["goal_id"] == g_buy

    # Closed: no more voting.
    flow.control("close", "dot_voting")
    assert error_code(flow.submit(b1, dots, {"allocation": {str(g_learn): 3}})) == "activity_not_open"
    assert {r["goal_id"]: r["dots"] for r in flow.results("dot_voting")["ranking"]}[g_learn] == 2

    # Adopt two goals; the consent round is about those.
    for goal in (g_co2, g_learn):
        assert flow.ask("goal_update", {"goal_id": goal, "adopted": True})["ok"]
    consent = flow.activities["consent"]
    flow.control("open", "consent")
    yes = {"position": "consent"}
    assert (
        error_code(flow.submit(a1, consent, {"responses": {str(g_co2): yes, str(g_learn): {"position": "objection"}}}))
        == "invalid_input"
    )
    assert error_code(flow.submit(a1, consent, {"responses": {str(g_co2): yes}})) == "invalid_input"
    assert flow.submit(a1, consent, {"responses": {str(g_co2): yes, str(g_learn): yes}})["ok"]
    objection = {"position": "objection", "reason": "No staff for it this year"}
    assert flow.submit(
        b1, consent, {"responses": {str(g_co2): {"position": "concern", "reason": "Costs"}, str(g_learn): objection}}
    )["ok"]
    assert flow.last(flow.screen, "results")["data"] is None, "consent stays off the projector until revealed"
    flow.control("reveal", "consent")
    rows = {g["goal_id"]: g for g in flow.last(flow.screen, "results")["data"]["goals"]}
    assert set(rows) == {g_co2, g_learn}
    assert rows[g_co2]["passes"] is True and rows[g_co2]["counts"] == {"consent": 1, "concern": 1, "objection": 0}
    assert rows[g_learn]["passes"] is False
    assert rows[g_learn]["objections"] == [{"reason": "No staff for it this year", "organisation_id": B}]

    # Commitments: per organisation the latest pledge of any of its people counts.
    pledges = flow.activities["commitments"]
    flow.control("open", "commitments")
    assert flow.submit(a1, pledges, {"pledges": {str(g_co2): {"hours": 40, "budget": 10000}}})["ok"]
    assert flow.submit(a2, pledges, {"pledges": {str(g_co2): {"hours": 24, "budget": 8000}, str(g_learn): {"hours": 4}}})["ok"]
    assert flow.submit(b1, pledges, {"pledges": {str(g_co2): {"hours": 16}}})["ok"]
    assert flow.submit(c1, pledges, {"pledges": {str(g_learn): {"hours": 2, "budget": 500}}})["ok"]
    assert error_code(flow.submit(c1, pledges, {"pledges": {str(g_buy): {"hours": 2}}})) == "invalid_input"
    # a1 changes their pledge last: the row is updated in place, and it is now the latest of A.
    assert flow.submit(a1, pledges, {"pledges": {str(g_co2): {"hours": 32, "budget": 12000}}})["ok"]
    data = flow.results("commitments")
    assert data["organisations"] == [
        {"organisation_id": A, "hours": 36, "budget": 12000},
        {"organisation_id": B, "hours": 16, "budget": 0},
        {"organisation_id": C, "hours": 2, "budget": 500},
    ]
    goals = {g["goal_id"]: g for g in data["goals"]}
    assert (goals[g_co2]["hours"], goals[g_co2]["budget"]) == (48, 12000)
    assert data["totals"] == {"hours": 54, "budget": 12500}
    assert flow.last(flow.screen, "results")["data"]["totals"] == {"hours": 54, "budget": 12500}


def test_deleting_a_goal_drops_its_dots(flow):
    a1, b1 = flow.join(0), flow.join(1)
    first = flow.ask("goal_add", {"text": "Cut CO2 together"})["goal"]["id"]
    second = flow.ask("goal_add", {"text": "A learning community"})["goal"]["id"]
    dots = flow.activities["dot_voting"]
    flow.control("open", "dot_voting")
    assert flow.submit(a1, dots, {"allocation": {str(first): 1, str(second): 2}})["ok"]
    assert flow.submit(b1, dots, {"allocation": {str(second): 3}})["ok"]
    flow.control("reveal", "dot_voting")
    assert flow.ask("goal_delete", {"goal_id": second})["ok"]
    data = flow.last(flow.screen, "results")["data"]
    assert data["ranking"] == [{"goal_id": first, "dots": 1, "rank": 1}]
    assert data["equal_voice"] == [{"goal_id": first, "points": 100.0, "rank": 1}]
    assert data["organisations_counted"] == [flow.orgs[0]]
