"""The Socket.IO namespace: thin handlers whose return value is the client's ack."""

import functools
import logging

from flask import request
from flask import session as connection  # per-connection in Socket.IO handlers
from flask_babel import force_locale, gettext
from flask_socketio import ConnectionRefusedError, Namespace, join_room

from .. import services
from ..cookies import participant_cookie
from ..domain.errors import DomainError, InvalidInput, NotAllowed, UnknownWorkshop
from ..domain.i18n import N_
from ..domain.results import FACILITATOR, SCREEN
from ..i18n import chosen_language
from ..messages import error_details, error_message, translate_label
from . import rooms
from .limits import CLOSED, EventLimiter, HandshakeGate
from .payloads import error, ok, require

log = logging.getLogger(__name__)
RESERVED = ("connect", "disconnect")
EVERYONE = (services.PARTICIPANT, services.FACILITATOR_ROLE, services.SCREEN_ROLE)


def event(*roles):
    """Check the connection's role, then turn domain errors into error acks; never crash."""

    def wrap(handler):
        @functools.wraps(handler)
        def run(self, data=None, *extra):
            with force_locale(connection.get("language", "nl")):
                try:
                    if connection.get("role") not in roles:
                        raise NotAllowed(N_("You may not do this."))
                    if extra:
                        raise InvalidInput(N_("Send one object with each event."))
                    return handler(self, data)
                except DomainError as err:
                    return error(err.code, error_message(err), **error_details(err))
                except Exception:
                    log.exception("event %s failed", handler.__name__)
                    return error("internal", gettext("Something went wrong on our side. Try again."))

        run.roles = roles  # who may send it; docs/protocol.md lists the events per role (a test compares)
        return run

    return wrap


