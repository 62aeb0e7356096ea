"""The OpenAPI 3.1 document of the JSON API, kept beside the routes it describes.

Every limit and list of options comes from the domain's own constants, so the document cannot drift from
what the server enforces; tests validate it, validate real answers against it, and fuzz the API with it.
"""

from ..domain.fields import MAX_ID
from ..domain.kinds import KINDS, MAX_ACTIVITY_TITLE, MAX_PROMPT
from ..domain.lifecycle import ACTIONS, ACTIVITY_ACTIONS
from ..domain.model import ACTIVITY_STATES, LANGUAGES, MAX_PRIVACY_THRESHOLD, MIN_PRIVACY_THRESHOLD, PRESENCES
from ..domain.results import FACILITATOR
from ..domain.workshops import (
    COLOUR_PATTERN,
    MAX_ACTIVITIES,
    MAX_DISPLAY_NAME,
    MAX_ORGANISATION_NAME,
    MAX_ORGANISATIONS,
    MAX_ROLE,
    MAX_ROLES,
    MAX_TITLE,
    SCREEN_THEMES,
)

# A text the server keeps: something besides white space (it trims), at most `limit` characters.
SOME_TEXT = r"\S"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _text(limit: int, required: bool = True) -> dict:
    schema = {"type": "string", "maxLength": limit}
    return {**schema, "pattern": SOME_TEXT} if required else schema


def _or_null(schema: dict) -> dict:
    """An optional field the server also takes as null, meaning "the default"."""
    return {"oneOf": [schema, {"type": "null"}]}


def _object(properties: dict, optional: tuple = ()) -> dict:
    """An object with exactly these keys (answers from the server: nothing more, nothing less)."""
    return {
        "type": "object",
        "properties": properties,
        "required": [key for key in properties if key not in optional],
        "additionalProperties": False,
    }


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
NULLABLE_ID = {"oneOf": [ID, {"type": "null"}]}
COUNT = {"type": "integer", "minimum": 0}
TIMESTAMP = {"type": "string", "format": "date-time"}
THRESHOLD = {"type": "integer", "minimum": MIN_PRIVACY_THRESHOLD, "maximum": MAX_PRIVACY_THRESHOLD}

# ---- what clients send ----


def _localised(limit: int) -> dict:
    """A text, or the text per language; null or empty means the default."""
    text = {"type": "string", "maxLength": limit}
    return {
        "description": 'A text, or the text per language ({"nl": ..., "en": ...}); null or empty: the default.',
        "oneOf": [
            text,
            {"type": "object", "propertyNames": {"enum": list(LANGUAGES)}, "additionalProperties": text},
            {"type": "null"},
        ],
    }


ACTIVITY_IN = {
    "type": "object",
    "required": ["kind"],
    "properties": {
        "kind": {"type": "string", "enum": list(KINDS)},
        "title": _localised(MAX_ACTIVITY_TITLE),
        "prompt": _localised(MAX_PROMPT),
        "config": _or_null({"type": "object", "description": "The kind's settings, checked per kind; see docs/protocol.md."}),
    },
}
ORGANISATION_IN = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": _text(MAX_ORGANISATION_NAME),
        "colour": _or_null({"type": "string", "pattern": COLOUR_PATTERN}),
    },
}
WORKSHOP_IN = {
    "type": "object",
    "required": ["title", "organisations"],
    "properties": {
        "title": _text(MAX_TITLE),
        "language": _or_null({"type": "string", "enum": list(LANGUAGES)}),
        "organisations": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_ORGANISATIONS,
            "items": {"oneOf": [_text(MAX_ORGANISATION_NAME), ORGANISATION_IN]},
            # JSON Schema can say "no two items equal", not "no two names equal ignoring case": the server refuses both.
            "uniqueItems": True,
            "description": "An organisation is a name or {name, colour}. Names must differ, ignoring case (400 otherwise).",
        },
        "roles": _or_null({"type": "array", "maxItems": MAX_ROLES, "items": _text(MAX_ROLE)}),
        "settings": _or_null({"type": "object", "properties": {"privacy_threshold": THRESHOLD}}),
        "agenda": _or_null({"type": "array", "maxItems": MAX_ACTIVITIES, "items": ACTIVITY_IN}),
    },
}
JOIN_IN = {
    "type": "object",
    "required": ["organisation_id", "role"],
    "properties": {
        "organisation_id": ID,
        "role": {"type": "string", "description": "One of the workshop's roles (another is 404, as an unknown organisation)."},
        "presence": _or_null({"type": "string", "enum": list(PRESENCES)}),
        "display_name": _or_null(_text(MAX_DISPLAY_NAME, required=False)),
    },
}
CONTROL_IN = {
    "type": "object",
    "required": ["action"],
    "properties": {
        "action": {"type": "string", "enum": list(ACTIONS)},
        "activity_id": {"oneOf": [ID, {"type": "null"}], "description": f"Required for {', '.join(ACTIVITY_ACTIONS)}."},
    },
    "if": {"properties": {"action": {"enum": list(ACTIVITY_ACTIONS)}}},
    "then": {"required": ["activity_id"], "properties": {"activity_id": ID}},
}

