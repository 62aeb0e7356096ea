"""The JSON API: scripts create workshops, add activities, drive the agenda and read results."""

from flask import Blueprint, current_app, jsonify, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from .. import presenters, services
from ..domain.errors import InvalidInput, NotAllowed
from ..domain.i18n import N_
from ..domain.model import PRESENCES
from ..domain.results import FACILITATOR
from ..messages import error_message, translate_label
from . import db, publish
from .links import links
from .openapi import document
from .security import client_address, source_key

bp = Blueprint("api", __name__, url_prefix="/api")


def body() -> dict:
    """The request's JSON object, or a clear 400."""
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the JSON parser goes: not a body we take
        data = None
    if not isinstance(data, dict):
        raise InvalidInput(N_("Send a JSON object in the request body."))
    return data


def bearer() -> str | None:
    """The token of an `Authorization: Bearer <token>` header."""
    header = request.headers.get("Authorization", "")
    return header[len("Bearer ") :].strip() if header.startswith("Bearer ") else None


def facilitator(code: str) -> int:
    """The workshop id when the request carries its control token as a Bearer token; 401 otherwise."""
    header = request.headers.get("Authorization", "")
    token = header[len("Bearer ") :].strip() if header.startswith("Bearer ") else None
    try:
        return services.facilitator_workshop(db(), code, token)
    except NotAllowed as err:
        # No or a wrong token is missing authentication (401, with the scheme to use), not a refusal (403).
        raise Unauthorized(error_message(err), www_authenticate=WWWAuthenticate("bearer", {"realm": "samenspel"})) from None


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document of this API."""
    return jsonify(document())


@bp.post("/workshops")
def create_workshop():
    """Create a workshop with organisations and an agenda; the control token is in this answer only."""
    created = services.create_workshop(db(), body(), translate_label, current_app.config["RETENTION_DAYS"])
    reply = jsonify(
        code=created.code,
        control_token=created.control_token,
        screen_key=created.screen_key,
        links=links(created.code, created.control_token, created.screen_key),
        workshop=services.public_workshop(db(), created.code),
    )
    reply.headers["Cache-Control"] = "no-store"  # it carries the control token
    return reply, 201


@bp.get("/workshops/<code>")
def get_workshop(code):
    """A workshop's public face: title, language, organisations and roles."""
    return jsonify(services.public_workshop(db(), code))


@bp.post("/workshops/<code>/participants")
def join(code):
    """Join as a participant; keep the token to connect over Socket.IO."""
    joined, events = services.join(db(), code, body(), source_key(client_address()))
    publish(events)
    reply = jsonify(participant=presenters.participant(joined.participant), token=joined.token)
    reply.headers["Cache-Control"] = "no-store"
    return reply, 201


@bp.get("/workshops/<code>/agenda")
def agenda(code):
    """The agenda with each activity's state (facilitator)."""
    workshop_id = facilitator(code)
    return jsonify(services.state(db(), workshop_id, services.FACILITATOR_ROLE)["agenda"])


@bp.post("/workshops/<code>/activities")
def add_activity(code):
    """Append an activity to the agenda (facilitator)."""
    view, events = services.add_activity(db(), facilitator(code), body(), translate_label)
    publish(events)
    return jsonify(view), 201


@bp.put("/workshops/<code>/activities/<int:activity_id>")
def update_activity(code, activity_id):
    """Change an activity (facilitator); once it has answers, only in ways that keep them valid."""
    view, events = services.update_activity(db(), facilitator(code), activity_id, body(), translate_label)
    publish(events)
    return jsonify(view)


@bp.post("/workshops/<code>/activities/<int:activity_id>/duplicate")
def duplicate_activity(code, activity_id):
    """A copy of an activity right after it, not yet run (facilitator)."""
    view, events = services.duplicate_activity(db(), facilitator(code), activity_id)
    publish(events)
    return jsonify(view), 201


@bp.delete("/workshops/<code>/activities/<int:activity_id>")
def delete_activity(code, activity_id):
    """Delete an activity (facilitator); one with answers needs ?confirm=1 and stays in the results export."""
    workshop_id = facilitator(code)
    publish(services.delete_activity(db(), workshop_id, activity_id, request.args.get("confirm") in ("1", "true")))
    return "", 204


@bp.post("/activities/check")
def check_activity():
    """Check an agenda item before the workshop exists (the editor on /new); errors name the field."""
    return jsonify(item=services.check_activity(body(), translate_label))


@bp.post("/workshops/<code>/control")
def control(code):
    """Open, close, reveal, hide, next, lobby or end (facilitator)."""
    data = body()
    workshop_id = facilitator(code)
    publish(services.control(db(), workshop_id, data.get("action"), data.get("activity_id"), data.get("confirm")))
    return jsonify(services.state(db(), workshop_id, services.FACILITATOR_ROLE))


@bp.get("/workshops/<code>/format")
def export_format(code):
    """The agenda as a format file, to create another workshop from (facilitator)."""
    return jsonify(services.export_format(db(), facilitator(code)))


@bp.get("/workshops/<code>/results")
def results(code):
    """Results of every activity run so far (facilitator); ?presence=room or remote splits them."""
    workshop_id = facilitator(code)
    presence = request.args.get("presence")
    if presence is not None and presence not in PRESENCES:
        raise InvalidInput(N_("%(field)s is not one of the options."), field="presence")
    return jsonify(
        workshop=services.public_workshop(db(), code),
        activities=services.all_results(db(), workshop_id, presence),
        audience=FACILITATOR,
    )


@bp.delete("/workshops/<code>")
def delete_workshop(code):
    """Delete the workshop and everything in it, now (facilitator)."""
    publish(services.delete_workshop(db(), facilitator(code)))
    return "", 204


@bp.delete("/workshops/<code>/participants/me")
def forget_me(code):
    """A participant (Bearer: their token) deletes their answers and leaves the workshop for good."""
    try:
        _, participant_id = services.participant_by_token(db(), bearer(), code=code)
    except NotAllowed as err:
        # No or a wrong participant token is missing authentication: 401 with the scheme to use, as above.
        raise Unauthorized(error_message(err), www_authenticate=WWWAuthenticate("bearer", {"realm": "samenspel"})) from None
    publish(services.forget_participant(db(), participant_id))
    return "", 204
