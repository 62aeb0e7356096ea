"""docs/protocol.md's tables against the code, in both directions.

Handlers per role, HTTP routes with their methods, the events the server emits, and the keys of every ack
and payload. Payloads are those every Socket.IO test client received in this run (tests/conftest.py records
them and runs this module last), plus a tour of the whole protocol below, so the module also stands alone.
"""

import inspect
import re

import pytest

from tests.support import contract
from tests.support.contract import RECORDED, cell_shape, documented_paths, name_in, problems, sections, table, tables
from tests.support.workshops import ambition
from workshop import create_app, services
from workshop.domain.kinds import KINDS
from workshop.live.namespace import LiveNamespace

DOC = contract.DOC_PATH.read_text(encoding="utf-8")
SECTIONS = sections(DOC)
NAMES: dict = {}
for row in table(SECTIONS["Shapes"]):
    NAMES[name_in(row["name"])] = None
for row in table(SECTIONS["Shapes"]):
    NAMES[name_in(row["name"])] = cell_shape(row["shape"], NAMES)[0]
ROLES = {"participant": services.PARTICIPANT, "facilitator": services.FACILITATOR_ROLE, "screen": services.SCREEN_ROLE}


def handlers() -> dict[str, tuple]:
    """Event name -> the roles that may send it, from the namespace's `on_` methods."""
    return {
        name[3:]: getattr(method, "roles", ())
        for name, method in inspect.getmembers(LiveNamespace, inspect.isfunction)
        if name.startswith("on_") and name not in ("on_connect", "on_disconnect")
    }


def client_events(section: str) -> dict[str, dict]:
    return {name_in(row["event"]): row for row in table(SECTIONS[section])}


PARTICIPANT_EVENTS = client_events("Events from participants")
FACILITATOR_EVENTS = client_events("Events from facilitators")
SERVER_EVENTS = table(SECTIONS["Events from the server"])
KIND_ROWS = {name_in(row["kind"]): row for row in table(SECTIONS["Answers and results per kind"])}


# ---- the tour: every event, every kind, every audience ----