# ---- what the server answers ----

SCHEMAS = {
    "Error": _object({"error": _object({"code": {"type": "string"}, "message": {"type": "string"}})}),
    "Organisation": _object({"id": ID, "name": {"type": "string"}, "colour": {"type": "string", "pattern": COLOUR_PATTERN}}),
    "Workshop": _object(
        {
            "code": {"type": "string", "minLength": 6, "maxLength": 6},
            "title": {"type": "string", "maxLength": MAX_TITLE},
            "language": {"type": "string", "enum": list(LANGUAGES)},
            "roles": {"type": "array", "items": {"type": "string"}},
            "settings": {
                "type": "object",
                "properties": {"privacy_threshold": THRESHOLD, "screen_theme": {"type": "string", "enum": list(SCREEN_THEMES)}},
                "required": ["privacy_threshold"],
                "additionalProperties": False,
            },
            "organisations": {"type": "array", "items": _ref("Organisation")},
            "current_activity_id": NULLABLE_ID,
        }
    ),
    "Activity": _object(
        {
            "id": ID,
            "kind": {"type": "string", "enum": list(KINDS)},
            "title": {"type": "string"},
            "prompt": {"type": "string"},
            "config": {"type": "object"},
            "state": {"type": "string", "enum": list(ACTIVITY_STATES)},
            "results_visible": {"type": "boolean"},
            "position": COUNT,
            "round": {"type": "integer", "minimum": 1},
            "timer_ends_at": {"oneOf": [TIMESTAMP, {"type": "null"}]},
            "takes_answers": {"type": "boolean"},
        }
    ),
    "Participant": _object(
        {
            "id": ID,
            "organisation_id": ID,
            "role": {"type": "string"},
            "presence": {"type": "string", "enum": list(PRESENCES)},
            "display_name": {"type": "string", "maxLength": MAX_DISPLAY_NAME},
        }
    ),
    "Goal": _object(
        {
            "id": ID,
            "text": {"type": "string"},
            "position": COUNT,
            "adopted": {"type": "boolean"},
            "source_answer_ids": {"type": "array", "items": ID},
            "organisation_ids": {"type": "array", "items": ID},
        }
    ),
    "Presence": _object(
        {
            "organisations": {
                "type": "array",
                "items": _object({"organisation_id": ID, "joined": COUNT, "connected": COUNT, "in_room": COUNT, "remote": COUNT}),
            },
            "connected": COUNT,
            "joined": COUNT,
            "screens": COUNT,
        }
    ),
    "State": _object(
        {
            "workshop": _ref("Workshop"),
            "current": {"oneOf": [_ref("Activity"), {"type": "null"}]},
            "agenda_length": {"type": "integer", "minimum": 0, "maximum": MAX_ACTIVITIES},
            "goals": {"type": "array", "items": _ref("Goal")},
            "server_time": TIMESTAMP,
            "agenda": {"type": "array", "items": _ref("Activity")},
            "presence": _ref("Presence"),
            "screen_key": {"type": "string"},
        }
    ),
    "Results": _object(
        {
            "activity_id": ID,
            "kind": {"type": "string", "enum": list(KINDS)},
            "state": {"type": "string", "enum": list(ACTIVITY_STATES)},
            "results_visible": {"type": "boolean"},
            "round": {"type": "integer", "minimum": 1},
            "presence": {"oneOf": [{"type": "string", "enum": list(PRESENCES)}, {"type": "null"}]},
            "answers": COUNT,
            "respondents": COUNT,
            "privacy_threshold": THRESHOLD,
            "balance": {
                "type": "array",
                "items": _object(
                    {"organisation_id": ID, "joined": COUNT, "connected": COUNT, "answered": COUNT, "answered_connected": COUNT}
                ),
            },
            "data": {"oneOf": [{"type": "object", "description": "Per kind; see docs/protocol.md."}, {"type": "null"}]},
        }
    ),
    "Format": _object(
        {
            "format": {"const": 1},
            "name": {"type": "string"},
            "language": {"type": "string", "enum": list(LANGUAGES)},
            "roles": {"type": "array", "items": {"type": "string"}},
            "agenda": {
                "type": "array",
                "items": _object(
                    {
                        "kind": {"type": "string", "enum": list(KINDS)},
                        "title": {"type": "string"},
                        "prompt": {"type": "string"},
                        "config": {"type": "object"},
                    }
                ),
            },
        }
    ),
    "Created": _object(
        {
            "code": {"type": "string", "minLength": 6, "maxLength": 6},
            "control_token": {"type": "string", "minLength": 20},
            "screen_key": {"type": "string", "minLength": 20},
            "links": _object({name: {"type": "string", "format": "uri"} for name in ("join", "control", "screen")}),
            "workshop": _ref("Workshop"),
        }
    ),
    "Joined": _object({"participant": _ref("Participant"), "token": {"type": "string", "minLength": 20}}),
    "AllResults": _object(
        {
            "workshop": _ref("Workshop"),
            "activities": {"type": "array", "items": _ref("Results")},
            "audience": {"const": FACILITATOR},
        }
    ),
}

