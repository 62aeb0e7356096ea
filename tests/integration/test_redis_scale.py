"""Several processes and sites on Redis: a channel per site, presence after a crash, a Redis restart mid-burst."""

import os
import shutil
import subprocess
import threading
import time
import uuid

import pytest
import requests

from tests.support.server import LiveServer, SocketClient, free_port
from tests.support.workshops import Api, ambition, submission

pytestmark = [pytest.mark.redis, pytest.mark.real_server]
URL = os.environ.get("TEST_REDIS_URL")
if not URL:
    pytest.skip("TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/0)", allow_module_level=True)


def sqlite(path) -> str:
    return f"sqlite:///{path}"


def clients_for(server, created, people) -> list[SocketClient]:
    phones = []
    for person in people:
        phone = SocketClient().connect(server, {"role": "participant", "code": created["code"], "token": person["token"]})
        phone.wait_for("state")
        phones.append(phone)
    return phones


def test_two_sites_on_one_redis_see_nothing_of_each_other(tmp_path):
    # Both sites start from an empty database, so both workshops get id 1 and the same room names.
    with (
        LiveServer(tmp_path / "a1", database_url=sqlite(tmp_path / "a.db"), MESSAGE_QUEUE=URL) as a1,
        LiveServer(tmp_path / "a2", database_url=sqlite(tmp_path / "a.db"), MESSAGE_QUEUE=URL) as a2,
        LiveServer(tmp_path / "b1", database_url=sqlite(tmp_path / "b.db"), MESSAGE_QUEUE=URL) as b1,
    ):
        site_a = Api(a1.url).create_workshop(title="Site A workshop")
        site_b = Api(b1.url).create_workshop(title="Site B workshop")
        screen_a = SocketClient().connect(a1, {"role": "screen", "code": site_a["code"], "key": site_a["screen_key"]})
        screen_b = SocketClient().connect(b1, {"role": "screen", "code": site_b["code"], "key": site_b["screen_key"]})
        try:
            screen_a.wait_for("state")
            screen_b.wait_for("state")
            # Site B runs its activity; its screen sees the answer.
            activity_b = Api(b1.url).control(site_b, "next")["current"]["id"]
            phone_b = clients_for(b1, site_b, [Api(b1.url).join(site_b)])[0]
            assert phone_b.call("submit", submission(activity_b, ambition(text="Only for site B")))["ok"]
            screen_b.wait_for("results", lambda r: r["answers"] == 1)
            # The other process of site A still reaches site A's screen through Redis, so the queue works,
            # and anything site B sent was delivered by then too.
            Api(a2.url).control(site_a, "next")
            screen_a.wait_for("state", lambda s: s["current"] is not None)
            phone_b.disconnect()
        finally:
            screen_a.disconnect()
            screen_b.disconnect()
        seen_by_a = repr(screen_a.received)
        assert "Site B" not in seen_by_a and "Only for site B" not in seen_by_a and site_b["code"] not in seen_by_a
        assert "Site A" not in repr(screen_b.received)


def test_counts_return_to_the_truth_after_a_process_is_killed(tmp_path):
    database = sqlite(tmp_path / "shared.db")
    lease = {"MESSAGE_QUEUE": URL, "PRESENCE_LEASE": "2"}
    with (
        LiveServer(tmp_path / "a", database_url=database, **lease) as server_a,
        LiveServer(tmp_path / "b", database_url=database, **lease) as server_b,
    ):
        api = Api(server_a.url)
        created = api.create_workshop()
        people = [api.join(created, n % 2) for n in range(5)]
        facilitator = SocketClient().connect(
            server_a, {"role": "facilitator", "code": created["code"], "token": created["control_token"]}
        )
        phones = clients_for(server_a, created, people[:3]) + clients_for(server_b, created, people[3:])
        screen = SocketClient().connect(server_b, {"role": "screen", "code": created["code"], "key": created["screen_key"]})
        try:
            facilitator.wait_for("presence", lambda p: p["connected"] == 5 and p["screens"] == 1)
            mark = facilitator.mark()
            server_b.process.kill()  # SIGKILL: no goodbye, its rows stay behind
            server_b.process.wait(10)
            presence = facilitator.wait_for("presence", lambda p: p["connected"] == 3 and p["screens"] == 0, since=mark)
            assert presence["joined"] == 5
            # The truth holds from then on: phones of the survivor still count, a new one counts at once.
            again = clients_for(server_a, created, people[3:4])
            facilitator.wait_for("presence", lambda p: p["connected"] == 4, since=mark)
            phones += again
        finally:
            for client in [facilitator, screen, *phones]:
                client.disconnect()
        assert "Traceback" not in server_a.stderr(), server_a.stderr()[-3000:]


