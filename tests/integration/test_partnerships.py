"""Partnerships: workshops inside one, organisations kept across them, goals carried on, and the thread."""

import uuid

import pytest

from tests.support.forms import with_token
from tests.support.live import assert_error

ORGS = [{"name": "Woonstede", "colour": "#CC79A7"}, {"name": "Thuisbaas"}, {"name": "De Zonnige Woning"}]


class Partnership:
    """A partnership made through the API, with helpers to run its workshops over Socket.IO."""

    def __init__(self, client, live):
        self.client, self.live = client, live
        reply = client.post("/api/partnerships", json={"name": "Energietransitie regio", "language": "nl", "organisations": ORGS})
        assert reply.status_code == 201, reply.get_json()
        self.created = reply.get_json()
        self.code, self.token = self.created["code"], self.created["token"]
        self.headers = {"Authorization": f"Bearer {self.token}"}

    def thread(self) -> dict:
        reply = self.client.get(f"/api/partnerships/{self.code}", headers=self.headers)
        assert reply.status_code == 200, reply.get_json()
        return reply.get_json()

    def workshop(self, title, fmt=None, **extra) -> dict:
        body = {"title": title, **({"format": fmt} if fmt else {}), **extra}
        reply = self.client.post(f"/api/partnerships/{self.code}/workshops", json=body, headers=self.headers)
        assert reply.status_code == 201, reply.get_json()
        made = reply.get_json()
        made["facilitator"] = self.live.facilitator({"code": made["code"]}, token=self.token)
        made["orgs"] = {o["name"]: o["id"] for o in self.client.get(f"/api/workshops/{made['code']}").get_json()["organisations"]}
        return made

    def agenda(self, made) -> list[dict]:
        return self.client.get(f"/api/workshops/{made['code']}/agenda", headers=self.headers).get_json()

    def phone(self, made, org):
        body = {"organisation_id": made["orgs"][org], "role": "bestuurder"}
        reply = self.client.post(f"/api/workshops/{made['code']}/participants", json=body)
        return self.live.participant({"code": made["code"]}, reply.get_json()["token"])

    def open(self, made, activity_id):
        ack = made["facilitator"].emit("control", {"action": "open", "activity_id": activity_id, "confirm": True}, callback=True)
        assert ack["ok"], ack

    @staticmethod
    def send(phone, activity_id, answer):
        ack = phone.emit("submit", {"activity_id": activity_id, "client_id": uuid.uuid4().hex, "answer": answer}, callback=True)
        assert ack["ok"], ack
        return ack


@pytest.fixture
def partnership(client, live):
    return Partnership(client, live)


def test_creating_a_partnership_and_its_page(client, partnership):
    assert client.get(f"/p/{partnership.code}").status_code == 200
    assert client.get("/p/ZZZZZZ").status_code == 404
    # No or a wrong token is missing authentication, as on the workshop API: 401 with the scheme to use.
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        refused = client.get(f"/api/partnerships/{partnership.code}", headers=headers)
        assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].lower().startswith("bearer")
        assert refused.get_json()["error"]["code"] == "unauthorized"
    assert client.get("/api/partnerships/ZZZZZZ", headers=partnership.headers).status_code == 401
    for path in ("/workshops", "/attach", "/workshops/ZZZZZZ/import"):
        assert client.post(f"/api/partnerships/{partnership.code}{path}", json={}).status_code == 401
    data = partnership.thread()
    assert [o["name"] for o in data["partnership"]["organisations"]] == ["Woonstede", "Thuisbaas", "De Zonnige Woning"]
    assert data["partnership"]["organisations"][0]["colour"] == "#CC79A7"
    assert data["workshops"] == [] and data["threads"] == []
    bad = client.post("/api/partnerships", json={"name": "", "organisations": ORGS})
    assert bad.status_code == 400


