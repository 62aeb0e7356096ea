"""The JSON API: scripts create workshops, add activities, drive the agenda and read results."""

from flask import Blueprint, jsonify, request

from .. import presenters, services
from ..domain.errors import InvalidInput, NotAllowed
from ..domain.i18n import N_
from ..domain.results import FACILITATOR
from ..messages import translate_label
from . import db, publish
from .links import links
from .openapi import document

bp = Blueprint("api", __name__, url_prefix="/api")


def body() -> dict:
    """The request's JSON object, or a clear 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput(N_("Send a JSON object in the request body."))
    return data


def facilitator(code: str) -> int:
    """The workshop id when the request carries its control token as a Bearer token."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise NotAllowed(N_("This link does not give control of the workshop."))
    return services.facilitator_workshop(db(), code, header[len("Bearer ") :].strip())


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document of this API."""
    return jsonify(document())


@bp.post("/workshops")
def create_workshop():
    """Create a workshop with organisations and an agenda; the control token is in this answer only."""
    created = services.create_workshop(db(), body(), translate_label)
    return jsonify(
        code=created.code,
        control_token=created.control_token,
        screen_key=created.screen_key,
        links=links(created.code, created.control_token, created.screen_key),
        workshop=services.public_workshop(db(), created.code),
    ), 201


@bp.get("/workshops/<code>")
def get_workshop(code):
    """A workshop's public face: title, language, organisations and roles."""
    return jsonify(services.public_workshop(db(), code))


@bp.post("/workshops/<code>/participants")
def join(code):
    """Join as a participant; keep the token to connect over Socket.IO."""
    joined, events = services.join(db(), code, body())
    publish(events)
    return jsonify(participant=presenters.participant(joined.participant), token=joined.token), 201


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


@bp.post("/workshops/<code>/control")
def control(code):
    """Open, close, reveal, hide, next or lobby (facilitator)."""
    data = body()
    workshop_id = facilitator(code)
    publish(services.control(db(), workshop_id, data.get("action"), data.get("activity_id")))
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
    if presence not in (None, "room", "remote"):
        raise InvalidInput(N_("%(field)s is not one of the options."), field="presence")
    return jsonify(
        workshop=services.public_workshop(db(), code),
        activities=services.all_results(db(), workshop_id, presence),
        audience=FACILITATOR,
    )
