"""The OpenAPI document is valid, the API's real answers match it, and a fuzzer (schemathesis) finds nothing."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.support.workshops import ambition
from workshop.domain.kinds import KINDS
from workshop.web.openapi import document

DOC = document()
REGISTRY = Registry().with_resource("urn:samenspel-api", Resource.from_contents(DOC, default_specification=DRAFT202012))


def test_the_document_is_valid_openapi():
    validate(DOC)


def operation_of(method: str, path: str) -> tuple[str, dict]:
    """The documented path template and operation that serve this concrete request path."""
    for template, operations in DOC["paths"].items():
        parts, wanted = template.strip("/").split("/"), path.split("?")[0].strip("/").split("/")
        if len(parts) == len(wanted) and all(p == w or p.startswith("{") for p, w in zip(parts, wanted, strict=True)):
            if method.lower() in operations:
                return template, operations[method.lower()]
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


def check_answer(method: str, path: str, reply) -> None:
    """The status is documented for this operation, and the JSON body matches its schema."""
    template, operation = operation_of(method, path)
    documented = operation["responses"].get(str(reply.status_code))
    assert documented, f"{method} {template} answered {reply.status_code}, which the document does not list"
    pointer = (
        f"/paths/{template.replace('/', '~1')}/{method.lower()}/responses/{reply.status_code}/content/application~1json/schema"
    )
    validator = Draft202012Validator({"$ref": f"urn:samenspel-api#{pointer}"}, registry=REGISTRY)
    errors = sorted(validator.iter_errors(reply.get_json()), key=lambda e: list(e.absolute_path))
    assert not errors, f"{method} {path} ({reply.status_code}): " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]
    )


@pytest.fixture
def api(client):
    """Calls to the API whose every answer is checked against the document."""

    def call(method: str, path: str, body=None, token=None, status=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        reply = client.open(path, method=method, json=body, headers=headers)
        if status is not None:
            assert reply.status_code == status, reply.get_data(as_text=True)
        check_answer(method, path, reply)
        return reply.get_json()

    return call


def test_real_answers_match_the_document(api):
    api("GET", "/api/openapi.json", status=200)
    every_kind = [{"kind": kind} for kind in KINDS]
    created = api(
        "POST",
        "/api/workshops",
        {"title": "Alles", "language": "nl", "organisations": [{"name": "Woonstede"}, {"name": "Thuisbaas", "colour": "#E69F00"}], "agenda": every_kind, "settings": {"privacy_threshold": 1}},
        status=201,
    )  # fmt: skip
    code, token = created["code"], created["control_token"]
    base = f"/api/workshops/{code}"
    assert api("GET", base, status=200)["title"] == "Alles"
    org = created["workshop"]["organisations"][0]["id"]
    api(
        "POST",
        f"{base}/participants",
        {"organisation_id": org, "role": "manager", "presence": "remote", "display_name": "Anne"},
        status=201,
    )
    agenda = api("GET", f"{base}/agenda", token=token, status=200)
    assert [a["kind"] for a in agenda] == list(KINDS)
    api("POST", f"{base}/activities", {"kind": "poll", "title": {"nl": "Stelling", "en": "Statement"}, "config": {"options": ["Ja", "Nee"]}}, token=token, status=201)  # fmt: skip
    for activity in agenda:
        state = api("POST", f"{base}/control", {"action": "open", "activity_id": activity["id"]}, token=token, status=200)
        assert state["current"]["kind"] == activity["kind"]
        api("POST", f"{base}/control", {"action": "reveal", "activity_id": activity["id"]}, token=token, status=200)
    api("POST", f"{base}/control", {"action": "lobby"}, token=token, status=200)
    api("GET", f"{base}/format", token=token, status=200)
    everything = api("GET", f"{base}/results", token=token, status=200)
    assert {a["kind"] for a in everything["activities"]} == set(KINDS)
    api("GET", f"{base}/results?presence=remote", token=token, status=200)

    # Every error answer has the documented shape and status.
    api("POST", "/api/workshops", {"title": " ", "organisations": [{"name": "A"}]}, status=400)
    api("GET", "/api/workshops/ZZZZZZ", status=404)
    api("GET", f"{base}/agenda", status=401)
    api("GET", f"{base}/agenda", token="wrong", status=401)
    api("POST", f"{base}/control", {"action": "close", "activity_id": agenda[0]["id"]}, token=token, status=409)
    api("GET", f"{base}/results?presence=elsewhere", token=token, status=400)


def test_a_wrong_method_is_405_with_allow(client, workshop):
    reply = client.patch(f"/api/workshops/{workshop['code']}")
    assert reply.status_code == 405
    assert set(reply.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "DELETE"}
    assert reply.get_json()["error"]["code"] == "method_not_allowed"


def test_a_missing_token_is_401_with_the_scheme_to_use(client, workshop):
    reply = client.get(f"/api/workshops/{workshop['code']}/agenda")
    assert reply.status_code == 401
    assert reply.headers["WWW-Authenticate"].lower().startswith("bearer")
    reply = client.delete(f"/api/workshops/{workshop['code']}/participants/me")
    assert reply.status_code == 401
    assert reply.headers["WWW-Authenticate"].lower().startswith("bearer")


def test_what_the_document_allows_the_server_takes_and_what_it_refuses_the_server_refuses(api, workshop):
    """The server's edges the fuzzer found: JSON's 7.0 is the number 7; `{}` is not "left out"."""
    org = workshop["workshop"]["organisations"][0]["id"] if "workshop" in workshop else None
    org = org or api("GET", f"/api/workshops/{workshop['code']}", status=200)["organisations"][0]["id"]
    api("POST", f"/api/workshops/{workshop['code']}/participants", {"organisation_id": float(org), "role": "manager"}, status=201)
    item = {"kind": "poll", "results": {}, "config": {"options": ["Ja", "Nee"]}}
    assert api("POST", "/api/activities/check", {"item": item}, status=400)["error"]["field"] == "results"
    assert api("POST", "/api/activities/check", {"item": {**item, "results": None}}, status=200)["item"]["results"] == "live"
    partnership = {"name": "Warmte", "organisations": ["Woonstede"]}
    assert api("POST", "/api/partnerships", {**partnership, "language": {}}, status=400)["error"]["field"] == "language"
    made = api("POST", "/api/partnerships", {**partnership, "language": None}, status=201)
    inside = f"/api/partnerships/{made['code']}/workshops"
    assert api("POST", inside, {"title": "Twee", "format": {}}, token=made["token"], status=400)["error"]["field"] == "format"
    assert (
        api("POST", "/api/activities/check", {"item": item | {"results": None}, "language": {}}, status=400)["error"]["field"]
        == "language"
    )


# ---- the fuzzer ----


@pytest.fixture
def fuzz_target(app, workshops):
    """The app, with a workshop (in progress, one participant with an answer) for the fuzzer's requests."""
    created = workshops.create(organisations=["Woonstede", "Thuisbaas"])
    workshops.open(created)
    person = workshops.join(created)
    phone = app.extensions["socketio"].test_client(
        app, auth={"role": "participant", "code": created["code"], "token": person["token"]}
    )
    assert phone.emit("submit", {"activity_id": created["activity_id"], "client_id": "client-0001", "answer": ambition()}, callback=True)["ok"]  # fmt: skip
    phone.disconnect()
    created["participant_token"] = person["token"]
    client = app.test_client()
    partnership = client.post(
        "/api/partnerships", json={"name": "Warmte", "organisations": [{"name": "Woonstede"}, {"name": "Thuisbaas"}]}
    )
    assert partnership.status_code == 201, partnership.get_data(as_text=True)
    created["partnership"] = partnership.get_json()
    inside = client.post(
        f"/api/partnerships/{created['partnership']['code']}/workshops",
        json={"title": "Tweede sessie"},
        headers={"Authorization": f"Bearer {created['partnership']['token']}"},
    )
    assert inside.status_code == 201, inside.get_data(as_text=True)
    created["partnership_workshop"] = inside.get_json()["code"]
    return created


