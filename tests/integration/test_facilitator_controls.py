"""Facilitator controls beyond open/close: timer, reorder, rounds, moderation, settings, splits, downloads."""

from datetime import datetime, timedelta

import pytest

from tests.support.live import assert_error, last
from tests.support.workshops import ambition, submission


@pytest.fixture
def room(workshops, live):
    """Two organisations, one phone in the room and one remote, a control view and a screen."""
    created = workshops.create(
        agenda=[
            {"kind": "ambitions", "title": "Ambities"},
            {"kind": "scale", "title": "Plan of laten komen?"},
            {"kind": "poll", "config": {"options": ["Ja", "Nee"]}},
        ]
    )
    here = workshops.join(created, 0, presence="room")
    away = workshops.join(created, 1, presence="remote")
    room = {
        "created": created,
        "facilitator": live.facilitator(created),
        "screen": live.screen(created),
        "here": live.participant(created, here["token"]),
        "away": live.participant(created, away["token"]),
        "here_token": here["token"],
    }
    assert room["facilitator"].emit("control", {"action": "open", "activity_id": created["activity_ids"][0]}, callback=True)["ok"]
    return room


def ask(room, event, payload):
    return room["facilitator"].emit(event, payload, callback=True)


def test_a_timer_reaches_every_screen_and_can_be_stopped(room):
    activity_id = room["created"]["activity_ids"][0]
    room["here"].get_received()
    before = datetime.utcnow()
    assert ask(room, "timer", {"activity_id": activity_id, "seconds": 120})["ok"]
    for client in ("here", "screen", "facilitator"):
        state = last(room[client], "state")
        ends = datetime.fromisoformat(state["current"]["timer_ends_at"].rstrip("Z"))
        assert timedelta(seconds=115) < ends - before < timedelta(seconds=125)
        assert state["server_time"]
    assert ask(room, "timer", {"activity_id": activity_id, "seconds": None})["ok"]
    assert last(room["screen"], "state")["current"]["timer_ends_at"] is None
    assert_error(ask(room, "timer", {"activity_id": activity_id, "seconds": 2}), "invalid_input")
    assert_error(ask(room, "timer", {"activity_id": room["created"]["activity_ids"][1], "seconds": 60}), "invalid_transition")
    assert_error(room["here"].emit("timer", {"activity_id": activity_id, "seconds": 60}, callback=True), "forbidden")


def test_the_agenda_can_be_reordered_while_running(room):
    ids = room["created"]["activity_ids"]
    assert ask(room, "reorder", {"activity_ids": [ids[2], ids[0], ids[1]]})["ok"]
    assert [a["id"] for a in last(room["facilitator"], "state")["agenda"]] == [ids[2], ids[0], ids[1]]
    for bad in ([ids[0], ids[1]], [ids[0], ids[0], ids[1]], "nope", [ids[0], ids[1], 999]):
        assert_error(ask(room, "reorder", {"activity_ids": bad}), "invalid_input")


def test_a_new_round_keeps_the_earlier_round_and_its_answers(room, client, workshops):
    first = room["created"]["activity_ids"][0]
    assert room["here"].emit("submit", submission(first, ambition(text="Round one")), callback=True)["ok"]
    assert_error(ask(room, "rerun", {"activity_id": room["created"]["activity_ids"][2]}), "invalid_transition")
    rerun = ask(room, "rerun", {"activity_id": first})
    assert rerun["ok"] and rerun["activity"]["round"] == 2 and rerun["activity"]["state"] == "draft"
    agenda = last(room["facilitator"], "state")["agenda"]
    assert [a["id"] for a in agenda][:2] == [first, rerun["activity"]["id"]], "the new round comes right after the old one"
    assert ask(room, "control", {"action": "next"})["ok"]
    assert room["here"].emit("submit", submission(rerun["activity"]["id"], ambition(text="Round two")), callback=True)["ok"]
    results = client.get(
        f"/api/workshops/{room['created']['code']}/results", headers=workshops.bearer(room["created"])
    ).get_json()
    texts = {a["activity_id"]: [i["text"] for i in a["data"]["items"]] for a in results["activities"]}
    assert texts[first] == ["Round one"] and texts[rerun["activity"]["id"]] == ["Round two"]