def test_workshops_keep_the_organisations_and_the_partnership_token_runs_them(client, live, partnership, workshops):
    first = partnership.workshop("Bestuurderssessie", "directors-session", settings={"privacy_threshold": 1})
    second = partnership.workshop("Kick-off")
    for made in (first, second):
        orgs = client.get(f"/api/workshops/{made['code']}").get_json()["organisations"]
        assert [(o["name"], o["colour"]) for o in orgs] == [
            ("Woonstede", "#CC79A7"),
            ("Thuisbaas", "#E69F00"),
            ("De Zonnige Woning", "#009E73"),
        ]
        assert made["facilitator"].is_connected()
    # A workshop's own control token does not open the partnership, nor another partnership's workshops.
    assert (
        client.get(
            f"/api/partnerships/{partnership.code}", headers={"Authorization": f"Bearer {first['control_token']}"}
        ).status_code
        == 401
    )
    standalone = workshops.create()
    refused = live.facilitator({"code": standalone["code"]}, token=partnership.token)
    assert not refused.is_connected()
    assert [w["title"] for w in partnership.thread()["workshops"]] == ["Bestuurderssessie", "Kick-off"]


def test_an_existing_workshop_is_attached_by_its_control_link(client, partnership, workshops):
    standalone = workshops.create(organisations=["thuisbaas", "Woonbron"])
    body = {"code": standalone["code"], "control_token": standalone["links"]["control"]}
    wrong = client.post(
        f"/api/partnerships/{partnership.code}/attach", json={**body, "control_token": "nope"}, headers=partnership.headers
    )
    assert wrong.status_code == 400
    reply = client.post(f"/api/partnerships/{partnership.code}/attach", json=body, headers=partnership.headers)
    assert reply.status_code == 200, reply.get_json()
    orgs = {o["name"]: o["colour"] for o in client.get(f"/api/workshops/{standalone['code']}").get_json()["organisations"]}
    assert orgs["thuisbaas"] == "#E69F00", "matched by name, it takes the partnership's colour"
    partners = {o["name"]: o["colour"] for o in partnership.thread()["partnership"]["organisations"]}
    assert "Woonbron" in partners and partners["Woonbron"] not in {"#CC79A7", "#E69F00", "#009E73"}
    assert [w["code"] for w in partnership.thread()["workshops"]] == [standalone["code"]]


