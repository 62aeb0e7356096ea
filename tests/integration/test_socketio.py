"""The live namespace with Flask-SocketIO test clients: acks, pushes, roles, bad input, rooms, presence."""

import pytest

from tests.support.forms import with_token
from tests.support.live import assert_error, events, last
from tests.support.workshops import ambition, submission


@pytest.fixture
def room(workshops, workshop, live):
    """A running workshop: two organisations, three phones, a control view and a screen; activity open."""
    people = [workshops.join(workshop, org) for org in (0, 0, 1)]
    facilitator = live.facilitator(workshop)
    screen = live.screen(workshop)
    phones = [live.participant(workshop, p["token"]) for p in people]
    assert facilitator.is_connected() and screen.is_connected() and all(p.is_connected() for p in phones)
    assert facilitator.emit("control", {"action": "next"}, callback=True) == {"ok": True}
    for client in [facilitator, screen, *phones]:
        client.get_received()
    return {"workshop": workshop, "people": people, "facilitator": facilitator, "screen": screen, "phones": phones}


def items(results_payload):
    return results_payload["data"]["items"]


def test_connecting_sends_each_role_its_state(workshops, workshop, live):
    person = workshops.join(workshop, 1)
    facilitator = live.facilitator(workshop)
    screen = live.screen(workshop)
    phone = live.participant(workshop, person["token"])
    control_state = last(facilitator, "state")
    assert [a["id"] for a in control_state["agenda"]] == workshop["activity_ids"]
    screen_state = last(screen, "state")
    assert "agenda" not in screen_state and "screen_key" not in screen_state
    phone_state = last(phone, "state")
    assert phone_state["participant"]["id"] == person["participant"]["id"]
    assert phone_state["participant"]["organisation_id"] == workshop["org_ids"][1]
    assert "presence" not in phone_state and "screen_key" not in phone_state


def test_a_submission_is_acked_then_reaches_control_and_screen(room, live):
    phone, facilitator, screen = room["phones"][2], room["facilitator"], room["screen"]
    other_tab = live.participant(room["workshop"], room["people"][2]["token"])
    other_tab.get_received()
    activity_id = room["workshop"]["activity_id"]
    ack = phone.emit("submit", submission(activity_id, ambition(text="Warmtenet in de wijk")), callback=True)
    assert ack["ok"] is True and ack["duplicate"] is False
    assert ack["answer"]["answer"]["text"] == "Warmtenet in de wijk"
    assert ack["mine"] == [ack["answer"]], "the ack carries the participant's answers as stored"

    control_results = events(facilitator, "results")
    screen_results = events(screen, "results")
    assert control_results and screen_results
    for payload in (control_results[-1], screen_results[-1]):
        assert payload["activity_id"] == activity_id
        assert payload["answers"] == 1
        [item] = items(payload)
        assert item["text"] == "Warmtenet in de wijk"
        assert item["organisation_id"] == room["workshop"]["org_ids"][1]
    # Phones get their own answers back, never everybody's results.
    received = phone.get_received()
    assert [r["name"] for r in received if r["name"] in ("results", "mine")] == [], "the ack told this tab already"
    [mine] = events(other_tab, "mine")
    assert mine == {"activity_id": activity_id, "answers": ack["mine"]}
    assert all(events(other, "results") == [] for other in room["phones"][:2])


def test_results_of_all_participants_are_grouped_per_organisation(room):
    activity_id = room["workshop"]["activity_id"]
    for i, phone in enumerate(room["phones"]):
        assert phone.emit("submit", submission(activity_id, ambition(text=f"ambition {i}")), callback=True)["ok"]
    payload = last(room["screen"], "results")
    org_a, org_b = room["workshop"]["org_ids"]
    by_text = {item["text"]: item["organisation_id"] for item in items(payload)}
    assert by_text == {"ambition 0": org_a, "ambition 1": org_a, "ambition 2": org_b}
    assert payload["respondents"] == 3


def test_a_retried_submission_is_stored_once(room):
    phone = room["phones"][0]
    sent = submission(room["workshop"]["activity_id"])
    first = phone.emit("submit", sent, callback=True)
    again = phone.emit("submit", sent, callback=True)
    assert first["ok"] and again["ok"] and again["duplicate"] is True
    assert again["answer"]["id"] == first["answer"]["id"]
    assert last(room["facilitator"], "results")["answers"] == 1


