"""Rules that count or order rows hold under concurrency: two real server processes on one PostgreSQL.

One server runs eventlet, the other gevent (where psycopg yields mid-transaction), so attempts race
both across processes and within one. Every round releases its attempts together with a barrier.
"""

import os
import threading
import uuid

import pytest

from tests.support.server import LiveServer, SocketClient
from tests.support.workshops import Api, ambition

pytestmark = [pytest.mark.postgres, pytest.mark.real_server]
URL = os.environ.get("TEST_DATABASE_URL")
if not URL:
    pytest.skip("TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)", allow_module_level=True)

ROUNDS = 3
PER_SERVER = 3


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Two processes on one fresh PostgreSQL database."""
    from workshop.storage.database import Database

    db = Database(URL)
    db.drop_all()
    db.engine.dispose()
    folder = tmp_path_factory.mktemp("concurrency")
    # One after the other, so only the first runs the migrations.
    with (
        LiveServer(folder / "a", async_mode="eventlet", database_url=URL) as first,
        LiveServer(folder / "b", async_mode="gevent", database_url=URL) as second,
    ):
        yield first, second
    for server in (first, second):
        assert "Traceback" not in server.stderr(), server.stderr()[-3000:]


@pytest.fixture
def clients():
    made = []

    def connect(server, auth):
        made.append(SocketClient().connect(server, auth))
        made[-1].wait_for("state")
        return made[-1]

    yield connect
    for client in made:
        client.disconnect()


def later(client, event: str, payload):
    """A call to make when the barrier opens."""
    return lambda: client.call(event, payload)


def together(calls) -> list:
    """Run every call at once (released by one barrier); their results in order."""
    barrier = threading.Barrier(len(calls), timeout=30)
    results = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as err:  # an ack that never came counts as a failure of the rule under test
            results[i] = err

    threads = [threading.Thread(target=run, args=(i, call), daemon=True) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)  # each call times out after 10 s
    assert not any(thread.is_alive() for thread in threads), "calls still running after 60 s"
    return results


def facilitators(servers, clients, created, each=PER_SERVER):
    auth = {"role": "facilitator", "code": created["code"], "token": created["control_token"]}
    return [clients(server, auth) for server in servers for _ in range(each)]


def agenda(server, created) -> list[dict]:
    reply = Api(server.url).http.get(
        f"{server.url}/api/workshops/{created['code']}/agenda",
        headers={"Authorization": f"Bearer {created['control_token']}"},
        timeout=10,
    )
    assert reply.status_code == 200, reply.text
    return reply.json()


def assert_clean(acks, allowed=("conflict",)):
    """Every ack arrived and is a success or a clear, expected error; never `internal`."""
    for ack in acks:
        assert isinstance(ack, dict), ack
        assert ack["ok"] or ack["error"]["code"] in allowed, ack


def test_the_answer_limit_holds(servers, clients):
    api = Api(servers[0].url)
    created = api.create_workshop(agenda=[{"kind": "ambitions", "config": {"max_per_participant": 3}}])
    activity_id = api.control(created, "next")["current"]["id"]
    for _ in range(ROUNDS):
        person = api.join(created, 0)
        auth = {"role": "participant", "code": created["code"], "token": person["token"]}
        phones = [clients(server, auth) for server in servers for _ in range(PER_SERVER)]
        acks = together(
            [
                later(
                    phone,
                    "submit",
                    {"activity_id": activity_id, "client_id": uuid.uuid4().hex, "answer": ambition(text=f"try {i}")},
                )
                for i, phone in enumerate(phones)
            ]
        )
        assert_clean(acks, allowed=("limit_reached",))
        assert sum(1 for a in acks if a["ok"]) == 3, acks
        stored = phones[0].call("my_answers", {"activity_id": activity_id})["answers"]
        assert len(stored) == 3, stored


def test_one_activity_is_open_at_a_time(servers, clients):
    api = Api(servers[0].url)
    kinds = ["ambitions", "poll", "scale", "reflection", "team_phase", "introductions"]
    created = api.create_workshop(agenda=[{"kind": kind} for kind in kinds])
    ids = [a["id"] for a in agenda(servers[0], created)]
    controls = facilitators(servers, clients, created)
    for round_ in range(ROUNDS):
        acks = together(
            [
                later(control, "control", {"action": "open", "activity_id": ids[(i + round_) % len(ids)]})
                for i, control in enumerate(controls)
            ]
        )
        assert_clean(acks)
        items = agenda(servers[1], created)
        open_ = [a["id"] for a in items if a["state"] == "open"]
        assert len(open_) == 1, items
        state = controls[0].call("results", {"activity_id": open_[0]})
        assert state["ok"], state


def test_reorder_rerun_and_goal_edits_keep_positions_whole(servers, clients):
    api = Api(servers[0].url)
    created = api.create_workshop(agenda=[{"kind": kind} for kind in ("ambitions", "poll", "scale", "goals")])
    api.control(created, "next")
    controls = facilitators(servers, clients, created)
    for _ in range(ROUNDS):
        listing = agenda(servers[0], created)
        ids = [a["id"] for a in listing]
        has_run = next(a["id"] for a in listing if a["state"] != "draft")
        calls = [
            later(controls[0], "reorder", {"activity_ids": list(reversed(ids))}),
            later(controls[1], "reorder", {"activity_ids": ids[1:] + ids[:1]}),
            later(controls[2], "rerun", {"activity_id": has_run}),
            later(controls[3], "goal_add", {"text": f"Goal {uuid.uuid4().hex[:6]}"}),
            later(controls[4], "goal_add", {"text": f"Goal {uuid.uuid4().hex[:6]}"}),
            later(controls[5], "goal_add", {"text": f"Goal {uuid.uuid4().hex[:6]}"}),
        ]
        # A reorder that raced with the rerun names one activity too few: a clear error, never `internal`.
        assert_clean(together(calls), allowed=("conflict", "invalid_input"))
        positions = [a["position"] for a in agenda(servers[1], created)]
        assert sorted(positions) == list(range(len(positions))), positions
        goals = current_goals(servers[0], created)
        assert sorted(g["position"] for g in goals) == list(range(len(goals))), goals
    assert len(goals) == 3 * ROUNDS
    # Deleting and adding at once keeps goal positions whole too.
    acks = together(
        [later(controls[i], "goal_delete", {"goal_id": goals[i]["id"]}) for i in range(3)]
        + [later(controls[3 + i], "goal_add", {"text": f"New {i}"}) for i in range(3)]
    )
    assert_clean(acks)
    goals = current_goals(servers[1], created)
    assert len(goals) == 3 * ROUNDS
    assert sorted(g["position"] for g in goals) == list(range(len(goals))), goals


def current_goals(server, created) -> list[dict]:
    """The goals as a control view that connects now sees them."""
    control = SocketClient().connect(server, {"role": "facilitator", "code": created["code"], "token": created["control_token"]})
    try:
        return control.wait_for("state")["goals"]
    finally:
        control.disconnect()


def test_concurrent_reflection_sharing_keeps_one_answer(servers, clients):
    api = Api(servers[0].url)
    created = api.create_workshop(agenda=[{"kind": "reflection"}])
    activity_id = api.control(created, "next")["current"]["id"]
    person = api.join(created, 1, display_name="Sam")
    auth = {"role": "participant", "code": created["code"], "token": person["token"]}
    phones = [clients(server, auth) for server in servers for _ in range(PER_SERVER)]
    shares = ["private", "named", "anonymous"]
    for round_ in range(ROUNDS):
        acks = together(
            [
                later(
                    phone,
                    "submit",
                    {
                        "activity_id": activity_id,
                        "client_id": uuid.uuid4().hex,
                        "answer": {"text": f"Round {round_} from {i}", "share": shares[(i + round_) % 3]},
                    },
                )
                for i, phone in enumerate(phones)
            ]
        )
        assert_clean(acks, allowed=())
        stored = phones[0].call("my_answers", {"activity_id": activity_id})["answers"]
        assert len(stored) == 1, stored
