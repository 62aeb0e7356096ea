"""Edge input at the HTTP and Socket.IO edges: a clear 4xx or error ack, quickly, never an internal error.

Issue 7 §1 and §4. Each oversized request below took 14-24 s (quadratic validation) before it was
bounded; refusal times are asserted with a wide margin (this machine is shared), the real bound
against a victim's acks is in tests/integration/test_security_server.py.
"""

import json
import time
from urllib.parse import urlencode

import pytest
from werkzeug.datastructures import MultiDict
from werkzeug.test import encode_multipart

from tests.support.forms import with_token
from tests.support.live import assert_error, last
from tests.support.workshops import ambition, submission, workshop_payload

MANY = 8000
# Wide of the 50 ms the issue asks for on an idle machine; quadratic validation took 14-24 s here.
QUICK = 0.5
LONE_SURROGATE = "Kick\ud800off"
NUL = "Kick\x00off"


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def poll(options) -> dict:
    return {"kind": "poll", "title": "Poll", "config": {"options": options}}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(workshop_payload(organisations=[f"Corporatie {i}" for i in range(MANY)]), id="8000 organisations"),
        pytest.param(workshop_payload(organisations=["Same"] * MANY), id="8000 duplicate organisations"),
        pytest.param(workshop_payload(roles=[f"role {i}" for i in range(MANY)]), id="8000 roles"),
        pytest.param(workshop_payload(roles="\n".join(f"role {i}" for i in range(MANY))), id="8000 roles as text"),
        pytest.param(workshop_payload(agenda=[poll([f"option {i}" for i in range(MANY)])]), id="8000 poll options"),
        pytest.param(workshop_payload(agenda=[poll(["a", "b"])] * MANY), id="8000 activities"),
        pytest.param(workshop_payload(title="x" * 200_000), id="200 kB title"),
    ],
)
def test_oversized_lists_are_refused_at_once(client, body):
    client.post("/api/workshops", json={})  # warm-up: the first error answer loads the translations
    reply, seconds = timed(lambda: client.post("/api/workshops", json=body))
    assert reply.status_code in (400, 413), reply.get_data(as_text=True)[:300]
    assert reply.get_json()["error"]["message"]
    assert seconds < QUICK, f"refused after {seconds:.2f} s"


def test_a_body_above_the_request_limit_is_refused_with_413(app, client):
    limit = app.config["MAX_REQUEST_BYTES"]
    body = json.dumps(workshop_payload(title="x" * (limit + 1))).encode()
    reply = client.post("/api/workshops", data=body, content_type="application/json")
    assert reply.status_code == 413
    assert reply.get_json()["error"]["code"] == "too_large"
    page = client.post("/new?lang=en", data=b"title=" + b"x" * (limit + 1), content_type="application/x-www-form-urlencoded")
    assert page.status_code == 413 and "too large" in page.get_data(as_text=True)


@pytest.mark.parametrize("multipart", [False, True], ids=["urlencoded", "multipart"])
def test_the_create_form_with_thousands_of_fields_is_refused_at_once(client, multipart):
    # Under the request size limit, so the field count itself is what is refused.
    fields = 520 if multipart else 5000
    form = with_token(client, {"title": "Kick-off", "org_name": [f"O{i}" for i in range(fields)], "org_colour": [""] * fields})
    client.post("/new", data={"title": "warm-up"})  # the first error page compiles its templates
    # The body is encoded first: only the server's part is timed.
    if multipart:
        boundary, body = encode_multipart(
            MultiDict([(k, v) for k, vs in form.items() for v in (vs if isinstance(vs, list) else [vs])])
        )
        content_type = f"multipart/form-data; boundary={boundary}"
    else:
        body, content_type = urlencode(form, doseq=True), "application/x-www-form-urlencoded"
    reply, seconds = timed(lambda: client.post("/new", data=body, content_type=content_type))
    assert len(body) < 256 * 1024 and reply.status_code in (400, 413)
    assert seconds < QUICK, f"refused after {seconds:.2f} s"


def test_add_activity_with_thousands_of_options_is_refused_at_once(workshop, live):
    control = live.facilitator(workshop)
    ack, seconds = timed(lambda: control.emit("add_activity", poll([f"option {i}" for i in range(MANY)]), callback=True))
    assert_error(ack, "invalid_input")
    assert seconds < QUICK, f"refused after {seconds:.2f} s"
    ack = control.emit("reorder", {"activity_ids": list(range(1, MANY))}, callback=True)
    assert_error(ack, "invalid_input")


def test_a_json_body_nested_100000_deep_is_a_400(client, workshop):
    deep = "[" * 100_000 + "]" * 100_000
    for path in ("/api/workshops", f"/api/workshops/{workshop['code']}/participants"):
        reply = client.post(path, data=deep, content_type="application/json")
        assert reply.status_code in (400, 413), path
    # Within the size limit, nesting still cannot crash the parser.
    deep = "[" * 50_000 + "]" * 50_000
    reply = client.post("/api/workshops", data=deep, content_type="application/json")
    assert reply.status_code == 400 and reply.get_json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("bad", [LONE_SURROGATE, NUL], ids=["lone surrogate", "NUL"])
