"""The OpenAPI 3.1 document of the JSON API, kept beside the routes it describes."""

ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "required": ["code", "message"],
        }
    },
}
LOCALISED = {"oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]}
ACTIVITY_IN = {
    "type": "object",
    "required": ["kind"],
    "properties": {
        "kind": {"type": "string", "description": "Activity kind, e.g. ambitions."},
        "title": LOCALISED,
        "prompt": LOCALISED,
        "config": {"type": "object", "description": "Kind-specific settings; see docs/protocol.md."},
    },
}
WORKSHOP_IN = {
    "type": "object",
    "required": ["title", "organisations"],
    "properties": {
        "title": {"type": "string", "maxLength": 120},
        "language": {"type": "string", "enum": ["nl", "en"]},
        "organisations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "colour": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}},
            },
        },
        "roles": {"type": "array", "items": {"type": "string"}},
        "settings": {"type": "object", "properties": {"privacy_threshold": {"type": "integer", "minimum": 1}}},
        "agenda": {"type": "array", "items": ACTIVITY_IN},
    },
}
JOIN_IN = {
    "type": "object",
    "required": ["organisation_id", "role"],
    "properties": {
        "organisation_id": {"type": "integer"},
        "role": {"type": "string"},
        "presence": {"type": "string", "enum": ["room", "remote"]},
        "display_name": {"type": "string", "maxLength": 40},
    },
}
CONTROL_IN = {
    "type": "object",
    "required": ["action"],
    "properties": {
        "action": {"type": "string", "enum": ["open", "close", "reveal", "hide", "next", "lobby"]},
        "activity_id": {"type": "integer"},
    },
}
CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string", "minLength": 6, "maxLength": 6}}


def _answer(description: str, schema: dict | None = None) -> dict:
    content = {"application/json": {"schema": schema or {"type": "object"}}}
    return {"description": description, "content": content}


def _errors(*codes: int) -> dict:
    names = {400: "Invalid input", 403: "Not the facilitator", 404: "Unknown workshop or activity", 409: "Not allowed now"}
    return {str(c): _answer(names[c], ERROR) for c in codes}


def _operation(summary: str, ok: tuple, errors: tuple, body: dict | None = None, secured=False, params=(CODE,)) -> dict:
    op = {"summary": summary, "parameters": list(params), "responses": {ok[0]: _answer(ok[1]), **_errors(*errors)}}
    if body:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if secured:
        op["security"] = [{"controlToken": []}]
    return op


def document() -> dict:
    """The whole document; tests check that every /api route appears in it."""
    presence = {"name": "presence", "in": "query", "required": False, "schema": {"type": "string", "enum": ["room", "remote"]}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Samenspel API", "version": "1", "description": "Create workshops and read their results."},
        "components": {
            "securitySchemes": {
                "controlToken": {"type": "http", "scheme": "bearer", "description": "The workshop's control token."}
            }
        },
        "paths": {
            "/api/openapi.json": {"get": _operation("This document", ("200", "OpenAPI document"), (), params=())},
            "/api/workshops": {
                "post": _operation(
                    "Create a workshop; the answer holds the control token, shown only here",
                    ("201", "Created: code, control_token, screen_key, links, workshop"),
                    (400, 404),
                    WORKSHOP_IN,
                    params=(),
                )
            },
            "/api/workshops/{code}": {"get": _operation("A workshop's public data", ("200", "Workshop"), (404,))},
            "/api/workshops/{code}/participants": {
                "post": _operation("Join as a participant", ("201", "participant and token"), (400, 404), JOIN_IN)
            },
            "/api/workshops/{code}/agenda": {
                "get": _operation("The agenda", ("200", "List of activities"), (403, 404), secured=True)
            },
            "/api/workshops/{code}/activities": {
                "post": _operation("Add an activity", ("201", "The activity"), (400, 403, 404, 409), ACTIVITY_IN, secured=True)
            },
            "/api/workshops/{code}/control": {
                "post": _operation("Move the agenda", ("200", "The new state"), (400, 403, 404, 409), CONTROL_IN, secured=True)
            },
            "/api/workshops/{code}/format": {
                "get": _operation("The agenda as a format file", ("200", "Format"), (403, 404), secured=True)
            },
            "/api/workshops/{code}/results": {
                "get": _operation(
                    "Results of every activity run so far",
                    ("200", "workshop and activities"),
                    (400, 403, 404),
                    secured=True,
                    params=(CODE, presence),
                )
            },
        },
    }