def test_the_thread_from_a_directors_ambition_to_a_delivered_commitment(client, partnership):
    p = partnership
    # ---- The directors' session ----
    directors = p.workshop("Bestuurderssessie", "directors-session", settings={"privacy_threshold": 1})
    ids = {a["title"]: a["id"] for a in p.agenda(directors)}
    kinds = [a["kind"] for a in p.agenda(directors)]
    assert kinds == ["scale", "ambitions", "goals", "consent", "ambitions", "ambitions"]
    trust, ambitions, goals, consent, mandate, firm = (a["id"] for a in p.agenda(directors))
    anne, bas, carla = (p.phone(directors, org) for org in ("Woonstede", "Thuisbaas", "De Zonnige Woning"))
    p.open(directors, trust)
    for phone, value in ((anne, 6), (bas, 7), (carla, 4)):
        p.send(phone, trust, {"value": value})
    p.open(directors, ambitions)
    solar = p.send(
        anne, ambitions, {"text": "Zonnepanelen op al onze daken", "value_driver": "Verduurzaming en CO2", "horizon": 3}
    )
    p.send(bas, ambitions, {"text": "Samen zonnepanelen inkopen", "value_driver": "Kostenbesparing", "horizon": 1})
    p.send(carla, ambitions, {"text": "Betaalbare woonlasten voor huurders", "value_driver": "Betaalbaarheid", "horizon": 10})
    p.open(directors, goals)
    goal = directors["facilitator"].emit(
        "goal_add", {"text": "Samen zon op elk dak", "answer_ids": [solar["answer"]["id"]]}, callback=True
    )["goal"]
    assert directors["facilitator"].emit("goal_update", {"goal_id": goal["id"], "adopted": True}, callback=True)["ok"]
    p.open(directors, consent)
    for phone in (anne, bas, carla):
        p.send(phone, consent, {"responses": {str(goal["id"]): {"position": "consent"}}})
    p.open(directors, mandate)
    p.send(anne, mandate, {"text": "Het team besluit zelf over inkoop tot 50.000 euro"})
    p.open(directors, firm)
    p.send(carla, firm, {"text": "Geen huurverhoging door verduurzaming"})
    assert ids  # titles are the format's Dutch ones

    # ---- The team kick-off: the directors' outcome is its starting point, the shared ambition is carried on ----
    kickoff = p.workshop("Kick-off", "co-creation-kickoff", settings={"privacy_threshold": 1})
    agenda = p.agenda(kickoff)
    start = agenda[0]
    assert start["kind"] == "starting_point" and agenda[1]["kind"] == "introductions"
    assert [a["text"] for a in start["config"]["ambitions"]] == ["Samen zon op elk dak"]
    assert start["config"]["mandate"] == [
        {"text": "Het team besluit zelf over inkoop tot 50.000 euro", "organisation_id": kickoff["orgs"]["Woonstede"]}
    ]
    assert start["config"]["non_negotiables"][0]["organisation_id"] == kickoff["orgs"]["De Zonnige Woning"]
    drivers = {d["organisation_id"]: d["drivers"] for d in start["config"]["value_drivers"]}
    assert drivers[kickoff["orgs"]["Thuisbaas"]] == ["Kostenbesparing"]
    phone = p.phone(kickoff, "Thuisbaas")
    p.open(kickoff, start["id"])
    shown = next(e for e in reversed(phone.get_received()) if e["name"] == "state")["args"][0]
    assert shown["current"]["kind"] == "starting_point" and shown["current"]["config"]["mandate"]
    state_goals = next(e for e in reversed(kickoff["facilitator"].get_received()) if e["name"] == "state")["args"][0]["goals"]
    assert [(g["text"], g["adopted"], g["thread_status"], g["origin_goal_id"]) for g in state_goals] == [
        ("Samen zon op elk dak", True, "carried", goal["id"])
    ]
    kick_goal = state_goals[0]["id"]
    renamed = kickoff["facilitator"].emit(
        "goal_update", {"goal_id": kick_goal, "text": "Zon op elk geschikt dak in 2028"}, callback=True
    )
    assert renamed["goal"]["thread_status"] == "changed"
    pledges = next(a["id"] for a in agenda if a["kind"] == "commitments")
    p.open(kickoff, pledges)
    woonstede = p.phone(kickoff, "Woonstede")
    p.send(woonstede, pledges, {"pledges": {str(kick_goal): {"hours": 200, "budget": 40000}}})
    p.send(phone, pledges, {"pledges": {str(kick_goal): {"hours": 40}}})

    # ---- The follow-up: it imports the changed goal with what each organisation committed ----
    follow = p.workshop("Vervolgsessie", "follow-up", settings={"privacy_threshold": 1})
    agenda = p.agenda(follow)
    assert agenda[0]["kind"] == "starting_point", "the directors' outcome stays the starting point"
    state = next(e for e in reversed(follow["facilitator"].get_received()) if e["name"] == "state")["args"][0]
    imported = state["goals"]
    assert [(g["text"], g["origin_goal_id"]) for g in imported] == [("Zon op elk geschikt dak in 2028", kick_goal)]
    assert imported[0]["commitments"] == {
        str(follow["orgs"]["Woonstede"]): {"hours": 200, "budget": 40000},
        str(follow["orgs"]["Thuisbaas"]): {"hours": 40},
    }
    review = next(a["id"] for a in agenda if a["kind"] == "progress_review")
    p.open(follow, review)
    reporter = p.phone(follow, "Woonstede")
    p.send(
        reporter,
        review,
        {"reports": {str(imported[0]["id"]): {"status": "done", "hours": 180, "budget": 38000, "note": "120 daken klaar"}}},
    )

    # ---- The thread, on the partnership page's API ----
    data = p.thread()
    assert [w["title"] for w in data["workshops"]] == ["Bestuurderssessie", "Kick-off", "Vervolgsessie"]
    assert data["workshops"][0]["directors"] and not data["workshops"][1]["directors"]
    partners = {o["name"]: o["id"] for o in data["partnership"]["organisations"]}
    (chain,) = data["threads"]
    assert [v["workshop_title"] for v in chain] == ["Bestuurderssessie", "Kick-off", "Vervolgsessie"]
    assert [v["status"] for v in chain] == [None, "changed", "carried"]
    assert chain[0]["sources"] == [{"text": "Zonnepanelen op al onze daken", "organisation_id": partners["Woonstede"]}]
    assert (
        chain[0]["consent"][0]["passes"] and chain[0]["consent"][0]["by_organisation"][str(partners["Thuisbaas"])]["consent"] == 1
    )
    assert chain[1]["text"] == "Zon op elk geschikt dak in 2028" and chain[0]["text"] == "Samen zon op elk dak"
    assert {c["organisation_id"]: c["hours"] for c in chain[1]["commitments"]} == {
        partners["Woonstede"]: 200,
        partners["Thuisbaas"]: 40,
    }
    progress = {e["organisation_id"]: e for e in chain[2]["progress"]}
    assert progress[partners["Woonstede"]]["status"] == "done" and progress[partners["Woonstede"]]["note"] == "120 daken klaar"
    assert progress[partners["Woonstede"]]["committed"] == {"hours": 200, "budget": 40000}
    assert progress[partners["Thuisbaas"]]["status"] is None, "Thuisbaas committed but has not reported yet"

    # ---- Closing the goal in the follow-up: a later workshop does not carry it on, the thread keeps it ----
    goal_here = imported[0]["id"]
    closed = follow["facilitator"].emit("goal_update", {"goal_id": goal_here, "thread_status": "closed"}, callback=True)
    assert closed["goal"]["thread_status"] == "closed" and not closed["goal"]["adopted"]
    later = p.workshop("Jaar twee")
    assert next(e for e in reversed(later["facilitator"].get_received()) if e["name"] == "state")["args"][0]["goals"] == []
    assert p.thread()["threads"][0][-1]["status"] == "closed"
    # Importing again changes nothing that is already there.
    again = client.post(f"/api/partnerships/{p.code}/workshops/{follow['code']}/import", headers=p.headers)
    assert again.status_code == 200
    assert len(p.thread()["threads"][0]) == 3


