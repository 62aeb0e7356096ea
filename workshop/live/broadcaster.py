"""Turns committed facts into pushes to the rooms that should see them."""

import logging

from .. import services
from ..domain.events import AgendaChanged, AnswersChanged, OwnAnswersChanged, PresenceChanged
from ..domain.results import FACILITATOR, SCREEN
from . import rooms
from .coalesce import Coalescer

log = logging.getLogger(__name__)


class Broadcaster:
    """Recomputes aggregates from stored rows, a few times a second at most per activity."""

    def __init__(self, socketio, db, interval: float, namespace: str = "/"):
        self.socketio = socketio
        self.db = db
        self.namespace = namespace
        self.coalescer = Coalescer(self._flush, interval, spawn=socketio.start_background_task, sleep=socketio.sleep)

    def publish(self, events, origin: str | None = None) -> None:
        """Hand over what a service returned; call only after its commit. Never raises.

        `origin` is the connection whose request made the change: it hears of its own answers in its ack.
        """
        for event in events:
            try:
                self._publish(event, origin)
            except Exception:  # the change is committed: a failed push must not turn its ack into an error
                log.exception("push of %s failed", event)

    def _publish(self, event, origin: str | None = None) -> None:
        if isinstance(event, AgendaChanged):
            self.push_state(event.workshop_id)
        elif isinstance(event, AnswersChanged):
            self.coalescer.request(("results", event.workshop_id, event.activity_id))
        elif isinstance(event, PresenceChanged):
            self.coalescer.request(("presence", event.workshop_id))
        elif isinstance(event, OwnAnswersChanged):
            self.push_own_answers(event.participant_id, event.activity_id, event.answers, origin)

    def emit(self, name: str, payload, room: str, skip_sid: str | None = None) -> None:
        """Emit on the app's namespace."""
        self.socketio.emit(name, payload, to=room, namespace=self.namespace, skip_sid=skip_sid)

    def push_state(self, workshop_id: int) -> None:
        """Everyone follows the facilitator: send the new snapshot to each audience."""
        self.emit("state", services.state(self.db, workshop_id, services.FACILITATOR_ROLE), rooms.facilitators(workshop_id))
        screen = services.state(self.db, workshop_id, services.SCREEN_ROLE)
        self.emit("state", screen, rooms.screens(workshop_id))
        # Phones get the same snapshot without the presence counts; their own answers they ask for.
        self.emit("state", {k: v for k, v in screen.items() if k != "presence"}, rooms.participants(workshop_id))

    def push_own_answers(self, participant_id: int, activity_id: int, answers=None, origin: str | None = None) -> None:
        """A participant's other tabs and devices see what they just sent (every answer passes here).

        The answers come with the event when the service had them at hand (no read-back per answer).
        """
        if answers is None:
            answers = services.own_answers(self.db, participant_id, activity_id)
        payload = {"activity_id": activity_id, "answers": answers}
        self.emit("mine", payload, rooms.participant(participant_id), skip_sid=origin)

    def push_results(self, workshop_id: int, activity_id: int) -> None:
        """Fresh results to the control views and the screens of one workshop."""
        payloads = services.results_for(self.db, workshop_id, activity_id, (FACILITATOR, SCREEN))
        self.emit("results", payloads[FACILITATOR], rooms.facilitators(workshop_id))
        self.emit("results", payloads[SCREEN], rooms.screens(workshop_id))

    def _flush(self, key) -> None:
        try:
            if key[0] == "results":
                self.push_results(key[1], key[2])
            else:
                workshop_id = key[1]
                presence = services.presence(self.db, workshop_id)
                self.emit("presence", presence, rooms.facilitators(workshop_id))
                self.emit("presence", presence, rooms.screens(workshop_id))
                current = services.state(self.db, workshop_id, services.SCREEN_ROLE)["current"]
                if current:
                    # Participation balance counts who is connected, so it moves with presence.
                    self.push_results(workshop_id, current["id"])
        except Exception:  # a failed push must not kill the background task; the next change retries
            log.exception("push of %s failed", key)
