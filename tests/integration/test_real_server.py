"""The real server (`python app.py`) under eventlet and gevent, with real Socket.IO clients over websocket."""

import pytest
import requests
import socketio

from tests.support.server import LiveServer, SocketClient
from tests.support.workshops import Api, ambition, submission

pytestmark = pytest.mark.real_server
ASYNC_MODES = ["eventlet", "gevent"]


def check_stderr(server):
    errors = server.stderr()
    assert "Eventlet is deprecated" not in errors
    assert "Traceback" not in errors, errors[-3000:]
    # gevent without a websocket handler reads websocket close frames as HTTP requests.
    assert "Expected GET method" not in errors and "Invalid HTTP method" not in errors, errors[-3000:]


@pytest.fixture(scope="module", params=ASYNC_MODES)
def server(request, tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp(request.param), async_mode=request.param) as running:
        yield running
    check_stderr(running)


@pytest.fixture
def clients():
    made = []

    def make(**options):
        made.append(SocketClient(**options))
        return made[-1]

    yield make
    for client in made:
        client.disconnect()


def test_a_participant_reconnects_as_the_same_person(server, clients):
    api = Api(server.url)
    created = api.create_workshop()
    activity_id = api.control(created, "next")["current"]["id"]
    person = api.join(created, 0)
    participant_auth = {"role": "participant", "code": created["code"], "token": person["token"]}

    facilitator = clients().connect(server, {"role": "facilitator", "code": created["code"], "token": created["control_token"]})
    facilitator.wait_for("state")

    phone = clients().connect(server, participant_auth)
    first_state = phone.wait_for("state")
    participant_id = first_state["participant"]["id"]
    assert participant_id == person["participant"]["id"]
    facilitator.wait_for("presence", lambda p: p["connected"] == 1)

    ack = phone.call("submit", submission(activity_id, ambition(text="Heat from the river")))
    assert ack["ok"] is True, ack
    answer_id = ack["answer"]["id"]
    facilitator.wait_for("results", lambda r: any(i["text"] == "Heat from the river" for i in r["data"]["items"]))

    mark = facilitator.mark()
    phone.disconnect()
    facilitator.wait_for("presence", lambda p: p["connected"] == 0, since=mark)

    mark = facilitator.mark()
    again = clients().connect(server, participant_auth)
    state = again.wait_for("state")
    assert state["participant"]["id"] == participant_id
    assert [a["id"] for a in state["mine"]] == [answer_id]
    mine = again.call("my_answers", {"activity_id": activity_id})
    assert mine["ok"] is True
    assert [(a["id"], a["answer"]["text"]) for a in mine["answers"]] == [(answer_id, "Heat from the river")]

    presence = facilitator.wait_for("presence", lambda p: p["connected"] >= 1, since=mark)
    assert presence["connected"] == 1 and presence["joined"] == 1
    assert max(p["connected"] for p in facilitator.payloads("presence")) == 1, "one person is never counted twice"
    check_stderr(server)


@pytest.mark.parametrize("transports", [("websocket",), ("polling",)])
def test_a_foreign_origin_is_refused(server, clients, transports):
    created = Api(server.url).create_workshop()
    auth = {"role": "screen", "code": created["code"], "key": created["screen_key"]}
    # Under gevent-websocket the handshake completes before the app refuses, so the client sees a
    # closed socket (ValueError) rather than an HTTP 400 (ConnectionError); either way no session.
    refused = (socketio.exceptions.ConnectionError, ValueError)
    with pytest.raises(refused):
        clients(origin="http://evil.example").connect(server, auth, transports=transports)
    with pytest.raises(refused):
        clients().connect(server, auth, transports=transports, headers={"Origin": "http://evil.example"})
    own = clients(origin=server.url).connect(server, auth, transports=transports)
    assert own.wait_for("state")["workshop"]["code"] == created["code"]


def test_a_wrong_secret_is_refused_by_the_real_server(server, clients):
    created = Api(server.url).create_workshop()
    with pytest.raises(socketio.exceptions.ConnectionError):
        clients().connect(server, {"role": "facilitator", "code": created["code"], "token": "wrong"})
    with pytest.raises(socketio.exceptions.ConnectionError):
        clients().connect(server, {"role": "participant", "code": created["code"], "token": "wrong"})


def test_pages_and_static_files_are_served(server):
    created = Api(server.url).create_workshop()
    for path in (
        "/",
        f"/w/{created['code']}",
        f"/w/{created['code']}/screen",
        "/static/js/common.js",
        "/static/vendor/socket.io.min.js",
    ):
        reply = requests.get(server.url + path, timeout=10)
        assert reply.status_code == 200, path


@pytest.mark.parametrize("async_mode", ASYNC_MODES)
def test_answers_survive_a_restart(tmp_path, clients, async_mode):
    first = LiveServer(tmp_path, async_mode=async_mode).start()
    try:
        api = Api(first.url)
        created = api.create_workshop()
        activity_id = api.control(created, "next")["current"]["id"]
        person = api.join(created, 1)
        phone = clients().connect(first, {"role": "participant", "code": created["code"], "token": person["token"]})
        assert phone.call("submit", submission(activity_id, ambition(text="Still here tomorrow")))["ok"]
        phone.disconnect()
        check_stderr(first)
    finally:
        first.stop()

    second = LiveServer(tmp_path, async_mode=async_mode)
    assert second.database_url == first.database_url
    with second:
        api = Api(second.url)
        [activity] = api.results(created)["activities"]
        assert [i["text"] for i in activity["data"]["items"]] == ["Still here tomorrow"]
        # The device token still works after the restart.
        phone = clients().connect(second, {"role": "participant", "code": created["code"], "token": person["token"]})
        assert phone.wait_for("state")["participant"]["id"] == person["participant"]["id"]
        check_stderr(second)
