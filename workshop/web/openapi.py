"""The OpenAPI 3.1 document of the JSON API, kept beside the routes it describes.

Every limit and list of options comes from the domain's own constants, so the document cannot drift from
what the server enforces; tests validate it, validate real answers against it, and fuzz the API with it.
"""

from ..domain.fields import MAX_ID
from ..domain.kinds import KINDS, MAX_ACTIVITY_TITLE, MAX_PROMPT, RESULTS_MODES
from ..domain.lifecycle import ACTIONS, ACTIVITY_ACTIONS
from ..domain.model import (
    ACTIVITY_STATES,
    LANGUAGES,
    MAX_PRIVACY_THRESHOLD,
    MAX_RETENTION_DAYS,
    MIN_PRIVACY_THRESHOLD,
    PRESENCES,
)
from ..domain.partnerships import MAX_NAME as MAX_PARTNERSHIP_NAME
from ..domain.partnerships import THREAD_STATUSES
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
    SCREEN_PRESENCES,
    SCREEN_THEMES,
    SCREEN_VIEWS,
    VIEW_SETTINGS,
)

# A text the server keeps: something besides white space (it trims), at most `limit` characters, and no NUL
# character (no database stores it; the server refuses it in every text).
SOME_TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"
ANY_TEXT = r"^[^\x00]*$"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _text(limit: int, required: bool = True) -> dict:
    return {"type": "string", "maxLength": limit, "pattern": SOME_TEXT if required else ANY_TEXT}


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
    text = {"type": "string", "maxLength": limit, "pattern": ANY_TEXT}
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
        "results": _or_null({"type": "string", "enum": list(RESULTS_MODES), "description": "When screens show results."}),
        "config": _or_null({"type": "object", "description": "The kind's settings, checked per kind; see docs/protocol.md."}),
    },
}
CHECK_IN = {
    "type": "object",
    "required": ["item"],
    "properties": {
        "item": ACTIVITY_IN,
        "language": {"oneOf": [{"type": "string", "enum": [*LANGUAGES, ""]}, {"type": "null"}], "description": "Default nl."},
        "bilingual": {"description": "true: the item carries both languages' texts; any other value: it does not."},
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
ORGANISATIONS_IN = {
    "type": "array",
    "minItems": 1,
    "maxItems": MAX_ORGANISATIONS,
    "items": {"oneOf": [_text(MAX_ORGANISATION_NAME), ORGANISATION_IN]},
    # JSON Schema can say "no two items equal", not "no two names equal ignoring case": the server refuses both.
    "uniqueItems": True,
    "description": "An organisation is a name or {name, colour}. Names must differ, ignoring case (400 otherwise).",
}
SETTINGS_IN = {
    "type": "object",
    "properties": {
        "privacy_threshold": THRESHOLD,
        "retention_days": {"type": "integer", "minimum": 1, "maximum": MAX_RETENTION_DAYS},
        "bilingual": _or_null({"type": "boolean"}),
    },
}
WORKSHOP_IN = {
    "type": "object",
    "required": ["title", "organisations"],
    "properties": {
        "title": _text(MAX_TITLE),
        "language": _or_null({"type": "string", "enum": list(LANGUAGES)}),
        "organisations": ORGANISATIONS_IN,
        "roles": _or_null({"type": "array", "maxItems": MAX_ROLES, "items": _text(MAX_ROLE)}),
        "settings": _or_null(SETTINGS_IN),
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
        "confirm": {"description": "true: close a round before its quorum is met (409 otherwise); any other value: not."},
    },
    "if": {"properties": {"action": {"enum": list(ACTIVITY_ACTIONS)}}},
    "then": {"required": ["activity_id"], "properties": {"activity_id": ID}},
}
PARTNERSHIP_IN = {
    "type": "object",
    "required": ["name", "organisations"],
    "properties": {
        "name": _text(MAX_PARTNERSHIP_NAME),
        "language": _or_null({"type": "string", "enum": list(LANGUAGES)}),
        "organisations": ORGANISATIONS_IN,
    },
}
PARTNERSHIP_WORKSHOP_IN = {
    "type": "object",
    "required": ["title"],
    "description": "A workshop with the partnership's organisations; `format` names a shipped format for its agenda.",
    "properties": {
        "title": _text(MAX_TITLE),
        "language": _or_null({"type": "string", "enum": list(LANGUAGES)}),
        "format": _or_null({"type": "string", "description": "A shipped format's name (another is 404); empty: none."}),
        "roles": _or_null({"type": "array", "maxItems": MAX_ROLES, "items": _text(MAX_ROLE)}),
        "settings": _or_null(SETTINGS_IN),
        "agenda": _or_null({"type": "array", "maxItems": MAX_ACTIVITIES, "items": ACTIVITY_IN}),
    },
}
ATTACH_IN = {
    "type": "object",
    "required": ["code", "control_token"],
    "properties": {
        "code": {"type": "string", "description": "The workshop's code."},
        "control_token": {"type": "string", "description": "Its control token, or its whole control link."},
    },
}

# ---- what the server answers ----

TEXTS = {"type": "object", "description": "Texts per language."}
ACTIVITY = {
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
    "supports_quorum": {"type": "boolean"},
    "closed_early": {"oneOf": [{"type": "object"}, {"type": "null"}], "description": "Closed before its quorum was met."},
    "goal_ids": {"type": "array", "items": ID, "description": "Kinds about goals: the goals this round is about."},
}
AGENDA_ITEM = {
    **ACTIVITY,
    "item": _object(
        {
            "kind": {"type": "string", "enum": list(KINDS)},
            "title": TEXTS,
            "prompt": TEXTS,
            "results": {"type": "string", "enum": list(RESULTS_MODES)},
            "config": {"type": "object"},
        }
    ),
    "answers": COUNT,
}
RESULTS = {
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
            {
                "organisation_id": ID,
                "joined": COUNT,
                "connected": COUNT,
                "answered": COUNT,
                "answered_connected": COUNT,
                "waiting": COUNT,
                "offline": COUNT,
            }
        ),
    },
    "quorum": _object(
        {
            "rule": {"oneOf": [{"type": "object"}, {"type": "null"}]},
            "waiting_for": {"type": "array", "items": ID},
            "met": {"type": "boolean"},
            "closed_early": {"oneOf": [{"type": "object"}, {"type": "null"}]},
        }
    ),
    "withheld": {"type": "boolean"},
    "data": {"oneOf": [{"type": "object", "description": "Per kind; see docs/protocol.md."}, {"type": "null"}]},
    "trend": {"type": "array", "description": "A recurring scale in a partnership: its measure across the workshops."},
}
WORKSHOP_LINKS = {name: {"type": "string", "format": "uri"} for name in ("join", "control", "screen")}

