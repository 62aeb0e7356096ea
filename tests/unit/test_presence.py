"""Presence from connection rows: counted by the database, written in batches, held by a lease per process."""

import sys
from datetime import timedelta

import pytest

from tests.support.workshops import workshop_payload
from workshop import services
from workshop.domain.events import PresenceChanged
from workshop.live.connections import LiveConnections
from workshop.services import Connection
from workshop.storage.database import Database
from workshop.storage.tables import utcnow


@pytest.fixture
def store(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'presence.db'}")
    db.upgrade()
    yield db
    db.engine.dispose()


@pytest.fixture
def room(store):
    """A workshop with two organisations: two people in the room from the first, one remote from the second."""
    created = services.create_workshop(store, workshop_payload())
    orgs = [o["id"] for o in services.public_workshop(store, created.code)["organisations"]]
    people = [
        services.join(store, created.code, {"organisation_id": org, "role": "manager", "presence": where})[0].participant.id
        for org, where in ((orgs[0], "room"), (orgs[0], "room"), (orgs[1], "remote"))
    ]
    return {"workshop_id": created.workshop_id, "orgs": orgs, "people": people}


class Clock:
    """utcnow() for the lease, moved by hand."""

    def __init__(self, monkeypatch):
        self.now = utcnow()
        # The module, not the function of the same name that `workshop.services` exports.
        monkeypatch.setattr(sys.modules["workshop.services.presence"], "utcnow", lambda: self.now)

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)


def phone(room, n, sid=None):
    return Connection(sid or f"sid-{n}", room["workshop_id"], services.PARTICIPANT, room["people"][n])


def test_presence_counts_people_not_tabs_per_organisation_and_place(store, room):
    w = room["workshop_id"]
    opened = [phone(room, 0), phone(room, 0, "second-tab"), phone(room, 2), Connection("screen-1", w, services.SCREEN_ROLE)]
    assert services.record_connections(store, "server-a", opened, []) == [PresenceChanged(w)]
    counts = services.presence(store, w)
    assert (counts["joined"], counts["connected"], counts["screens"]) == (3, 2, 1)
    first, second = counts["organisations"]
    assert (first["organisation_id"], first["joined"], first["connected"], first["in_room"], first["remote"]) == (
        room["orgs"][0],
        2,
        1,
        1,
        0,
    )
    assert (second["joined"], second["connected"], second["in_room"], second["remote"]) == (1, 1, 0, 1)

    services.record_connections(store, "server-a", [phone(room, 1)], [opened[0], opened[3]])
    counts = services.presence(store, w)
    assert (counts["connected"], counts["screens"], counts["organisations"][0]["in_room"]) == (3, 0, 2)


def test_a_connection_whose_participant_is_gone_is_skipped_not_fatal(store, room):
    ghost = Connection("ghost", room["workshop_id"], services.PARTICIPANT, 999_999)
    services.record_connections(store, "server-a", [phone(room, 0), ghost, phone(room, 2)], [])
    assert services.presence(store, room["workshop_id"])["connected"] == 2


def test_connections_of_a_server_whose_lease_lapsed_are_dropped(store, room, monkeypatch):
    clock = Clock(monkeypatch)
    w = room["workshop_id"]
    services.register_server(store, "alive", [phone(room, 0)])
    services.register_server(store, "crashed", [phone(room, 1), phone(room, 2)])
    assert services.presence(store, w)["connected"] == 3

    clock.advance(20)
    assert services.renew_lease(store, "alive")
    assert services.drop_expired(store, lease_seconds=30) == []
    clock.advance(20)  # "crashed" last renewed 40 s ago, "alive" 20 s ago
    assert services.drop_expired(store, lease_seconds=30) == [PresenceChanged(w)]
    assert services.presence(store, w)["connected"] == 1
    # A process that was only stalled finds its lease gone and registers again with what it holds.
    assert services.renew_lease(store, "crashed") is False
    assert services.register_server(store, "crashed", [phone(room, 2)]) == [PresenceChanged(w)]
    assert services.presence(store, w)["connected"] == 2


def test_rows_of_a_server_that_never_held_a_lease_go_after_one_lease(store, room, monkeypatch):
    clock = Clock(monkeypatch)
    services.record_connections(store, "from-an-older-version", [phone(room, 0)], [])
    assert services.drop_expired(store, lease_seconds=30) == []
    clock.advance(31)
    assert services.drop_expired(store, lease_seconds=30) == [PresenceChanged(room["workshop_id"])]
    assert services.presence(store, room["workshop_id"])["connected"] == 0


class Tasks:
    """Spawned tasks wait until run() so a test decides when the writer runs."""

    def __init__(self):
        self.waiting = []

    def spawn(self, fn, *args):
        self.waiting.append((fn, args))

    def run(self):
        while self.waiting:
            fn, args = self.waiting.pop(0)
            fn(*args)


def test_a_burst_of_connects_is_stored_in_one_write_and_one_presence_event(store, room, monkeypatch):
    tasks, published, writes = Tasks(), [], []
    record = services.record_connections
    monkeypatch.setattr(services, "record_connections", lambda *a: writes.append(a) or record(*a))
    live = LiveConnections(store, published.extend, interval=0.5, lease=30, spawn=tasks.spawn, sleep=lambda s: None)
    for n in range(3):
        live.open(phone(room, n))
    live.open(phone(room, 0, "gone-at-once"))
    live.close("gone-at-once")
    tasks.run()
    assert len(writes) == 1
    assert [c.sid for c in writes[0][2]] == ["sid-0", "sid-1", "sid-2"] and writes[0][3] == []
    assert published == [PresenceChanged(room["workshop_id"])]
    assert services.presence(store, room["workshop_id"])["connected"] == 3
    assert live.workshops() == {room["workshop_id"]}

    live.close("sid-1")
    live.close("sid-1")  # a second close of the same connection changes nothing
    tasks.run()
    assert services.presence(store, room["workshop_id"])["connected"] == 2


def test_a_failed_write_keeps_the_rows_and_tries_again(store, room, monkeypatch):
    tasks, published = Tasks(), []
    record = services.record_connections
    failures = [RuntimeError("database away")]

    def flaky(*args):
        if failures:
            raise failures.pop()
        return record(*args)

    monkeypatch.setattr(services, "record_connections", flaky)
    live = LiveConnections(store, published.extend, interval=0.5, lease=30, spawn=tasks.spawn, sleep=lambda s: None)
    live.open(phone(room, 0))
    live.open(phone(room, 1))
    tasks.run()
    assert services.presence(store, room["workshop_id"])["connected"] == 2
    assert published == [PresenceChanged(room["workshop_id"])]
