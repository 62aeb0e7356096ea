"""Shared fixtures: a fresh app per test, a workshop made through the API, and live test clients."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support.workshops import workshop_payload

ROOT = Path(__file__).resolve().parent.parent


# ---- no test leaves a thread or a child process behind ----
#
# A thread or server left running by one test slows or breaks every test after it (a phone thread that
# retried forever once made the rest of the suite crawl into its timeouts). So after each test's
# teardown, whatever it started must be gone. What a module- or session-scoped fixture starts belongs
# to that fixture, and must be gone once the fixture is finalised.

LINGER_SECONDS = 10  # a thread or process on its way out may finish (a reader, a push coalesced for 5 s)
IDLE_POOL_THREADS = ("ThreadPoolExecutor-", "asyncio_")  # idle workers of a pool that lives on; they cost nothing


def _harmless(thread: threading.Thread) -> bool:
    """An idle pool worker, or a task of a closed Engine.IO socket or client that sleeps out its interval and ends."""
    if thread is threading.main_thread() or thread.name.startswith(IDLE_POOL_THREADS):
        return True
    target = getattr(thread, "_target", None)
    name, owner = getattr(target, "__name__", ""), getattr(target, "__self__", None)
    if name == "_send_ping":  # the server's last ping of a socket
        return getattr(owner, "closed", False)
    if name in ("_write_loop", "_read_loop_websocket"):  # a client's writer waits up to a ping interval
        return getattr(owner, "state", "") == "disconnected"
    return False


def _threads() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if not _harmless(thread)}


def _children() -> dict:
    """This process's live (not zombie) child processes: {(pid, start time): command line}."""
    found = {}
    me = str(os.getpid())
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if fields[1] != me or fields[0] == "Z":
                continue
            command = Path(f"/proc/{entry.name}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        found[(int(entry.name), fields[19])] = command.strip()[:200]
    return found


class Leftovers:
    """What was running before, and what fixtures of a wider scope own."""

    def __init__(self):
        self.owned: dict[int, tuple[set, set]] = {}  # id(fixturedef) -> (threads, child keys)
        self.released: list[tuple[set, set]] = []  # owned by fixtures finalised during this test
        self.released_by: list[str] = []  # those fixtures' names
        self.before: tuple[set, set] = (set(), set())

    def tolerated(self) -> tuple[set, set]:
        threads, children = set(), set()
        for owned_threads, owned_children in self.owned.values():
            threads |= owned_threads
            children |= owned_children
        return threads, children

    def left(self) -> tuple[set, dict]:
        """Threads and children started since `before`, or owned by a fixture finalised since, still running.

        Anything a live fixture of a wider scope owns is not counted.
        """
        owned_threads, owned_children = self.tolerated()
        released_threads, released_children = set(), set()
        for threads, children in self.released:
            released_threads |= threads
            released_children |= children
        deadline = time.monotonic() + LINGER_SECONDS
        while True:
            threads = {
                thread
                for thread in _threads()
                if (thread not in self.before[0] or thread in released_threads) and thread not in owned_threads
            }
            children = {
                key: command
                for key, command in _children().items()
                if (key not in self.before[1] or key in released_children) and key not in owned_children
            }
            if not (threads or children) or time.monotonic() > deadline:
                return threads, children
            for thread in threads:
                thread.join(0.05)
            time.sleep(0.05)


LEFTOVERS = Leftovers()


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    if fixturedef.scope == "function":
        return (yield)
    threads, children = set(_threads()), set(_children())
    try:
        return (yield)
    finally:
        owned = LEFTOVERS.owned.setdefault(id(fixturedef), (set(), set()))
        owned[0].update(set(_threads()) - threads)
        owned[1].update(set(_children()) - children)


def pytest_fixture_post_finalizer(fixturedef, request):
    owned = LEFTOVERS.owned.pop(id(fixturedef), None)
    if owned and (owned[0] or owned[1]):
        LEFTOVERS.released.append(owned)
        LEFTOVERS.released_by.append(fixturedef.argname)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    LEFTOVERS.before = (set(_threads()), set(_children()))
    LEFTOVERS.released, LEFTOVERS.released_by = [], []
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    threads, children = LEFTOVERS.left()
    if threads or children:
        # End the processes (ours, by pid) so the next tests do not pay for them; threads cannot be ended.
        for pid, _ in children:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
        described = [f"thread {t.name!r} ({getattr(t, '_target', None)!r})" for t in threads]
        described += [f"process {pid}: {command}" for (pid, _), command in children.items()]
        fixtures = ", ".join(LEFTOVERS.released_by) or "none"
        pytest.fail(
            f"{item.nodeid} left running after its teardown (wider-scoped fixtures finalised: {fixtures}):\n  "
            + "\n  ".join(described),
            pytrace=False,
        )
    return result


@pytest.fixture(scope="session", autouse=True)
def recorded_protocol():
    """Every ack and event the Socket.IO test clients receive, for the protocol contract test."""
    from tests.support.contract import install_recorder

    with pytest.MonkeyPatch.context() as patch:
        install_recorder(patch)
        yield


def pytest_collection_modifyitems(items):
    """The protocol contract runs last, so it checks what every Socket.IO test before it received."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/integration/test_protocol_doc.py"))


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo files are build output; compile them once if a checkout lacks them."""
    catalogues = sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po"))
    if any(not po.with_suffix(".mo").exists() for po in catalogues):
        pybabel = Path(sys.executable).with_name("pybabel")
        subprocess.run(
            [str(pybabel), "compile", "--use-fuzzy", "-d", "translations", "-D", "messages"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app on a fresh SQLite file; pushes are synchronous so tests see them at once."""
    for key in ("DATABASE_URL", "MESSAGE_QUEUE", "REDIS_URL", "PUBLIC_URL", "ALLOWED_ORIGINS", "SECRET_KEY"):
        monkeypatch.delenv(key, raising=False)
    # The secret key file lives under INSTANCE_PATH, which is read from the environment.
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    from workshop import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}",
            "ASYNC_MODE": "threading",
            "RESULTS_PUSH_INTERVAL": 0,
            "PRESENCE_PUSH_INTERVAL": 0,
            "INSTANCE_PATH": str(tmp_path),
            "MESSAGE_QUEUE": None,
            "LOG_LEVEL": "WARNING",
        }
    )
    yield app
    stop_app(app)


def stop_app(app) -> None:
    """Close what an in-process app opened: Engine.IO's sockets and its service task, the database pool."""
    eio = app.extensions["socketio"].server.eio
    for socket in list(eio.sockets.values()):
        socket.close(wait=False, abort=True)  # waiting would block on a polling socket nobody reads
    eio.sockets.clear()
    eio.shutdown()
    app.extensions["samenspel.db"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def socketio(app):
    return app.extensions["socketio"]


@pytest.fixture
def db(app):
    return app.extensions["samenspel.db"]


class Workshops:
    """Actions through the JSON API, as a script or the pages would do them."""

    def __init__(self, client):
        self.client = client

    def create(self, **overrides) -> dict:
        """A workshop with two organisations and an ambitions activity; adds org_ids and activity_id."""
        reply = self.client.post("/api/workshops", json=workshop_payload(**overrides))
        assert reply.status_code == 201, reply.get_data(as_text=True)
        created = reply.get_json()
        created["org_ids"] = [o["id"] for o in created["workshop"]["organisations"]]
        agenda = self.client.get(f"/api/workshops/{created['code']}/agenda", headers=self.bearer(created))
        created["activity_ids"] = [a["id"] for a in agenda.get_json()]
        created["activity_id"] = created["activity_ids"][0] if created["activity_ids"] else None
        return created

    @staticmethod
    def bearer(created: dict) -> dict:
        return {"Authorization": f"Bearer {created['control_token']}"}

    def join(self, created: dict, org: int = 0, role: str = "manager", **extra) -> dict:
        """A participant of the org-th organisation; returns {participant, token}."""
        body = {"organisation_id": created["org_ids"][org], "role": role, **extra}
        reply = self.client.post(f"/api/workshops/{created['code']}/participants", json=body)
        assert reply.status_code == 201, reply.get_data(as_text=True)
        return reply.get_json()

    def control(self, created: dict, action: str, activity_id=None) -> dict:
        reply = self.client.post(
            f"/api/workshops/{created['code']}/control",
            json={"action": action, "activity_id": activity_id},
            headers=self.bearer(created),
        )
        assert reply.status_code == 200, reply.get_data(as_text=True)
        return reply.get_json()

    def open(self, created: dict) -> None:
        self.control(created, "open", created["activity_id"])


@pytest.fixture
def workshops(client):
    return Workshops(client)


@pytest.fixture
def workshop(workshops):
    """One workshop, its activity still a draft."""
    return workshops.create()


class Live:
    """Socket.IO test clients per role; all are disconnected after the test."""

    def __init__(self, app, socketio):
        self.app = app
        self.socketio = socketio
        self.clients = []

    def _connect(self, auth, **kwargs):
        client = self.socketio.test_client(self.app, auth=auth, **kwargs)
        self.clients.append(client)
        return client

    def participant(self, created: dict, token: str, **kwargs):
        return self._connect({"role": "participant", "code": created["code"], "token": token}, **kwargs)

    def facilitator(self, created: dict, token: str | None = None, **kwargs):
        return self._connect(
            {"role": "facilitator", "code": created["code"], "token": token or created["control_token"]}, **kwargs
        )

    def screen(self, created: dict, key: str | None = None, **kwargs):
        return self._connect({"role": "screen", "code": created["code"], "key": key or created["screen_key"]}, **kwargs)

    def close(self):
        for client in self.clients:
            if client.is_connected():
                client.disconnect()


@pytest.fixture
def live(app, socketio):
    clients = Live(app, socketio)
    yield clients
    clients.close()
