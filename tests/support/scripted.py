"""A workshop set up through the API and answered through Socket.IO, for browser tests that look at one state."""

import requests

from tests.support.server import SocketClient
from tests.support.workshops import Api, submission


class Scripted:
    """One workshop on a running server: its facilitator API, participants (tokens) and their sockets."""

    def __init__(self, server, agenda, organisations, threshold=1, language="nl", title="Kick-off Warmte in de Wijk"):
        self.server = server
        self.api = Api(server.url)
        self.created = self.api.create_workshop(
            title=title, language=language, organisations=organisations, settings={"privacy_threshold": threshold}, agenda=agenda
        )
        self.code = self.created["code"]
        self.sockets: list[SocketClient] = []
        self.people: list[dict] = []

    @property
    def links(self) -> dict:
        return self.created["links"]

    def agenda(self) -> list[dict]:
        reply = requests.get(
            f"{self.server.url}/api/workshops/{self.code}/agenda",
            headers={"Authorization": f"Bearer {self.created['control_token']}"},
            timeout=10,
        )
        assert reply.status_code == 200, reply.text
        return reply.json()

    def join(self, org: int, name: str = "", presence: str = "room") -> dict:
        """A participant with a live socket; returns {participant, token, socket}."""
        joined = self.api.join(self.created, org=org, display_name=name, presence=presence)
        socket = SocketClient().connect(self.server, {"role": "participant", "code": self.code, "token": joined["token"]})
        self.sockets.append(socket)
        person = {**joined, "socket": socket}
        self.people.append(person)
        return person

    def answer(self, person: dict, activity_id: int, answer: dict) -> dict:
        ack = person["socket"].call("submit", submission(activity_id, answer))
        assert ack["ok"], ack
        return ack

    def control(self, action: str, activity_id=None) -> None:
        self.api.control(self.created, action, activity_id)

    def facilitator(self) -> SocketClient:
        socket = SocketClient().connect(
            self.server, {"role": "facilitator", "code": self.code, "token": self.created["control_token"]}
        )
        self.sockets.append(socket)
        return socket

    def goal(self, text: str, adopted: bool = True) -> int:
        """A goal made by the facilitator (adopted unless told otherwise)."""
        socket = self.facilitator()
        ack = socket.call("goal_add", {"text": text, "answer_ids": []})
        assert ack["ok"], ack
        if adopted:
            assert socket.call("goal_update", {"goal_id": ack["goal"]["id"], "adopted": True})["ok"]
        return ack["goal"]["id"]

    def close(self) -> None:
        for socket in self.sockets:
            socket.disconnect()