SCHEMAS = {
    "Error": _object(
        {
            "error": _object(
                {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "field": {"type": "string", "description": "The field at fault, for a form to show it beside it."},
                    "item": COUNT,
                    "language": {"type": "string", "enum": list(LANGUAGES)},
                },
                optional=("field", "item", "language"),
            )
        }
    ),
    "Organisation": _object({"id": ID, "name": {"type": "string"}, "colour": {"type": "string", "pattern": COLOUR_PATTERN}}),
    "Workshop": _object(
        {
            "code": {"type": "string", "minLength": 6, "maxLength": 6},
            "title": {"type": "string", "maxLength": MAX_TITLE},
            "language": {"type": "string", "enum": list(LANGUAGES)},
            "roles": {"type": "array", "items": {"type": "string"}},
            "settings": _object(
                {
                    "privacy_threshold": THRESHOLD,
                    "bilingual": {"type": "boolean"},
                    "retention_days": {"type": "integer", "minimum": 1, "maximum": MAX_RETENTION_DAYS},
                    "screen_theme": {"type": "string", "enum": list(SCREEN_THEMES)},
                    "screen_presence": {"type": "string", "enum": list(SCREEN_PRESENCES)},
                    "screen_view": _object(
                        {
                            "activity_id": ID,
                            "view": {"type": "string", "enum": sorted({v for vs in SCREEN_VIEWS.values() for v in vs})},
                        }
                    ),
                    **{key: {"type": "string", "enum": list(views)} for key, views in VIEW_SETTINGS.items()},
                },
                optional=("bilingual", "retention_days", "screen_theme", "screen_presence", "screen_view", *VIEW_SETTINGS),
            ),
            "organisations": {"type": "array", "items": _ref("Organisation")},
            "current_activity_id": NULLABLE_ID,
            "ended": {"type": "boolean"},
            "expires_at": {"oneOf": [TIMESTAMP, {"type": "null"}], "description": "When it and all in it are deleted."},
        }
    ),
    "Activity": _object(ACTIVITY, optional=("goal_ids",)),
    "AgendaItem": _object(AGENDA_ITEM, optional=("goal_ids",)),
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
            "commitments": {"type": "object"},
            "origin_goal_id": NULLABLE_ID,
            "thread_status": {"oneOf": [{"type": "string", "enum": list(THREAD_STATUSES)}, {"type": "null"}]},
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
            "closing": {"type": "object", "description": "Once the workshop ended: its summary; see docs/protocol.md."},
            "agenda": {"type": "array", "items": _ref("AgendaItem")},
            "upcoming_id": NULLABLE_ID,
            "presence": _ref("Presence"),
            "screen_key": {"type": "string"},
            "join_warnings": {"type": "array", "items": COUNT},
        },
        optional=("closing",),
    ),
    "Results": _object(RESULTS, optional=("trend",)),
    "RunResults": _object(
        {
            "title": {"type": "string"},
            "prompt": {"type": "string"},
            "position": COUNT,
            **RESULTS,
            "removed": {"type": "boolean", "description": "Deleted from the agenda after it had answers."},
        },
        optional=("trend",),
    ),
    "Format": _object(
        {
            "format": {"const": 1},
            "name": {"type": "string"},
            "language": {"type": "string", "enum": list(LANGUAGES)},
            "roles": {"type": "array", "items": {"type": "string"}},
            "agenda": {"type": "array", "items": AGENDA_ITEM["item"]},
        }
    ),
    "Created": _object(
        {
            "code": {"type": "string", "minLength": 6, "maxLength": 6},
            "control_token": {"type": "string", "minLength": 20},
            "screen_key": {"type": "string", "minLength": 20},
            "links": _object(WORKSHOP_LINKS),
            "workshop": _ref("Workshop"),
        }
    ),
    "Joined": _object({"participant": _ref("Participant"), "token": {"type": "string", "minLength": 20}}),
    "AllResults": _object(
        {
            "workshop": _ref("Workshop"),
            "activities": {"type": "array", "items": _ref("RunResults")},
            "audience": {"const": FACILITATOR},
        }
    ),
    "CheckedItem": _object({"item": AGENDA_ITEM["item"]}),
    "PartnershipCreated": _object(
        {
            "code": {"type": "string", "minLength": 6},
            "token": {"type": "string", "minLength": 20},
            "links": _object({"page": {"type": "string", "format": "uri"}}),
        }
    ),
    "Thread": {"type": "object", "description": "The partnership, its workshops in time and the thread of its goals."},
    "PartnershipWorkshop": _object(
        {
            "code": {"type": "string", "minLength": 6, "maxLength": 6},
            "control_token": {"type": "string", "minLength": 20},
            "screen_key": {"type": "string", "minLength": 20},
            "links": _object({**WORKSHOP_LINKS, "partnership_control": {"type": "string", "format": "uri"}}),
        }
    ),
    "Attached": _object({"code": {"type": "string", "minLength": 6, "maxLength": 6}}),
    "Imported": _object({"ok": {"const": True}}),
}