def test_unstorable_text_is_a_clear_400(client, workshops, workshop, live, bad):
    reply = client.post("/api/workshops", json=workshop_payload(title=bad))
    assert reply.status_code == 400 and reply.get_json()["error"]["code"] == "invalid_input"
    reply = client.post("/api/workshops", json=workshop_payload(organisations=[bad, "Netbeheer"]))
    assert reply.status_code == 400
    reply = client.post(
        f"/api/workshops/{workshop['code']}/participants",
        json={"organisation_id": workshop["org_ids"][0], "role": "manager", "display_name": bad},
    )
    assert reply.status_code == 400 and reply.get_json()["error"]["code"] == "invalid_input"

    person = workshops.join(workshop)
    workshops.open(workshop)
    phone = live.participant(workshop, person["token"])
    assert_error(phone.emit("submit", submission(workshop["activity_id"], client_id=bad * 4), callback=True), "invalid_input")
    assert_error(phone.emit("submit", submission(workshop["activity_id"], ambition(text=bad)), callback=True), "invalid_input")
    # A token or key that is not valid UTF-8 is just a wrong secret.
    refused = live.screen(workshop, key=bad)
    assert not refused.is_connected()
    refused = live.facilitator(workshop, token=bad)
    assert not refused.is_connected()


@pytest.mark.parametrize("organisation_id", [1.5, True, " 1 ", "1.0", "+1", "１", "²", [1], {"id": 1}, 10**40])
def test_organisation_ids_must_be_exact(client, workshop, organisation_id):
    first = workshop["org_ids"][0]
    value = organisation_id
    if isinstance(value, str) and "1" in value:
        value = value.replace("1", str(first))
    reply = client.post(f"/api/workshops/{workshop['code']}/participants", json={"organisation_id": value, "role": "manager"})
    assert reply.status_code == 400, (value, reply.get_json())


def test_an_organisation_id_as_digits_from_a_form_is_fine(client, workshop):
    form = with_token(client, {"organisation_id": str(workshop["org_ids"][1]), "role": "manager"})
    assert client.post(f"/w/{workshop['code']}/join", data=form).status_code == 303


def test_socket_edge_inputs_get_error_acks(workshops, workshop, live):
    person = workshops.join(workshop)
    workshops.open(workshop)
    phone = live.participant(workshop, person["token"])
    control = live.facilitator(workshop)
    answer = phone.emit("submit", submission(workshop["activity_id"]), callback=True)
    assert answer["ok"]

    # Two arguments: an error ack instead of silence.
    assert_error(phone.emit("submit", submission(workshop["activity_id"]), {"extra": 1}, callback=True), "invalid_input")
    assert_error(control.emit("control", {"action": "close"}, "second", callback=True), "invalid_input")
    # No arguments at all.
    assert_error(phone.emit("submit", callback=True), "invalid_input")
    # Ids must be numbers.
    agenda = last(control, "state")["agenda"]
    assert_error(control.emit("reorder", {"activity_ids": [str(a["id"]) for a in agenda]}, callback=True), "invalid_input")
    # "no" is not false, and not true either.
    for hidden in ("no", "yes", 0, 1, None):
        ack = control.emit("moderate", {"answer_id": answer["answer"]["id"], "hidden": hidden}, callback=True)
        assert_error(ack, "invalid_input")
    assert control.emit("moderate", {"answer_id": answer["answer"]["id"], "hidden": False}, callback=True)["ok"]
    # Unknown event names get an error ack too.
    assert_error(phone.emit("no_such_event", {}, callback=True), "invalid_input")
    assert phone.is_connected() and control.is_connected()


def test_clients_cannot_send_the_reserved_events(app, workshops, workshop, live):
    person = workshops.join(workshop)
    workshops.open(workshop)
    phone = live.participant(workshop, person["token"])
    screen = live.screen(workshop)
    assert last(screen, "presence")["connected"] == 1
    screen.get_received()

    assert_error(phone.emit("disconnect", callback=True), "invalid_input")
    assert_error(phone.emit("disconnect", "client namespace disconnect", callback=True), "invalid_input")
    assert_error(phone.emit("connect", {"role": "facilitator", "code": workshop["code"]}, callback=True), "invalid_input")
    assert phone.is_connected()
    # Still present, still the same participant, still able to answer.
    assert app.extensions["samenspel.broadcaster"] is not None
    from workshop import services

    db = app.extensions["samenspel.db"]
    workshop_id = services.facilitator_workshop(db, workshop["code"], workshop["control_token"])
    assert services.presence(db, workshop_id)["connected"] == 1
    assert phone.emit("submit", submission(workshop["activity_id"]), callback=True)["ok"]
    assert phone.emit("control", {"action": "next"}, callback=True)["error"]["code"] == "forbidden"


def test_a_token_opens_at_most_five_connections(app, workshops, workshop, live):
    person = workshops.join(workshop)
    tabs = [live.participant(workshop, person["token"]) for _ in range(app.config["MAX_CONNECTIONS_PER_PARTICIPANT"])]
    assert all(tab.is_connected() for tab in tabs)
    assert not live.participant(workshop, person["token"]).is_connected()
    assert live.participant(workshop, workshops.join(workshop)["token"]).is_connected(), "another participant is fine"
    tabs[0].disconnect()
    assert live.participant(workshop, person["token"]).is_connected(), "a closed tab makes room"