class LiveNamespace(Namespace):
    """Phones, control views and screens all connect here; the `auth` payload says which."""

    def __init__(
        self,
        db,
        broadcaster,
        writer,
        connections,
        snapshots,
        limits: EventLimiter,
        handshakes: HandshakeGate | None = None,
        namespace="/",
    ):
        super().__init__(namespace)
        self.db = db
        self.broadcaster = broadcaster
        self.writer = writer
        self.connections = connections
        self.snapshots = snapshots
        self.limits = limits
        self.handshakes = handshakes

    def trigger_event(self, event, *args):
        """Every event passes here first: the client's budget, then reserved and unknown names."""
        sid = args[0] if args else None
        if event in RESERVED and not self.socketio.server.manager.is_connected(sid, self.namespace):
            # Socket.IO itself connecting or disconnecting this client (a client's own event named so
            # arrives while it is connected, and is refused below).
            return super().trigger_event(event, *args)
        verdict = self.limits.check(sid)
        if verdict is CLOSED:
            return None
        if not verdict.allowed:
            if verdict.cut_off:
                log.warning("disconnecting %s: it kept sending after its rate limit", sid)
                self.socketio.server.disconnect(sid, namespace=self.namespace)
            return self.socketio._handle_event(self.refuse_rate, event, self.namespace, sid, verdict.retry_after)
        if event in RESERVED or not isinstance(event, str) or not event.isidentifier() or not hasattr(self, f"on_{event}"):
            return self.socketio._handle_event(self.refuse_unknown, event, self.namespace, sid)
        return super().trigger_event(event, *args)

    @event(*EVERYONE)
    def refuse_unknown(self, data):
        """An event this server does not have (or a reserved name such as `connect`)."""
        raise InvalidInput(N_("This event does not exist."))

    def refuse_rate(self, retry_after):
        """The client sends faster than its budget: try again after `retry_after` seconds."""
        with force_locale(connection.get("language", "nl")):
            message = gettext("Too many messages at once. Wait a moment; it is sent again by itself.")
        return {**error("rate_limited", message), "retry_after": retry_after}

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
                token = auth.get("token") or request.cookies.get(participant_cookie(code))
                workshop_id, participant_id = services.participant_by_token(self.db, token, code=code)
            elif role == services.FACILITATOR_ROLE:
                workshop_id = services.facilitator_workshop(self.db, code, auth.get("token"))
            elif role == services.SCREEN_ROLE and not auth.get("key"):
                # No screen key: a participant opening the projector's view from their phone page.
                workshop_id = services.viewer_workshop(self.db, code, request.cookies.get(participant_cookie(code)))
                role = services.VIEWER_ROLE
            elif role == services.SCREEN_ROLE:
                workshop_id = services.screen_workshop(self.db, code, auth.get("key"))
            else:
                raise NotAllowed(N_("You may not do this."))
        except DomainError as err:
            if isinstance(err, UnknownWorkshop):
                # The same refusal as a wrong secret: a connect must not tell which codes exist.
                err = NotAllowed(N_("This link does not work (any more). Ask the facilitator for a new one."))
            message = error_message(err)
            raise ConnectionRefusedError(message, {"code": err.code, "message": message}) from None
        if not self.limits.admits(participant_id):
            message = gettext("This participant is connected on too many devices or tabs. Close one and try again.")
            raise ConnectionRefusedError(message, {"code": "too_many_connections", "message": message})
        # Rooms per language carry a bilingual workshop's texts in the language each reader picked.
        # A phone reads the workshop's language from the shared snapshot: no query per connect.
        default = self.snapshots.language(workshop_id) if role == services.PARTICIPANT else None
        language = chosen_language() or default or services.workshop_language(self.db, workshop_id)
        sid = request.sid
        if self.handshakes is not None:
            self.handshakes.done(self.socketio.server.manager.eio_sid_from_sid(sid, self.namespace))
        if role == services.PARTICIPANT:
            join_room(rooms.participants(workshop_id))
            join_room(rooms.participants_reading(workshop_id, language))
            join_room(rooms.participant(participant_id))
        elif role == services.FACILITATOR_ROLE:
            join_room(rooms.facilitators(workshop_id))
        else:
            join_room(rooms.screens(workshop_id))
            join_room(rooms.screens_reading(workshop_id, language))
        if role == services.PARTICIPANT:
            # What all phones share comes from memory; a burst of connects reads only each phone's own rows.
            snapshot = self.snapshots.state(workshop_id, participant_id, language)
            join_room(rooms.organisation(workshop_id, snapshot["participant"]["organisation_id"]))
        else:
            # A viewer sees exactly what the projector sees: the screen's snapshot and results.
            audience_role = services.SCREEN_ROLE if role == services.VIEWER_ROLE else role
            snapshot = services.state(self.db, workshop_id, audience_role, participant_id, language)
        connection.update(role=role, workshop_id=workshop_id, participant_id=participant_id, language=language)
        # Only this client needs these, and it is connected to this process: no detour through the queue.
        self.broadcaster.emit("state", snapshot, sid, local=True)
        if role != services.PARTICIPANT and snapshot["current"]:
            audience = FACILITATOR if role == services.FACILITATOR_ROLE else SCREEN
            current = snapshot["current"]["id"]
            results = services.results(self.db, workshop_id, current, audience, language=language)
            if audience == SCREEN:
                results = services.for_screen(self.db, workshop_id, current, results)
            self.broadcaster.emit("results", results, sid, local=True)
        # The control view's preview of the projector is a screen that is not counted as one.
        counted = services.PREVIEW_ROLE if role == services.SCREEN_ROLE and auth.get("preview") is True else role
        # Stored with the others that connect meanwhile; presence pushes are coalesced, never one per connect.
        self.connections.open(services.Connection(sid, workshop_id, counted, participant_id))
        # Last, so a connect that failed above leaves nothing to forget; its events start after this.
        self.limits.register(sid, participant_id)

    def on_disconnect(self, reason=None):
        """Forget the connection; presence counts drop."""
        self.limits.forget(request.sid)
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
        answers = services.own_answers(self.db, connection["participant_id"], activity_id)
        ours = services.own_organisation_view(self.db, connection["participant_id"], activity_id)
        # `ours` only for kinds answered on behalf of an organisation (what counts for it now).
        return ok(answers=answers, **({"ours": ours} if ours else {}))

    @event(services.FACILITATOR_ROLE)
    def on_control(self, data):
        """A facilitator moves the agenda: {action, activity_id, confirm?}; confirm closes a round before its quorum."""
        data = require(data, "action")
        self.broadcaster.publish(
            services.control(self.db, connection["workshop_id"], data["action"], data.get("activity_id"), data.get("confirm"))
        )
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_quorum(self, data):
        """Make a vote or consent round wait for every organisation: {activity_id, quorum: null | {mode, share?}}."""
        data = require(data, "activity_id")
        self.broadcaster.publish(services.set_quorum(self.db, connection["workshop_id"], data["activity_id"], data.get("quorum")))
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_add_activity(self, data):
        """A facilitator adds an activity to the agenda: {kind, title, prompt, config}."""
        view, events = services.add_activity(self.db, connection["workshop_id"], require(data, "kind"), translate_label)
        self.broadcaster.publish(events)
        return ok(activity=view)

    @event(services.FACILITATOR_ROLE)
    def on_update_activity(self, data):
        """Edit an activity: {activity_id, item: {kind, title, prompt, results, config}} (texts per language)."""
        data = require(data, "activity_id", "item")
        view, events = services.update_activity(
            self.db, connection["workshop_id"], data["activity_id"], data["item"], translate_label
        )
        self.broadcaster.publish(events)
        return ok(activity=view)

    @event(services.FACILITATOR_ROLE)
    def on_duplicate_activity(self, data):
        """A copy of an activity right after it, not yet run: {activity_id}."""
        data = require(data, "activity_id")
        view, events = services.duplicate_activity(self.db, connection["workshop_id"], data["activity_id"])
        self.broadcaster.publish(events)
        return ok(activity=view)

    @event(services.FACILITATOR_ROLE)
    def on_delete_activity(self, data):
        """Delete an activity: {activity_id, confirm?: true}; one with answers needs `confirm` and stays in exports."""
        data = require(data, "activity_id")
        self.broadcaster.publish(
            services.delete_activity(self.db, connection["workshop_id"], data["activity_id"], data.get("confirm"))
        )
        return ok()

    @event(services.FACILITATOR_ROLE)
    def on_results(self, data):
        """Results of any activity, for the control view: {activity_id, presence}."""
        data = require(data, "activity_id")
        return ok(
            results=services.results(self.db, connection["workshop_id"], data["activity_id"], FACILITATOR, data.get("presence"))
        )

    @event(services.FACILITATOR_ROLE)
    def on_settings(self, data):
        """Change workshop settings: {privacy_threshold?, screen_theme?, screen_presence?, screen_view?}."""
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
    def on_goal_suggestions(self, data):
        """Suggested groups of similar ambitions not yet in a goal, each with a proposed wording."""
        return ok(suggestions=services.goal_suggestions(self.db, connection["workshop_id"]))

    @event(services.FACILITATOR_ROLE)
    def on_goal_add(self, data):
        """A candidate goal: {text, answer_ids}."""
        data = require(data, "text")
        view, events = services.add_goal(self.db, connection["workshop_id"], data["text"], data.get("answer_ids"))
        self.broadcaster.publish(events)
        return ok(goal=view)

    @event(services.FACILITATOR_ROLE)
    def on_goal_update(self, data):
        """Reword a goal, relink its ambitions, adopt it, or carry on / close a goal from an earlier workshop:
        {goal_id, text?, adopted?, answer_ids?, thread_status?: "carried" | "closed"}."""
        data = require(data, "goal_id")
        view, events = services.update_goal(
            self.db,
            connection["workshop_id"],
            data["goal_id"],
            data.get("text"),
            data.get("adopted"),
            data.get("answer_ids"),
            data.get("thread_status"),
        )
        self.broadcaster.publish(events)
        return ok(goal=view)

    @event(services.FACILITATOR_ROLE)
    def on_goal_delete(self, data):
        """Remove a candidate goal: {goal_id}."""
        data = require(data, "goal_id")
        self.broadcaster.publish(services.delete_goal(self.db, connection["workshop_id"], data["goal_id"]))
        return ok()
