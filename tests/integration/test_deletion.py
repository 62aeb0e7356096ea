"""AVG/GDPR (issue 7 §10): participants and facilitators delete, workshops expire, and the join page says so."""

from datetime import timedelta

from sqlalchemy import text

from tests.support.forms import with_token
from tests.support.live import last
from tests.support.workshops import ambition, submission
from workshop import services
from workshop.storage.tables import metadata, utcnow

TABLES_WITH_WORKSHOP = ("organisations", "participants", "activities", "goals", "connections", "join_sources")


def gone(client) -> list:
    """Reasons of the `gone` events a test client got before the server closed it."""
    return [pkt["args"][0]["reason"] for pkt in client.queue if pkt["name"] == "gone"]


def rows(db, table: str, **where) -> int:
    clause = " AND ".join(f"{k} = :{k}" for k in where) or "1 = 1"
    with db.engine.connect() as connection:
        return connection.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {clause}"), where).scalar()


def workshop_id(db, created) -> int:
    return services.facilitator_workshop(db, created["code"], created["control_token"])


def test_a_participant_deletes_their_answers_and_leaves_for_good(app, db, workshops, workshop, live):
    workshops.open(workshop)
    browser = app.test_client()
    form = {"organisation_id": workshop["org_ids"][0], "role": "manager", "display_name": "Anna"}
    assert browser.post(f"/w/{workshop['code']}/join", data=with_token(browser, form)).status_code == 303
    phone = live.participant(workshop, None, flask_test_client=browser)
    me = last(phone, "state")["participant"]["id"]
    assert phone.emit("submit", submission(workshop["activity_id"], ambition(text="Mine to delete")), callback=True)["ok"]
    other = workshops.join(workshop, 1)
    other_phone = live.participant(workshop, other["token"])
    assert other_phone.emit("submit", submission(workshop["activity_id"], ambition(text="Stays")), callback=True)["ok"]
    control = live.facilitator(workshop)
    control.get_received()

    confirm = browser.get(f"/w/{workshop['code']}/forget")
    assert confirm.status_code == 200 and 'id="forget-confirm"' in confirm.get_data(as_text=True)
    done = browser.post(f"/w/{workshop['code']}/forget", data=with_token(browser, {}, page=f"/w/{workshop['code']}/forget"))
    assert done.status_code == 200 and 'id="forgotten"' in done.get_data(as_text=True)
    assert any(c.startswith(f"samenspel_{workshop['code']}=;") for c in done.headers.getlist("Set-Cookie"))

    assert rows(db, "participants", id=me) == 0 and rows(db, "answers", participant_id=me) == 0
    assert rows(db, "receipts", participant_id=me) == 0
    assert gone(phone) == ["forgotten"] and not phone.is_connected()
    received = control.get_received()
    results = [e["args"][0] for e in received if e["name"] == "results"]
    assert [i["text"] for i in results[-1]["data"]["items"]] == ["Stays"]
    assert [e["args"][0] for e in received if e["name"] == "presence"][-1]["joined"] == 1
    # The device token is worth nothing now.
    assert browser.get(f"/w/{workshop['code']}/my-answers.json").status_code == 403
    assert not live.participant(workshop, None, flask_test_client=browser).is_connected()


def test_an_api_participant_deletes_themselves(client, db, workshops, workshop):
    person = workshops.join(workshop)
    path = f"/api/workshops/{workshop['code']}/participants/me"
    # No or a wrong token is missing authentication: 401, naming the scheme to use.
    assert client.delete(path).status_code == 401
    assert client.delete(path).headers["WWW-Authenticate"].lower().startswith("bearer")
    assert client.delete(path, headers={"Authorization": "Bearer nope"}).status_code == 401
    other = workshops.create(title="Other")
    other_path = f"/api/workshops/{other['code']}/participants/me"
    assert client.delete(other_path, headers={"Authorization": f"Bearer {person['token']}"}).status_code == 401
    assert client.delete(path, headers={"Authorization": f"Bearer {person['token']}"}).status_code == 204
    assert rows(db, "participants", id=person["participant"]["id"]) == 0


