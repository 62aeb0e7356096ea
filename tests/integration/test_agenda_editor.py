"""The agenda editor over Socket.IO and HTTP: edit, duplicate and delete while running; both languages."""

import json

import pytest

from tests.support.live import assert_error, last
from tests.support.workshops import submission
from workshop import formats

KICKOFF = formats.shipped()["co-creation-kickoff"]["agenda"]


@pytest.fixture
def room(workshops, live):
    """A Dutch workshop in both languages: a poll and a scale; a Dutch and an English phone, a control view."""
    created = workshops.create(
        language="nl",
        agenda=[
            {
                "kind": "poll",
                "title": {"nl": "Hoe verder?", "en": "How to go on?"},
                "config": {"options": {"nl": ["Vervolg", "Werkgroepen"], "en": ["Follow-up", "Working groups"]}},
            },
            {"kind": "scale", "title": {"nl": "Vertrouwen", "en": "Trust"}},
            {"kind": "reflection", "title": "Alleen in het Nederlands"},
        ],
    )
    dutch = workshops.join(created, 0)
    english = workshops.join(created, 1)
    room = {
        "created": created,
        "ids": created["activity_ids"],
        "facilitator": live.facilitator(created),
        "dutch": live.participant(created, dutch["token"]),
        "english": live.participant(created, english["token"], query_string="lang=en"),
        "screen": live.screen(created, query_string="lang=en"),
    }
    assert ask(room, "control", {"action": "open", "activity_id": room["ids"][0]})["ok"]
    return room


def ask(room, event, payload):
    return room["facilitator"].emit(event, payload, callback=True)


SEEN: dict = {}


def latest(client):
    """The last state the client received, remembered (reading the test client's queue empties it)."""
    found = last(client, "state")
    if found is not None:
        SEEN[id(client)] = found
    return SEEN[id(client)]


def agenda(room):
    return latest(room["facilitator"])["agenda"]


def item_of(room, activity_id):
    return next(a["item"] for a in agenda(room) if a["id"] == activity_id)


def test_a_format_in_both_languages_makes_a_bilingual_workshop(room):
    assert latest(room["facilitator"])["workshop"]["settings"]["bilingual"] is True
    assert item_of(room, room["ids"][0])["title"] == {"nl": "Hoe verder?", "en": "How to go on?"}


def test_each_phone_reads_the_activity_in_its_language(room):
    english, dutch = latest(room["english"])["current"], latest(room["dutch"])["current"]
    assert english["title"] == "How to go on?" and english["config"]["options"] == ["Follow-up", "Working groups"]
    assert dutch["title"] == "Hoe verder?" and dutch["config"]["options"] == ["Vervolg", "Werkgroepen"]
    assert "translations" not in english["config"], "phones get their texts, not every language"
    assert latest(room["screen"])["current"]["title"] == "How to go on?", "a screen follows its language too"
    assert ask(room, "control", {"action": "next"})["ok"]
    assert latest(room["english"])["current"]["title"] == "Trust"
    assert ask(room, "control", {"action": "next"})["ok"]
    assert latest(room["english"])["current"]["title"] == "Alleen in het Nederlands", "no translation: the original"


def test_an_english_phone_answers_with_its_own_value_driver_names(workshops, live):
    created = workshops.create(language="nl", agenda=[KICKOFF[2]])
    token = workshops.join(created, 0)["token"]
    facilitator = live.facilitator(created)
    phone = live.participant(created, token, query_string="lang=en")
    assert facilitator.emit("control", {"action": "next"}, callback=True)["ok"]
    drivers = latest(phone)["current"]["config"]["value_drivers"]
    assert drivers[0] == "Affordability"
    answer = {"text": "Betaalbaar blijven", "value_driver": "Affordability", "horizon": 3}
    ack = phone.emit("submit", submission(created["activity_id"], answer), callback=True)
    assert ack["ok"], ack
    assert ack["answer"]["answer"]["value_driver"] == "Betaalbaarheid", "stored as the workshop's language names it"


