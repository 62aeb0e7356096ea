"""A reflection whose sharing changes gets a new id, so a named answer cannot be traced once anonymous."""

from tests.support.live import last


def test_switching_to_anonymous_gives_the_answer_a_new_id(workshops, live):
    created = workshops.create(agenda=[{"kind": "reflection", "title": "Wat maakt je moedig?"}])
    workshops.open(created)
    joined = workshops.join(created, display_name="Anna")
    phone = live.participant(created, joined["token"])
    facilitator = live.facilitator(created)

    def send(share, client_id):
        ack = phone.emit(
            "submit",
            {"activity_id": created["activity_id"], "client_id": client_id, "answer": {"text": "Loslaten", "share": share}},
            callback=True,
        )
        assert ack["ok"], ack
        return ack["answer"]["id"]

    named_id = send("named", "client-named-1")
    facilitator.get_received()
    anonymous_id = send("anonymous", "client-anon-01")
    assert anonymous_id != named_id

    shared = last(facilitator, "results")["data"]["shared"]
    assert [(a["display_name"], a["organisation_id"]) for a in shared] == [(None, None)]
    # Moderated by a random handle: neither the old nor the new row id is shown.
    assert {a["id"] for a in shared}.isdisjoint({named_id, anonymous_id})


def test_editing_the_text_keeps_the_same_row(workshops, live):
    created = workshops.create(agenda=[{"kind": "reflection", "title": "Welke vraag wordt niet gesteld?"}])
    workshops.open(created)
    phone = live.participant(created, workshops.join(created)["token"])
    first = phone.emit(
        "submit",
        {"activity_id": created["activity_id"], "client_id": "client-0001", "answer": {"text": "A", "share": "private"}},
        callback=True,
    )
    second = phone.emit(
        "submit",
        {"activity_id": created["activity_id"], "client_id": "client-0002", "answer": {"text": "B", "share": "private"}},
        callback=True,
    )
    assert first["answer"]["id"] == second["answer"]["id"]