def test_a_goal_from_this_workshop_cannot_be_closed_as_carried(partnership):
    made = partnership.workshop("Kick-off")
    goal = made["facilitator"].emit("goal_add", {"text": "Nieuw doel"}, callback=True)["goal"]
    assert_error(
        made["facilitator"].emit("goal_update", {"goal_id": goal["id"], "thread_status": "closed"}, callback=True),
        "invalid_input",
    )


def test_organisations_below_the_threshold_are_not_named_in_the_thread(partnership):
    made = partnership.workshop("Sessie", settings={"privacy_threshold": 2}, agenda=[{"kind": "ambitions"}, {"kind": "goals"}])
    ambitions = partnership.agenda(made)[0]["id"]
    partnership.open(made, ambitions)
    alone = partnership.phone(made, "Thuisbaas")
    sent = partnership.send(alone, ambitions, {"text": "Eén loket voor bewoners", "value_driver": "Leefbaarheid", "horizon": 1})
    goal = made["facilitator"].emit("goal_add", {"text": "Eén loket", "answer_ids": [sent["answer"]["id"]]}, callback=True)[
        "goal"
    ]
    made["facilitator"].emit("goal_update", {"goal_id": goal["id"], "adopted": True}, callback=True)
    (chain,) = partnership.thread()["threads"]
    assert chain[0]["sources"] == [{"text": "Eén loket voor bewoners", "organisation_id": None}]


