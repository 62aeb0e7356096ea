"""Two server processes behind one Redis message queue: a push from one reaches a screen on the other."""

import os

import pytest
import requests

from tests.support.server import LiveServer, SocketClient
from tests.support.workshops import Api, ambition, submission

pytestmark = [pytest.mark.redis, pytest.mark.real_server]
URL = os.environ.get("TEST_REDIS_URL")
if not URL:
    pytest.skip("TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/0)", allow_module_level=True)


def test_a_screen_on_one_server_sees_an_answer_given_on_another(tmp_path):
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    # One after the other, so only one of them runs the migrations on the empty database.
    with (
        LiveServer(tmp_path / "a", database_url=database, MESSAGE_QUEUE=URL) as server_a,
        LiveServer(tmp_path / "b", database_url=database, MESSAGE_QUEUE=URL) as server_b,
    ):
        api_a, api_b = Api(server_a.url), Api(server_b.url)
        created = api_a.create_workshop()
        activity_id = api_b.control(created, "next")["current"]["id"]
        person = api_b.join(created, 1)

        screen = SocketClient().connect(server_a, {"role": "screen", "code": created["code"], "key": created["screen_key"]})
        facilitator = SocketClient().connect(
            server_a, {"role": "facilitator", "code": created["code"], "token": created["control_token"]}
        )
        phone = SocketClient().connect(server_b, {"role": "participant", "code": created["code"], "token": person["token"]})
        try:
            screen.wait_for("state")
            phone.wait_for("state")
            facilitator.wait_for("presence", lambda p: p["connected"] == 1)
            assert phone.call("submit", submission(activity_id, ambition(text="Across the queue")))["ok"]
            shown = screen.wait_for(
                "results", lambda r: r["data"] and any(i["text"] == "Across the queue" for i in r["data"]["items"])
            )
            assert shown["answers"] == 1
            # A state change made through B's API reaches the screen on A too.
            mark = screen.mark()
            api_b.control(created, "lobby")
            assert screen.wait_for("state", since=mark)["current"] is None
        finally:
            for client in (screen, facilitator, phone):
                client.disconnect()
        for server in (server_a, server_b):
            assert requests.get(server.url + "/healthz", timeout=10).json()["message_queue"] == "ok"
            assert "Traceback" not in server.stderr(), server.stderr()[-3000:]
