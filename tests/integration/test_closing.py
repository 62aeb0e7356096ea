"""The session's end over the real services and sockets: the closing summary, thanks, resuming."""

import json

from tests.support import scenario
from tests.support.live import last


def test_the_closing_summary_after_the_last_item(client, db, live):
    played = scenario.run(scenario.InProcess(client, db))
    screen = live.screen(played.created)
    state = last(screen, "state")
    assert state["workshop"]["ended"] is True and state["current"] is None
    closing = state["closing"]
    assert closing["ended_at"]
    orgs = {o["name"]: o["id"] for o in played.created["workshop"]["organisations"]}

    goals = {g["text"]: g for g in closing["goals"]}
    assert list(goals) == [text for text, _ in scenario.GOALS], "the adopted goals, in order"
    blocked, passed = goals[scenario.GOALS[0][0]], goals[scenario.GOALS[1][0]]
    assert blocked["consent"] == {"passes": False, "responses": 8, "counts": {"consent": 7, "concern": 0, "objection": 1}}
    assert passed["consent"]["passes"] is True
    # Pledges per organisation, De Zonnige Woning's too: a pledge is the organisation's, whatever its size.
    pledged = {p["organisation_id"]: p for p in passed["commitments"]["by_organisation"]}
    assert pledged[orgs[scenario.ZONNIG]]["hours"] == 4
    assert blocked["commitments"]["hours"] == 56 and blocked["commitments"]["budget"] == 10000

    people = {row["organisation_id"]: row for row in closing["organisations"]}
    assert people[orgs[scenario.WOONSTEDE]] == {
        "organisation_id": orgs[scenario.WOONSTEDE],
        "participants": 4,
        "in_room": 2,
        "remote": 2,
        "hours": 40,
        "budget": 10000,
    }
    assert people[orgs[scenario.ZONNIG]]["participants"] == 1
    assert closing["participants"] == 8

    # Nothing in it names a person or carries a text somebody wrote.
    text = json.dumps(closing, ensure_ascii=False)
    for name in ("Anne", "Carla", scenario.OBJECTION, scenario.CONCERN_SMALL, *scenario.PRIVATE_REFLECTIONS):
        assert name not in text


def test_phones_get_the_end_and_their_ambitions_with_the_goals_they_went_into(client, db, live):
    played = scenario.run(scenario.InProcess(client, db))
    anne = live.participant(played.created, played.people[0]["token"])
    state = last(anne, "state")
    assert state["workshop"]["ended"] and state["closing"]["goals"]
    mine = anne.emit("my_answers", {}, callback=True)["answers"]
    ambitions = [a for a in mine if a["kind"] == "ambitions"]
    assert [a["answer"]["text"] for a in ambitions] == [scenario.AMBITIONS[0][1]]
    went_into = [g["text"] for g in state["goals"] if ambitions[0]["id"] in g["source_answer_ids"]]
    assert went_into == [scenario.GOALS[0][0]]


def test_an_unrevealed_consent_round_stays_out_of_the_summary(client, db, live):
    driver = scenario.InProcess(client, db)
    played = scenario.run(driver, end=False)
    driver.control("hide", played.activity_ids["consent"])
    driver.control("end")
    closing = last(live.screen(played.created), "state")["closing"]
    assert all(goal["consent"] is None for goal in closing["goals"])
    assert closing["goals"][0]["commitments"] is not None


def test_ending_and_resuming_reach_every_screen(client, db, live, workshops):
    created = workshops.create(language="nl")
    screen = live.screen(created)
    phone = live.participant(created, workshops.join(created)["token"])
    facilitator = live.facilitator(created)
    screen.get_received(), phone.get_received()
    assert facilitator.emit("control", {"action": "end"}, callback=True) == {"ok": True}
    for client_ in (screen, phone):
        state = last(client_, "state")
        assert state["workshop"]["ended"] and "closing" in state
        assert state["closing"]["goals"] == [] and state["closing"]["participants"] == 1
    assert facilitator.emit("control", {"action": "open", "activity_id": created["activity_id"]}, callback=True)["ok"]
    state = last(screen, "state")
    assert state["workshop"]["ended"] is False and "closing" not in state
    assert state["current"]["id"] == created["activity_id"]


def test_only_the_facilitator_ends_the_session(live, workshops):
    created = workshops.create()
    phone = live.participant(created, workshops.join(created)["token"])
    reply = phone.emit("control", {"action": "end"}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
    reply = workshops.client.post(f"/api/workshops/{created['code']}/control", json={"action": "end"})
    assert reply.status_code == 401
