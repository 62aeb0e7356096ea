"""Every event answers garbage with an error ack of the shared shape, for every role, and never crashes."""

import inspect

import pytest

from workshop.live.namespace import LiveNamespace

EVENTS = sorted(
    name[3:]
    for name, _ in inspect.getmembers(LiveNamespace, inspect.isfunction)
    if name.startswith("on_") and name not in ("on_connect", "on_disconnect")
)
GARBAGE = [
    None,
    5,
    "text",
    [],
    [1, 2],
    {},
    {"activity_id": True, "client_id": 1, "answer": "x"},
    {"activity_id": "1", "answer_id": [], "goal_id": {}, "keep_id": None, "answer_ids": "all", "activity_ids": {"a": 1}},
    {"action": "explode", "seconds": "soon", "hidden": "maybe", "text": ["x"], "adopted": "yes", "presence": 7},
    {"activity_id": 10**30, "client_id": "x" * 10_000, "answer": {"text": "x" * 100_000}},
]


@pytest.fixture
def clients(workshops, workshop, live):
    person = workshops.join(workshop)
    workshops.open(workshop)
    return {
        "participant": live.participant(workshop, person["token"]),
        "facilitator": live.facilitator(workshop),
        "screen": live.screen(workshop),
    }


@pytest.mark.parametrize("event", EVENTS)
def test_garbage_gets_an_error_ack_and_the_connection_survives(clients, event):
    for role, client in clients.items():
        for payload in GARBAGE:
            ack = client.emit(event, payload, callback=True)
            assert isinstance(ack, dict), (role, event, payload, ack)
            if not ack["ok"]:
                assert {"code", "message"} <= set(ack["error"]) <= {"code", "message", "field", "item", "language"}
                assert ack["error"]["message"], (role, event, payload, ack)
                assert ack["error"]["code"] != "internal", (role, event, payload, ack)
        assert client.is_connected()
