"""The goal composer's suggested groups, over Socket.IO: only the facilitator, only ambitions not yet in a goal."""

from tests.support.live import assert_error
from tests.support.workshops import ambition, submission

SOLAR = ["Solar panels on every suitable roof", "Put solar panels on the roofs of our flats", "Solar panels for every tenant"]


def test_suggestions_group_similar_ambitions_and_skip_those_already_in_a_goal(workshops, live):
    created = workshops.create()
    workshops.open(created)
    phones = [live.participant(created, workshops.join(created, org=i % 2)["token"]) for i in range(3)]
    texts = SOLAR + ["Joint procurement of maintenance", "Procurement of maintenance together"]
    for index, text in enumerate(texts):
        ack = phones[index % 3].emit("submit", submission(created["activity_id"], ambition(text)), callback=True)
        assert ack["ok"], ack
    facilitator = live.facilitator(created)
    ack = facilitator.emit("goal_suggestions", {}, callback=True)
    assert ack["ok"], ack
    found = ack["suggestions"]
    assert len(found) == 2
    assert found[0]["text"] in SOLAR and len(found[0]["answer_ids"]) == 3
    assert "solar" in found[0]["keywords"]

    goal = facilitator.emit("goal_add", {"text": "Solar on our roofs", "answer_ids": found[0]["answer_ids"]}, callback=True)
    assert goal["ok"], goal
    again = facilitator.emit("goal_suggestions", {}, callback=True)["suggestions"]
    assert len(again) == 1 and len(again[0]["answer_ids"]) == 2


def test_only_the_facilitator_gets_suggestions(workshops, live):
    created = workshops.create()
    phone = live.participant(created, workshops.join(created)["token"])
    assert_error(phone.emit("goal_suggestions", {}, callback=True), "forbidden")
    screen = live.screen(created)
    assert_error(screen.emit("goal_suggestions", {}, callback=True), "forbidden")
