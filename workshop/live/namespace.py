"""The Socket.IO namespace: thin handlers whose return value is the client's ack."""

import functools
import logging

from flask import request
from flask import session as connection  # per-connection in Socket.IO handlers
from flask_babel import force_locale, gettext
from flask_socketio import ConnectionRefusedError, Namespace, join_room

from .. import services
from ..domain.errors import DomainError, NotAllowed
from ..domain.i18n import N_
from ..domain.results import FACILITATOR, SCREEN
from ..i18n import chosen_language
from ..messages import error_message, translate_label
from . import rooms
from .payloads import error, ok, require

log = logging.getLogger(__name__)


def cookie_name(code: str) -> str:
    """The cookie in which a phone keeps its participant token for one workshop."""
    return f"samenspel_{code}"


def event(*roles):
    """Check the connection's role, then turn domain errors into error acks; never crash."""

    def wrap(handler):
        @functools.wraps(handler)
        def run(self, data=None):
            with force_locale(connection.get("language", "nl")):
                try:
                    if connection.get("role") not in roles:
                        raise NotAllowed(N_("You may not do this."))
                    return handler(self, data)
                except DomainError as err:
                    return error(err.code, error_message(err))
                except Exception:
                    log.exception("event %s failed", handler.__name__)
                    return error("internal", gettext("Something went wrong on our side. Try again."))

        return run

    return wrap


