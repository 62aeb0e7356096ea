"""A whole workshop with results in every kind, for the report, export and closing tests.

Three corporations with a privacy threshold of 3: Woonstede (4 people), Thuisbaas (3) and De Zonnige
Woning (1, below the threshold: it must never be named next to an answer). Five people are in the room
and three remote, so the room-versus-remote split is shown. `run(driver)` plays the agenda through a
driver (in-process services or a running server) and returns what the tests check against.
"""

from dataclasses import dataclass, field

WOONSTEDE, THUISBAAS, ZONNIG = "Woonstede", "Thuisbaas", "De Zonnige Woning"

AGENDA = [
    {"kind": "introductions", "title": "Kennismaken", "prompt": "Wat breng je, wat kom je halen?"},
    {
        "kind": "scale",
        "title": "Hoeveel vertrouwen is er?",
        "config": {"left": "Weinig", "right": "Volledig", "min": 0, "max": 10},
    },
    {"kind": "ambitions", "title": "Ambities", "prompt": "Wat wil jouw organisatie bereiken?"},
    {"kind": "goals", "title": "Gezamenlijke doelen"},
    {"kind": "dot_voting", "title": "Welke doelen eerst?", "config": {"dots": 3, "top_k": 1}},
    {"kind": "team_phase", "title": "Teamfase"},
    {"kind": "reflection", "title": "Wat maakt je moedig?"},
    {"kind": "poll", "title": "Welke tip eerst?", "config": {"options": ["Bestuurders", "Doelen", "Team"]}},
    {"kind": "consent", "title": "Instemming"},
    {"kind": "commitments", "title": "Wat zetten we in?"},
]


def workshop_body(title: str = "Samen verduurzamen") -> dict:
    return {
        "title": title,
        "language": "nl",
        "organisations": [{"name": WOONSTEDE}, {"name": THUISBAAS}, {"name": ZONNIG}],
        "settings": {"privacy_threshold": 3},
        "agenda": AGENDA,
    }


# (organisation index, display name, presence)
PEOPLE = [
    (0, "Anne", "room"),
    (0, "Bram", "room"),
    (0, "Cees", "remote"),
    (0, "", "remote"),
    (1, "Dirk", "room"),
    (1, "Eva", "room"),
    (1, "Fenna", "room"),
    (2, "Carla", "remote"),
]
INTRO_SMALL = "Ik breng data over vierduizend woningen"
AMBITION_SMALL = "Zonnepanelen op elk geschikt dak in de wijk"
AMBITIONS = [  # (person, text, value driver, horizon)
    (0, "Alle woningen van het gas af in 2035", "Verduurzaming en CO2", 10),
    (1, "Samen warmtepompen inkopen", "Kostenbesparing", 3),
    (2, '=HYPERLINK("http://evil.example")', "Innovatie", 1),
    (4, "Huurders betrekken bij verduurzaming", "Leefbaarheid", 3),
    (5, "Eén loket voor bewoners", "Kwaliteit van wonen", 1),
    (7, AMBITION_SMALL, "Verduurzaming en CO2", 10),
    (3, "Een ambitie die de facilitator verbergt", "Innovatie", 1),
]
HIDDEN_AMBITION = AMBITIONS[-1][1]
GOALS = [("Samen van het gas af", [0, 1, 5]), ("Bewoners betrekken via één loket", [3, 4])]
REFLECTIONS = [  # per person: (share, text)
    ("named", "Mij maakt moedig dat we elkaar al kennen"),
    ("private", "Ik ben bang dat mijn bestuur dit te traag vindt"),
    ("anonymous", "Ik vrees dat we elkaars budget niet vertrouwen"),
    ("private", "Privé: mijn directeur zit hier niet bij"),
    ("named", "Ik word overmoedig als de planning strak is"),
    ("private", "Privé: ik houd zelden in"),
    ("anonymous", "Wie betaalt er als het misgaat?"),
    ("named", "Carla deelt met naam"),
]
PRIVATE_REFLECTIONS = [text for share, text in REFLECTIONS if share == "private"]
OBJECTION = "Zonder afspraak over de kosten kunnen wij niet instemmen"
CONCERN_SMALL = "Het loket moet ook open voor particulieren"


@dataclass
class Played:
    """What the scenario did, for the checks."""

    created: dict
    people: list = field(default_factory=list)
    activity_ids: dict = field(default_factory=dict)
    ambition_ids: list = field(default_factory=list)
    goal_ids: list = field(default_factory=list)


