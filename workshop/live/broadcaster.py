"""Turns committed facts into pushes to the rooms that should see them."""

import logging
import threading
import time

from .. import services
from ..domain.events import AgendaChanged, AnswersChanged, OwnAnswersChanged, PresenceChanged
from ..domain.results import FACILITATOR, SCREEN
from . import rooms
from .coalesce import Coalescer

log = logging.getLogger(__name__)


class Versions:
    """Increasing stamps for pushes computed from stored rows, comparable across processes.

    With several processes, a push computed earlier can arrive after one computed later; screens keep
    the one with the highest stamp. A stamp is taken before the rows are read, so the push with the
    highest stamp read after every commit before it (hosts keep their clocks in sync, e.g. NTP).
    """

    def __init__(self, clock=time.time_ns):
        self.clock = clock
        self.last = 0
        self.lock = threading.Lock()

    def next(self) -> int:
        """Microseconds since the epoch, and never the same twice in this process."""
        with self.lock:
            self.last = max(self.last + 1, self.clock() // 1000)
            return self.last


class Broadcaster:
    """Recomputes aggregates from stored rows, a few times a second at most per activity."""

    def __init__(self, socketio, db, interval: float, presence_interval: float | None = None, namespace: str = "/"):
        self.socketio = socketio
        self.db = db
        self.namespace = namespace
        self.versions = Versions()
        spawn, sleep = socketio.start_background_task, socketio.sleep
        self.coalescer = Coalescer(self._flush, interval, spawn=spawn, sleep=sleep)
        # Presence moves with every connect: counted for everyone at most once per its own interval.
        interval = interval if presence_interval is None else presence_interval
        self.presence = Coalescer(self._flush, interval, spawn=spawn, sleep=sleep)

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
            self.presence.request(("presence", event.workshop_id))
        elif isinstance(event, OwnAnswersChanged):
            self.push_own_answers(event.participant_id, event.activity_id, event.answers, origin)

    def emit(self, name: str, payload, room: str, local: bool = False, skip_sid: str | None = None) -> None:
        """Emit on the app's namespace; `local` reaches only this process's clients."""
        self.socketio.emit(name, payload, to=room, namespace=self.namespace, ignore_queue=local, skip_sid=skip_sid)

    def push_state(self, workshop_id: int, local: bool = False) -> None:
        """Everyone follows the facilitator: send the new snapshot to each audience."""
        self.emit(
            "state", services.state(self.db, workshop_id, services.FACILITATOR_ROLE), rooms.facilitators(workshop_id), local
        )
        screen = services.state(self.db, workshop_id, services.SCREEN_ROLE)
        self.emit("state", screen, rooms.screens(workshop_id), local)
        # Phones get the same snapshot without the presence counts; their own answers they ask for.
        self.emit("state", {k: v for k, v in screen.items() if k != "presence"}, rooms.participants(workshop_id), local)

    def push_own_answers(self, participant_id: int, activity_id: int, answers=None, origin: str | None = None) -> None:
        """A participant's other tabs and devices see what they just sent (every answer passes here).

        The answers come with the event when the service had them at hand (no read-back per answer).
        """
        if answers is None:
            answers = services.own_answers(self.db, participant_id, activity_id)
        payload = {"activity_id": activity_id, "answers": answers}
        self.emit("mine", payload, rooms.participant(participant_id), skip_sid=origin)

    def push_results(self, workshop_id: int, activity_id: int, local: bool = False) -> None:
        """Fresh results to the control views and the screens of one workshop."""
        version = self.versions.next()
        payloads = services.results_for(self.db, workshop_id, activity_id, (FACILITATOR, SCREEN))
        self.emit("results", {**payloads[FACILITATOR], "version": version}, rooms.facilitators(workshop_id), local)
        self.emit("results", {**payloads[SCREEN], "version": version}, rooms.screens(workshop_id), local)

    def push_presence(self, workshop_id: int, local: bool = False) -> None:
        """Presence counts to the control views and screens, and the results whose balance counts them."""
        version = self.versions.next()
        presence, current_id = services.presence_and_current(self.db, workshop_id)
        presence["version"] = version
        self.emit("presence", presence, rooms.facilitators(workshop_id), local)
        self.emit("presence", presence, rooms.screens(workshop_id), local)
        if current_id:
            # Participation balance counts who is connected, so it moves with presence.
            self.push_results(workshop_id, current_id, local)

    def resync(self, workshop_ids) -> None:
        """Send this process's clients of these workshops everything from stored rows (pushes were lost)."""
        for workshop_id in sorted(workshop_ids):
            try:
                self.push_state(workshop_id, local=True)
                self.push_presence(workshop_id, local=True)
            except Exception:
                log.exception("resync of workshop %s failed", workshop_id)

    def _flush(self, key) -> None:
        try:
            if key[0] == "results":
                self.push_results(key[1], key[2])
            else:
                self.push_presence(key[1])
        except Exception:  # a failed push must not kill the background task; the next change retries
            log.exception("push of %s failed", key)