def test_screens_get_no_data_while_results_are_hidden(room):
    facilitator, screen = room["facilitator"], room["screen"]
    activity_id = room["workshop"]["activity_id"]
    assert facilitator.emit("control", {"action": "hide", "activity_id": activity_id}, callback=True)["ok"]
    screen.get_received()
    facilitator.get_received()
    assert room["phones"][0].emit("submit", submission(activity_id, ambition(text="secret for now")), callback=True)["ok"]
    hidden = last(screen, "results")
    assert hidden["results_visible"] is False
    assert hidden["data"] is None
    assert "secret for now" not in repr(hidden)
    assert items(last(facilitator, "results"))[0]["text"] == "secret for now"

    assert facilitator.emit("control", {"action": "reveal", "activity_id": activity_id}, callback=True)["ok"]
    shown = last(screen, "results")
    assert shown["results_visible"] is True
    assert items(shown)[0]["text"] == "secret for now"


def test_a_screen_connecting_while_results_are_hidden_gets_no_data(room, live):
    activity_id = room["workshop"]["activity_id"]
    room["phones"][0].emit("submit", submission(activity_id, ambition(text="not yet")), callback=True)
    room["facilitator"].emit("control", {"action": "hide", "activity_id": activity_id}, callback=True)
    late = live.screen(room["workshop"])
    received = late.get_received()
    assert all("not yet" not in repr(item) for item in received)
    sent = [r["args"][0] for r in received if r["name"] == "results"]
    assert sent and all(r["data"] is None and r["answers"] == 1 for r in sent)


@pytest.mark.parametrize("event_name", ["control", "add_activity", "results"])
def test_a_participant_cannot_facilitate(room, event_name):
    payload = {"action": "lobby", "kind": "ambitions", "activity_id": room["workshop"]["activity_id"]}
    ack = room["phones"][0].emit(event_name, payload, callback=True)
    assert_error(ack, "forbidden")
    assert events(room["facilitator"], "state") == [], "nothing changed"


@pytest.mark.parametrize("event_name", ["control", "add_activity", "submit", "withdraw"])
def test_a_screen_can_only_watch(room, event_name):
    payload = {"action": "lobby", "kind": "ambitions", "activity_id": room["workshop"]["activity_id"], "answer_id": 1}
    payload.update(submission(room["workshop"]["activity_id"]))
    assert_error(room["screen"].emit(event_name, payload, callback=True), "forbidden")
    assert events(room["facilitator"], "state") == [] and events(room["facilitator"], "results") == []


def test_a_facilitator_cannot_submit_answers(room):
    assert_error(room["facilitator"].emit("submit", submission(room["workshop"]["activity_id"]), callback=True), "forbidden")


LONG = "x" * 281


@pytest.mark.parametrize(
    "event_name, payload",
    [
        ("submit", "not an object"),
        ("submit", 42),
        ("submit", None),
        ("submit", ["activity_id", 1]),
        ("submit", {}),
        ("submit", {"activity_id": "ACT", "answer": {"text": "no client id"}}),
        ("submit", {"activity_id": "ACT", "client_id": "client-0001"}),
        ("submit", {"client_id": "client-0001", "answer": {"text": "no activity"}}),
        ("submit", {"activity_id": 999999, "client_id": "client-0001", "answer": "ANSWER"}),
        ("submit", {"activity_id": "STR", "client_id": "client-0001", "answer": "ANSWER"}),
        ("submit", {"activity_id": True, "client_id": "client-0001", "answer": "ANSWER"}),
        (
            "submit",
            {
                "activity_id": "ACT",
                "client_id": "client-0001",
                "answer": {"text": LONG, "value_driver": "Innovation", "horizon": 3},
            },
        ),
        (
            "submit",
            {
                "activity_id": "ACT",
                "client_id": "client-0001",
                "answer": {"text": "", "value_driver": "Innovation", "horizon": 3},
            },
        ),
        (
            "submit",
            {"activity_id": "ACT", "client_id": "client-0001", "answer": {"text": "x", "value_driver": "Nope", "horizon": 3}},
        ),
        (
            "submit",
            {
                "activity_id": "ACT",
                "client_id": "client-0001",
                "answer": {"text": "x", "value_driver": "Innovation", "horizon": "ten"},
            },
        ),
        ("submit", {"activity_id": "ACT", "client_id": "client-0001", "answer": "plain text"}),
        ("submit", {"activity_id": "ACT", "client_id": "short", "answer": "ANSWER"}),
        ("submit", {"activity_id": "ACT", "client_id": {"id": 1}, "answer": "ANSWER"}),
        ("withdraw", {"answer_id": "1"}),
        ("withdraw", {"answer_id": 999999}),
        ("withdraw", {}),
        ("withdraw", "nope"),
    ],
)
def test_bad_participant_payloads_get_an_error_ack(room, event_name, payload):
    activity_id = room["workshop"]["activity_id"]

    def fill(value):
        if value == "ACT":
            return activity_id
        if value == "STR":
            return str(activity_id)
        if value == "ANSWER":
            return ambition()
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value

    phone = room["phones"][0]
    error = assert_error(phone.emit(event_name, fill(payload), callback=True))
    assert error["code"] != "internal", error
    # The connection survives and nothing was stored.
    mine = phone.emit("my_answers", {"activity_id": activity_id}, callback=True)
    assert mine == {"ok": True, "answers": []}
    assert events(room["facilitator"], "results") == []