class PrivateRedis:
    """A redis-server of this test's own on a free port, so the test can restart it."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed (.ci/run installs and starts it)"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).stdout.strip() != b"PONG":
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def test_a_redis_restart_during_a_burst_loses_no_acknowledged_answer(tmp_path):
    redis = PrivateRedis(tmp_path).start()
    database = sqlite(tmp_path / "shared.db")
    try:
        with (
            LiveServer(tmp_path / "a", database_url=database, MESSAGE_QUEUE=redis.url) as server_a,
            LiveServer(tmp_path / "b", database_url=database, MESSAGE_QUEUE=redis.url) as server_b,
        ):
            api = Api(server_a.url)
            created = api.create_workshop(agenda=[{"kind": "ambitions", "config": {"max_per_participant": 10}}])
            activity_id = api.control(created, "next")["current"]["id"]
            people = [api.join(created, n % 2) for n in range(12)]
            # The screen sits on one process, the phones answer on the other: every push crosses Redis.
            screen = SocketClient().connect(server_a, {"role": "screen", "code": created["code"], "key": created["screen_key"]})
            phones = clients_for(server_b, created, people)
            acked, failures, restarted, stop = [], [], threading.Event(), threading.Event()

            def answer(phone):
                try:
                    for n in range(10):
                        client_id = uuid.uuid4().hex
                        deadline = time.monotonic() + 60
                        while True:  # a phone resends with the same client id until it gets an ack
                            try:
                                ack = phone.call("submit", submission(activity_id, ambition(text=f"idea {n}"), client_id))
                                break
                            except Exception:
                                # Bounded, and never a busy loop: a disconnected client raises at once.
                                if stop.is_set() or time.monotonic() > deadline:
                                    raise
                                time.sleep(0.1)
                        assert ack["ok"], ack
                        acked.append(ack["answer"]["id"])
                        if n == 3:
                            restarted.wait(30)
                except BaseException as exc:  # the main thread reports it; a thread's own failure would be lost
                    failures.append(exc)

            threads = [threading.Thread(target=answer, args=(phone,), daemon=True) for phone in phones]
            try:
                screen.wait_for("state")
                for thread in threads:
                    thread.start()
                deadline = time.monotonic() + 60
                while len(acked) < 3 * len(phones) and not failures:
                    assert time.monotonic() < deadline, f"only {len(acked)} answers acked before the restart"
                    time.sleep(0.02)
                assert not failures, failures
                redis.stop()
                # Answers go on while Redis is away: they need only the database.
                api.control(created, "reveal", activity_id)
                redis.start()
                restarted.set()
                deadline = time.monotonic() + 90
                for thread in threads:
                    thread.join(max(0.0, deadline - time.monotonic()))
                assert not failures, failures
                assert not any(thread.is_alive() for thread in threads), "phones still answering after 90 s"
                total = len(phones) * 10
                assert len(acked) == len(set(acked)) == total
                stored = api.results(created)["activities"][0]
                assert stored["answers"] == total
                shown = screen.wait_for("results", lambda r: r["answers"] == total and r["data"] is not None, timeout=30)
                assert shown["activity_id"] == activity_id
            finally:
                stop.set()
                restarted.set()
                for client in [screen, *phones]:
                    client.disconnect()
                for thread in threads:
                    thread.join(15)
            for server in (server_a, server_b):
                assert requests.get(server.url + "/healthz", timeout=5).status_code == 200
                assert "Traceback" not in server.stderr(), server.stderr()[-3000:]
    finally:
        redis.stop()
