"""What the projector shows and who may watch it: remote viewers, room/remote split, the divergence view,
and what counts for an organisation on its own phones."""

from tests.support.live import assert_error, events, last
from tests.support.workshops import submission


def viewer(live, created, token=None):
    """The projector's view opened from a phone page: no screen key, the participant's cookie instead."""
    headers = {"Cookie": f"samenspel_{created['code']}={token}"} if token else {}
    return live._connect({"role": "screen", "code": created["code"]}, headers=headers)


def test_a_participant_watches_the_projector_without_the_screen_key(workshops, workshop, live):
    remote = workshops.join(workshop, 1, presence="remote")
    watching = viewer(live, workshop, remote["token"])
    assert watching.is_connected()
    state = last(watching, "state")
    assert state["workshop"]["code"] == workshop["code"]
    assert "participant" not in state and "mine" not in state and "screen_key" not in state
    # A viewer is neither a screen nor a participant's phone in the facilitator's counts.
    facilitator = live.facilitator(workshop)
    presence = last(facilitator, "state")["presence"]
    assert presence["screens"] == 0 and presence["connected"] == 0


def test_no_key_and_no_participant_of_this_workshop_is_refused(workshops, workshop, live):
    assert not viewer(live, workshop).is_connected()
    other = workshops.create(title="Another workshop")
    stranger = workshops.join(other, 0)
    assert not viewer(live, workshop, stranger["token"]).is_connected()


def test_the_screen_splits_room_and_remote_and_hides_a_part_below_the_threshold(workshops, workshop, live):
    workshops.open(workshop)
    facilitator = live.facilitator(workshop)
    assert facilitator.emit("settings", {"privacy_threshold": 2, "screen_presence": "split"}, callback=True)["ok"]
    room = [workshops.join(workshop, 0, presence="room") for _ in range(2)]
    away = workshops.join(workshop, 1, presence="remote")
    for person in [*room, away]:
        phone = live.participant(workshop, person["token"])
        assert phone.emit("submit", submission(workshop["activity_id"]), callback=True)["ok"]
    screen = live.screen(workshop)
    results = last(screen, "results")
    assert results["respondents"] == 3 and results["data"] is not None
    split = results["split"]
    assert split["room"]["presence"] == "room" and split["room"]["respondents"] == 2 and split["room"]["data"]
    assert split["remote"]["too_few"] is True and split["remote"]["data"] is None
    # Only the room: the projector's own payload is the room's part.
    assert facilitator.emit("settings", {"screen_presence": "room"}, callback=True)["ok"]
    pushed = events(screen, "results")[-1]
    assert pushed["presence"] == "room" and pushed["respondents"] == 2 and "split" not in pushed
    assert_error(facilitator.emit("settings", {"screen_presence": "everybody"}, callback=True))


def test_the_divergence_view_is_for_dot_voting_only_and_for_the_current_activity(workshops, live):
    created = workshops.create(
        agenda=[{"kind": "ambitions", "title": "Ambitions"}, {"kind": "dot_voting", "title": "Vote"}],
    )
    facilitator = live.facilitator(created)
    workshops.control(created, "open", created["activity_ids"][0])
    assert_error(facilitator.emit("settings", {"screen_view": "divergence"}, callback=True), "invalid_input")
    workshops.control(created, "open", created["activity_ids"][1])
    assert facilitator.emit("settings", {"screen_view": "divergence"}, callback=True)["ok"]
    chosen = last(facilitator, "state")["workshop"]["settings"]["screen_view"]
    assert chosen == {"activity_id": created["activity_ids"][1], "view": "divergence"}
    assert facilitator.emit("settings", {"screen_view": "results"}, callback=True)["ok"]
    assert "screen_view" not in last(facilitator, "state")["workshop"]["settings"]


def test_a_colleagues_pledge_reaches_my_phone_and_no_other_organisation(workshops, live):
    created = workshops.create(agenda=[{"kind": "commitments", "title": "Pledges"}])
    facilitator = live.facilitator(created)
    goal = facilitator.emit("goal_add", {"text": "Off gas together", "answer_ids": []}, callback=True)["goal"]["id"]
    workshops.open(created)
    anne, bram, els = (workshops.join(created, org, display_name=name) for org, name in ((0, "Anne"), (0, "Bram"), (1, "Els")))
    phones = [live.participant(created, p["token"]) for p in (anne, bram, els)]
    for phone in phones:
        phone.get_received()
    pledge = submission(created["activity_id"], {"pledges": {str(goal): {"hours": 40}}})
    assert phones[0].emit("submit", pledge, callback=True)["ok"]
    pledge = submission(created["activity_id"], {"pledges": {str(goal): {"hours": 16}}})
    assert phones[1].emit("submit", pledge, callback=True)["ok"]
    ours = events(phones[0], "ours")[-1]
    counting = ours["pledges"][str(goal)]["hours"]
    assert counting == {"amount": 16, "participant_id": bram["participant"]["id"], "display_name": "Bram"}
    assert ours["organisation_id"] == created["org_ids"][0]
    assert all(view["organisation_id"] != created["org_ids"][0] for view in events(phones[2], "ours"))
    # Asked again (a reload): the same, in the my_answers ack.
    again = phones[0].emit("my_answers", {"activity_id": created["activity_id"]}, callback=True)
    assert again["ours"]["pledges"][str(goal)]["hours"]["display_name"] == "Bram"


def test_an_ambition_missing_several_fields_gets_one_message_naming_all(workshops, workshop, live):
    workshops.open(workshop)
    person = workshops.join(workshop, 0)
    phone = live.participant(workshop, person["token"])
    error = assert_error(phone.emit("submit", submission(workshop["activity_id"], {"text": " "}), callback=True))
    assert error["message"] == "Still to fill in: text, value driver, and horizon."
    error = assert_error(
        phone.emit("submit", submission(workshop["activity_id"], {"text": "Heat pumps", "horizon": 3}), callback=True)
    )
    assert error["message"] == "Still to fill in: value driver."
