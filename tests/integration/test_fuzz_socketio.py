"""Property-based fuzzing of every Socket.IO event (issue 7 §4): any payload, any role, any number of arguments.

Whatever a client sends, it gets an ack of the shared shape and never an internal error, and its
connection survives. Payloads mix well-formed fields (real ids of this workshop) with hostile values:
lone surrogates, NUL bytes, huge numbers, NaN, deep nesting, long lists.
"""

import inspect
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.live.namespace import LiveNamespace

EVENTS = sorted(
    name[3:]
    for name, _ in inspect.getmembers(LiveNamespace, inspect.isfunction)
    if name.startswith("on_") and name not in ("on_connect", "on_disconnect")
)
# Reserved and unknown names are sent too: they must be refused with an ack as well.
NAMES = st.sampled_from(EVENTS) | st.sampled_from(["connect", "disconnect", "no_such_event", "on_submit", "__init__"])
FIELDS = [
    "activity_id", "client_id", "answer", "answer_id", "action", "kind", "title", "prompt", "config", "presence",
    "privacy_threshold", "screen_theme", "retention_days", "seconds", "activity_ids", "hidden", "keep_id",
    "answer_ids", "text", "goal_id", "adopted", "choices", "allocation", "responses", "pledges", "share", "value",
    "phase", "bring", "get", "value_driver", "horizon", "options",
]  # fmt: skip
HOSTILE_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(
    ["\ud800", "a\x00b", "١٢", "²", " 1 ", "1.5", "-0", "x" * 5000, "open", "next", "anonymous", "room"]
)
NUMBERS = st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=True) | st.sampled_from([0, 1, 2, 3, 10**30])
SCALARS = st.none() | st.booleans() | NUMBERS | HOSTILE_TEXT


def json_values(ids):
    """Any JSON value, with a fair chance of one of the workshop's real ids."""
    leaves = SCALARS | st.sampled_from(ids)
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.sampled_from(FIELDS) | HOSTILE_TEXT, inner, max_size=6),
        max_leaves=20,
    )


def payloads(ids):
    """A payload: a dict of known fields with any values, or any JSON value at all."""
    values = json_values(ids)
    return st.dictionaries(st.sampled_from(FIELDS), values, max_size=8) | values


@pytest.fixture
def fuzz_app(tmp_path, monkeypatch):
    """The app with its rate limits out of the way: the fuzzer sends hundreds of events per connection."""
    from workshop import create_app

    for key in ("DATABASE_URL", "MESSAGE_QUEUE", "REDIS_URL", "PUBLIC_URL", "ALLOWED_ORIGINS", "SECRET_KEY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    loose = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'fuzz.db'}",
            "ASYNC_MODE": "threading",
            "RESULTS_PUSH_INTERVAL": 0,
            "PRESENCE_PUSH_INTERVAL": 0,
            "MESSAGE_QUEUE": None,
            "LOG_LEVEL": "WARNING",
            "EVENT_BURST": 100_000,
            "EVENT_RATE": 100_000.0,
        }
    )
    yield loose
    loose.extensions["samenspel.db"].engine.dispose()


@pytest.fixture
def room(fuzz_app):
    """A workshop with an agenda of every kind, one participant per organisation, all three roles connected."""
    from tests.conftest import Live, Workshops
    from workshop.domain.kinds import KINDS

    workshops = Workshops(fuzz_app.test_client())
    created = workshops.create(agenda=[{"kind": kind} for kind in KINDS], settings={"privacy_threshold": 1})
    workshops.control(created, "open", created["activity_ids"][1])
    live = Live(fuzz_app, fuzz_app.extensions["socketio"])
    people = [workshops.join(created, org) for org in range(2)]
    clients = {
        "participant": live.participant(created, people[0]["token"]),
        "facilitator": live.facilitator(created),
        "screen": live.screen(created),
    }
    ack = clients["participant"].emit(
        "submit",
        {
            "activity_id": created["activity_ids"][1],
            "client_id": "fuzz-seed-01",
            "answer": {"text": "seed", "value_driver": "Innovation", "horizon": 3},
        },
        callback=True,
    )
    ids = list(created["activity_ids"]) + created["org_ids"] + ([ack["answer"]["id"]] if ack.get("ok") else [])
    yield clients, ids
    live.close()


def check(ack, role, name, args):
    assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), (role, name, args, ack)
    if not ack["ok"]:
        error = ack["error"]
        assert isinstance(error.get("code"), str) and isinstance(error.get("message"), str) and error["message"], ack
        assert error["code"] != "internal", (role, name, args, ack)


def finite(value) -> bool:
    """JSON has no NaN or infinity; the client library would send them as invalid JSON."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(finite(v) for v in value)
    if isinstance(value, dict):
        return all(finite(v) for v in value.values())
    return True


def test_every_event_answers_any_payload_with_a_clear_ack(room):
    clients, ids = room

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    @given(
        role=st.sampled_from(sorted(clients)),
        name=NAMES,
        args=st.lists(payloads(ids), min_size=0, max_size=2),
    )
    def fuzz(role, name, args):
        client = clients[role]
        args = [a if finite(a) else None for a in args]
        ack = client.emit(name, *args, callback=True)
        check(ack, role, name, args)
        assert client.is_connected(), (role, name, args)

    fuzz()


def test_every_event_survives_deep_and_long_payloads(room):
    clients, ids = room
    # As deep as the test client can encode; the real server's parser limit is tested in test_security_server.
    deep = current = {}
    for _ in range(150):
        current["answer"] = current = {}
    hostile = [deep, {"activity_ids": list(range(5000)), "answer_ids": list(range(5000))}, [[[[]]]] * 1000]
    for event in EVENTS:
        for role, client in clients.items():
            for payload in hostile:
                check(client.emit(event, payload, callback=True), role, event, "hostile")
            assert client.is_connected()
