"""A phone's snapshot from the shared cache equals the one the service builds, and never outlives a change."""

import pytest

from tests.support.workshops import ambition, workshop_payload
from workshop import services
from workshop.live.snapshots import PhoneSnapshots
from workshop.storage.database import Database


@pytest.fixture
def store(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'snapshots.db'}")
    db.upgrade()
    yield db
    db.engine.dispose()


@pytest.fixture
def room(store):
    created = services.create_workshop(store, workshop_payload())
    orgs = [o["id"] for o in services.public_workshop(store, created.code)["organisations"]]
    person = services.join(store, created.code, {"organisation_id": orgs[0], "role": "manager"})[0].participant.id
    return created.workshop_id, person


def without_clock(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if k != "server_time"}


def test_the_cached_snapshot_is_the_services_snapshot(store, room):
    workshop_id, person = room
    snapshots = PhoneSnapshots(store)
    services.control(store, workshop_id, "next")
    activity_id = services.state(store, workshop_id, services.SCREEN_ROLE)["current"]["id"]
    services.submit_answer(store, person, activity_id, "client-1", ambition(text="Mine"))
    for _ in range(2):  # a miss, then a hit
        cached = snapshots.state(workshop_id, person)
        assert list(cached) == list(services.state(store, workshop_id, services.PARTICIPANT, person))
        assert without_clock(cached) == without_clock(services.state(store, workshop_id, services.PARTICIPANT, person))
    assert [a["answer"]["text"] for a in cached["mine"]] == ["Mine"]


def test_a_change_is_seen_after_forget_and_a_read_overtaken_by_a_change_is_not_kept(store, room, monkeypatch):
    workshop_id, person = room
    snapshots = PhoneSnapshots(store)
    assert snapshots.state(workshop_id, person)["current"] is None
    services.control(store, workshop_id, "next")
    snapshots.forget(workshop_id)
    assert snapshots.state(workshop_id, person)["current"] is not None

    snapshots.forget(workshop_id)
    real_state = services.state

    def change_while_reading(*args, **kwargs):
        read = real_state(*args, **kwargs)
        services.control(store, workshop_id, "lobby")
        snapshots.forget(workshop_id)  # what the push after that change does
        return read

    monkeypatch.setattr(services, "state", change_while_reading)
    assert snapshots.state(workshop_id, person)["current"] is not None  # this phone got the older read ...
    monkeypatch.setattr(services, "state", real_state)
    assert snapshots.state(workshop_id, person)["current"] is None  # ... the next one does not