def run(driver, end: bool = True) -> Played:
    """Create the workshop, join everyone, answer every activity through `driver`, end the session."""
    created = driver.create(workshop_body())
    played = Played(created=created)
    ids = driver.activity_ids()
    played.activity_ids = dict(zip([a["kind"] for a in AGENDA], ids, strict=True))
    kinds = played.activity_ids
    for org, name, presence in PEOPLE:
        played.people.append(driver.join(org, name, presence))
    p = played.people

    driver.open(kinds["introductions"])
    for i, person in enumerate(p):
        bring = INTRO_SMALL if i == 7 else f"Ervaring nummer {i}"
        driver.submit(person, kinds["introductions"], {"bring": bring, "get": f"Samenwerking {i}"})

    driver.open(kinds["scale"])
    for person, value in zip(p, [7, 8, 6, 5, 4, 3, 4, 9], strict=True):
        driver.submit(person, kinds["scale"], {"value": value})

    driver.open(kinds["ambitions"])
    for who, text, driver_name, horizon in AMBITIONS:
        answer = driver.submit(p[who], kinds["ambitions"], {"text": text, "value_driver": driver_name, "horizon": horizon})
        played.ambition_ids.append(answer["id"])
    driver.moderate(played.ambition_ids[-1], True)

    driver.open(kinds["goals"])
    for text, sources in GOALS:
        goal = driver.add_goal(text, [played.ambition_ids[i] for i in sources])
        played.goal_ids.append(goal["id"])
        driver.adopt(goal["id"])

    driver.open(kinds["dot_voting"])
    g1, g2 = (str(g) for g in played.goal_ids)
    ballots = [{g1: 3}, {g1: 2, g2: 1}, {g1: 3}, {g2: 3}, {g2: 3}, {g2: 2, g1: 1}, {g2: 3}, {g1: 3}]
    for person, ballot in zip(p, ballots, strict=True):
        driver.submit(person, kinds["dot_voting"], {"allocation": ballot})
    driver.reveal(kinds["dot_voting"])

    driver.open(kinds["team_phase"])
    for person, phase in zip(
        p, ["forming", "storming", "storming", "norming", "norming", "norming", "performing", "forming"], strict=True
    ):
        driver.submit(person, kinds["team_phase"], {"phase": phase})

    driver.open(kinds["reflection"])
    for person, (share, text) in zip(p, REFLECTIONS, strict=True):
        driver.submit(person, kinds["reflection"], {"text": text, "share": share})
    driver.reveal(kinds["reflection"])

    driver.open(kinds["poll"])
    for person, choice in zip(p, [0, 0, 1, 1, 1, 2, 1, 0], strict=True):
        driver.submit(person, kinds["poll"], {"choices": [choice]})

    driver.open(kinds["consent"])
    for i, person in enumerate(p):
        first = {"position": "objection", "reason": OBJECTION} if i == 4 else {"position": "consent", "reason": ""}
        second = {"position": "concern", "reason": CONCERN_SMALL} if i == 7 else {"position": "consent", "reason": ""}
        driver.submit(person, kinds["consent"], {"responses": {g1: first, g2: second}})
    driver.reveal(kinds["consent"])

    driver.open(kinds["commitments"])
    pledges = {
        0: {g1: {"hours": 40, "budget": 10000}},
        4: {g1: {"hours": 16}, g2: {"hours": 8, "budget": 2500}},
        7: {g2: {"hours": 4}},
    }
    for who, pledge in pledges.items():
        driver.submit(p[who], kinds["commitments"], {"pledges": pledge})
    if end:
        driver.control("next")
    return played