CODE = {
    "name": "code",
    "in": "path",
    "required": True,
    "description": "The workshop's join code (letters and digits; lower case and spaces are forgiven).",
    "schema": {"type": "string"},
}
PARTNERSHIP_CODE = {**CODE, "description": "The partnership's code."}
WORKSHOP_CODE = {**CODE, "name": "workshop_code", "description": "A workshop of the partnership."}
ACTIVITY_ID = {"name": "activity_id", "in": "path", "required": True, "schema": ID}
CONFIRM = {
    "name": "confirm",
    "in": "query",
    "required": False,
    "description": "1 or true: delete an activity that has answers (it stays in the results export); 409 without.",
    "schema": {"type": "string", "enum": ["1", "true", "0", "false"]},
}
ERRORS = {
    400: "Invalid input",
    401: "No or wrong token (send `Authorization: Bearer <token>`; the answer's `WWW-Authenticate` names the scheme)",
    404: "Unknown workshop, partnership, organisation, role, format or activity",
    409: "Not allowed now (e.g. the activity is not open, the agenda is full, or a change would lose answers)",
}


def _answer(description: str, schema: dict | None) -> dict:
    if schema is None:
        return {"description": description}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _operation(summary, ok: tuple, errors: tuple, body=None, secured=None, params=(CODE,)) -> dict:
    """`secured`: the name of the Bearer scheme the operation takes (401 with WWW-Authenticate without it)."""
    status, description, schema = ok
    responses = {status: _answer(description, schema)}
    responses.update({str(code): _answer(ERRORS[code], _ref("Error")) for code in errors})
    op = {"summary": summary, "parameters": list(params), "responses": responses}
    if body:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if secured:
        op["security"] = [{secured: []}]
        responses["401"] = {
            **_answer(ERRORS[401], _ref("Error")),
            "headers": {"WWW-Authenticate": {"required": True, "schema": {"type": "string", "pattern": "^[Bb]earer"}}},
        }
    return op