def test_withdraw_needs_a_real_answer_id(room):
    phone, activity_id = room["phones"][0], room["workshop"]["activity_id"]
    stored = phone.emit("submit", submission(activity_id), callback=True)["answer"]
    for wrong in (True, str(stored["id"]), float(stored["id"])):
        assert_error(phone.emit("withdraw", {"answer_id": wrong}, callback=True), "not_found")
    assert [a["id"] for a in phone.emit("my_answers", {"activity_id": activity_id}, callback=True)["answers"]] == [stored["id"]]
    assert phone.emit("withdraw", {"answer_id": stored["id"]}, callback=True) == {"ok": True}
    assert phone.emit("my_answers", {"activity_id": activity_id}, callback=True)["answers"] == []


def test_an_event_without_payload_gets_an_error_ack(room):
    error = assert_error(room["phones"][0].emit("submit", callback=True))
    assert error["code"] != "internal"


@pytest.mark.parametrize(
    "event_name, payload",
    [
        ("control", "open"),
        ("control", {}),
        ("control", {"action": "explode"}),
        ("control", {"action": "open"}),
        ("control", {"action": "open", "activity_id": 999999}),
        ("control", {"action": "open", "activity_id": "STR"}),
        ("control", {"action": "close", "activity_id": "DRAFT"}),
        ("add_activity", {"kind": "no-such-kind"}),
        ("add_activity", {"kind": "ambitions", "title": "x" * 121}),
        ("add_activity", {"kind": "ambitions", "config": {"max_per_participant": 0}}),
        ("add_activity", ["ambitions"]),
        ("results", {"activity_id": "STR"}),
        ("results", {}),
    ],
)
def test_bad_facilitator_payloads_get_an_error_ack(workshops, live, event_name, payload):
    workshop = workshops.create(agenda=[{"kind": "ambitions"}, {"kind": "ambitions"}])
    facilitator = live.facilitator(workshop)
    replace = {"STR": str(workshop["activity_ids"][0]), "DRAFT": workshop["activity_ids"][1]}
    if isinstance(payload, dict):
        payload = {k: replace.get(v, v) if isinstance(v, str) else v for k, v in payload.items()}
    error = assert_error(facilitator.emit(event_name, payload, callback=True))
    assert error["code"] != "internal", error
    assert facilitator.emit("control", {"action": "next"}, callback=True) == {"ok": True}


def test_voting_on_a_closed_activity_is_refused(room):
    activity_id = room["workshop"]["activity_id"]
    assert room["facilitator"].emit("control", {"action": "close", "activity_id": activity_id}, callback=True)["ok"]
    assert_error(room["phones"][0].emit("submit", submission(activity_id), callback=True), "activity_not_open")
    assert room["phones"][0].emit("my_answers", {"activity_id": activity_id}, callback=True)["answers"] == []


def test_the_limit_per_participant_is_enforced(room):
    phone, activity_id = room["phones"][0], room["workshop"]["activity_id"]
    for _ in range(3):
        assert phone.emit("submit", submission(activity_id), callback=True)["ok"]
    assert_error(phone.emit("submit", submission(activity_id), callback=True), "limit_reached")