def test_an_open_activity_is_reworded_and_every_device_follows(room):
    poll = room["ids"][0]
    assert room["english"].emit("submit", submission(poll, {"choices": [1]}), callback=True)["ok"]
    item = item_of(room, poll)
    item["title"] = {"nl": "Hoe gaan we verder?", "en": "How do we go on?"}
    item["config"]["options"] = {"nl": ["Vervolg", "Werkgroepen", "Stoppen"], "en": ["Follow-up", "Working groups", "Stop"]}
    ack = ask(room, "update_activity", {"activity_id": poll, "item": item})
    assert ack["ok"], ack
    assert ack["activity"]["answers"] == 1
    assert latest(room["dutch"])["current"]["title"] == "Hoe gaan we verder?"
    assert latest(room["english"])["current"]["config"]["options"][2] == "Stop"
    results = last(room["facilitator"], "results")
    assert [o["text"] for o in results["data"]["options"]] == ["Vervolg", "Werkgroepen", "Stoppen"]
    assert results["data"]["options"][1]["count"] == 1, "the answer stands"


def test_a_change_that_breaks_answers_is_refused_beside_its_field(room):
    poll = room["ids"][0]
    assert room["dutch"].emit("submit", submission(poll, {"choices": [1]}), callback=True)["ok"]
    item = item_of(room, poll)
    item["config"]["options"] = {"nl": ["Vervolg", "Werkgroepen", "Stoppen"], "en": ["Follow-up", "Working groups", "Stop"]}
    assert ask(room, "update_activity", {"activity_id": poll, "item": item})["ok"], "adding an option is fine"
    item["config"]["options"] = {"nl": ["Vervolg", "Werkgroepen"], "en": ["Follow-up", "Working groups"]}
    error = assert_error(ask(room, "update_activity", {"activity_id": poll, "item": item}), "invalid_transition")
    assert error["field"] == "options"
    assert "verwijderen" in error["message"], "in the workshop's language"
    assert item_of(room, poll)["config"]["options"]["nl"] == ["Vervolg", "Werkgroepen", "Stoppen"]


def test_an_invalid_setting_is_named_with_its_language(room):
    scale = room["ids"][1]
    item = item_of(room, scale)
    item["config"]["left"] = {"nl": "Weinig", "en": "x" * 81}
    error = assert_error(ask(room, "update_activity", {"activity_id": scale, "item": item}), "invalid_input")
    assert (error["field"], error["language"]) == ("left", "en")
    assert "(Engels)" in error["message"]
    error = assert_error(ask(room, "add_activity", {"kind": "scale", "config": {"min": 5, "max": 1}}), "invalid_input")
    assert error["field"] == "max"


def test_duplicate_comes_right_after_its_original(room):
    ack = ask(room, "duplicate_activity", {"activity_id": room["ids"][0]})
    assert ack["ok"], ack
    ids = [a["id"] for a in agenda(room)]
    assert ids == [room["ids"][0], ack["activity"]["id"], room["ids"][1], room["ids"][2]]
    assert ack["activity"]["state"] == "draft" and ack["activity"]["answers"] == 0
    assert ack["activity"]["item"]["title"] == {"nl": "Hoe verder?", "en": "How to go on?"}


def test_deleting_an_activity_with_answers_asks_and_keeps_the_answers_for_the_export(room, client):
    poll, scale = room["ids"][0], room["ids"][1]
    assert assert_error(ask(room, "delete_activity", {"activity_id": poll}), "invalid_transition")
    assert room["dutch"].emit("submit", submission(poll, {"choices": [0]}), callback=True)["ok"]
    assert ask(room, "control", {"action": "close", "activity_id": poll})["ok"]
    error = assert_error(ask(room, "delete_activity", {"activity_id": poll}), "invalid_transition")
    assert error["field"] == "confirm" and "een antwoord" in error["message"]
    assert ask(room, "delete_activity", {"activity_id": poll, "confirm": True})["ok"]
    state = latest(room["facilitator"])
    assert [a["id"] for a in state["agenda"]] == [scale, room["ids"][2]]
    assert state["current"] is None, "the screens go back to the lobby"
    assert latest(room["dutch"])["current"] is None
    assert_error(ask(room, "control", {"action": "open", "activity_id": poll}), "not_found")
    bearer = {"Authorization": f"Bearer {room['created']['control_token']}"}
    exported = client.get(f"/api/workshops/{room['created']['code']}/results", headers=bearer).get_json()
    removed = [a for a in exported["activities"] if a["activity_id"] == poll]
    assert removed and removed[0]["removed"] is True and removed[0]["answers"] == 1
    # A draft without answers goes at once, without a trace.
    assert ask(room, "delete_activity", {"activity_id": scale})["ok"]
    assert [a["id"] for a in agenda(room)] == [room["ids"][2]]