FACILITATOR_TOKEN = "controlToken"
PARTNERSHIP_TOKEN = "partnershipToken"
PARTICIPANT_TOKEN = "participantToken"


def document() -> dict:
    """The whole document; tests check that every /api route appears in it."""
    presence = {"name": "presence", "in": "query", "required": False, "schema": {"type": "string", "enum": list(PRESENCES)}}
    activity = (CODE, ACTIVITY_ID)
    partnership = (PARTNERSHIP_CODE,)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Samenspel API",
            "version": "1",
            "description": "Create workshops and partnerships, edit and drive the agenda, and read results.",
        },
        "components": {
            "securitySchemes": {
                FACILITATOR_TOKEN: {"type": "http", "scheme": "bearer", "description": "The workshop's control token."},
                PARTNERSHIP_TOKEN: {"type": "http", "scheme": "bearer", "description": "The partnership's token."},
                PARTICIPANT_TOKEN: {"type": "http", "scheme": "bearer", "description": "A participant's token (from joining)."},
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
                "get": _operation("A workshop's public data", ("200", "Workshop", _ref("Workshop")), (404,)),
                "delete": _operation(
                    "Delete the workshop and everything in it, now",
                    ("204", "Deleted; its connections hear `gone`", None),
                    (404,),
                    secured=FACILITATOR_TOKEN,
                ),
            },
            "/api/workshops/{code}/participants": {
                "post": _operation("Join as a participant", ("201", "Joined", _ref("Joined")), (400, 404), JOIN_IN)
            },
            "/api/workshops/{code}/participants/me": {
                "delete": _operation(
                    "A participant deletes their answers and leaves for good",
                    ("204", "Forgotten; their connections hear `gone`", None),
                    (404,),
                    secured=PARTICIPANT_TOKEN,
                )
            },
            "/api/workshops/{code}/agenda": {
                "get": _operation(
                    "The agenda, each activity with its texts per language and its number of answers",
                    ("200", "Every activity", {"type": "array", "items": _ref("AgendaItem")}),
                    (404,),
                    secured=FACILITATOR_TOKEN,
                )
            },
            "/api/workshops/{code}/activities": {
                "post": _operation(
                    "Add an activity",
                    ("201", "The activity", _ref("AgendaItem")),
                    (400, 404, 409),
                    ACTIVITY_IN,
                    secured=FACILITATOR_TOKEN,
                )
            },
            "/api/workshops/{code}/activities/{activity_id}": {
                "put": _operation(
                    "Change an activity; once it has answers, only in ways that keep them valid",
                    ("200", "The activity", _ref("AgendaItem")),
                    (400, 404, 409),
                    ACTIVITY_IN,
                    secured=FACILITATOR_TOKEN,
                    params=activity,
                ),
                "delete": _operation(
                    "Delete an activity; one with answers needs ?confirm=1 and stays in the results",
                    ("204", "Deleted", None),
                    (404, 409),
                    secured=FACILITATOR_TOKEN,
                    params=(*activity, CONFIRM),
                ),
            },
            "/api/workshops/{code}/activities/{activity_id}/duplicate": {
                "post": _operation(
                    "A copy of an activity right after it, not yet run",
                    ("201", "The copy", _ref("AgendaItem")),
                    (404, 409),
                    secured=FACILITATOR_TOKEN,
                    params=activity,
                )
            },
            "/api/activities/check": {
                "post": _operation(
                    "Check an agenda item before its workshop exists; an error names the field",
                    ("200", "The item as it would be stored", _ref("CheckedItem")),
                    (400, 404),
                    CHECK_IN,
                    params=(),
                )
            },
            "/api/workshops/{code}/control": {
                "post": _operation(
                    "Move the agenda (`end` closes the workshop)",
                    ("200", "The facilitator's new state", _ref("State")),
                    (400, 404, 409),
                    CONTROL_IN,
                    secured=FACILITATOR_TOKEN,
                )
            },
            "/api/workshops/{code}/format": {
                "get": _operation(
                    "The agenda as a format file", ("200", "Format", _ref("Format")), (404,), secured=FACILITATOR_TOKEN
                )
            },
            "/api/workshops/{code}/results": {
                "get": _operation(
                    "Results of every activity run so far",
                    ("200", "workshop and activities", _ref("AllResults")),
                    (400, 404),
                    secured=FACILITATOR_TOKEN,
                    params=(CODE, presence),
                )
            },
            "/api/partnerships": {
                "post": _operation(
                    "Create a partnership; the answer holds its token, shown only here",
                    ("201", "Created", _ref("PartnershipCreated")),
                    (400,),
                    PARTNERSHIP_IN,
                    params=(),
                )
            },
            "/api/partnerships/{code}": {
                "get": _operation(
                    "The partnership's workshops in time and the thread of its goals",
                    ("200", "The thread", _ref("Thread")),
                    (404,),
                    secured=PARTNERSHIP_TOKEN,
                    params=partnership,
                )
            },
            "/api/partnerships/{code}/workshops": {
                "post": _operation(
                    "A workshop inside the partnership, from a shipped format or an agenda",
                    ("201", "Created", _ref("PartnershipWorkshop")),
                    (400, 404, 409),
                    PARTNERSHIP_WORKSHOP_IN,
                    secured=PARTNERSHIP_TOKEN,
                    params=partnership,
                )
            },
            "/api/partnerships/{code}/attach": {
                "post": _operation(
                    "Attach an existing workshop (a wrong workshop token is 400: the partnership's was right)",
                    ("200", "Attached", _ref("Attached")),
                    (400, 404, 409),
                    ATTACH_IN,
                    secured=PARTNERSHIP_TOKEN,
                    params=partnership,
                )
            },
            "/api/partnerships/{code}/workshops/{workshop_code}/import": {
                "post": _operation(
                    "Carry on the goals and commitments of earlier workshops into this one",
                    ("200", "Imported", _ref("Imported")),
                    (404, 409),
                    secured=PARTNERSHIP_TOKEN,
                    params=(PARTNERSHIP_CODE, WORKSHOP_CODE),
                )
            },
        },
    }
