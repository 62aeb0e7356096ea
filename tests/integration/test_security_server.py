"""The real server (eventlet) under attack: floods, oversized requests and idle handshakes (issue 7 §1, §2, §4, §10).

The bound for a victim: every ack of a participant in another workshop comes within VICTIM_BOUND seconds
while the attack runs. The worst moment is the flooder's allowed burst (40 real answers, committed one by
one on SQLite); typical acks take a few milliseconds on an idle machine. Before these limits a victim
waited 60 s and was disconnected. The bound is wide because this 2-core machine is shared.
"""

import sqlite3
import statistics
import threading
import time

import pytest
import requests
import socketio

from tests.support.server import LiveServer, SocketClient
from tests.support.workshops import Api, ambition, submission, workshop_payload

pytestmark = pytest.mark.real_server
VICTIM_BOUND = 2.0
FLOOD = 10_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("security"), async_mode="eventlet", RETENTION_SWEEP_SECONDS=1) as running:
        yield running
    assert "Traceback" not in running.stderr(), running.stderr()[-3000:]


class Victim(threading.Thread):
    """A participant in another workshop who keeps answering, one ack at a time, and times each ack."""

    def __init__(self, server):
        super().__init__(daemon=True)
        api = Api(server.url)
        created = api.create_workshop(agenda=[{"kind": "poll", "title": "Poll", "config": {"options": ["a", "b"]}}])
        self.activity_id = api.control(created, "next")["current"]["id"]
        person = api.join(created)
        self.client = SocketClient().connect(server, {"role": "participant", "code": created["code"], "token": person["token"]})
        self.client.wait_for("state")
        self.latencies: list[float] = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            start = time.perf_counter()
            ack = self.client.call("submit", submission(self.activity_id, {"choices": [len(self.latencies) % 2]}), timeout=30)
            self.latencies.append(time.perf_counter() - start)
            assert ack["ok"], ack
            time.sleep(0.15)  # a busy person: well within the 10 events a second a connection may send

    def finish(self) -> list[float]:
        self.stop.set()
        self.join(timeout=40)
        self.client.disconnect()
        return self.latencies


def test_a_flooding_participant_is_slowed_and_cut_off_while_others_are_served(server):
    victim = Victim(server)
    victim.start()
    api = Api(server.url)
    created = api.create_workshop(agenda=[{"kind": "ambitions", "title": "A", "config": {"max_per_participant": 20}}])
    activity_id = api.control(created, "next")["current"]["id"]
    person = api.join(created)
    flooder = socketio.Client(reconnection=False)
    acks, lock, cut = [], threading.Lock(), threading.Event()
    flooder.on("disconnect", lambda *args: cut.set())
    flooder.connect(
        server.url, auth={"role": "participant", "code": created["code"], "token": person["token"]}, transports=["websocket"]
    )

    def record(ack=None):
        with lock:
            acks.append(ack)

    # Sixty at once: the first forty (the burst) run, the rest get a clear error ack saying when to retry.
    for _ in range(60):
        flooder.emit("submit", submission(activity_id, ambition()), callback=record)
    deadline = time.monotonic() + 20
    while len(acks) < 60 and time.monotonic() < deadline:
        time.sleep(0.05)
    with lock:
        limited = [a for a in acks if isinstance(a, dict) and a.get("error", {}).get("code") == "rate_limited"]
        ran = [a for a in acks if not (isinstance(a, dict) and a.get("error", {}).get("code") == "rate_limited")]
    assert len(acks) == 60 and 40 <= len(ran) <= 50, (len(acks), len(ran))
    assert limited and all(a["retry_after"] > 0 and a["error"]["message"] for a in limited)

    # Ten thousand more without waiting: the connection is cut.
    start = time.perf_counter()
    sent = 0
    for _ in range(FLOOD):
        if cut.is_set():
            break
        try:
            flooder.emit("submit", submission(activity_id, ambition()), callback=record)
        except socketio.exceptions.BadNamespaceError:
            break
        sent += 1
    assert cut.wait(20), "the flooder is disconnected"
    seconds = time.perf_counter() - start
    flooder.disconnect()  # its Engine.IO reader and writer end with the transport
    time.sleep(0.5)
    latencies = victim.finish()

    with lock:
        ran_after = [a for a in acks[60:] if not (isinstance(a, dict) and a.get("error", {}).get("code") == "rate_limited")]
    # Only what the refill (10 a second) allowed ran; the rest of the flood was never read.
    assert len(ran_after) <= 10 * seconds + 5, (len(ran_after), seconds, sent)
    assert sent < FLOOD or seconds < 5
    stored = api.results(created)["activities"][0]["answers"]
    assert stored <= 20
    print(f"victim during the flood: median {statistics.median(latencies):.3f} s, max {max(latencies):.3f} s")
    assert latencies and max(latencies) < VICTIM_BOUND, (max(latencies), statistics.median(latencies))


OVERSIZED = [
    ("/api/workshops", workshop_payload(organisations=[f"Corporatie {i}" for i in range(8000)])),
    ("/api/workshops", workshop_payload(roles=[f"role {i}" for i in range(8000)])),
    ("/api/workshops", workshop_payload(agenda=[{"kind": "poll", "config": {"options": [f"o{i}" for i in range(8000)]}}])),
    ("/api/workshops", "[" * 100_000 + "]" * 100_000),
    ("/api/workshops", {"title": "x" * 300_000}),
]