class LiveNamespace(Namespace):
    """Phones, control views and screens all connect here; the `auth` payload says which."""

    def __init__(self, db, broadcaster, writer, connections, namespace="/"):
        super().__init__(namespace)
        self.db = db
        self.broadcaster = broadcaster
        self.writer = writer
        self.connections = connections

    def on_connect(self, auth=None):
        """Identify the client, put it in its rooms and send it the current state."""
        try:
            self._connect(auth if isinstance(auth, dict) else {})
        except ConnectionRefusedError:
            raise
        except Exception:
            # python-socketio retries a connect handler that raised TypeError without `auth`;
            # refusing here keeps a bug from turning into a misleading "not allowed".
            log.exception("connect failed")
            with force_locale("nl"):
                message = gettext("Something went wrong on our side. Try again.")
            raise ConnectionRefusedError(message, {"code": "internal", "message": message}) from None

    def _connect(self, auth: dict) -> None:
        role = auth.get("role")
        code = str(auth.get("code") or "").upper()
        try:
            participant_id = None
            if role == services.PARTICIPANT:
                token = auth.get("token") or request.cookies.get(cookie_name(code))
                workshop_id, participant_id = services.participant_by_token(self.db, token)
            elif role == services.FACILITATOR_ROLE:
                workshop_id = services.facilitator_workshop(self.db, code, auth.get("token"))
            elif role == services.SCREEN_ROLE:
                workshop_id = services.screen_workshop(self.db, code, auth.get("key"))
            else:
                raise NotAllowed(N_("You may not do this."))
        except DomainError as err:
            message = error_message(err)
            raise ConnectionRefusedError(message, {"code": err.code, "message": message}) from None
        sid = request.sid
        if role == services.PARTICIPANT:
            join_room(rooms.participants(workshop_id))
            join_room(rooms.participant(participant_id))
        elif role == services.FACILITATOR_ROLE:
            join_room(rooms.facilitators(workshop_id))
        else:
            join_room(rooms.screens(workshop_id))
        snapshot = services.state(self.db, workshop_id, role, participant_id)
        language = chosen_language() or snapshot["workshop"]["language"]
        connection.update(role=role, workshop_id=workshop_id, participant_id=participant_id, language=language)
        # Only this client needs these, and it is connected to this process: no detour through the queue.
        self.broadcaster.emit("state", snapshot, sid, local=True)
        if role != services.PARTICIPANT and snapshot["current"]:
            audience = FACILITATOR if role == services.FACILITATOR_ROLE else SCREEN
            results = services.results(self.db, workshop_id, snapshot["current"]["id"], audience)
            self.broadcaster.emit("results", results, sid, local=True)
        # Stored with the others that connect meanwhile; presence pushes are coalesced, never one per connect.
        self.connections.open(services.Connection(sid, workshop_id, role, participant_id))

    def on_disconnect(self, reason=None):
        """Forget the connection; presence counts drop."""
        self.connections.close(request.sid)

    @event(services.PARTICIPANT)
    def on_submit(self, data):
        """A participant's answer: {activity_id, client_id, answer}; acked after the commit."""
        data = require(data, "activity_id", "client_id", "answer")
        submission = services.Submission(connection["participant_id"], data["activity_id"], data["client_id"], data["answer"])
        result, events = self.writer.submit(submission)
        # This phone learns its answers from the ack; only the participant's other tabs need the push.
        self.broadcaster.publish(events, origin=request.sid)
        return ok(**result)

    @event(services.PARTICIPANT)
    def on_withdraw(self, data):
        """A participant takes back an answer: {answer_id}."""
        data = require(data, "answer_id")
        self.broadcaster.publish(services.withdraw_answer(self.db, connection["participant_id"], data["answer_id"]))
        return ok()

    @event(services.PARTICIPANT)
    def on_my_answers(self, data):
        """A participant's own answers: {activity_id} for one activity, or all when absent."""
        activity_id = data.get("activity_id") if isinstance(data, dict) else None
        return ok(answers=services.own_answers(self.db, connection["participant_id"], activity_id))

    @event(services.FACILITATOR_ROLE)
    def on_control(self, data):
        """A facilitator moves the agenda: {action, activity_id}."""
        data = require(data, "action")
        self.broadcaster.publish(services.control(self.db, connection["workshop_id"], data["action"], data.get("activity_id")))
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_add_activity(self, data):
        """A facilitator adds an activity to the agenda: {kind, title, prompt, config}."""
        view, events = services.add_activity(self.db, connection["workshop_id"], require(data, "kind"), translate_label)
        self.broadcaster.publish(events)
        return ok(activity=view)

    @event(services.FACILITATOR_ROLE)
    def on_results(self, data):
        """Results of any activity, for the control view: {activity_id, presence}."""
        data = require(data, "activity_id")
        return ok(
            results=services.results(self.db, connection["workshop_id"], data["activity_id"], FACILITATOR, data.get("presence"))
        )

    @event(services.FACILITATOR_ROLE)
    def on_settings(self, data):
        """Change workshop settings: {privacy_threshold?: int, screen_theme?: "dark" | "light"}."""
        self.broadcaster.publish(services.change_settings(self.db, connection["workshop_id"], data))
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_timer(self, data):
        """Start a countdown on the open activity: {activity_id, seconds}; seconds null stops it."""
        data = require(data, "activity_id")
        self.broadcaster.publish(services.set_timer(self.db, connection["workshop_id"], data["activity_id"], data.get("seconds")))
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_reorder(self, data):
        """A new order of the agenda: {activity_ids: [...]}, every activity once."""
        data = require(data, "activity_ids")
        self.broadcaster.publish(services.reorder_agenda(self.db, connection["workshop_id"], data["activity_ids"]))
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_rerun(self, data):
        """A new round of an activity right after it: {activity_id}; the earlier round is kept."""
        data = require(data, "activity_id")
        view, events = services.rerun_activity(self.db, connection["workshop_id"], data["activity_id"])
        self.broadcaster.publish(events)
        return ok(activity=view)

    @event(services.FACILITATOR_ROLE)
    def on_moderate(self, data):
        """Hide an answer from results or show it again: {answer_id, hidden}."""
        data = require(data, "answer_id", "hidden")
        self.broadcaster.publish(services.moderate(self.db, connection["workshop_id"], data["answer_id"], data["hidden"]))
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_merge(self, data):
        """Merge duplicate answers into one: {keep_id, answer_ids}."""
        data = require(data, "keep_id", "answer_ids")
        self.broadcaster.publish(services.merge(self.db, connection["workshop_id"], data["keep_id"], data["answer_ids"]))
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_goal_sources(self, data):
        """Every ambition so far, to merge into goals."""
        return ok(ambitions=services.goal_sources(self.db, connection["workshop_id"]))

    @event(services.FACILITATOR_ROLE)
    def on_goal_add(self, data):
        """A candidate goal: {text, answer_ids}."""
        data = require(data, "text")
        view, events = services.add_goal(self.db, connection["workshop_id"], data["text"], data.get("answer_ids"))
        self.broadcaster.publish(events)
        return ok(goal=view)

    @event(services.FACILITATOR_ROLE)
    def on_goal_update(self, data):
        """Reword a goal, relink its ambitions or adopt it: {goal_id, text?, adopted?, answer_ids?}."""
        data = require(data, "goal_id")
        view, events = services.update_goal(
            self.db, connection["workshop_id"], data["goal_id"], data.get("text"), data.get("adopted"), data.get("answer_ids")
        )
        self.broadcaster.publish(events)
        return ok(goal=view)

    @event(services.FACILITATOR_ROLE)
    def on_goal_delete(self, data):
        """Remove a candidate goal: {goal_id}."""
        data = require(data, "goal_id")
        self.broadcaster.publish(services.delete_goal(self.db, connection["workshop_id"], data["goal_id"]))
        return ok()