def test_hidden_answers_leave_the_screen_but_stay_for_the_facilitator(room):
    activity_id = room["created"]["activity_ids"][0]
    ack = room["here"].emit("submit", submission(activity_id, ambition(text="Rude remark")), callback=True)
    assert ask(room, "moderate", {"answer_id": ack["answer"]["id"], "hidden": True})["ok"]
    screen = last(room["screen"], "results")
    control = last(room["facilitator"], "results")
    assert screen["answers"] == 0 and "Rude remark" not in str(screen)
    assert [(i["text"], i["hidden"]) for i in control["data"]["items"]] == [("Rude remark", True)]
    assert ask(room, "moderate", {"answer_id": ack["answer"]["id"], "hidden": False})["ok"]
    assert last(room["screen"], "results")["answers"] == 1
    assert_error(room["here"].emit("moderate", {"answer_id": ack["answer"]["id"], "hidden": True}, callback=True), "forbidden")
    assert_error(ask(room, "moderate", {"answer_id": 999999, "hidden": True}), "not_found")


def test_merging_duplicates_counts_them_with_the_kept_answer(room):
    activity_id = room["created"]["activity_ids"][0]
    keep = room["here"].emit("submit", submission(activity_id, ambition(text="Samen inkopen")), callback=True)["answer"]["id"]
    dup = room["away"].emit("submit", submission(activity_id, ambition(text="Samen inkopen!")), callback=True)["answer"]["id"]
    assert ask(room, "merge", {"keep_id": keep, "answer_ids": [dup]})["ok"]
    [item] = last(room["screen"], "results")["data"]["items"]
    assert (item["id"], item["merged"]) == (keep, 1)
    control = {i["id"]: i for i in last(room["facilitator"], "results")["data"]["items"]}
    assert control[dup]["hidden"] and control[dup]["merged_into"] == keep
    assert_error(ask(room, "merge", {"keep_id": keep, "answer_ids": [keep]}), "invalid_input")


def test_results_split_by_room_and_remote(room):
    activity_id = room["created"]["activity_ids"][0]
    room["here"].emit("submit", submission(activity_id, ambition(text="In de zaal")), callback=True)
    room["away"].emit("submit", submission(activity_id, ambition(text="Op afstand")), callback=True)
    texts = {}
    for presence in ("room", "remote", None):
        ack = ask(room, "results", {"activity_id": activity_id, "presence": presence})
        texts[presence] = [i["text"] for i in ack["results"]["data"]["items"]]
    assert texts == {"room": ["In de zaal"], "remote": ["Op afstand"], None: ["In de zaal", "Op afstand"]}


def test_settings_change_the_privacy_threshold_and_the_screen_theme(room):
    activity_id = room["created"]["activity_ids"][0]
    room["here"].emit("submit", submission(activity_id, ambition(text="Alleen ik")), callback=True)
    assert last(room["screen"], "results")["data"]["items"][0]["organisation_id"] is not None
    assert ask(room, "settings", {"privacy_threshold": 3, "screen_theme": "light"})["ok"]
    received = room["screen"].get_received()
    [state] = [r["args"][0] for r in received if r["name"] == "state"]
    results = [r["args"][0] for r in received if r["name"] == "results"][-1]
    assert state["workshop"]["settings"] == {
        "privacy_threshold": 3,
        "screen_theme": "light",
        "bilingual": False,
        "retention_days": 90,
    }
    assert results["data"]["items"][0]["organisation_id"] is None, "one person is now too small a group"
    assert_error(ask(room, "settings", {"screen_theme": "neon"}), "invalid_input")
    assert_error(ask(room, "settings", {"privacy_threshold": 0}), "invalid_input")
    assert_error(room["screen"].emit("settings", {"screen_theme": "dark"}, callback=True), "forbidden")


def test_a_participant_downloads_their_own_answers_private_ones_included(workshops, client, live):
    created = workshops.create(agenda=[{"kind": "reflection", "title": "Wat maakt je moedig?"}])
    workshops.open(created)
    joined = workshops.join(created)
    phone = live.participant(created, joined["token"])
    answer = {"text": "Mijn geheim", "share": "private"}
    assert phone.emit(
        "submit", {"activity_id": created["activity_id"], "client_id": "client-0001", "answer": answer}, callback=True
    )["ok"]
    assert client.get(f"/w/{created['code']}/my-answers.json").status_code == 403
    client.set_cookie(f"samenspel_{created['code']}", joined["token"])
    reply = client.get(f"/w/{created['code']}/my-answers.json")
    assert reply.status_code == 200 and "attachment" in reply.headers["Content-Disposition"]
    assert [a["answer"] for a in reply.get_json()["answers"]] == [answer]