def test_a_recurring_measure_shows_its_trend_on_the_projector_and_the_page(partnership, live):
    p = partnership
    scale = [{"kind": "scale", "title": "Hoe is de klik?", "config": {"measure": "trust"}}]
    first = p.workshop("Bestuurders", agenda=scale, settings={"privacy_threshold": 2})
    trust = p.agenda(first)[0]["id"]
    p.open(first, trust)
    for org, value in (("Woonstede", 4), ("Woonstede", 6), ("Thuisbaas", 3)):
        p.send(p.phone(first, org), trust, {"value": value})
    second = p.workshop("Kick-off", agenda=scale, settings={"privacy_threshold": 2})
    trust_two = p.agenda(second)[0]["id"]
    p.open(second, trust_two)
    for org, value in (("Woonstede", 8), ("Thuisbaas", 7), ("Thuisbaas", 9)):
        p.send(p.phone(second, org), trust_two, {"value": value})

    screen = live.screen({"code": second["code"]}, key=second["screen_key"])
    pushed = [e["args"][0] for e in screen.get_received() if e["name"] == "results"][-1]
    points = pushed["trend"]["points"]
    assert [pt["title"] for pt in points] == ["Bestuurders", "Kick-off"]
    assert [pt["overall"]["median"] for pt in points] == [4, 8]
    woonstede, thuisbaas = second["orgs"]["Woonstede"], second["orgs"]["Thuisbaas"]
    # Per organisation only where it had two people answering in that workshop (its smallest group shown).
    assert points[0]["by_organisation"] == {str(woonstede): {"median": 5, "count": 2}}
    assert points[1]["by_organisation"] == {str(thuisbaas): {"median": 8, "count": 2}}

    (trend,) = p.thread()["trends"]
    partners = {o["name"]: o["id"] for o in p.thread()["partnership"]["organisations"]}
    assert trend["measure"] == "trust" and [pt["overall"]["count"] for pt in trend["points"]] == [3, 3]
    assert list(trend["points"][0]["by_organisation"]) == [str(partners["Woonstede"])]

    # The facilitator switches the projector between this round and the trend.
    assert second["facilitator"].emit("settings", {"scale_view": "trend", "ambitions_view": "words"}, callback=True)["ok"]
    state = [e["args"][0] for e in screen.get_received() if e["name"] == "state"][-1]
    assert state["workshop"]["settings"]["scale_view"] == "trend"
    assert_error(second["facilitator"].emit("settings", {"scale_view": "pie"}, callback=True), "invalid_input")


def test_names_are_escaped_on_the_partnership_pages(client):
    evil = "<script>alert(1)</script>"
    # As the browser sends it: empty rows (with their colour picked) are not organisations.
    form = {"name": f"Regio {evil}", "language": "en", "org_name": [evil, "Gewoon", ""], "org_colour": ["#0072B2", "", "#009E73"]}
    assert client.post("/partnerships/new", data=form).status_code == 400, "the form keeps its CSRF check"
    created = client.post("/partnerships/new", data=with_token(client, form, "/partnerships/new"))
    assert created.status_code == 201
    html = created.get_data(as_text=True)
    link = html.split('id="partnership-link" readonly value="')[1].split('"')[0]
    code = link.split("/p/")[1].split("#")[0]
    page = client.get(f"/p/{code}").get_data(as_text=True)
    assert "alert(1)" not in page, "the page shows nothing of the partnership before its token is checked"
    assert evil not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" not in html
    assert client.get("/partnerships/new").status_code == 200
    empty = {"name": "", "language": "nl", "org_name": ["A"], "org_colour": [""]}
    refused = client.post("/partnerships/new", data=with_token(client, empty, "/partnerships/new"))
    assert refused.status_code == 400 and 'class="error banner"' in refused.get_data(as_text=True)


def test_importing_again_brings_commitments_made_after_the_follow_up_was_created(client, partnership):
    p = partnership
    agenda = [{"kind": "goals"}, {"kind": "commitments"}]
    first = p.workshop("Kick-off", agenda=agenda, settings={"privacy_threshold": 1})
    goal = first["facilitator"].emit("goal_add", {"text": "Eén loket"}, callback=True)["goal"]
    first["facilitator"].emit("goal_update", {"goal_id": goal["id"], "adopted": True}, callback=True)
    follow = p.workshop("Vervolg")  # made before anyone pledged
    pledges = p.agenda(first)[1]["id"]
    p.open(first, pledges)
    p.send(p.phone(first, "Thuisbaas"), pledges, {"pledges": {str(goal["id"]): {"hours": 12}}})
    reply = client.post(f"/api/partnerships/{p.code}/workshops/{follow['code']}/import", headers=p.headers)
    assert reply.status_code == 200
    state = [e["args"][0] for e in follow["facilitator"].get_received() if e["name"] == "state"][-1]
    (carried,) = state["goals"]
    assert carried["commitments"] == {str(follow["orgs"]["Thuisbaas"]): {"hours": 12}}