class InProcess:
    """Drives the scenario through the JSON API (test client) and the services, as the live handlers do."""

    def __init__(self, client, db):
        self.client = client
        self.db = db
        self.created = None

    def bearer(self) -> dict:
        return {"Authorization": f"Bearer {self.created['control_token']}"}

    def create(self, body: dict) -> dict:
        reply = self.client.post("/api/workshops", json=body)
        assert reply.status_code == 201, reply.get_json()
        self.created = reply.get_json()
        return self.created

    def activity_ids(self) -> list[int]:
        agenda = self.client.get(f"/api/workshops/{self.created['code']}/agenda", headers=self.bearer()).get_json()
        return [a["id"] for a in agenda]

    def join(self, org: int, name: str, presence: str) -> dict:
        body = {
            "organisation_id": self.created["workshop"]["organisations"][org]["id"],
            "role": "manager" if org else "bestuurder",
            "presence": presence,
            "display_name": name,
        }
        reply = self.client.post(f"/api/workshops/{self.created['code']}/participants", json=body)
        assert reply.status_code == 201, reply.get_json()
        return reply.get_json()

    def workshop_id(self) -> int:
        from workshop import services

        return services.facilitator_workshop(self.db, self.created["code"], self.created["control_token"])

    def control(self, action: str, activity_id=None) -> dict:
        reply = self.client.post(
            f"/api/workshops/{self.created['code']}/control",
            json={"action": action, "activity_id": activity_id},
            headers=self.bearer(),
        )
        assert reply.status_code == 200, reply.get_json()
        return reply.get_json()

    def open(self, activity_id: int) -> None:
        self.control("open", activity_id)

    def reveal(self, activity_id: int) -> None:
        self.control("reveal", activity_id)

    def submit(self, person: dict, activity_id: int, answer: dict) -> dict:
        import uuid

        from workshop import services

        result, _ = services.submit_answer(self.db, person["participant"]["id"], activity_id, uuid.uuid4().hex, answer)
        return result["answer"]

    def moderate(self, answer_id: int, hidden: bool) -> None:
        from workshop import services

        services.moderate(self.db, self.workshop_id(), answer_id, hidden)

    def add_goal(self, text: str, answer_ids: list[int]) -> dict:
        from workshop import services

        view, _ = services.add_goal(self.db, self.workshop_id(), text, answer_ids)
        return view

    def adopt(self, goal_id: int) -> None:
        from workshop import services

        services.update_goal(self.db, self.workshop_id(), goal_id, adopted=True)


class Remote:
    """Drives the scenario against a running server: HTTP for the API, a socket per participant and one for the facilitator."""

    def __init__(self, server):
        import requests

        self.server = server
        self.http = requests.Session()
        self.created = None
        self.sockets = []
        self.facilitator = None

    def bearer(self) -> dict:
        return {"Authorization": f"Bearer {self.created['control_token']}"}

    def create(self, body: dict) -> dict:
        from tests.support.server import SocketClient

        reply = self.http.post(f"{self.server.url}/api/workshops", json=body, timeout=10)
        assert reply.status_code == 201, reply.text
        self.created = reply.json()
        self.facilitator = SocketClient().connect(
            self.server, {"role": "facilitator", "code": self.created["code"], "token": self.created["control_token"]}
        )
        self.sockets.append(self.facilitator)
        return self.created

    def activity_ids(self) -> list[int]:
        reply = self.http.get(f"{self.server.url}/api/workshops/{self.created['code']}/agenda", headers=self.bearer(), timeout=10)
        return [a["id"] for a in reply.json()]

    def join(self, org: int, name: str, presence: str) -> dict:
        from tests.support.server import SocketClient

        body = {
            "organisation_id": self.created["workshop"]["organisations"][org]["id"],
            "role": "manager" if org else "bestuurder",
            "presence": presence,
            "display_name": name,
        }
        reply = self.http.post(f"{self.server.url}/api/workshops/{self.created['code']}/participants", json=body, timeout=10)
        assert reply.status_code == 201, reply.text
        joined = reply.json()
        joined["socket"] = SocketClient().connect(
            self.server, {"role": "participant", "code": self.created["code"], "token": joined["token"]}
        )
        self.sockets.append(joined["socket"])
        return joined

    def ack(self, event: str, payload: dict, socket=None) -> dict:
        reply = (socket or self.facilitator).call(event, payload)
        assert reply["ok"], reply
        return reply

    def control(self, action: str, activity_id=None) -> None:
        self.ack("control", {"action": action, "activity_id": activity_id})

    def open(self, activity_id: int) -> None:
        self.control("open", activity_id)

    def reveal(self, activity_id: int) -> None:
        self.control("reveal", activity_id)

    def submit(self, person: dict, activity_id: int, answer: dict) -> dict:
        import uuid

        payload = {"activity_id": activity_id, "client_id": uuid.uuid4().hex, "answer": answer}
        return self.ack("submit", payload, person["socket"])["answer"]

    def moderate(self, answer_id: int, hidden: bool) -> None:
        self.ack("moderate", {"answer_id": answer_id, "hidden": hidden})

    def add_goal(self, text: str, answer_ids: list[int]) -> dict:
        return self.ack("goal_add", {"text": text, "answer_ids": answer_ids})["goal"]

    def adopt(self, goal_id: int) -> None:
        self.ack("goal_update", {"goal_id": goal_id, "adopted": True})

    def close(self) -> None:
        for socket in self.sockets:
            socket.disconnect()