CODE = {
    "name": "code",
    "in": "path",
    "required": True,
    "description": "The workshop's join code (letters and digits; lower case and spaces are forgiven).",
    "schema": {"type": "string"},
}
ERRORS = {
    400: "Invalid input",
    401: "No or wrong control token (send `Authorization: Bearer <control token>`)",
    404: "Unknown workshop, organisation or activity",
    409: "Not allowed now (e.g. the activity is not open, or the agenda is full)",
}


def _answer(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _operation(summary, ok: tuple, errors: tuple, body=None, secured=False, params=(CODE,)) -> dict:
    status, description, schema = ok
    responses = {status: _answer(description, schema)}
    responses.update({str(code): _answer(ERRORS[code], _ref("Error")) for code in errors})
    op = {"summary": summary, "parameters": list(params), "responses": responses}
    if body:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if secured:
        op["security"] = [{"controlToken": []}]
        responses["401"] = _answer(ERRORS[401], _ref("Error"))
    return op


def document() -> dict:
    """The whole document; tests check that every /api route appears in it."""
    presence = {"name": "presence", "in": "query", "required": False, "schema": {"type": "string", "enum": list(PRESENCES)}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Samenspel API", "version": "1", "description": "Create workshops and read their results."},
        "components": {
            "securitySchemes": {
                "controlToken": {"type": "http", "scheme": "bearer", "description": "The workshop's control token."}
            },
            "schemas": SCHEMAS,
        },
        "paths": {
            "/api/openapi.json": {
                "get": _operation("This document", ("200", "OpenAPI document", {"type": "object"}), (), params=())
            },
            "/api/workshops": {
                "post": _operation(
                    "Create a workshop; the answer holds the control token, shown only here",
                    ("201", "Created", _ref("Created")),
                    (400, 404),
                    WORKSHOP_IN,
                    params=(),
                )
            },
            "/api/workshops/{code}": {
                "get": _operation("A workshop's public data", ("200", "Workshop", _ref("Workshop")), (404,))
            },
            "/api/workshops/{code}/participants": {
                "post": _operation("Join as a participant", ("201", "Joined", _ref("Joined")), (400, 404), JOIN_IN)
            },
            "/api/workshops/{code}/agenda": {
                "get": _operation(
                    "The agenda",
                    ("200", "Every activity", {"type": "array", "items": _ref("Activity")}),
                    (404,),
                    secured=True,
                )
            },
            "/api/workshops/{code}/activities": {
                "post": _operation(
                    "Add an activity", ("201", "The activity", _ref("Activity")), (400, 404, 409), ACTIVITY_IN, secured=True
                )
            },
            "/api/workshops/{code}/control": {
                "post": _operation(
                    "Move the agenda",
                    ("200", "The facilitator's new state", _ref("State")),
                    (400, 404, 409),
                    CONTROL_IN,
                    secured=True,
                )
            },
            "/api/workshops/{code}/format": {
                "get": _operation("The agenda as a format file", ("200", "Format", _ref("Format")), (404,), secured=True)
            },
            "/api/workshops/{code}/results": {
                "get": _operation(
                    "Results of every activity run so far",
                    ("200", "workshop and activities", _ref("AllResults")),
                    (400, 404),
                    secured=True,
                    params=(CODE, presence),
                )
            },
        },
    }
