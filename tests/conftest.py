"""Shared fixtures: a fresh app per test, a workshop made through the API, and live test clients."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.workshops import workshop_payload

ROOT = Path(__file__).resolve().parent.parent


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