def test_oversized_requests_are_refused_at_once_while_others_are_served(server):
    victim = Victim(server)
    victim.start()
    http = requests.Session()
    refusals = []
    for _ in range(3):
        for path, body in OVERSIZED:
            start = time.perf_counter()
            if isinstance(body, str):
                reply = http.post(server.url + path, data=body, headers={"Content-Type": "application/json"}, timeout=30)
            else:
                reply = http.post(server.url + path, json=body, timeout=30)
            refusals.append(time.perf_counter() - start)
            assert reply.status_code in (400, 413), (path, reply.status_code)
    form = {"title": "T", "org_name": [f"O{i}" for i in range(5000)]}
    start = time.perf_counter()
    assert http.post(server.url + "/new", data=form, timeout=30).status_code in (400, 413)
    refusals.append(time.perf_counter() - start)
    latencies = victim.finish()
    # Round trips over HTTP, uploads of 300 kB included; the median is a few milliseconds.
    print(f"refusals: median {statistics.median(refusals):.3f} s; victim max {max(latencies):.3f} s")
    assert statistics.median(refusals) < 0.25 and max(refusals) < VICTIM_BOUND, refusals
    assert max(latencies) < VICTIM_BOUND, (max(latencies), statistics.median(latencies))


def test_a_message_above_the_buffer_size_closes_only_that_connection(server):
    api = Api(server.url)
    created = api.create_workshop()
    activity_id = api.control(created, "next")["current"]["id"]
    person = api.join(created)
    auth = {"role": "participant", "code": created["code"], "token": person["token"]}
    phone = SocketClient().connect(server, auth)
    # Just under the limit: read, and answered with an error ack (the text is too long).
    ack = phone.call("submit", submission(activity_id, ambition(text="x" * 60_000)))
    assert ack["ok"] is False and ack["error"]["code"] == "invalid_input"
    big = SocketClient().connect(server, auth)
    gone = threading.Event()
    big.sio.on("disconnect", lambda *args: gone.set())
    big.sio.emit("submit", submission(activity_id, ambition(text="x" * 70_000)))
    assert gone.wait(10), "Engine.IO closes a connection that sends more than MAX_MESSAGE_BYTES"
    assert phone.call("submit", submission(activity_id, ambition()))["ok"], "the others go on"
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 200
    phone.disconnect()


def test_idle_handshakes_are_capped_per_address(server):
    http = requests.Session()
    opened = []
    refused = None
    for _ in range(110):
        reply = http.get(server.url + "/socket.io/?EIO=4&transport=polling", timeout=10)
        if reply.status_code != 200:
            refused = reply.status_code
            break
        opened.append(reply.text.split('"sid":"', 1)[1].split('"', 1)[0])
    assert refused is not None and len(opened) == 100, (len(opened), refused)
    # Closing them (Engine.IO close packet) makes room again.
    for sid in opened:
        http.post(server.url + f"/socket.io/?EIO=4&transport=polling&sid={sid}", data="1", timeout=10)
    created = Api(server.url).create_workshop()
    screen = SocketClient().connect(server, {"role": "screen", "code": created["code"], "key": created["screen_key"]})
    assert screen.wait_for("state")["workshop"]["code"] == created["code"]
    screen.disconnect()


def test_the_retention_sweep_deletes_expired_workshops(server):
    api = Api(server.url)
    expired, kept = api.create_workshop(title="Old"), api.create_workshop(title="New")
    phone = SocketClient().connect(server, {"role": "screen", "code": expired["code"], "key": expired["screen_key"]})
    phone.wait_for("state")
    database = server.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE workshops SET expires_at = '2000-01-01 00:00:00' WHERE code = ?", (expired["code"],))
    assert phone.wait_for("gone", timeout=15)["reason"] == "deleted"
    assert requests.get(f"{server.url}/api/workshops/{expired['code']}", timeout=5).status_code == 404
    assert requests.get(f"{server.url}/api/workshops/{kept['code']}", timeout=5).status_code == 200
    phone.disconnect()


def test_a_token_cannot_open_more_than_five_connections(server):
    api = Api(server.url)
    created = api.create_workshop()
    person = api.join(created)
    auth = {"role": "participant", "code": created["code"], "token": person["token"]}
    tabs = [SocketClient().connect(server, auth) for _ in range(5)]
    with pytest.raises(socketio.exceptions.ConnectionError):
        SocketClient().connect(server, auth)
    tabs[0].disconnect()
    time.sleep(0.3)
    tabs.append(SocketClient().connect(server, auth))
    for tab in tabs:
        tab.disconnect()


def test_a_message_nested_too_deep_gets_an_error_ack(server):
    """Raw Engine.IO over a websocket: a Socket.IO event nested 30,000 deep (60 kB) is answered, not dropped."""
    import json

    import websocket

    created = Api(server.url).create_workshop()
    ws = websocket.create_connection(server.url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket", timeout=10)
    try:
        assert ws.recv().startswith("0")  # Engine.IO open
        ws.send("40" + json.dumps({"role": "screen", "code": created["code"], "key": created["screen_key"]}))
        deep = "[" * 30_000 + "]" * 30_000
        ws.send('4217["results",' + deep + "]")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            message = ws.recv()
            if message == "2":
                ws.send("3")  # pong
            elif message.startswith("4317"):
                ack = json.loads(message[4:])[0]
                assert ack["ok"] is False and ack["error"]["code"] == "invalid_input", ack
                break
        else:
            raise AssertionError("no ack for the deeply nested message")
    finally:
        ws.close()
