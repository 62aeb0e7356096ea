"""The same use cases on PostgreSQL (TEST_DATABASE_URL), including the migrations and JSON columns."""

import os

import pytest

pytestmark = pytest.mark.postgres
URL = os.environ.get("TEST_DATABASE_URL")
if not URL:
    pytest.skip("TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)", allow_module_level=True)

from tests.support.workshops import ambition, workshop_payload  # noqa: E402
from workshop import services  # noqa: E402
from workshop.domain.errors import LimitReached  # noqa: E402
from workshop.domain.events import PresenceChanged  # noqa: E402
from workshop.domain.results import FACILITATOR, SCREEN  # noqa: E402
from workshop.storage.database import Database  # noqa: E402


@pytest.fixture
def pg():
    db = Database(URL)
    db.drop_all()
    db.upgrade()
    yield db
    db.drop_all()
    db.engine.dispose()


def test_the_services_flow_on_postgres(pg):
    created = services.create_workshop(pg, workshop_payload(organisations=["Woonstede", "Netbeheer"]))
    workshop_id = created.workshop_id
    assert services.facilitator_workshop(pg, created.code, created.control_token) == workshop_id
    orgs = [o["id"] for o in services.public_workshop(pg, created.code)["organisations"]]
    activity_id = services.state(pg, workshop_id, services.FACILITATOR_ROLE)["agenda"][0]["id"]
    services.control(pg, workshop_id, "next")

    people = [services.join(pg, created.code, {"organisation_id": org, "role": "manager"})[0] for org in (orgs[0], orgs[1])]
    for i, person in enumerate(people):
        stored, _ = services.submit_answer_safely(
            pg, person.participant.id, activity_id, f"client-000{i}", ambition(text=f"ambition {i}")
        )
        assert stored["duplicate"] is False
    retry, events = services.submit_answer_safely(
        pg, people[0].participant.id, activity_id, "client-0000", ambition(text="retry")
    )
    assert retry["duplicate"] is True and events == []

    results = services.results(pg, workshop_id, activity_id, FACILITATOR)
    assert (results["answers"], results["respondents"]) == (2, 2)
    assert {(i["text"], i["organisation_id"]) for i in results["data"]["items"]} == {
        ("ambition 0", orgs[0]),
        ("ambition 1", orgs[1]),
    }
    assert services.results(pg, workshop_id, activity_id, SCREEN)["data"]["items"]

    for n in range(1, 3):
        services.submit_answer(pg, people[0].participant.id, activity_id, f"client-100{n}", ambition())
    with pytest.raises(LimitReached):
        services.submit_answer(pg, people[0].participant.id, activity_id, "client-1009", ambition())

    services.register_server(pg, "server-a", [])
    phones = [services.Connection(f"sid-{n}", workshop_id, services.PARTICIPANT, people[0].participant.id) for n in (1, 2)]
    assert services.record_connections(pg, "server-a", phones, []) == [PresenceChanged(workshop_id)]
    assert services.presence(pg, workshop_id)["connected"] == 1
    services.record_connections(pg, "server-a", [], phones[:1])
    assert services.presence(pg, workshop_id)["connected"] == 1
    services.forget_connections(pg)
    assert services.presence(pg, workshop_id)["connected"] == 0


def test_the_app_runs_on_postgres(pg, tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    from workshop import create_app

    app = create_app({"DATABASE_URL": URL, "ASYNC_MODE": "threading", "RESULTS_PUSH_INTERVAL": 0, "MESSAGE_QUEUE": None})
    client = app.test_client()
    assert client.get("/healthz").get_json()["database"] == "ok"
    reply = client.post("/api/workshops", json=workshop_payload())
    assert reply.status_code == 201
    code = reply.get_json()["code"]
    assert client.get(f"/api/workshops/{code}").get_json()["title"] == "Kick-off warmtenet"
    app.extensions["samenspel.db"].engine.dispose()
