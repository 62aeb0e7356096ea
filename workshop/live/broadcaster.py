"""Turns committed facts into pushes to the rooms that should see them."""

import logging
import threading
import time

import socketio

from .. import services
from ..domain.events import (
    AgendaChanged,
    AnswersChanged,
    ManyJoinsFromOneAddress,
    OwnAnswersChanged,
    ParticipantForgotten,
    PresenceChanged,
    WorkshopDeleted,
)
from ..domain.kinds import get_kind
from ..domain.model import LANGUAGES
from ..domain.results import FACILITATOR, SCREEN
from . import rooms
from .coalesce import Coalescer

log = logging.getLogger(__name__)
BALANCE_SLOWER = 5


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

    def __init__(
        self, socketio, db, interval: float, presence_interval: float | None = None, snapshots=None, namespace: str = "/"
    ):
        self.socketio = socketio
        self.db = db
        self.snapshots = snapshots
        self.namespace = namespace
        self.versions = Versions()
        spawn, sleep = socketio.start_background_task, socketio.sleep
        self.coalescer = Coalescer(self._flush, interval, spawn=spawn, sleep=sleep)
        # Presence moves with every connect: counted for everyone at most once per its own interval.
        interval = interval if presence_interval is None else presence_interval
        self.presence = Coalescer(self._flush, interval, spawn=spawn, sleep=sleep)
        # Results count who is connected too (participation balance), but recomputing them is dearer:
        # while a hall connects, they follow presence at a fifth of its pace.
        self.balance = Coalescer(self._flush, interval * BALANCE_SLOWER, spawn=spawn, sleep=sleep)

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
        elif isinstance(event, ManyJoinsFromOneAddress):
            warnings = services.join_warnings(self.db, event.workshop_id)
            self.emit("join_warnings", {"warnings": warnings}, rooms.facilitators(event.workshop_id))
        elif isinstance(event, ParticipantForgotten):
            self.close(rooms.participant(event.participant_id), "forgotten")
        elif isinstance(event, WorkshopDeleted):
            for room in (rooms.participants, rooms.facilitators, rooms.screens):
                self.close(room(event.workshop_id), "deleted")

    def emit(self, name: str, payload, room: str, local: bool = False, skip_sid: str | None = None) -> None:
        """Emit on the app's namespace; `local` reaches only this process's clients."""
        self.socketio.emit(name, payload, to=room, namespace=self.namespace, ignore_queue=local, skip_sid=skip_sid)

    def close(self, room: str, reason: str) -> None:
        """Tell a room its data is gone, then end this process's connections in it (clients close too)."""
        self.emit("gone", {"reason": reason}, room)
        server = self.socketio.server
        sids = [sid for sid, _ in server.manager.get_participants(self.namespace, room)]

        def disconnect():
            for sid in sids:
                server.disconnect(sid, namespace=self.namespace)

        if isinstance(server.manager, socketio.PubSubManager):
            # Through a message queue the "gone" message arrives a moment later; let it overtake.
            self.socketio.start_background_task(lambda: (self.socketio.sleep(1), disconnect()))
        else:
            disconnect()

    def push_state(self, workshop_id: int, local: bool = False) -> None:
        """Everyone follows the facilitator: send the new snapshot to each audience."""
        if self.snapshots:
            self.snapshots.forget(workshop_id)
        facilitator = services.state(self.db, workshop_id, services.FACILITATOR_ROLE)
        self.emit("state", facilitator, rooms.facilitators(workshop_id), local)
        if not facilitator["workshop"]["settings"].get("bilingual"):
            self.push_screen_state(workshop_id, None, rooms.screens(workshop_id), rooms.participants(workshop_id), local)
            return
        # A bilingual workshop: each reads the activity texts in the language they picked.
        for language in LANGUAGES:
            self.push_screen_state(
                workshop_id,
                language,
                rooms.screens_reading(workshop_id, language),
                rooms.participants_reading(workshop_id, language),
                local,
            )

    def push_screen_state(self, workshop_id: int, language: str | None, screens: str, phones: str, local: bool = False) -> None:
        """The snapshot of screens and phones, in one language."""
        screen = services.state(self.db, workshop_id, services.SCREEN_ROLE, language=language)
        self.emit("state", screen, screens, local)
        # Phones get the same snapshot without the presence counts; their own answers they ask for.
        self.emit("state", {k: v for k, v in screen.items() if k != "presence"}, phones, local)

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
        if f"{SCREEN}:{LANGUAGES[0]}" not in payloads:
            screen = services.for_screen(self.db, workshop_id, activity_id, payloads[SCREEN])
            self.emit("results", {**screen, "version": version}, rooms.screens(workshop_id), local)
        else:
            for language in LANGUAGES:  # a bilingual workshop: each screen reads its language
                screen = services.for_screen(self.db, workshop_id, activity_id, payloads[f"{SCREEN}:{language}"])
                self.emit("results", {**screen, "version": version}, rooms.screens_reading(workshop_id, language), local)
        if get_kind(payloads[FACILITATOR]["kind"]).speaks_for_organisation:
            # A colleague's pledge replaces mine: every phone of that organisation sees what counts now.
            for organisation_id, view in services.organisation_views(self.db, workshop_id, activity_id).items():
                self.emit("ours", view, rooms.organisation(workshop_id, organisation_id), local)

    def push_presence(self, workshop_id: int, local: bool = False) -> None:
        """Presence counts to the control views and screens, and the results whose balance counts them."""
        version = self.versions.next()
        presence, current_id = services.presence_and_current(self.db, workshop_id)
        presence["version"] = version
        self.emit("presence", presence, rooms.facilitators(workshop_id), local)
        self.emit("presence", presence, rooms.screens(workshop_id), local)
        if current_id and local:
            self.push_results(workshop_id, current_id, local=True)
        elif current_id:
            self.balance.request(("results", workshop_id, current_id))

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
