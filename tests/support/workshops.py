"""Request bodies and small actions shared by in-process and real-server tests."""

import uuid

import requests

ORGANISATIONS = ("Woonstede", "Energiek Netwerk")


def workshop_payload(title="Kick-off warmtenet", organisations=ORGANISATIONS, **overrides) -> dict:
    """A workshop with the given organisations and one ambitions activity."""
    payload = {
        "title": title,
        "language": "en",
        "organisations": [{"name": name} for name in organisations],
        "settings": {"privacy_threshold": 1},
        "agenda": [{"kind": "ambitions", "title": "Our ambitions", "prompt": "What do you want?"}],
    }
    payload.update(overrides)
    return payload


def ambition(text="More homes with heat pumps", value_driver="Innovation", horizon=3) -> dict:
    """An answer to the ambitions activity (English defaults, as in workshop_payload)."""
    return {"text": text, "value_driver": value_driver, "horizon": horizon}


def submission(activity_id, answer=None, client_id=None) -> dict:
    """What a phone emits as 'submit'."""
    return {"activity_id": activity_id, "client_id": client_id or uuid.uuid4().hex, "answer": answer or ambition()}


class Api:
    """The JSON API of a running server, over HTTP."""

    def __init__(self, base_url: str):
        self.base = base_url
        self.http = requests.Session()

    def create_workshop(self, **overrides) -> dict:
        reply = self.http.post(f"{self.base}/api/workshops", json=workshop_payload(**overrides), timeout=10)
        assert reply.status_code == 201, reply.text
        return reply.json()

    def join(self, created: dict, org: int = 0, role: str = "manager", **extra) -> dict:
        """A participant of the org-th organisation; returns {participant, token}."""
        body = {"organisation_id": created["workshop"]["organisations"][org]["id"], "role": role, **extra}
        reply = self.http.post(f"{self.base}/api/workshops/{created['code']}/participants", json=body, timeout=10)
        assert reply.status_code == 201, reply.text
        return reply.json()

    def control(self, created: dict, action: str, activity_id=None) -> dict:
        reply = self.http.post(
            f"{self.base}/api/workshops/{created['code']}/control",
            json={"action": action, "activity_id": activity_id},
            headers={"Authorization": f"Bearer {created['control_token']}"},
            timeout=10,
        )
        assert reply.status_code == 200, reply.text
        return reply.json()

    def results(self, created: dict) -> dict:
        reply = self.http.get(
            f"{self.base}/api/workshops/{created['code']}/results",
            headers={"Authorization": f"Bearer {created['control_token']}"},
            timeout=10,
        )
        assert reply.status_code == 200, reply.text
        return reply.json()