def test_workshops_are_isolated(workshops, live, room):
    other = workshops.create(title="Another partnership", organisations=["Elders", "Anders"])
    person = workshops.join(other, 0)
    watchers = [live.facilitator(other), live.screen(other), live.participant(other, person["token"])]
    for client in watchers:
        client.get_received()

    # Everything that happens in the first workshop...
    first = room["workshop"]
    activity_id = first["activity_id"]
    room["phones"][0].emit("submit", submission(activity_id, ambition(text="only for the first")), callback=True)
    room["facilitator"].emit("control", {"action": "hide", "activity_id": activity_id}, callback=True)
    room["facilitator"].emit("add_activity", {"kind": "ambitions", "title": "More"}, callback=True)
    newcomer = workshops.join(first, 1)
    live.participant(first, newcomer["token"])
    room["phones"][1].disconnect()
    room["facilitator"].emit("control", {"action": "lobby"}, callback=True)

    # ...reaches its own clients, and none of the other workshop's.
    assert events(room["facilitator"], "results") and events(room["screen"], "state")
    for client in watchers:
        assert client.get_received() == []


def presence_after(facilitator):
    found = events(facilitator, "presence")
    assert found, "a presence push was expected"
    return found[-1]


def connected_in(presence, org_id):
    return next(row for row in presence["organisations"] if row["organisation_id"] == org_id)["connected"]


def test_a_participant_reconnecting_is_the_same_participant_and_counted_once(workshops, workshop, live):
    person = workshops.join(workshop, 0)
    org = workshop["org_ids"][0]
    facilitator = live.facilitator(workshop)
    facilitator.get_received()

    phone = live.participant(workshop, person["token"])
    first_id = last(phone, "state")["participant"]["id"]
    assert presence_after(facilitator)["connected"] == 1

    phone.disconnect()
    assert presence_after(facilitator)["connected"] == 0

    again = live.participant(workshop, person["token"])
    assert last(again, "state")["participant"]["id"] == first_id == person["participant"]["id"]
    presence = presence_after(facilitator)
    assert presence["connected"] == 1 and connected_in(presence, org) == 1
    assert presence["joined"] == 1

    # A second tab with the same token is still one person.
    tab = live.participant(workshop, person["token"])
    assert last(tab, "state")["participant"]["id"] == first_id
    presence = presence_after(facilitator)
    assert presence["connected"] == 1 and connected_in(presence, org) == 1 and presence["joined"] == 1

    # Closing one of the two tabs leaves the person connected.
    tab.disconnect()
    assert presence_after(facilitator)["connected"] == 1


def test_answers_survive_a_reconnect(room, live):
    activity_id = room["workshop"]["activity_id"]
    ack = room["phones"][0].emit("submit", submission(activity_id, ambition(text="kept")), callback=True)
    room["phones"][0].disconnect()
    again = live.participant(room["workshop"], room["people"][0]["token"])
    assert [a["id"] for a in last(again, "state")["mine"]] == [ack["answer"]["id"]]
    mine = again.emit("my_answers", {"activity_id": activity_id}, callback=True)
    assert [a["answer"]["text"] for a in mine["answers"]] == ["kept"]


def test_a_phone_may_authenticate_with_its_join_cookie(app, client, socketio, workshop):
    reply = client.post(
        f"/w/{workshop['code']}/join",
        data=with_token(client, {"organisation_id": workshop["org_ids"][1], "role": "manager", "presence": "remote"}),
    )
    assert reply.status_code == 303
    phone = socketio.test_client(app, flask_test_client=client, auth={"role": "participant", "code": workshop["code"]})
    try:
        assert phone.is_connected()
        me = last(phone, "state")["participant"]
        assert me["organisation_id"] == workshop["org_ids"][1] and me["presence"] == "remote"
    finally:
        phone.disconnect()


@pytest.mark.parametrize(
    "auth",
    [
        {"role": "facilitator", "token": "not-the-control-token"},
        {"role": "facilitator", "token": "SCREEN_KEY"},
        {"role": "facilitator"},
        {"role": "screen", "key": "not-the-screen-key"},
        {"role": "screen"},
        {"role": "participant", "token": "unknown-participant-token"},
        {"role": "participant"},
        {"role": "admin", "token": "CONTROL_TOKEN"},
        {},
        None,
        "participant",
    ],
)
def test_connections_without_the_right_secret_are_refused(app, socketio, workshop, auth):
    if isinstance(auth, dict):
        secrets = {"SCREEN_KEY": workshop["screen_key"], "CONTROL_TOKEN": workshop["control_token"]}
        auth = {"code": workshop["code"], **{k: secrets.get(v, v) for k, v in auth.items()}}
    client = socketio.test_client(app, auth=auth)
    assert not client.is_connected()


def test_a_control_token_works_only_for_its_own_workshop(workshops, live):
    first, second = workshops.create(), workshops.create()
    client = live.facilitator(second, token=first["control_token"])
    assert not client.is_connected()
    client = live.screen(second, key=first["screen_key"])
    assert not client.is_connected()