def test_only_the_facilitator_edits(room):
    for event in ("update_activity", "duplicate_activity", "delete_activity"):
        payload = {"activity_id": room["ids"][0], "item": {"kind": "poll"}, "confirm": True}
        assert_error(room["dutch"].emit(event, payload, callback=True), "forbidden")
        assert_error(room["screen"].emit(event, payload, callback=True), "forbidden")


def test_next_says_what_it_opens_and_skips_what_ran(room):
    state = latest(room["facilitator"])
    assert state["upcoming_id"] == room["ids"][1]
    assert ask(room, "control", {"action": "next"})["ok"]  # the scale
    assert ask(room, "control", {"action": "reveal", "activity_id": room["ids"][1]})["ok"]
    assert ask(room, "control", {"action": "open", "activity_id": room["ids"][0]})["ok"]  # back to the poll
    assert latest(room["facilitator"])["upcoming_id"] == room["ids"][2]
    assert ask(room, "control", {"action": "next"})["ok"]
    assert latest(room["facilitator"])["current"]["id"] == room["ids"][2], "the revealed scale stays closed"
    assert latest(room["english"])["current"]["id"] == room["ids"][2]


def test_a_goal_vote_says_which_goals_are_in_its_round(workshops, live):
    created = workshops.create(agenda=[{"kind": "dot_voting", "config": {"adopted_only": True}}])
    facilitator = live.facilitator(created)
    for text in ("Samen inkopen", "Wijken van het gas af"):
        assert facilitator.emit("goal_add", {"text": text}, callback=True)["ok"]
    goals = latest(facilitator)["goals"]
    assert facilitator.emit("control", {"action": "next"}, callback=True)["ok"]
    assert latest(facilitator)["current"]["goal_ids"] == [g["id"] for g in goals], "none adopted: all"
    assert facilitator.emit("goal_update", {"goal_id": goals[1]["id"], "adopted": True}, callback=True)["ok"]
    assert latest(facilitator)["current"]["goal_ids"] == [goals[1]["id"]]


def test_an_exported_format_keeps_both_languages_and_imports_again(client, workshops, live):
    created = workshops.create(language="nl", agenda=KICKOFF)
    bearer = {"Authorization": f"Bearer {created['control_token']}"}
    exported = client.get(f"/api/workshops/{created['code']}/format", headers=bearer).get_json()
    assert exported["agenda"][0]["title"] == KICKOFF[0]["title"]
    assert exported["agenda"][1]["config"]["left"] == KICKOFF[1]["config"]["left"]
    assert exported["agenda"][13]["config"]["options"] == KICKOFF[13]["config"]["options"]
    again = workshops.create(language="nl", agenda=json.loads(json.dumps(exported["agenda"])))
    phone = live.participant(again, workshops.join(again, 0)["token"], query_string="lang=en")
    assert live.facilitator(again).emit("control", {"action": "next"}, callback=True)["ok"]
    assert latest(phone)["current"]["title"] == KICKOFF[0]["title"]["en"]