def test_a_facilitator_deletes_the_workshop_and_everything_in_it(client, db, workshops, workshop, live):
    workshops.open(workshop)
    person = workshops.join(workshop)
    phone = live.participant(workshop, person["token"])
    screen = live.screen(workshop)
    assert phone.emit("submit", submission(workshop["activity_id"]), callback=True)["ok"]
    control = live.facilitator(workshop)
    control.emit("goal_add", {"text": "A goal"}, callback=True)
    wid = workshop_id(db, workshop)
    keep = workshops.create(title="Another workshop")
    workshops.join(keep)

    path = f"/api/workshops/{workshop['code']}"
    assert client.delete(path).status_code == 401
    assert client.delete(path, headers={"Authorization": f"Bearer {keep['control_token']}"}).status_code == 401
    assert client.delete(path, headers=workshops.bearer(workshop)).status_code == 204

    assert client.get(path).status_code == 404
    assert rows(db, "workshops", id=wid) == 0
    for table in TABLES_WITH_WORKSHOP:
        assert rows(db, table, workshop_id=wid) == 0, table
    assert rows(db, "answers") == 0 and rows(db, "receipts") == 0
    for client_ in (phone, screen, control):
        assert gone(client_) == ["deleted"]
        assert not client_.is_connected()
    assert rows(db, "participants") == 1, "the other workshop keeps its participant"


def test_workshops_expire_after_their_retention_period(app, client, db, workshops):
    default = workshops.create(title="Default retention")
    long = workshops.create(title="Kept a year", settings={"privacy_threshold": 1, "retention_days": 365})
    assert default["workshop"]["settings"]["retention_days"] == app.config["RETENTION_DAYS"] == 90
    assert long["workshop"]["settings"]["retention_days"] == 365
    workshops.join(default)
    now = utcnow()
    assert services.delete_expired_workshops(db, now + timedelta(days=89)) == []
    gone = services.delete_expired_workshops(db, now + timedelta(days=91))
    assert [type(e).__name__ for e in gone] == ["WorkshopDeleted"]
    assert client.get(f"/api/workshops/{default['code']}").status_code == 404
    assert client.get(f"/api/workshops/{long['code']}").status_code == 200
    # The facilitator can shorten it while the workshop runs.
    control_db_id = workshop_id(db, long)
    services.change_settings(db, control_db_id, {"retention_days": 30})
    assert len(services.delete_expired_workshops(db, now + timedelta(days=31))) == 1
    for bad in (0, 731, "soon", True):
        reply = client.post("/api/workshops", json={"title": "T", "organisations": ["A"], "settings": {"retention_days": bad}})
        assert reply.status_code == 400, bad


def test_the_create_form_sets_the_retention(client):
    form = {"title": "Kick-off", "language": "en", "org_name": ["A"], "org_colour": [""], "retention_days": "14"}
    html = client.post("/new", data=with_token(client, form)).get_data(as_text=True)
    code = html.split("/w/", 1)[1][:6]
    assert client.get(f"/api/workshops/{code}").get_json()["settings"]["retention_days"] == 14


def test_the_join_page_says_what_is_stored_why_and_how_long(client, workshops):
    created = workshops.create(settings={"privacy_threshold": 3, "retention_days": 60})
    expires = created["workshop"]["expires_at"]
    page = client.get(f"/w/{created['code']}?lang=en").get_data(as_text=True)
    assert "What we store, and for how long" in page
    assert "60 days after the workshop was created" in page and "at least 3 people" in page
    assert "We do not store your IP address with your answers" in page
    from datetime import datetime

    when = datetime.fromisoformat(expires.rstrip("Z"))
    assert f"{when.day}, {when.year}" in page or f"{when.day} " in page
    dutch = client.get(f"/w/{created['code']}?lang=nl").get_data(as_text=True)
    assert "Wat we bewaren, en hoe lang" in dutch


def test_no_address_is_stored_anywhere(app, db, workshops):
    created = workshops.create()
    client = app.test_client()
    for address in ("198.51.100.23", "2001:db8::17"):
        reply = client.post(
            f"/api/workshops/{created['code']}/participants",
            json={"organisation_id": created["org_ids"][0], "role": "manager"},
            environ_base={"REMOTE_ADDR": address},
        )
        assert reply.status_code == 201
    dump = []
    with db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            dump += [repr(tuple(row)) for row in connection.execute(table.select())]
    everything = "\n".join(dump)
    assert "198.51.100.23" not in everything and "2001:db8::17" not in everything
    assert rows(db, "join_sources") == 2, "only keyed hashes of the addresses, to count joins"


def test_presence_of_a_deleted_workshop_is_empty_not_an_error(client, db, workshops, workshop):
    """Connections that close after the workshop is gone still push presence: it must not raise."""
    wid = workshop_id(db, workshop)
    assert client.delete(f"/api/workshops/{workshop['code']}", headers=workshops.bearer(workshop)).status_code == 204
    presence, current = services.presence_and_current(db, wid)
    assert (presence["joined"], presence["connected"], current) == (0, 0, None)