fuzzed = schemathesis.openapi.from_dict(DOC)


@fuzzed.parametrize()
@settings(
    max_examples=25,
    derandomize=True,  # the same examples every run: CI stays reproducible, a failure can be replayed
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_fuzzer_finds_nothing(case, app, fuzz_target):
    """All of schemathesis's checks, on every operation, against the app in-process."""
    partnership = case.operation.path.startswith("/api/partnerships/")
    parameters = case.path_parameters or {}
    if "code" in parameters and case.operation.path != "/api/workshops/{code}":
        # A random code only ever reaches "no such workshop"; a real one lets bodies and tokens be tested.
        parameters["code"] = fuzz_target["partnership"]["code"] if partnership else fuzz_target["code"]
    if "workshop_code" in parameters:
        parameters["workshop_code"] = fuzz_target["partnership_workshop"]
    body = case.body if isinstance(case.body, dict) else None
    # Kind settings are checked per kind by the kinds' own tests; a random object means nothing to a kind,
    # so a generated `config` object becomes the empty one every kind accepts (a non-object stays, to be refused).
    items = [body, body.get("item"), *(body["agenda"] if isinstance(body.get("agenda"), list) else [])] if body else []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("config"), dict):
            item["config"] = {}
    tokens = {
        "controlToken": fuzz_target["control_token"],
        "partnershipToken": fuzz_target["partnership"]["token"],
        "participantToken": fuzz_target["participant_token"],
    }
    [scheme] = [name for requirement in case.operation.definition.raw.get("security", [{}]) for name in requirement] or [None]
    # A case that probes the Authorization header itself (left out, or wrong) is sent as generated: it must be a 401.
    probed = getattr(getattr(getattr(case.meta, "phase", None), "data", None), "parameter", None)
    headers = {"Authorization": f"Bearer {tokens[scheme]}"} if scheme and str(probed).lower() != "authorization" else None
    case.operation.schema.app = app  # the fresh app of this test: schemathesis calls it in-process (WSGI)
    case.call_and_validate(headers=headers, app=app)