def test_the_editor_on_new_checks_an_item_before_the_workshop_exists(client):
    reply = client.post("/api/activities/check", json={"item": {"kind": "poll", "title": "Hoe verder?"}, "language": "nl"})
    assert reply.status_code == 200
    assert reply.get_json()["item"]["title"] == {"nl": "Hoe verder?"}
    reply = client.post(
        "/api/activities/check",
        json={
            "item": {"kind": "poll", "config": {"options": {"nl": ["A", "B"], "en": ["A"]}}},
            "language": "nl",
            "bilingual": True,
        },
    )
    assert reply.status_code == 400
    assert reply.get_json()["error"] | {"message": ""} == {
        "code": "invalid_input",
        "message": "",
        "field": "options",
        "language": "en",
    }


def test_each_screen_reads_the_results_texts_in_its_language(room, live):
    dutch_screen = live.screen(room["created"])
    assert room["dutch"].emit("submit", submission(room["ids"][0], {"choices": [1]}), callback=True)["ok"]
    english = last(room["screen"], "results")["data"]["options"]
    dutch = last(dutch_screen, "results")["data"]["options"]
    assert [o["text"] for o in english] == ["Follow-up", "Working groups"] and english[1]["count"] == 1
    assert [o["text"] for o in dutch] == ["Vervolg", "Werkgroepen"]
    assert [o["text"] for o in last(room["facilitator"], "results")["data"]["options"]] == ["Vervolg", "Werkgroepen"]
    late = live.screen(room["created"], query_string="lang=en")
    assert [o["text"] for o in last(late, "results")["data"]["options"]] == ["Follow-up", "Working groups"], "on connect too"


def test_value_drivers_in_results_follow_the_screens_language(workshops, live):
    created = workshops.create(language="nl", agenda=[KICKOFF[2]])
    facilitator = live.facilitator(created)
    screen = live.screen(created, query_string="lang=en")
    phone = live.participant(created, workshops.join(created, 0)["token"])
    assert facilitator.emit("control", {"action": "next"}, callback=True)["ok"]
    answer = {"text": "Betaalbaar blijven", "value_driver": "Betaalbaarheid", "horizon": 3}
    assert phone.emit("submit", submission(created["activity_id"], answer), callback=True)["ok"]
    data = last(screen, "results")["data"]
    assert data["items"][0]["value_driver"] == "Affordability"
    assert data["value_drivers"][0] == {
        "name": "Affordability",
        "count": 1,
        "by_organisation": data["value_drivers"][0]["by_organisation"],
    }
    assert last(facilitator, "results")["data"]["items"][0]["value_driver"] == "Betaalbaarheid"


def test_scripts_edit_the_agenda_over_http_too(client, workshops, live):
    created = workshops.create(agenda=[{"kind": "poll", "title": "How to go on?", "config": {"options": ["Yes", "No"]}}])
    base, headers = f"/api/workshops/{created['code']}/activities", workshops.bearer(created)
    activity = created["activity_id"]
    reply = client.put(
        f"{base}/{activity}",
        json={"kind": "poll", "title": "How do we go on?", "config": {"options": ["Yes", "No", "Later"]}},
        headers=headers,
    )
    assert reply.status_code == 200 and reply.get_json()["title"] == "How do we go on?"
    assert client.put(f"{base}/{activity}", json={"kind": "poll"}).status_code == 401
    copy = client.post(f"{base}/{activity}/duplicate", headers=headers)
    assert copy.status_code == 201
    workshops.open(created)
    phone = live.participant(created, workshops.join(created)["token"])
    assert phone.emit("submit", submission(activity, {"choices": [2]}), callback=True)["ok"]
    refused = client.put(f"{base}/{activity}", json={"kind": "poll", "config": {"options": ["Yes", "No"]}}, headers=headers)
    assert refused.status_code == 409 and refused.get_json()["error"]["field"] == "options"
    workshops.control(created, "close", activity)
    assert client.delete(f"{base}/{activity}", headers=headers).status_code == 409, "answers: confirm first"
    assert client.delete(f"{base}/{activity}?confirm=1", headers=headers).status_code == 204
    assert client.delete(f"{base}/{copy.get_json()['id']}", headers=headers).status_code == 204
    assert client.get(f"/api/workshops/{created['code']}/agenda", headers=headers).get_json() == []
    assert client.delete(f"{base}/{activity}?confirm=1", headers=headers).status_code == 404
