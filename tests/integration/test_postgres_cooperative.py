"""A slow PostgreSQL statement stalls only the request that made it, never the other clients of the process."""

import os
import threading
import time

import pytest
import requests

from tests.support.server import LiveServer, SocketClient
from tests.support.workshops import Api

pytestmark = [pytest.mark.postgres, pytest.mark.real_server]
URL = os.environ.get("TEST_DATABASE_URL")
if not URL:
    pytest.skip("TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)", allow_module_level=True)

import psycopg  # noqa: E402

from workshop.storage.database import Database  # noqa: E402


@pytest.fixture
def empty_database():
    db = Database(URL)
    db.drop_all()
    db.engine.dispose()
    yield URL
    db = Database(URL)
    db.drop_all()
    db.engine.dispose()


def waiting_statements(conn) -> int:
    """How many statements wait for a lock right now (the server's, held up by ours)."""
    return conn.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0]


@pytest.mark.parametrize("async_mode", ["eventlet", "gevent"])
def test_a_statement_waiting_on_a_lock_stalls_nobody_else(tmp_path, empty_database, async_mode):
    plain_url = URL.replace("postgresql+psycopg://", "postgresql://")
    with LiveServer(tmp_path, async_mode=async_mode, database_url=URL) as server:
        created = Api(server.url).create_workshop()
        screen = SocketClient().connect(server, {"role": "screen", "code": created["code"], "key": created["screen_key"]})
        slow_reply = {}
        try:
            screen.wait_for("state")
            with psycopg.connect(plain_url) as locker:
                # Our transaction holds the table: the server's next read of it waits as long as we like.
                locker.execute("LOCK TABLE workshops IN ACCESS EXCLUSIVE MODE")

                def slow():
                    slow_reply["status"] = requests.get(f"{server.url}/api/workshops/{created['code']}", timeout=60).status_code

                thread = threading.Thread(target=slow)
                thread.start()
                with psycopg.connect(plain_url, autocommit=True) as watcher:
                    deadline = time.monotonic() + 20
                    while waiting_statements(watcher) == 0:
                        assert time.monotonic() < deadline, "the server's statement never started waiting"
                        time.sleep(0.02)
                # The ticker: while that statement waits, the same process keeps serving everyone else.
                for _ in range(5):
                    assert requests.get(f"{server.url}/healthz", timeout=5).json()["status"] == "ok"
                    assert screen.call("submit", {}, timeout=5)["ok"] is False
                assert "status" not in slow_reply, "the slow request should still be waiting"
                locker.rollback()
            thread.join(30)
            assert slow_reply == {"status": 200}
        finally:
            screen.disconnect()
        assert "Traceback" not in server.stderr(), server.stderr()[-3000:]