def tour(tmp_path) -> None:
    """A whole workshop through test clients whose every ack and received event the recorder keeps."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'tour.db'}",
            "ASYNC_MODE": "threading",
            "RESULTS_PUSH_INTERVAL": 0,
            "PRESENCE_PUSH_INTERVAL": 0,
            "RATE_LIMITS": False,
            "INSTANCE_PATH": str(tmp_path),
            "MESSAGE_QUEUE": None,
            "LOG_LEVEL": "WARNING",
        }
    )
    http, socketio = app.test_client(), app.extensions["socketio"]
    # The scale measures something recurring: in a partnership its results carry the trend.
    agenda = [{"kind": kind, **({"config": {"measure": "trust"}} if kind == "scale" else {})} for kind in KINDS]
    agenda.append({"kind": "poll", "config": {"options": ["Ja", "Nee"]}})
    created = http.post(
        "/api/workshops",
        json={"title": "Tour", "language": "en", "organisations": ["Woonstede", "Thuisbaas"], "agenda": agenda, "settings": {"privacy_threshold": 1}},
    ).get_json()  # fmt: skip
    code, token = created["code"], created["control_token"]
    db = app.extensions["samenspel.db"]
    partnership = services.create_partnership(db, {"name": "Tour", "organisations": ["Woonstede", "Thuisbaas"]})
    services.attach_workshop(db, services.facilitator_partnership(db, partnership.code, partnership.token), code, token)
    orgs = [o["id"] for o in created["workshop"]["organisations"]]
    people = [
        http.post(
            f"/api/workshops/{code}/participants",
            json={"organisation_id": org, "role": "manager", "display_name": name, "presence": presence},
        ).get_json()  # fmt: skip
        for org, name, presence in ((orgs[0], "Anne", "room"), (orgs[1], "Bram", "remote"))
    ]
    clients = []

    def connect(auth):
        clients.append(socketio.test_client(app, auth={"code": code, **auth}))
        return clients[-1]

    control = connect({"role": "facilitator", "token": token})
    connect({"role": "screen", "key": created["screen_key"]})  # the projector hears its events too
    phones = [connect({"role": "participant", "token": p["token"]}) for p in people]
    for i in range(8):  # the tenth join from one address warns the facilitators (join_warnings)
        http.post(f"/api/workshops/{code}/participants", json={"organisation_id": orgs[i % 2], "role": "manager"})
    state = control.emit("results", {"activity_id": -1}, callback=True)  # an error ack too
    acts = {}
    for item in http.get(f"/api/workshops/{code}/agenda", headers={"Authorization": f"Bearer {token}"}).get_json():
        acts.setdefault(item["kind"], item["id"])

    def call(client, event, payload):
        ack = client.emit(event, payload, callback=True)
        assert ack["ok"] is True, (event, ack)
        return ack

    def open_(kind):
        call(control, "control", {"action": "open", "activity_id": acts[kind]})
        call(control, "control", {"action": "reveal", "activity_id": acts[kind]})

    def answer(phone, kind, payload, client_id):
        return call(phone, "submit", {"activity_id": acts[kind], "client_id": client_id, "answer": payload})

    open_("ambitions")
    first = answer(phones[0], "ambitions", ambition(text="Heat from the river"), "tour-amb-1")
    answer(phones[0], "ambitions", ambition(text="Heat from the river"), "tour-amb-1")  # a retry: duplicate
    second = answer(phones[1], "ambitions", ambition(text="Solar on every roof"), "tour-amb-2")
    extra = answer(phones[1], "ambitions", ambition(text="Solar on all roofs"), "tour-amb-3")
    call(phones[1], "withdraw", {"answer_id": extra["answer"]["id"]})
    call(phones[0], "my_answers", {"activity_id": acts["ambitions"]})
    call(phones[0], "my_answers", {})
    call(control, "results", {"activity_id": acts["ambitions"], "presence": "remote"})
    call(control, "moderate", {"answer_id": second["answer"]["id"], "hidden": True})
    call(control, "moderate", {"answer_id": second["answer"]["id"], "hidden": False})
    third = answer(phones[1], "ambitions", ambition(text="Solar on each roof"), "tour-amb-4")
    call(control, "merge", {"keep_id": second["answer"]["id"], "answer_ids": [third["answer"]["id"]]})
    call(control, "goal_sources", {})
    ids = [first["answer"]["id"], second["answer"]["id"]]
    goals = [call(control, "goal_add", {"text": text, "answer_ids": ids})["goal"]["id"] for text in ("Warm", "Sun", "Spare")]
    call(control, "goal_update", {"goal_id": goals[0], "adopted": True, "text": "Warm homes"})
    call(control, "goal_update", {"goal_id": goals[1], "adopted": True})
    call(control, "goal_delete", {"goal_id": goals[2]})
    call(control, "settings", {"privacy_threshold": 1, "screen_theme": "light"})
    call(control, "timer", {"activity_id": acts["ambitions"], "seconds": 60})
    order = [a["id"] for a in http.get(f"/api/workshops/{code}/agenda", headers={"Authorization": f"Bearer {token}"}).get_json()]
    call(control, "reorder", {"activity_ids": order})
    call(control, "add_activity", {"kind": "dot_voting", "title": "Vote again", "config": {}})
    copy = call(control, "duplicate_activity", {"activity_id": acts["dot_voting"]})["activity"]
    call(
        control,
        "update_activity",
        {"activity_id": copy["id"], "item": {"kind": "dot_voting", "title": "Once more", "config": {}}},
    )
    call(control, "delete_activity", {"activity_id": copy["id"]})
    call(control, "goal_suggestions", {})
    call(control, "quorum", {"activity_id": acts["consent"], "quorum": {"mode": "one"}})
    call(control, "settings", {"ambitions_view": "words", "scale_view": "trend"})

    answers = {
        "introductions": lambda i: {"bring": f"Knowledge {i}", "get": "Contacts"},
        "goals": None,
        "dot_voting": lambda i: {"allocation": {str(goals[i]): 2}},
        "scale": lambda i: {"value": 3 + i},
        "team_phase": lambda i: {"phase": ("forming", "storming")[i]},
        "reflection": lambda i: {"text": f"I hold back {i}", "share": ("named", "anonymous")[i]},
        "poll": lambda i: {"choices": [i]},
        "consent": lambda i: {
            "responses": {str(g): {"position": ("consent", "concern")[i], "reason": "Time" if i else ""} for g in goals[:2]}
        },  # fmt: skip
        "commitments": lambda i: {"pledges": {str(goals[0]): {"hours": 8 * (i + 1), "budget": 1000}}},
        "progress_review": lambda i: {
            "reports": {str(goals[0]): {"status": ("done", "partly")[i], "hours": 4, "note": "On track"}}
        },
        "starting_point": None,
    }
    for kind in KINDS:
        if kind == "ambitions":
            continue
        open_(kind)
        if answers[kind]:
            for i, phone in enumerate(phones):
                answer(phone, kind, answers[kind](i), f"tour-{kind}-{i}")
        if kind == "scale":
            call(control, "results", {"activity_id": acts[kind]})  # with the partnership's trend
        if kind == "commitments":
            call(phones[0], "my_answers", {"activity_id": acts[kind]})  # with what counts for the organisation
            connect({"role": "participant", "token": people[0]["token"]})  # another tab: `ours` in its state
        if kind == "dot_voting":
            call(control, "settings", {"screen_view": "divergence"})
            call(control, "settings", {"screen_presence": "remote"})  # the screens see one part (too_few)
            call(control, "settings", {"screen_presence": "split"})  # or both side by side
    call(control, "settings", {"screen_presence": "everyone", "screen_view": "results"})
    call(control, "rerun", {"activity_id": acts["dot_voting"]})  # kinds about goals say which goals (goal_ids)
    call(control, "control", {"action": "next"})
    call(control, "control", {"action": "lobby"})
    phones[1].get_received()
    phones[1].disconnect()  # presence moves
    call(control, "control", {"action": "end"})  # everyone gets the closing summary
    forgotten = http.delete(f"/api/workshops/{code}/participants/me", headers={"Authorization": f"Bearer {people[0]['token']}"})
    assert forgotten.status_code == 204  # the phone hears `gone`
    assert http.delete(f"/api/workshops/{code}", headers={"Authorization": f"Bearer {token}"}).status_code == 204
    for client in clients:
        if client.is_connected():
            client.get_received()
            client.disconnect()
    assert state["ok"] is False
    app.extensions["samenspel.db"].engine.dispose()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    tour(tmp_path_factory.mktemp("protocol-tour"))
    return list(RECORDED)


# ---- handlers and routes ----


def test_every_handler_is_in_the_table_of_its_role_and_back():
    found = handlers()
    by_role = {
        services.PARTICIPANT: set(PARTICIPANT_EVENTS),
        services.FACILITATOR_ROLE: set(FACILITATOR_EVENTS),
    }
    for role, documented in by_role.items():
        code = {name for name, roles in found.items() if role in roles}
        assert code - documented == set(), f"{role} handlers missing from docs/protocol.md"
        assert documented - code == set(), f"docs/protocol.md lists {role} events the server does not handle"
    assert all(found.values()), "every handler declares who may send it"


def documented_routes() -> set[tuple[str, str]]:
    routes = set()
    for rows in tables(SECTIONS["HTTP"]):
        for row in rows:
            span = name_in(row["method and path"])
            method, path = span.split(" ", 1)
            path = path.split("?")[0].replace("<nl|en>", "<language>")
            for one in method.split("|"):
                routes.add((one, path))
    return routes


def test_every_route_and_method_is_documented_and_back(app):
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule).replace("{", "<").replace("}", ">")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            served.add((method, path))
    documented = documented_routes()
    assert served - documented == set(), "routes missing from docs/protocol.md"
    assert documented - served == set(), "docs/protocol.md lists routes the app does not serve"


def test_the_api_table_matches_the_openapi_document():
    from workshop.web.openapi import document

    api = {(m, p) for m, p in documented_routes() if p.startswith("/api/")}
    openapi = {(m.upper(), re.sub(r"\{(\w+)\}", r"<\1>", p)) for p, ops in document()["paths"].items() for m in ops}
    assert api == openapi


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_its_answer_and_results_documented(kind):
    assert kind in KIND_ROWS, f"docs/protocol.md does not describe the `{kind}` kind's answer and results"
    cell_shape(KIND_ROWS[kind]["results `data`"], NAMES)
    assert set(KIND_ROWS) <= set(KINDS), "docs/protocol.md describes kinds that do not exist"


# ---- what the server sent ----


def ack_shape(event: str):
    row = PARTICIPANT_EVENTS.get(event) or FACILITATOR_EVENTS.get(event)
    return cell_shape(row["ack"], NAMES)


def error_keys() -> set[str]:
    """What an error may say besides its code and message: the keys the Acknowledgements name in quotes."""
    part = SECTIONS["Acknowledgements"].split("- failure:", 1)[1].split("Codes:", 1)[0]
    return {"code", "message"} | {span.strip('"') for span in code_spans(part) if span.startswith('"')}


def error_codes() -> set[str]:
    part = SECTIONS["Acknowledgements"].split("Codes:", 1)[1].split("\n\n")[0]
    return set(code_spans(part))


def code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def server_rows(event: str, role: str) -> list[dict]:
    return [row for row in SERVER_EVENTS if name_in(row["event"]) == event and role in row["to"]]


def report(found: dict[str, set]) -> str:
    return "\n".join(f"{problem}  (x{len(seen)})" for problem, seen in sorted(found.items()))[:6000]


def test_every_ack_has_the_documented_keys(recorded):
    ERROR_KEYS = error_keys()  # noqa: N806
    found: dict[str, set] = {}
    seen_paths: set = set()
    documented: set = set()
    codes = error_codes()
    for item in (r for r in recorded if r.kind == "ack" and r.name in handlers()):
        ack = item.payload
        if isinstance(ack, dict) and ack.get("ok") is False:
            error = ack.get("error") or {}
            extra = {"retry_after"} if error.get("code") == "rate_limited" else set()
            if not {"ok", "error"} <= set(ack) <= {"ok", "error"} | extra or not {"code", "message"} <= set(error) <= ERROR_KEYS:
                found.setdefault(f"{item.name}: an error ack of another shape: {ack}", set()).add(1)
            elif error["code"] not in codes:
                found.setdefault(f"{item.name}: error code {error['code']!r} is not in the Acknowledgements' codes", set()).add(1)
            continue
        shape, names = ack_shape(item.name)
        documented |= documented_paths(shape, names, item.name, set())
        for problem in problems(ack, shape, names, item.name, seen_paths):
            found.setdefault(problem, set()).add(id(item))
    assert not found, "acks differ from docs/protocol.md:\n" + report(found)
    never = sorted(path for parent, path in documented if parent in seen_paths and path not in seen_paths)
    assert not never, f"docs/protocol.md documents ack keys no test ever received: {never}"


def test_every_event_the_server_sent_is_documented_with_its_keys(recorded):
    found: dict[str, set] = {}
    seen_paths: set = set()
    documented: set = set()
    for item in (r for r in recorded if r.kind == "event"):
        rows = server_rows(item.name, item.role or "")
        if not rows:
            found.setdefault(f"`{item.name}` to a {item.role}: not in the server events table", set()).add(1)
            continue
        for row in rows:
            shape, names = cell_shape(row["payload"], NAMES)
            label = f"{item.name}→{item.role}"
            documented |= documented_paths(shape, names, label, set())
            for problem in problems(item.payload, shape, names, label, seen_paths):
                found.setdefault(problem, set()).add(id(item))
    assert not found, "server events differ from docs/protocol.md:\n" + report(found)
    never = sorted(path for parent, path in documented if parent in seen_paths and path not in seen_paths)
    assert not never, f"docs/protocol.md documents event keys no test ever received: {never}"


def test_every_documented_server_event_is_sent(recorded):
    sent = {(r.name, r.role) for r in recorded if r.kind == "event"}
    for row in SERVER_EVENTS:
        event = name_in(row["event"])
        roles = [role for word, role in ROLES.items() if word in row["to"]]
        assert roles, f"the `{event}` row does not say to whom (participant, facilitator or screen)"
        for role in roles:
            assert (event, role) in sent, f"docs/protocol.md says `{event}` goes to {role}s; no test received it"


def test_every_kinds_results_data_has_the_documented_keys(recorded):
    found: dict[str, set] = {}
    seen_paths: set = set()
    documented: set = set()
    kinds_seen = set()
    for item in recorded:
        results = item.payload.get("results") if item.kind == "ack" and item.name == "results" else item.payload
        if not (item.name == "results" and isinstance(results, dict) and isinstance(results.get("data"), dict)):
            continue
        kind = results["kind"]
        kinds_seen.add(kind)
        shape, names = cell_shape(KIND_ROWS[kind]["results `data`"], NAMES)
        documented |= documented_paths(shape, names, kind, set())
        for problem in problems(results["data"], shape, names, kind, seen_paths):
            found.setdefault(problem, set()).add(id(item))
    assert kinds_seen == set(KINDS), f"no results data received for {set(KINDS) - kinds_seen}"
    assert not found, "results data differ from docs/protocol.md:\n" + report(found)
    never = sorted(path for parent, path in documented if parent in seen_paths and path not in seen_paths)
    assert not never, f"docs/protocol.md documents results keys no test ever received: {never}"
