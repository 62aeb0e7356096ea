"""Group commit keeps the ack-after-commit promise: a SIGKILL mid-burst loses no acknowledged answer."""

import threading
import uuid

import pytest

from tests.support.server import LiveServer, SocketClient
from tests.support.workshops import Api, ambition

pytestmark = pytest.mark.real_server
PHONES, EACH = 24, 3


@pytest.mark.parametrize("async_mode", ["eventlet", "gevent"])
def test_a_sigkill_mid_burst_loses_no_acknowledged_answer(tmp_path, async_mode):
    server = LiveServer(tmp_path, async_mode=async_mode).start()
    phones, threads = [], []
    acked, lock, some_acked = [], threading.Lock(), threading.Event()

    def answer(i, phone):
        for n in range(EACH):
            text = f"phone {i} answer {n}"
            try:
                ack = phone.call(
                    "submit", {"activity_id": activity_id, "client_id": uuid.uuid4().hex, "answer": ambition(text=text)}
                )
            except Exception:  # the server died: this one was never acked
                return
            if ack.get("ok"):
                with lock:
                    acked.append(text)
                    if len(acked) >= PHONES:
                        some_acked.set()

    try:
        api = Api(server.url)
        created = api.create_workshop()
        activity_id = api.control(created, "next")["current"]["id"]
        people = [api.join(created, i % 2) for i in range(PHONES)]
        for p in people:
            phones.append(SocketClient().connect(server, {"role": "participant", "code": created["code"], "token": p["token"]}))
        threads = [threading.Thread(target=answer, args=(i, phone), daemon=True) for i, phone in enumerate(phones)]
        for thread in threads:
            thread.start()
        assert some_acked.wait(30), "no answers were acked"
        server.process.kill()
        server.process.wait(10)
        for thread in threads:
            thread.join(30)
    finally:
        for phone in phones:
            phone.disconnect()
        server.stop()
        for thread in threads:
            thread.join(15)

    with LiveServer(tmp_path, async_mode=async_mode) as again:
        [results] = Api(again.url).results(created)["activities"]
        stored = [item["text"] for item in results["data"]["items"]]
    assert len(stored) == len(set(stored)), "no answer is stored twice"
    with lock:
        missing = set(acked) - set(stored)
    assert not missing, f"acknowledged but lost: {sorted(missing)}"
